// The cluster primary replaces a worker that dies, counts it in /metrics, and on SIGTERM drains:
// requests already in flight are answered before the service exits 0.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stack } from '../../scripts/lib/stack.ts';
import { email, login, send, startTestStack } from './helpers.ts';

function childPids(parent: number): number[] {
  const out = execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map(Number);
}

/** Undefined when the scrape fails: a connection the primary hands to a worker at the instant it is
 * killed is lost with it (Node cluster behaviour), so the first probe after the kill may time out. */
async function metric(baseUrl: string, line: RegExp): Promise<number | undefined> {
  try {
    const match = line.exec((await send(baseUrl, '/metrics', { timeoutMs: 1_000 })).body);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

describe('cluster lifecycle', () => {
  let stack: Stack;
  before(async () => {
    // A higher scrypt cost keeps logins in flight long enough to overlap the drain.
    stack = await startTestStack({ env: { SCRYPT_COST: '14' } });
  });
  after(() => stack?.stop());

  test('a worker that dies is replaced and counted', async () => {
    const [victim] = childPids(stack.service.pid);
    process.kill(victim, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    let alive: number | undefined;
    let restarts: number | undefined;
    while (Date.now() < deadline) {
      alive = await metric(stack.baseUrl, /^auth_workers_alive (\d+)$/m);
      restarts = await metric(stack.baseUrl, /^auth_worker_restarts_total (\d+)$/m);
      if (alive === 2 && restarts === 1 && childPids(stack.service.pid).length === 2) break;
      await sleep(100);
    }
    assert.equal(restarts, 1);
    assert.equal(alive, 2);
    assert.ok(!childPids(stack.service.pid).includes(victim));
    assert.equal((await send(stack.baseUrl, '/health')).status, 200);
  });

  test('SIGTERM drains: in-flight logins are answered, then the service exits 0', async () => {
    const inFlight = Array.from({ length: 12 }, (_, i) =>
      login(stack.baseUrl, email(100 + i), stack.userPassword),
    );
    await sleep(50); // let the connections reach the workers
    const exited = new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        try {
          process.kill(stack.service.pid, 0);
        } catch {
          clearInterval(timer);
          resolve(0);
        }
      }, 20);
    });
    process.kill(stack.service.pid, 'SIGTERM');
    const replies = await Promise.all(inFlight);
    assert.deepEqual(
      replies.map((reply) => reply.status),
      replies.map(() => 200),
    );
    await exited;
    const log = (await import('node:fs')).readFileSync(stack.service.logFile, 'utf8');
    assert.ok(!/"level":"(error|fatal)"/.test(log), log);
  });
});
