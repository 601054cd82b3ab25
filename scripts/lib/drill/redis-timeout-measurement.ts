// Measures what REDIS_COMMAND_TIMEOUT_MS trades: a short timeout makes protected calls fail closed (503)
// when the worker's event loop is merely late under CPU saturation (the reply is in the socket, the
// timer fires first); a long one holds every request for that long when Redis hangs, and keeps answers
// slow while a restarted Redis catches up. One service per timeout value, three phases under the same
// saturating k6 load: no outage, Redis stopped and restarted, Redis frozen (SIGSTOP) and resumed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { trackChild } from '../stack/cleanup.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { login, parsePrometheus } from '../stack/service-client.ts';
import { type Stack, startStack } from '../stack/stack.ts';

export interface MeasureOptions {
  timeoutMs: number;
  vus: number;
  /** Length of the no-outage phase. */
  loadS: number;
  /** How long Redis stays stopped, or frozen. */
  outageS: number;
}

export interface TimeoutMeasurement {
  timeoutMs: number;
  /** Protected calls answered during the no-outage phase, and how many of them were 503. */
  saturatedCalls: number;
  saturated503: number;
  /** From Redis answering PING again until both workers answered 200 (under load). */
  restartRecoveryMs: number;
  /** Protected calls answered 503 from Redis answering PING again until the load ended. */
  restart503After: number;
  /** How long a protected call waited for its 503 while Redis was frozen (under load). */
  frozenAnswerMs: number;
  frozenStatus: number;
  /** From SIGCONT until both workers answered 200 (under load). */
  frozenRecoveryMs: number;
}

// Plain JavaScript for k6: every VU calls the protected route back to back with one of the tokens.
const K6_SCRIPT = `
import http from 'k6/http';
const tokens = JSON.parse(__ENV.TOKENS);
export const options = { vus: Number(__ENV.VUS), duration: __ENV.DURATION, discardResponseBodies: true };
export default function () {
  http.get(__ENV.BASE_URL + '/api/protected', {
    headers: { Authorization: 'Bearer ' + tokens[__VU % tokens.length] },
  });
}
`;

function runLoad(k6: K6Binary, script: string, env: Record<string, string>): Promise<number> {
  const child = spawn(k6.path, ['run', '--quiet', script], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const untrack = trackChild(child, 'k6 redis-timeout load');
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      untrack();
      resolve(code ?? 1);
    }),
  );
}

/** One protected call on its own connection (so the cluster may pick either worker). */
function probe(baseUrl: string, token: string): Promise<{ status: number; worker: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}/api/protected`,
      { headers: { authorization: `Bearer ${token}` }, agent: false, timeout: 30_000 },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            worker: String(res.headers['x-worker-id'] ?? ''),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, worker: '', ms: performance.now() - started }));
    req.end();
  });
}

/** Milliseconds until two consecutive calls answered 200 from two different workers. */
async function timeToBothWorkers200(baseUrl: string, token: string, limitMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const first = await probe(baseUrl, token);
    const second = await probe(baseUrl, token);
    if (first.status === 200 && second.status === 200 && first.worker !== second.worker) {
      return performance.now() - started;
    }
    await sleep(10);
  }
  return Number.POSITIVE_INFINITY;
}

async function protectedCounts(baseUrl: string): Promise<{ all: number; unavailable: number }> {
  let all = 0;
  let unavailable = 0;
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  for (const sample of parsePrometheus(text)) {
    if (sample.name !== 'auth_http_requests_total' || sample.labels.route !== '/api/protected') continue;
    all += sample.value;
    if (sample.labels.status === '503') unavailable += sample.value;
  }
  return { all, unavailable };
}

async function tokensFor(stack: Stack, count: number): Promise<string[]> {
  const target = { baseUrl: stack.baseUrl, userPassword: stack.userPassword };
  const tokens: string[] = [];
  for (let account = 0; account < count; account++) {
    const token = await login(target, account);
    if (token === undefined) throw new Error(`login of user${account} failed`);
    tokens.push(token);
  }
  return tokens;
}

export async function measureTimeout(k6: K6Binary, options: MeasureOptions): Promise<TimeoutMeasurement> {
  const scratch = mkdtempSync(join(tmpdir(), 'redis-timeout-'));
  const script = join(scratch, 'load.js');
  writeFileSync(script, K6_SCRIPT);
  const stack = await startStack({
    workers: 2,
    state: 'redis',
    userCount: 1_000,
    env: { SCRYPT_COST: '10', REDIS_COMMAND_TIMEOUT_MS: String(options.timeoutMs) },
  });
  try {
    const tokens = await tokensFor(stack, 20);
    const [probeToken] = tokens;
    const load = (seconds: number) =>
      runLoad(k6, script, {
        BASE_URL: stack.baseUrl,
        TOKENS: JSON.stringify(tokens),
        VUS: String(options.vus),
        DURATION: `${seconds}s`,
      });

    const before = await protectedCounts(stack.baseUrl);
    await load(options.loadS);
    const after = await protectedCounts(stack.baseUrl);

    const rampS = 3;
    const tailS = 6;
    let loadDone = load(rampS + options.outageS + tailS);
    await sleep(rampS * 1000);
    await stack.redis.stop('SIGTERM');
    await sleep(options.outageS * 1000);
    await stack.redis.restart();
    const backAt = await protectedCounts(stack.baseUrl);
    const restartRecoveryMs = await timeToBothWorkers200(stack.baseUrl, probeToken);
    await loadDone;
    const loadEnd = await protectedCounts(stack.baseUrl);

    loadDone = load(rampS + options.outageS + tailS);
    await sleep(rampS * 1000);
    process.kill(stack.redis.pid, 'SIGSTOP');
    let frozen: { status: number; ms: number };
    try {
      const frozenSince = performance.now();
      frozen = await probe(stack.baseUrl, probeToken);
      await sleep(Math.max(0, options.outageS * 1000 - (performance.now() - frozenSince)));
    } finally {
      process.kill(stack.redis.pid, 'SIGCONT');
    }
    const frozenRecoveryMs = await timeToBothWorkers200(stack.baseUrl, probeToken);
    await loadDone;

    return {
      timeoutMs: options.timeoutMs,
      saturatedCalls: after.all - before.all,
      saturated503: after.unavailable - before.unavailable,
      restartRecoveryMs,
      restart503After: loadEnd.unavailable - backAt.unavailable,
      frozenAnswerMs: frozen.ms,
      frozenStatus: frozen.status,
      frozenRecoveryMs,
    };
  } finally {
    await stack.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
