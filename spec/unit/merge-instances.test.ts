import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { RecordInputError } from '../../scripts/lib/compare/read-records.ts';
import { mergeMetrics } from '../../scripts/lib/merge/merge-metrics.ts';
import { mergeRecords, PERCENTILE_NOTE } from '../../scripts/lib/merge/merged-record.ts';
import { mergedMarkdown } from '../../scripts/lib/merge/merged-report.ts';
import { fixturesDir } from '../report/summary-fixture.ts';

const recorded = (folder: string): RunRecord =>
  JSON.parse(
    readFileSync(join(fixturesDir, 'plan-run', '2026-11-26T16-33-48Z', folder, 'summary.json'), 'utf8'),
  );

const REDIS_KEYS = ['redis_used_memory_mb', 'redis_rejected_connections', 'redis_evicted_keys'];

/** The recorded stress-5000 run as a second instance would report it: no Redis monitor on this one. */
function withoutMonitor(record: RunRecord): RunRecord {
  const copy = structuredClone(record);
  for (const criterion of copy.criteria) {
    if (REDIS_KEYS.includes(criterion.key)) {
      criterion.measured = undefined;
      criterion.pass = undefined;
    }
  }
  for (const key of REDIS_KEYS) delete copy.metrics[key];
  return copy;
}

const find = (record: RunRecord, key: string) =>
  record.criteria.find((criterion) => criterion.key === key && criterion.level === 'target');

describe('merging k6 metric values of concurrent instances', () => {
  it('adds counts and counter rates, pools Rate metrics, takes the worst percentile and the exact mean', () => {
    const merged = mergeMetrics([
      {
        http_reqs: { count: 100, rate: 10 },
        http_req_failed: { passes: 1, fails: 99, rate: 0.01 },
        http_req_duration: { count: 100, avg: 10, med: 8, 'p(95)': 30, min: 2, max: 50 },
        vus_max: { value: 50, min: 50, max: 50 },
      },
      {
        http_reqs: { count: 300, rate: 30 },
        http_req_failed: { passes: 0, fails: 300, rate: 0 },
        http_req_duration: { count: 300, avg: 20, med: 12, 'p(95)': 25, min: 1, max: 40 },
        vus_max: { value: 50, min: 50, max: 50 },
        redis_used_memory_mb: { max: 5, avg: 4, med: 4 },
      },
    ]);
    assert.deepEqual(merged.http_reqs, { count: 400, rate: 40 });
    assert.deepEqual(merged.http_req_failed, { passes: 1, fails: 399, rate: 1 / 400 });
    assert.deepEqual(merged.http_req_duration, {
      count: 400,
      avg: 17.5,
      med: 12,
      'p(95)': 30,
      min: 1,
      max: 50,
    });
    assert.deepEqual(merged.vus_max, { value: 100, min: 100, max: 100 });
    assert.deepEqual(merged.redis_used_memory_mb, { max: 5, avg: 4, med: 4 });
  });
});

describe('merged verdict of a test split over instances', () => {
  const stress = recorded('stress-5000');

  it('adds throughput and its bound, pools failures, takes latency from the worst instance and Redis from where measured', () => {
    const second = withoutMonitor(stress);
    const slowerP95 = (second.metrics.http_req_duration?.['p(95)'] ?? 0) * 1.5;
    const p95 = second.criteria.find(
      (criterion) => criterion.key === 'p95_ms' && criterion.level === 'target',
    );
    assert.ok(p95);
    p95.measured = slowerP95;
    const merged = mergeRecords([
      { source: 'a', record: stress },
      { source: 'b', record: second },
    ]);
    const throughput = find(merged, 'throughput_rps');
    const own = find(stress, 'throughput_rps');
    assert.ok(throughput && own && own.measured !== undefined);
    assert.equal(throughput.measured, own.measured * 2);
    assert.equal(throughput.bound.value, own.bound.value * 2);
    assert.equal(find(merged, 'p95_ms')?.measured, slowerP95);
    assert.equal(merged.criteria.find((c) => c.key === 'p95_ms')?.method, 'worst instance');
    const memory = merged.criteria.find((c) => c.key === 'redis_used_memory_mb');
    assert.deepEqual([memory?.method, memory?.measuredOn, memory?.pass], ['one instance', [0], true]);
    assert.equal(merged.criteria.find((c) => c.key === 'failure_rate')?.method, 'pooled over instances');
    assert.equal(merged.profile.users, stress.profile.users * 2);
    assert.equal(merged.verdict.target, 'pass');
    assert.deepEqual(merged.merged.notes, [PERCENTILE_NOTE]);
    assert.match(mergedMarkdown(merged), /worst instance value/);
  });

  it('fails a criterion no instance measured, even though every instance passed its own thresholds', () => {
    const merged = mergeRecords([
      { source: 'a', record: withoutMonitor(stress) },
      { source: 'b', record: withoutMonitor(stress) },
    ]);
    const memory = merged.criteria.find((c) => c.key === 'redis_used_memory_mb');
    assert.deepEqual(
      [memory?.method, memory?.measured, memory?.pass],
      ['not measured', undefined, undefined],
    );
    assert.equal(merged.verdict.target, 'fail');
    assert.match(mergedMarkdown(merged), /NOT MEASURED \(FAIL\)/);
  });

  it('adds revoked tokens accepted over instances, so one leaking instance fails the whole', () => {
    const merged = mergeRecords([
      { source: 'redis', record: stress },
      { source: 'memory', record: recorded('stress-5000@memory') },
    ]);
    const accepted = find(merged, 'revoked_token_accepted');
    const leaked = find(recorded('stress-5000@memory'), 'revoked_token_accepted')?.measured ?? 0;
    assert.ok(leaked > 0);
    assert.equal(accepted?.measured, leaked);
    assert.equal(accepted?.pass, false);
    assert.equal(merged.verdict.target, 'fail');
    assert.ok(merged.thresholdsFailed.some((line) => line.startsWith('memory: revoked_token_accepted')));
  });

  it('refuses to merge different tests', () => {
    assert.throws(
      () =>
        mergeRecords([
          { source: 'a', record: stress },
          { source: 'b', record: recorded('smoke') },
        ]),
      (error: Error) =>
        error instanceof RecordInputError && /test "smoke", but a ran "stress-5000"/.test(error.message),
    );
  });
});

describe('merged verdict of two real execution segments (spec/fixtures/segments)', () => {
  const runner = (state: 'redis' | 'memory', n: 1 | 2): { source: string; record: RunRecord } => ({
    source: `${state}/runner-${n}`,
    record: JSON.parse(
      readFileSync(join(fixturesDir, 'segments', state, `runner-${n}`, 'summary.json'), 'utf8'),
    ),
  });

  it('passes against shared state, taking the Redis criteria from the runner that measured them', () => {
    const second = runner('redis', 2);
    // The runner without monitor and probe shows empty metrics as 0 and fails its own verdict.
    assert.equal(second.record.metrics.redis_used_memory_mb?.count, 0);
    assert.equal(second.record.verdict.target, 'fail');
    const merged = mergeRecords([runner('redis', 1), second]);
    for (const key of ['blacklist_synced_rate', 'redis_probe_p95_ms', 'redis_used_memory_mb']) {
      const criterion = merged.criteria.find((c) => c.key === key && c.level === 'target');
      assert.deepEqual(
        [key, criterion?.method, criterion?.measuredOn, criterion?.pass],
        [key, 'one instance', [0], true],
      );
    }
    assert.equal(merged.criteria.find((c) => c.key === 'failure_rate')?.method, 'pooled over instances');
    assert.equal(merged.verdict.target, 'pass');
  });

  it('fails against per-worker memory state, with the revoked tokens of both runners added', () => {
    const parts = [runner('memory', 1), runner('memory', 2)];
    const merged = mergeRecords(parts);
    const accepted = find(merged, 'revoked_token_accepted');
    const perRunner = parts.map(({ record }) => find(record, 'revoked_token_accepted')?.measured ?? 0);
    assert.ok(perRunner.every((count) => count > 0));
    assert.equal(accepted?.measured, perRunner[0] + perRunner[1]);
    assert.equal(merged.verdict.target, 'fail');
  });
});
