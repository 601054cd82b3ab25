// The capacity search against real k6: steps rise by the factor, every step leaves a run record, a step
// that misses a target names the criterion, and an unreachable service breaks at the first step.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CapacityFile } from '../../scripts/lib/capacity/capacity-steps.ts';
import { runCapacity } from '../../scripts/lib/capacity/run-capacity.ts';
import { freePort } from '../../scripts/lib/stack/free-port.ts';
import { requireK6 } from '../../scripts/lib/stack/k6-binary.ts';
import { startStack } from '../../scripts/lib/stack/stack.ts';
import { buildBundles } from '../helpers/k6.ts';

const reportDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-capacity-'));
after(() => rmSync(reportDir, { recursive: true, force: true }));

const search = { test: 'stress-5000', startUsers: 10, factor: 2, maxSteps: 2, maxUsers: 1000, stepS: 6 };

describe('capacity search', () => {
  it('raises users step by step against the real service and records every step', async () => {
    await buildBundles();
    const stack = await startStack({ workers: 2, state: 'redis', env: { SCRYPT_COST: '10' } });
    let result: CapacityFile;
    try {
      result = await runCapacity({
        k6: requireK6(),
        reportDir,
        runId: 'healthy',
        target: { baseUrl: stack.baseUrl, userPassword: stack.userPassword, label: 'embedded', workers: 2 },
        ...search,
      });
    } finally {
      await stack.stop();
    }
    const written = JSON.parse(readFileSync(join(reportDir, 'healthy', 'capacity.json'), 'utf8'));
    assert.deepEqual(written, result);
    // A healthy service holds 10 users; whether 20 hold on a shared machine is the measurement itself.
    assert.equal(result.steps[0].users, 10);
    for (const step of result.steps) {
      assert.ok(existsSync(join(reportDir, 'healthy', step.folder, 'summary.json')), step.folder);
      assert.ok(step.steadyRps !== undefined && step.steadyRps > 0);
      for (const missed of step.broken) assert.ok(missed.label && missed.bound, JSON.stringify(missed));
    }
    if (result.breakingPoint) {
      assert.equal(result.breakingPoint.users, result.steps.at(-1)?.users);
      assert.equal(result.stoppedBecause, `step ${result.steps.length} missed a target`);
    } else {
      assert.deepEqual(
        result.steps.map((step) => step.users),
        [10, 20],
      );
      assert.equal(result.stoppedBecause, 'reached the step limit (2)');
      assert.equal(result.lastGood?.users, 20);
    }
  });

  it('breaks at the first step when the service does not answer, and says why', async () => {
    const result = await runCapacity({
      k6: requireK6(),
      reportDir,
      runId: 'unreachable',
      target: {
        baseUrl: `http://127.0.0.1:${await freePort()}`,
        userPassword: 'unused-password',
        label: 'nothing',
      },
      ...search,
    });
    assert.equal(result.steps.length, 1);
    assert.equal(result.breakingPoint?.users, 10);
    assert.notEqual(result.steps[0].k6ExitCode, 0);
    assert.ok(result.breakingPoint?.criteria.length);
    assert.equal(result.lastGood, null);
  });
});
