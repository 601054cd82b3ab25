// The Redis failure drill, short: both variants against the real stack under real k6 load.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runDrill } from '../../scripts/lib/drill/failover-drill.ts';
import { loadPlan } from '../../scripts/lib/plan/plan-file.ts';
import { requireK6 } from '../../scripts/lib/stack/k6-binary.ts';
import { buildBundles } from '../helpers/k6.ts';

const reportDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-drill-'));
after(() => rmSync(reportDir, { recursive: true, force: true }));

describe('failover drill (short)', () => {
  for (const variant of ['sigterm', 'sigkill'] as const) {
    it(`${variant}: fails closed while Redis is down, recovers, loses no acknowledged revocation`, async (t) => {
      await buildBundles();
      const result = await runDrill(requireK6(), loadPlan(), {
        variant,
        users: 30,
        spawnRate: 15,
        settleS: 3,
        downS: 4,
        tailS: 6,
        workers: 2,
        revocations: 10,
        reportDir,
        runId: `drill-${variant}`,
        thinkMinS: 0.2,
        thinkMaxS: 0.5,
      });
      t.diagnostic(
        `recovery ${result.recoveryS?.toFixed(2)} s, error window ${result.errorWindowS} s, ` +
          `503s ${result.timeline.reduce((n, s) => n + s.failClosed, 0)}, ` +
          `revocations kept ${result.revocationsEnforcedAfter}/${result.revocationsBefore}`,
      );
      // The outage must be visible as fail-closed answers, or the drill did not test anything.
      assert.ok(
        result.timeline.some((s) => s.failClosed > 0),
        'no 503 seen while Redis was down',
      );
      assert.equal(result.revocationsBefore, 10);
      assert.equal(result.revocationsEnforcedAfter, 10);
      assert.equal(result.revokedAccepted, 0);
      assert.equal(result.workerCrashes, 0);
      assert.ok(result.recoveryS !== null && result.recoveryS <= 5, `recovery ${result.recoveryS}`);
      assert.deepEqual(
        result.criteria.filter((c) => c.pass !== true).map((c) => `${c.key}=${c.measured}`),
        [],
      );
      assert.equal(result.verdict, 'pass');
    });
  }
});
