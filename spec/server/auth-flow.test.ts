// STATE=redis with two workers: the contract's happy path, revocation seen by every worker, the shared
// login limit, and metrics gathered from all workers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePrometheus } from '../../scripts/lib/stack/service-client.ts';
import type { Stack } from '../../scripts/lib/stack/stack.ts';
import {
  callProtected,
  distinctWorkers,
  email,
  login,
  logout,
  metricTotal,
  send,
  spread,
  startTestStack,
  tokenFor,
} from './helpers.ts';

const ACCOUNT_LIMIT = 6;

describe('auth service, STATE=redis, 2 workers', () => {
  let stack: Stack;
  before(async () => {
    stack = await startTestStack({ env: { LOGIN_LIMIT_PER_ACCOUNT: String(ACCOUNT_LIMIT) } });
  });
  after(() => stack?.stop());

  test('login, protected, logout, then the same token is refused', async () => {
    const loggedIn = await login(stack.baseUrl, email(1), stack.userPassword);
    assert.equal(loggedIn.status, 200);
    const body = loggedIn.json<{ access_token: string; token_type: string; expires_in: number }>();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 900);
    assert.match(body.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);

    const allowed = await callProtected(stack.baseUrl, body.access_token);
    assert.equal(allowed.status, 200);
    assert.equal(allowed.json().user, email(1));
    assert.equal(allowed.json().worker, allowed.worker);

    const loggedOut = await logout(stack.baseUrl, body.access_token);
    assert.equal(loggedOut.status, 200);

    const refused = await callProtected(stack.baseUrl, body.access_token);
    assert.equal(refused.status, 401);
    assert.equal(refused.json().message, 'token revoked');
    assert.equal(
      (await logout(stack.baseUrl, body.access_token)).status,
      401,
      'a revoked token cannot log out again',
    );
  });

  test('the revocation key is <prefix>:<iss>:<jti> with the token exp as absolute expiry', async () => {
    const token = await tokenFor(stack, 2);
    assert.equal((await logout(stack.baseUrl, token)).status, 200);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const { Redis } = await import('ioredis');
    const redis = new Redis(stack.redisUrl);
    try {
      const key = `revoked:${payload.iss}:${payload.jti}`;
      assert.equal(await redis.get(key), '1');
      assert.equal(await redis.call('EXPIRETIME', key), payload.exp);
    } finally {
      redis.disconnect();
    }
  });

  test('each call costs one Redis round trip: EXISTS (protected), SET (logout), EVALSHA (login)', async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(stack.redisUrl);
    // MONITOR shows every command a client sends; commands run inside a Lua script are marked "lua".
    const monitor = await redis.monitor();
    let seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua') seen.push(args[0].toLowerCase());
    });
    const commandsFor = async (action: () => Promise<unknown>) => {
      seen = [];
      await action();
      await sleep(50); // MONITOR output is asynchronous
      return seen.sort();
    };
    try {
      await tokenFor(stack, 5); // the first EVALSHA may meet NOSCRIPT and fall back to EVAL once
      let token = '';
      assert.deepEqual(
        await commandsFor(async () => {
          token = await tokenFor(stack, 6);
        }),
        ['evalsha'],
      );
      assert.deepEqual(
        await commandsFor(async () => {
          for (let i = 0; i < 4; i++) assert.equal((await callProtected(stack.baseUrl, token)).status, 200);
        }),
        ['exists', 'exists', 'exists', 'exists'],
      );
      assert.deepEqual(
        await commandsFor(async () => assert.equal((await logout(stack.baseUrl, token)).status, 200)),
        ['set'],
      );
    } finally {
      monitor.disconnect();
      redis.disconnect();
    }
  });

  test('a token revoked through one worker is refused by every worker', async () => {
    const token = await tokenFor(stack, 3);
    const loggedOut = await logout(stack.baseUrl, token);
    assert.equal(loggedOut.status, 200);
    const replies = await spread(
      () => callProtected(stack.baseUrl, token),
      (all) => all.length >= 6 && distinctWorkers(all).size >= 2,
    );
    const workers = distinctWorkers(replies);
    assert.ok(workers.size >= 2, `expected answers from 2+ workers, got ${[...workers]}`);
    assert.deepEqual(
      replies.map((reply) => reply.status),
      replies.map(() => 401),
    );
  });

  test('the per-account login limit is shared by all workers and answers 429 with Retry-After', async () => {
    const account = email(42);
    const attempts = [];
    for (let i = 0; i < ACCOUNT_LIMIT; i++)
      attempts.push(await login(stack.baseUrl, account, 'wrong password'));
    assert.deepEqual(
      attempts.map((reply) => reply.status),
      attempts.map(() => 401),
    );
    const workers = distinctWorkers(attempts);
    assert.ok(workers.size >= 2, `the attempts should reach 2+ workers, got ${[...workers]}`);

    const throttled = await login(stack.baseUrl, account, stack.userPassword);
    assert.equal(
      throttled.status,
      429,
      'the attempt after the limit is refused even with the right password',
    );
    const retryAfter = Number(throttled.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${throttled.headers['retry-after']}`);
    // Another account from the same IP is unaffected.
    assert.equal((await login(stack.baseUrl, email(43), stack.userPassword)).status, 200);
  });

  test('every response, including errors and 404, names its worker', async () => {
    for (const reply of [
      await send(stack.baseUrl, '/no/such/route'),
      await send(stack.baseUrl, '/api/protected'),
      await send(stack.baseUrl, '/health'),
      await send(stack.baseUrl, '/auth/login', {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
    ]) {
      assert.match(reply.worker, /^i1-w\d+$/, `${reply.status} ${reply.body}`);
    }
  });

  test('/health reports Redis up', async () => {
    const health = await send(stack.baseUrl, '/health');
    assert.equal(health.status, 200);
    assert.deepEqual(health.json(), { status: 'ok', redis: 'up', worker: health.worker });
  });

  test('/metrics aggregates every worker, whichever worker answers', async () => {
    const scrape = await send(stack.baseUrl, '/metrics');
    assert.equal(scrape.status, 200);
    assert.match(String(scrape.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const text = scrape.body;
    const rssWorkers = [...text.matchAll(/^auth_worker_rss_bytes\{worker="(\d+)"\} \d+$/gm)].map((m) => m[1]);
    assert.equal(new Set(rssWorkers).size, 2, text);
    assert.match(text, /^auth_worker_heap_used_bytes\{worker="\d+"\} \d+$/m);
    assert.match(
      text,
      /^auth_http_requests_total\{worker="\d+",route="\/auth\/login",method="POST",status="200"\} \d+$/m,
    );
    assert.match(
      text,
      /^auth_http_request_duration_seconds_bucket\{le="\+Inf",worker="\d+",route="\/api\/protected",.*\} \d+$/m,
    );
    assert.match(text, /^auth_login_rate_limited_total\{worker="\d+",scope="account"\} [1-9]/m);
    const revocations = [...text.matchAll(/^auth_revocations_total\{worker="\d+"\} (\d+)$/gm)];
    assert.ok(revocations.reduce((sum, m) => sum + Number(m[1]), 0) >= 3);
    assert.match(text, /^auth_worker_restarts_total 0$/m);
    assert.match(text, /^auth_workers_alive 2$/m);
  });

  test('/metrics counts auth operations per worker: logins by outcome, limiter, refusals, fail-closed', async () => {
    const text = (await send(stack.baseUrl, '/metrics')).body;
    const total = (name: string, labels: Record<string, string> = {}) => metricTotal(text, name, labels);
    for (const name of [
      'auth_logins_total',
      'auth_login_limiter_decisions_total',
      'auth_revoked_token_refusals_total',
      'auth_fail_closed_total',
    ]) {
      const workers = parsePrometheus(text)
        .filter((s) => s.name === name)
        .map((s) => s.labels.worker);
      assert.equal(new Set(workers).size, 2, `${name} has a series per worker: ${workers}`);
    }
    // The earlier tests: ACCOUNT_LIMIT wrong passwords, then one throttled login, and several successes.
    assert.ok(total('auth_logins_total', { outcome: 'invalid_credentials' }) >= ACCOUNT_LIMIT);
    assert.ok(total('auth_logins_total', { outcome: 'rate_limited' }) >= 1);
    assert.ok(total('auth_logins_total', { outcome: 'success' }) >= 2);
    // Every 429 is one refusal by the limiter, and every other answered login one "allowed".
    assert.equal(
      total('auth_logins_total', { outcome: 'rate_limited' }),
      total('auth_login_limiter_decisions_total', { decision: 'account' }) +
        total('auth_login_limiter_decisions_total', { decision: 'ip' }),
    );
    assert.equal(
      total('auth_logins_total') - total('auth_logins_total', { outcome: 'rate_limited' }),
      total('auth_login_limiter_decisions_total', { decision: 'allowed' }),
    );
    assert.ok(total('auth_revoked_token_refusals_total', { route: 'protected' }) >= 1);
    assert.ok(total('auth_revoked_token_refusals_total', { route: 'logout' }) >= 1);
    assert.equal(total('auth_fail_closed_total'), 0, 'Redis was up throughout');
    const cpu = parsePrometheus(text).filter((s) => s.name === 'auth_worker_cpu_seconds_total');
    assert.equal(cpu.length, 2, 'CPU seconds per worker');
    for (const sample of cpu) assert.ok(sample.value > 0, `worker ${sample.labels.worker} used CPU`);
  });
});
