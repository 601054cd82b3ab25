// The suite against the real reference service: it passes a correct cluster (shared state in Redis) and
// fails, with exit 99 naming revoked_token_accepted, the same cluster with per-worker memory state.
// Runs are scaled down to seconds and tens of users so the whole file stays around two minutes, and use
// bundles whose timing bounds are relaxed (helpers/k6.ts planWithoutTimingGates): these specs prove
// behaviour, and timing is measured by npm start, not asserted here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REFERENCE_LOGIN_LIMIT } from '../../lib/login-limit-setting.ts';
import { projectRoot, reportsDir } from '../../scripts/lib/paths.ts';
import { freePort } from '../../scripts/lib/stack/free-port.ts';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import { type Stack, startStack } from '../../scripts/lib/stack/stack.ts';
import { buildBundles, bundlePath, k6 } from '../helpers/k6.ts';
import { bundleRunner, count, crossedThresholds } from '../helpers/k6-runs.ts';
import { email } from '../server/helpers.ts';

const WORKERS = 2;
const SCRIPT_ABORTED = 108;
/** A stress-5000 run a shared 2-core machine can afford: 40 users for 20 s, 18 of them steady. */
const SCALED_STRESS = { USERS: 40, SPAWN_RATE: 20, DURATION: '20s', THINK_MIN_S: 0.2, THINK_MAX_S: 0.5 };

const runner = bundleRunner('suite');
after(() => runner.remove());

/** Runs one bundle against the stack; k6's --summary-export gives the numbers independent of the report. */
function runBundle(test: string, stack: Stack | undefined, env: Record<string, string | number> = {}) {
  return runner.run(test, {
    BASE_URL: stack?.baseUrl ?? '',
    USER_PASSWORD: stack?.userPassword ?? 'x',
    REDIS_URL: stack?.redisUrl,
    // The reference service's limit, as the plan runner tells smoke.
    LOGIN_LIMIT_PER_ACCOUNT: REFERENCE_LOGIN_LIMIT,
    ...env,
  });
}

describe('against a correct cluster (STATE=redis, 2 workers)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      workers: WORKERS,
      state: 'redis',
      userCount: 100,
      env: { SCRYPT_COST: '10' },
    });
  });
  after(() => stack?.stop());

  it('smoke passes, and the Redis probe finds every revocation', async () => {
    const run = await runBundle('smoke', stack);
    assert.equal(run.result.code, 0, run.result.output);
    assert.equal(run.summary?.metrics.http_req_failed?.value, 0);
    assert.ok(count(run, 'revocation_checks') > 0, 'revocations were checked');
    const synced = run.summary?.metrics.blacklist_synced;
    assert.equal(synced?.value, 1, 'every probed revocation was in Redis with a sane TTL');
    assert.ok((synced?.passes ?? 0) > 0, 'the probe ran');
    assert.ok((run.summary?.metrics.redis_used_memory_mb?.max ?? 0) > 0, 'the monitor sampled INFO');
    assert.match(run.result.output, /login limit: 429 after \d+ wrong-password logins for one account/);
  });

  it('state-sync passes: every revoked-token call refused, on both workers', async () => {
    const run = await runBundle('state-sync', stack);
    assert.equal(run.result.code, 0, run.result.output);
    assert.equal(count(run, 'state_sync_errors'), 0);
    assert.ok(count(run, 'revocation_checks') >= 10);
    assert.ok((run.summary?.metrics.state_sync_workers?.max ?? 0) >= 2, 'X-Worker-Id named both workers');
  });

  it('a REVOCATION_KEY that matches nothing fails the probe: exit 99 naming blacklist_synced', async () => {
    // Accounts of its own (USER_OFFSET): the service limits logins per account, and the runs above used 0 and 1.
    const run = await runBundle('smoke', stack, { REVOCATION_KEY: 'nothing:{jti}', USER_OFFSET: 30 });
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(crossedThresholds(run.result.output), /\bblacklist_synced\b/);
    assert.match(run.result.output, /no key matching REVOCATION_KEY \\?"nothing:\{jti\}\\?"/);
  });

  it('the contract check walks the reference service and finds every step as configured', async () => {
    // Its own account: the runs above spent user 0's login limit.
    const run = await runBundle('contract', stack, { USER_OFFSET: 50 });
    assert.equal(run.result.code, 0, run.result.output);
    assert.match(
      run.result.output,
      /ok\s+denylist expiry\s+expires in \d+(\.\d)? s; expected the token's remaining life/,
    );
    assert.match(run.result.output, /contract: every step as configured/);
  });

  it('ACCOUNTS_FILE gives each account its own password (no USER_PASSWORD needed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-loadtest-accounts-'));
    try {
      const file = join(dir, 'accounts.csv');
      const rows = [20, 21].map((i) => `${email(i)},"${stack.userPassword}"`);
      writeFileSync(file, `email,password\n${rows.join('\n')}\n`);
      const run = await runBundle('smoke', stack, {
        USER_PASSWORD: '',
        ACCOUNTS_FILE: file,
        DURATION: '5s',
        LOGIN_LIMIT_PER_ACCOUNT: 'off',
      });
      assert.equal(run.result.code, 0, run.result.output);
      assert.ok(count(run, 'revocation_checks') > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bare `k6 run build/smoke.js` from the project root leaves the source tree as it was', async () => {
    const status = () =>
      spawnSync('git', ['status', '--porcelain'], { cwd: projectRoot, encoding: 'utf8' }).stdout;
    await buildBundles();
    mkdirSync(reportsDir, { recursive: true }); // what npm run build makes; git-ignored
    const before = status();
    const result = await k6({
      command: 'run',
      script: bundlePath('smoke'),
      env: {
        BASE_URL: stack.baseUrl,
        USER_PASSWORD: stack.userPassword,
        // Accounts of its own: the runs above spent the login limit of users 0 and 1.
        USER_OFFSET: 70,
        REDIS_URL: 'off',
        LOGIN_LIMIT_PER_ACCOUNT: 'off',
        DURATION: '3s',
        // Each smoke iteration logs in, and the service allows 10 logins per account a minute: at least
        // 0.5 s per iteration keeps each user under 8 logins (0.2 s let one reach 11 and get a 429).
        THINK_MIN_S: 0.5,
        THINK_MAX_S: 0.8,
      },
    });
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /opted out: REDIS_URL=off \(not judged: blacklist_synced_rate/);
    const written = /reports {4}(\S+\.summary\.json), (\S+), (\S+)/.exec(result.output);
    assert.ok(written, `the run names its report files:\n${result.output}`);
    try {
      assert.match(
        written[1] ?? '',
        /^reports\/smoke-\d{8}-\d{6}\.summary\.json$/,
        'in ./reports, git-ignored',
      );
      assert.equal(status(), before);
    } finally {
      for (const file of written.slice(1)) rmSync(join(projectRoot, file ?? ''), { force: true });
    }
  });

  it('without REDIS_URL the probe criteria are NOT RUN and fail the gate (exit 99)', async () => {
    const run = await runBundle('smoke', stack, {
      REDIS_URL: '',
      USER_OFFSET: 72,
      LOGIN_LIMIT_PER_ACCOUNT: 'off',
    });
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(
      run.result.output,
      /NOT RUN Revocations found in Redis \(blacklist_synced_rate, target\): REDIS_URL is not set/,
    );
    assert.match(crossedThresholds(run.result.output), /\bblacklist_checks\b/);
    assert.match(crossedThresholds(run.result.output), /\bredis_monitor_samples\b/);
    assert.ok(count(run, 'revocation_checks') > 0, 'everything else ran and was measured');
  });

  it('a wrong USER_PASSWORD stops k6 in setup with a message, before any load', async () => {
    const run = await runBundle('smoke', stack, { USER_PASSWORD: 'not-the-password', USER_OFFSET: 60 });
    assert.equal(run.result.code, SCRIPT_ABORTED, run.result.output);
    assert.match(
      run.result.output,
      /POST \/auth\/login as user61@example\.com answered 401: check USER_PASSWORD/,
    );
    assert.doesNotMatch(run.result.output, /not-the-password/);
    assert.equal(count(run, 'iterations'), 0, 'no virtual user ran');
  });

  it('a scaled stress-5000 passes with throughput judged on the steady window', async () => {
    const run = await runBundle('stress-5000', stack, SCALED_STRESS);
    assert.equal(run.result.code, 0, run.result.output);
    // The scaled target: 1000 req/s x 40/5000 users = 8 req/s over 18 steady seconds.
    const steadyRate = count(run, 'steady_requests') / 18;
    assert.ok(steadyRate > 8, `steady throughput ${steadyRate} req/s`);
    assert.equal(count(run, 'revoked_token_accepted'), 0);
    const p95 = run.summary?.metrics.redis_probe_duration?.['p(95)'];
    console.log(
      `scaled stress-5000: ${steadyRate.toFixed(1)} req/s steady, http p95 ` +
        `${run.summary?.metrics.http_req_duration?.['p(95)']?.toFixed(1)} ms, probe p95 ${p95} ms, ` +
        `${count(run, 'revocation_checks')} revocation checks`,
    );
  });
});

describe('against a cluster whose workers keep revocations in memory (STATE=memory, 2 workers)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      workers: WORKERS,
      state: 'memory',
      userCount: 100,
      env: { SCRYPT_COST: '10' },
    });
  });
  after(() => stack?.stop());

  it('state-sync fails with exit 99 naming revoked_token_accepted', async () => {
    const run = await runBundle('state-sync', stack);
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(crossedThresholds(run.result.output), /\brevoked_token_accepted\b/);
    assert.match(crossedThresholds(run.result.output), /\bstate_sync_errors\b/);
    assert.ok(count(run, 'revoked_token_accepted') > 0);
  });

  it('the scaled stress-5000 fails with exit 99 naming revoked_token_accepted', async () => {
    const run = await runBundle('stress-5000', stack, SCALED_STRESS);
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(crossedThresholds(run.result.output), /\brevoked_token_accepted\b/);
    assert.ok(count(run, 'revoked_token_accepted') > 0);
  });
});

describe('against nothing', () => {
  it('an unreachable BASE_URL stops k6 in setup with a message, before any load', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    // Scaled: initialising 5,000 virtual users before setup() would only slow the spec down.
    const run = await runBundle('stress-5000', undefined, { BASE_URL: baseUrl, ...SCALED_STRESS });
    assert.equal(run.result.code, SCRIPT_ABORTED, run.result.output);
    assert.match(run.result.output, new RegExp(`preflight: BASE_URL is unreachable: ${baseUrl}`));
    assert.equal(count(run, 'iterations'), 0, 'no virtual user ran');
    assert.equal(count(run, 'http_reqs'), 1, 'only the preflight request');
  });
});
