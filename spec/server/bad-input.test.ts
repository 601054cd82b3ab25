// Hostile or broken requests, generated from small tables (bad-input-cases.ts): each must get its 4xx,
// none a 5xx or no answer at all, every answer must carry X-Worker-Id, and the service must still serve a
// valid token afterwards. Fresh connections, a few at a time, so the cluster spreads them over its workers.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Stack } from '../../scripts/lib/stack/stack.ts';
import { badInputCases, type Case, type Expect } from './bad-input-cases.ts';
import { bearer, type RequestOptions, send, startTestStack, tokenFor } from './helpers.ts';

const BATCH = 8;
const ANSWER_TIMEOUT_MS = 5_000;

const json = (body: string): RequestOptions => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});

interface Answer {
  status: number;
  worker: string;
  body: string;
  /** Set when no answer came (timeout, reset). */
  failure?: string;
}

/** Bytes straight onto a socket; the answer's status line and X-Worker-Id are read from what comes back. */
function sendRaw(baseUrl: string, bytes: Buffer): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    // write, not end: Node's server drops a half-closed connection before a slower route has answered.
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    const finish = (failure?: string) => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1] ?? 0);
      const worker = /\r\nx-worker-id: (i\d+-w\d+)\r\n/i.exec(answer)?.[1] ?? '';
      resolve({
        status,
        worker,
        body: answer.split('\r\n\r\n')[1] ?? '',
        failure: status ? undefined : failure,
      });
    };
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => finish('no answer (timeout)'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => finish('connection closed without an answer'));
    socket.on('error', (error) => finish(error.message));
  });
}

async function answer(baseUrl: string, entry: Case, token: string): Promise<Answer> {
  const request = entry.request(token);
  if ('raw' in request) return sendRaw(baseUrl, request.raw);
  try {
    const reply = await send(baseUrl, entry.path, { ...request, timeoutMs: ANSWER_TIMEOUT_MS });
    return { status: reply.status, worker: reply.worker, body: reply.body };
  } catch (error) {
    // A server may answer a huge body early (413) and close while the client is still writing it.
    return { status: 0, worker: '', body: '', failure: (error as Error).message };
  }
}

const meets = (status: number, expect: Expect) =>
  expect === '4xx' ? status >= 400 && status < 500 : status === expect;

/** A request line Node's HTTP parser rejects before Fastify sees it. */
function rawRequest(baseUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('bad input never produces a 5xx', () => {
  let stack: Stack;
  let token: string;
  before(async () => {
    stack = await startTestStack();
    token = await tokenFor(stack, 1);
  });
  after(() => stack?.stop());

  test('a generated matrix of bad requests: each its 4xx, never a 5xx, never a hang', async (t) => {
    const cases = badInputCases();
    const outcomes: Array<{ entry: Case; answer: Answer }> = [];
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const answers = await Promise.all(batch.map((entry) => answer(stack.baseUrl, entry, token)));
      for (const [index, entry] of batch.entries()) outcomes.push({ entry, answer: answers[index] });
    }
    t.diagnostic(`${outcomes.length} bad requests`);
    const byStatus = new Map<number, number>();
    for (const { answer } of outcomes) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    t.diagnostic(`statuses: ${[...byStatus].map(([status, count]) => `${status}x${count}`).join(' ')}`);

    assert.ok(outcomes.length >= 200, `only ${outcomes.length} cases`);
    assert.deepEqual(
      outcomes
        .filter(({ entry, answer }) => !meets(answer.status, entry.expect))
        .map(
          ({ entry, answer }) =>
            `${entry.name}: expected ${entry.expect}, got ${answer.failure ?? answer.status} ${answer.body.slice(0, 200)}`,
        ),
      [],
    );
    assert.deepEqual(
      outcomes.filter(({ answer }) => !/^i\d+-w\d+$/.test(answer.worker)).map(({ entry }) => entry.name),
      [],
      'every answer carries X-Worker-Id',
    );
    // Nothing above revoked or broke the token used for the mutations, and new logins still work.
    assert.equal((await send(stack.baseUrl, '/api/protected', { headers: bearer(token) })).status, 200);
    const fresh = await tokenFor(stack, 2);
    assert.equal((await send(stack.baseUrl, '/api/protected', { headers: bearer(fresh) })).status, 200);
  });

  test('a malformed request line gets 400 from the HTTP parser, with X-Worker-Id', async () => {
    const answer = await rawRequest(stack.baseUrl, 'GARBAGE\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /\r\nX-Worker-Id: i\d+-w\d+\r\n/);
  });

  test('error messages do not echo the request', async () => {
    const marker = 'ECHO-MARKER-1234';
    const reply = await send(stack.baseUrl, '/auth/login', json(`{"email": "${marker}`));
    assert.equal(reply.status, 400);
    assert.ok(!reply.body.includes(marker), reply.body);
  });
});
