// One test through the plan runner against the real stack: k6's per-request CSV becomes endpoints.csv and
// errors.json, the sampler finds every worker, Redis and k6, and the CSV does not outlive the analysis.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { splitCsvLine } from '../../lib/csv.ts';
import { parseEndpointsCsv } from '../../scripts/lib/analysis/endpoints-csv.ts';
import type { ResourcesFile } from '../../scripts/lib/analysis/resources.ts';
import { loadPlan } from '../../scripts/lib/plan/plan-file.ts';
import { runTest } from '../../scripts/lib/plan/plan-runner.ts';
import { planSchedule } from '../../scripts/lib/plan/plan-schedule.ts';
import type { ErrorsFile } from '../../scripts/lib/run-folder/types.ts';
import { requireK6 } from '../../scripts/lib/stack/k6-binary.ts';
import { startStack } from '../../scripts/lib/stack/stack.ts';
import { buildBundles } from '../helpers/k6.ts';

const reportDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-tier-'));
after(() => rmSync(reportDir, { recursive: true, force: true }));

describe('per-tier analysis of a real run', () => {
  it('writes endpoints.csv, errors.json and resources.json for the test, and removes the CSV', async () => {
    await buildBundles();
    const stack = await startStack({ workers: 2, state: 'redis', env: { SCRYPT_COST: '10' } });
    const options = {
      k6: requireK6(),
      plan: loadPlan(),
      schedule: planSchedule('quick', 0.01),
      reportDir,
      runId: 'tier',
      workers: 2,
    };
    try {
      const target = { baseUrl: stack.baseUrl, userPassword: stack.userPassword, redisUrl: stack.redisUrl };
      const code = await runTest(options, 'smoke', { runTimeS: 6 }, target, stack);
      // k6 ran to the end: 0, or 99 when a timing target was missed on this shared machine (a Redis probe
      // p95 of 5.6 ms against < 5 ms once, from ten samples); timing is measured, not asserted, in tests.
      assert.ok([0, 99].includes(code), `k6 exit ${code}`);
    } finally {
      await stack.stop();
    }
    const dir = join(reportDir, 'tier', 'smoke');
    const rows = parseEndpointsCsv(readFileSync(join(dir, 'endpoints.csv'), 'utf8'), splitCsvLine);
    for (const name of ['login', 'protected', 'logout', 'protected_revoked', 'health', 'Aggregated']) {
      const row = rows.find((candidate) => candidate.name === name);
      assert.ok(row && row.requests > 0, `${name} in endpoints.csv`);
    }
    const errors = JSON.parse(readFileSync(join(dir, 'errors.json'), 'utf8')) as ErrorsFile;
    assert.equal(errors.requests, rows.find((row) => row.name === 'Aggregated')?.requests);
    assert.equal(errors.wrong, 0);
    const resources = JSON.parse(readFileSync(join(dir, 'resources.json'), 'utf8')) as ResourcesFile;
    assert.equal(resources.workers.length, 2, 'both workers found as children of the primary');
    for (const worker of resources.workers) {
      assert.ok(worker.samples >= 2 && worker.rssMbPeak > 10, JSON.stringify(worker));
      assert.ok(worker.cpuPctMean > 0, `${worker.label} used CPU`);
    }
    assert.ok(resources.redis && resources.redis.opsPerSecMean > 0, 'Redis INFO sampled');
    assert.ok(resources.loadGenerator && resources.loadGenerator.rssMbPeak > 10, 'k6 sampled');
    assert.ok((resources.machineCpuPctMean ?? 0) > 0);
    assert.equal(existsSync(join(dir, 'metrics.csv.gz')), false);
  });
});
