// The service's latency histogram must have a bucket at every latency bound thresholds.json names, so
// "share of requests slower than the bound" (the alerts, the dashboards) is a bucket ratio, not a guess.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlan } from '../../lib/plan.ts';
import { latencyBoundsMs } from '../../scripts/lib/observe/plan-bounds.ts';
import { loadPlan } from '../../scripts/lib/plan/plan-file.ts';
import { DURATION_BUCKETS_S } from '../../server/metrics/worker-metrics.ts';

describe('latency histogram buckets', () => {
  it("include every latency bound of the project's thresholds.json", () => {
    const bounds = latencyBoundsMs(loadPlan());
    assert.ok(bounds.length >= 6, `the plan names its latency bounds: ${bounds}`);
    for (const ms of bounds) {
      assert.ok(
        DURATION_BUCKETS_S.some((le) => Math.abs(le * 1000 - ms) < 1e-9),
        `${ms} ms is a bound in thresholds.json but not a bucket of auth_http_request_duration_seconds`,
      );
    }
  });

  it('would fail for a plan naming a bound the histogram lacks', () => {
    const plan = parsePlan({
      tests: { baseline: { target: { p95_ms: '<= 123' } } },
      everyTest: { target: {} },
      redisProbe: { target: {} },
      failoverDrill: { target: {} },
      soak: { target: {} },
    });
    assert.deepEqual(latencyBoundsMs(plan), [123]);
    assert.ok(!DURATION_BUCKETS_S.some((le) => Math.abs(le * 1000 - 123) < 1e-9));
  });

  it('are ascending and unique, as prom-client requires', () => {
    for (let i = 1; i < DURATION_BUCKETS_S.length; i++) {
      assert.ok(DURATION_BUCKETS_S[i] > DURATION_BUCKETS_S[i - 1]);
    }
  });
});
