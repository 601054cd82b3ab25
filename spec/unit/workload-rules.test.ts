// The pure rules the workloads and the Redis probe rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIXED_WEIGHTS } from '../../lib/mixed-weights.ts';
import { vuInSample } from '../../lib/probe-sample.ts';
import { baselineOf, parseRedisInfo, sampleOf } from '../../lib/redis-info.ts';
import { tamperedToken } from '../../lib/tampered-token.ts';
import { pickWeighted } from '../../lib/weighted-choice.ts';

describe('redis probe sampling', () => {
  it('samples every (1/PROBE_SAMPLE)-th user, starting with the first', () => {
    const sampled = (sample: number, users: number) =>
      Array.from({ length: users }, (_, i) => i + 1).filter((vu) => vuInSample(vu, sample));
    assert.deepEqual(sampled(0.1, 30), [1, 11, 21]);
    assert.equal(sampled(0.1, 10000).length, 1000);
    assert.equal(sampled(1, 50).length, 50);
    assert.deepEqual(sampled(0.5, 6), [1, 3, 5]);
  });
});

describe('redis INFO', () => {
  const info = (rejected: number, evicted: number) =>
    parseRedisInfo(
      `# Memory\r\nused_memory:${3 * 1024 * 1024}\r\nused_memory_human:3.00M\r\n\r\n# Clients\r\n` +
        `connected_clients:12\r\n# Stats\r\nrejected_connections:${rejected}\r\nevicted_keys:${evicted}\r\n` +
        'instantaneous_ops_per_sec:850\r\n',
    );

  it('reports memory in MB and counters as growth since the first sample', () => {
    const baseline = baselineOf(info(4, 7));
    assert.deepEqual(sampleOf(info(4, 7), baseline), {
      usedMemoryMb: 3,
      connectedClients: 12,
      rejectedConnections: 0,
      evictedKeys: 0,
      opsPerSec: 850,
    });
    assert.equal(sampleOf(info(6, 7), baseline).rejectedConnections, 2);
  });

  it('says which field is missing', () => {
    assert.throws(
      () => baselineOf(parseRedisInfo('redis_version:7.0.15')),
      /no numeric rejected_connections/,
    );
  });
});

describe('mixed workload', () => {
  it('picks actions in proportion to their weights', () => {
    const weights = { a: 1, b: 3 };
    assert.equal(pickWeighted(weights, 0), 'a');
    assert.equal(pickWeighted(weights, 0.24), 'a');
    assert.equal(pickWeighted(weights, 0.25), 'b');
    assert.equal(pickWeighted(weights, 0.999999), 'b');
  });

  it('keeps a user under the per-account login limit (10 per 60 s) at the fastest default pace', () => {
    const total = Object.values(MIXED_WEIGHTS).reduce((sum, w) => sum + w, 0);
    const loginsPerIteration =
      (MIXED_WEIGHTS.freshLogin + MIXED_WEIGHTS.logoutAndRelogin + MIXED_WEIGHTS.wrongPassword) / total;
    const iterationsPerMinuteAtMinThink = 60 / 2;
    assert.ok(loginsPerIteration * iterationsPerMinuteAtMinThink < 10);
  });
});

describe('invalid tokens', () => {
  it('alters the signature, not the padding bits of its last character', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.Qk5hd2xx';
    const tampered = tamperedToken(token);
    assert.notEqual(tampered, token);
    assert.equal(tampered.slice(0, tampered.lastIndexOf('.')), token.slice(0, token.lastIndexOf('.')));
    assert.notEqual(tampered.split('.')[2][0], token.split('.')[2][0]);
    assert.equal(tamperedToken('opaque'), 'opaquex');
  });
});
