// The cluster primary replaces a worker that dies, counts it in /metrics, and on SIGTERM drains:
// requests already in flight are answered before the service exits 0.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stack } from '../../scripts/lib/stack/stack.ts';
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
    stack = await startTestStack({ env: { SCRYPT_COST: '16' } });
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
    const sentAt = performance.now();
    const inFlight = Array.from({ length: 12 }, (_, i) =>
      login(stack.baseUrl, email(100 + i), stack.userPassword).then((reply) => ({
        reply,
        doneMs: performance.now() - sentAt,
      })),
    );
    // Long enough for every request to have been received (a connection whose request has not been read
    // yet counts as idle and is closed by the drain), short next to 12 logins at SCRYPT_COST=16.
    await sleep(300);
    const sigtermMs = performance.now() - sentAt;
    process.kill(stack.service.pid, 'SIGTERM');
    const answers = await Promise.all(inFlight);
    assert.deepEqual(
      answers.map(({ reply }) => reply.status),
      answers.map(() => 200),
    );
    assert.ok(
      answers.some(({ doneMs }) => doneMs > sigtermMs),
      'some logins were still in flight when SIGTERM arrived',
    );
    assert.deepEqual(await stack.service.exited, { code: 0, signal: null });
    const log = readFileSync(stack.service.logFile, 'utf8');
    assert.ok(!/"level":"(error|fatal)"/.test(log), log);
  });

  test('SIGTERM while a replacement worker is still starting: it is drained too', async () => {
    const fresh = await startTestStack({ env: { SCRYPT_COST: '16' } });
    try {
      process.kill(childPids(fresh.service.pid)[0], 'SIGKILL');
      await sleep(150); // the replacement is forked after 100 ms and needs longer than that to listen
      const started = performance.now();
      process.kill(fresh.service.pid, 'SIGTERM');
      assert.deepEqual(await fresh.service.exited, { code: 0, signal: null });
      assert.ok(performance.now() - started < 5_000, 'drained well before the 10 s deadline');
    } finally {
      await fresh.stop();
    }
  });
});
