// `npm run compare` as a pipeline runs it: the CLI on the recorded plan run, against itself and against a
// copy whose stress-5000 p95 is 20% higher, with the exit codes a CI step reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { copyOfPlanRun, PLAN_RUN_ID } from '../report/plan-fixture.ts';
import { fixturesDir } from '../report/summary-fixture.ts';

const recorded = join(fixturesDir, 'plan-run', PLAN_RUN_ID);

function compare(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/compare.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, COMPARE_TOLERANCE: '', ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run compare (regression gate CLI)', () => {
  const slower = copyOfPlanRun();
  after(() => rmSync(dirname(slower), { recursive: true, force: true }));
  const stressFile = join(slower, 'stress-5000', 'summary.json');
  const record = JSON.parse(readFileSync(stressFile, 'utf8'));
  record.metrics.http_req_duration['p(95)'] *= 1.2;
  writeFileSync(stressFile, JSON.stringify(record));

  it('exits 0 for a run compared with itself, every tier side by side', () => {
    const { code, out } = compare([recorded, recorded]);
    assert.equal(code, 0, out);
    for (const tier of ['smoke', 'baseline-1000', 'stress-5000', 'stress-5000@memory', 'ultimate-10000']) {
      assert.match(out, new RegExp(`^${tier}$`, 'm'));
    }
    assert.match(out, /no regression beyond 10%/);
  });

  it('exits 1 when p95 rose 20%, naming the tier; a 25% tolerance from the environment lets it pass', () => {
    const strict = compare([recorded, slower]);
    assert.equal(strict.code, 1, strict.out);
    assert.match(strict.out, /REGRESSION beyond 10%:\n {2}stress-5000: p95 .*\(\+20%\)/);
    assert.equal(compare([recorded, slower], { COMPARE_TOLERANCE: '0.25' }).code, 0);
    assert.equal(
      compare([recorded, join(slower, 'stress-5000', 'summary.json'), '--tolerance', '0.3']).code,
      0,
    );
  });

  it('exits 2 with a clear error for a missing path, a file that is not a run record, or a bad tolerance', () => {
    const missing = compare([recorded, join(slower, 'no-such-run')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no-such-run: no such file or folder/);
    const notRecord = compare([recorded, join(slower, 'run-info.json')]);
    assert.equal(notRecord.code, 2);
    assert.match(notRecord.err, /run-info\.json: not a run record/);
    const badTolerance = compare([recorded, recorded, '--tolerance', 'ten']);
    assert.equal(badTolerance.code, 2);
    assert.match(badTolerance.err, /--tolerance must be a fraction/);
    assert.equal(compare([recorded]).code, 2);
  });
});
