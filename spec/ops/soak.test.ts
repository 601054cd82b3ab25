// The sustained-load verdict on a short, scaled soak against the real stack: every criterion measured.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { profileFor } from '../../lib/profiles.ts';
import { requireK6 } from '../../scripts/lib/k6-binary.ts';
import { loadPlan } from '../../scripts/lib/plan-file.ts';
import { embeddedSoakTarget, runSoak } from '../../scripts/lib/soak.ts';
import { startStack } from '../../scripts/lib/stack.ts';
import { buildBundles } from '../helpers/k6.ts';

const reportDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-soak-'));
after(() => rmSync(reportDir, { recursive: true, force: true }));

describe('soak verdict (short)', () => {
  it('samples every worker, judges memory, p95 drift and each window; a healthy service has no failing window', async (t) => {
    await buildBundles();
    // At 0.2-0.5 s of think time a mixed user logs in about 45 times a minute, past the reference limit of 10:
    // a 429 to an ordinary login is a failed request, so this compressed soak lifts the limit.
    const stack = await startStack({
      workers: 2,
      state: 'redis',
      env: { SCRYPT_COST: '10', LOGIN_LIMIT_PER_ACCOUNT: '1000' },
    });
    try {
      const profile = profileFor('sustained-5000', { users: 30, spawnRate: 15, runTimeS: 60 });
      const result = await runSoak(requireK6(), loadPlan(), embeddedSoakTarget(stack), {
        profile,
        // V8 grows its heap floor for the first half minute of load; a leak shows after that.
        warmupS: 28,
        compareS: 10,
        windowS: 5,
        floorWindowS: 9,
        sampleEveryS: 1,
        reportDir,
        runId: 'soak',
        thinkMinS: 0.2,
        thinkMaxS: 0.5,
      });
      t.diagnostic(
        `heap-floor slope ${JSON.stringify(result.memorySlopeMbPerMin)} MB/min, p95 ${result.p95FirstMs} -> ` +
          `${result.p95LastMs} ms (${result.p95DriftPct.toFixed(1)}%), worst window ${result.worstMinuteFailureRate}`,
      );
      // k6 ran to the end: 0, or 99 when a timing target was missed on this shared machine (timing is
      // measured, not asserted, in tests); anything else means the run itself broke.
      assert.ok([0, 99].includes(result.k6ExitCode), `k6 exit ${result.k6ExitCode}`);
      assert.deepEqual(Object.keys(result.memorySlopeMbPerMin).sort(), ['1', '2']);
      assert.ok(result.minutes.length >= 6, `only ${result.minutes.length} windows`);
      assert.ok(
        result.minutes.every((m) => m.requests > 0),
        'a window without requests',
      );
      for (const criterion of result.criteria) assert.notEqual(criterion.measured, null, criterion.key);
      // A minute-long soak measures the memory trend but is too short to judge it (unit tests cover both).
      const memory = result.criteria.find((c) => c.key === 'memory_slope_mb_per_min');
      assert.match(memory?.note ?? '', /too short/);
      // Correctness gates here; p95 drift is a timing figure, measured above but never asserted: on a 2-core
      // machine shared with other work, a 10 s window's p95 moved from 34 to 94 ms with no defect at all.
      const failures = result.criteria.find((c) => c.key === 'worst_minute_failure_rate');
      assert.equal(failures?.pass, true, `worst window failure rate ${failures?.measured}`);
      const drift = result.criteria.find((c) => c.key === 'p95_drift_pct');
      assert.equal(typeof drift?.measured, 'number', 'p95 drift measured');
    } finally {
      await stack.stop();
    }
  });
});
