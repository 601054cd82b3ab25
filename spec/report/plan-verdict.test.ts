// `npm start`'s verdict from a doctored run folder: the recorded fixture made healthy (every part passes,
// k6 exit codes recorded as npm start records them), then broken one way at a time. The verdict, the exit
// code and the reasons come from report/plan-verdict.ts, exactly as `npm start` and `npm run report` use it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CriterionResult } from '../../lib/criteria.ts';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { planMarkdown } from '../../scripts/lib/report/plan-markdown.ts';
import { planPage } from '../../scripts/lib/report/plan-report.ts';
import { judgePlan, planExitCode } from '../../scripts/lib/report/plan-verdict.ts';
import { readRunFolder } from '../../scripts/lib/report/read-run-folder.ts';
import type { DrillResult, RunInfo, SoakResult } from '../../scripts/lib/run-folder/types.ts';
import { copyOfPlanRun } from './plan-fixture.ts';

const TESTS = ['smoke', 'state-sync', 'baseline-1000', 'stress-5000', 'ultimate-10000', 'sustained-5000'];

function editJson<T>(file: string, edit: (value: T) => void): void {
  const value = JSON.parse(readFileSync(file, 'utf8')) as T;
  edit(value);
  writeFileSync(file, JSON.stringify(value));
}

function editCriterion(runDir: string, folder: string, key: string, edit: (result: CriterionResult) => void) {
  editJson<RunRecord>(join(runDir, folder, 'summary.json'), (record) => {
    const result = record.criteria.find((candidate) => candidate.key === key && candidate.level === 'target');
    assert.ok(result, `${folder} has ${key}`);
    edit(result);
  });
}

function setExitCode(runDir: string, folder: string, code: number | undefined): void {
  editJson<RunInfo>(join(runDir, 'run-info.json'), (info) => {
    const codes = { ...info.k6ExitCodes };
    if (code === undefined) delete codes[folder];
    else codes[folder] = code;
    info.k6ExitCodes = codes;
  });
}

/** The fixture with its one failure (the SIGKILL drill's recovery) repaired, and exit codes recorded. */
function healthyRun(): string {
  const runDir = copyOfPlanRun();
  editJson<DrillResult>(join(runDir, 'failover-sigkill.json'), (drill) => {
    const recovery = drill.criteria.find((criterion) => criterion.key === 'recovery_s');
    assert.ok(recovery);
    recovery.measured = 1.9;
    recovery.pass = true;
    drill.recoveryS = 1.9;
    drill.verdict = 'pass';
  });
  editJson<RunInfo>(join(runDir, 'run-info.json'), (info) => {
    info.schedule = { tests: TESTS, comparison: 'stress-5000@memory' };
    info.k6ExitCodes = { ...Object.fromEntries(TESTS.map((test) => [test, 0])), 'stress-5000@memory': 99 };
  });
  return runDir;
}

function judged(runDir: string) {
  const judgement = judgePlan(readRunFolder(runDir));
  return { ...judgement, exitCode: planExitCode(judgement) };
}

describe('plan verdict from a doctored run folder', () => {
  it('PASS, exit 0 and no reasons when every part was judged and passed', () => {
    const runDir = healthyRun();
    // a drill's own k6 run leaves a folder too; the drill judges it, it is not a test of its own
    mkdirSync(join(runDir, 'failover@sigkill'));
    cpSync(join(runDir, 'smoke', 'summary.json'), join(runDir, 'failover@sigkill', 'summary.json'));
    const result = judged(runDir);
    assert.equal(result.verdict, 'PASS', result.reasons.join('\n'));
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.reasons, []);
    assert.deepEqual(
      result.parts.map((part) => part.name),
      [...TESTS, 'failover drill (sigterm)', 'failover drill (sigkill)', 'soak', 'stress-5000@memory'],
    );
  });

  it('(a) one failed criterion: FAIL naming the test, the criterion, the measured value and the bound', () => {
    const runDir = healthyRun();
    editCriterion(runDir, 'baseline-1000', 'p95_ms', (result) => {
      result.measured = 912;
      result.pass = false;
      result.outcome = 'fail';
    });
    setExitCode(runDir, 'baseline-1000', 99);
    const result = judged(runDir);
    assert.equal(result.verdict, 'FAIL');
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.reasons, [
      'baseline-1000: FAIL Latency p95 (p95_ms, target): measured 912 ms, bound <= 180 ms',
    ]);
  });

  it('(b) a missing summary.json: INCOMPLETE when k6 did not run or exited 0, FAIL when it exited 99 or crashed', () => {
    const runDir = healthyRun();
    rmSync(join(runDir, 'stress-5000', 'summary.json'));
    const cases: Array<[number | undefined, string, string]> = [
      [undefined, 'INCOMPLETE', 'stress-5000: NOT RUN k6 test; no summary.json: the test did not run'],
      [0, 'INCOMPLETE', 'stress-5000: NOT JUDGED k6 test; k6 exited 0 but left no summary.json'],
      [
        99,
        'FAIL',
        'stress-5000: FAIL k6 exited 99: a target of thresholds.json was missed or not measured; and it left no summary.json',
      ],
      [
        137,
        'FAIL',
        'stress-5000: FAIL k6 exited 137: the run did not finish; see its k6.log; and it left no summary.json',
      ],
    ];
    for (const [code, verdict, reason] of cases) {
      setExitCode(runDir, 'stress-5000', code);
      const result = judged(runDir);
      assert.equal(result.verdict, verdict, `exit ${code}`);
      assert.equal(result.exitCode, 1, `exit ${code}`);
      assert.deepEqual(result.reasons, [reason]);
    }
  });

  it('a k6 exit other than 0 fails its test even when every criterion of its summary passed', () => {
    const runDir = healthyRun();
    setExitCode(runDir, 'smoke', 107);
    const result = judged(runDir);
    assert.equal(result.verdict, 'FAIL');
    assert.deepEqual(result.reasons, [
      'smoke: FAIL k6 exited 107: a script or configuration error stopped it; see its k6.log',
    ]);
  });

  it('(c) the STATE=memory comparison that accepted no revoked token fails the plan', () => {
    const runDir = healthyRun();
    editCriterion(runDir, 'stress-5000@memory', 'revoked_token_accepted', (result) => {
      result.measured = 0;
      result.pass = true;
      result.outcome = 'pass';
    });
    setExitCode(runDir, 'stress-5000@memory', 0);
    const result = judged(runDir);
    assert.equal(result.verdict, 'FAIL');
    assert.equal(result.exitCode, 1);
    assert.equal(result.reasons.length, 1);
    assert.match(
      result.reasons[0] ?? '',
      /^stress-5000@memory: FAIL the suite did not catch the shared-state defect/,
    );
    assert.match(result.reasons[0] ?? '', /measured 0 revoked tokens accepted, k6 exit 0/);
  });

  it('(c) revoked tokens accepted but k6 exited 0: the gate did not catch it, so the plan fails', () => {
    const runDir = healthyRun();
    setExitCode(runDir, 'stress-5000@memory', 0);
    const result = judged(runDir);
    assert.equal(result.verdict, 'FAIL');
    assert.match(result.reasons[0] ?? '', /did not catch the shared-state defect.*k6 exit 0/);
  });

  it('(d) a drill that did not run: INCOMPLETE, non-zero exit', () => {
    const runDir = healthyRun();
    rmSync(join(runDir, 'failover-sigterm.json'));
    const result = judged(runDir);
    assert.equal(result.verdict, 'INCOMPLETE');
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.reasons, [
      'failover drill (sigterm): NOT RUN Redis failure drill; failover-sigterm.json is missing',
    ]);
  });

  it('(e) a soak criterion NOT JUDGED: INCOMPLETE, non-zero exit, with the reason it was not judged', () => {
    const runDir = healthyRun();
    editJson<SoakResult>(join(runDir, 'soak.json'), (soak) => {
      const memory = soak.criteria.find((criterion) => criterion.key === 'memory_slope_mb_per_min');
      assert.ok(memory);
      memory.pass = null;
      memory.outcome = 'not-measured';
      memory.reason = 'not judged: 30 s after warm-up is too short for a trend (needs 300 s)';
    });
    const result = judged(runDir);
    assert.equal(result.verdict, 'INCOMPLETE');
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.reasons, [
      'soak: NOT JUDGED Worker memory growth after warm-up (MB/min, worst worker) (memory_slope_mb_per_min): ' +
        'measured 0.12 MB/min, bound <= 1 MB/min; not judged: 30 s after warm-up is too short for a trend (needs 300 s)',
    ]);
  });

  it('a failure outweighs what was not judged, and failures are listed first', () => {
    const runDir = healthyRun();
    rmSync(join(runDir, 'failover-sigterm.json'));
    editJson<DrillResult>(join(runDir, 'failover-sigkill.json'), (drill) => {
      const lost = drill.criteria.find((criterion) => criterion.key === 'lost_revocations');
      assert.ok(lost);
      lost.measured = 3;
      lost.pass = false;
    });
    const result = judged(runDir);
    assert.equal(result.verdict, 'FAIL');
    assert.deepEqual(result.reasons, [
      'failover drill (sigkill): FAIL Acknowledged revocations lost (lost_revocations): measured 3, bound == 0',
      'failover drill (sigterm): NOT RUN Redis failure drill; failover-sigterm.json is missing',
    ]);
  });

  it('a criterion NOT RUN in every tier is one line naming every tier, not one line per tier', () => {
    const runDir = healthyRun();
    for (const folder of ['baseline-1000', 'stress-5000']) {
      editCriterion(runDir, folder, 'redis_probe_p95_ms', (result) => {
        result.measured = undefined;
        result.pass = undefined;
        result.outcome = 'not-run';
        result.notRun = { reason: 'REDIS_URL is unset' };
        result.reason = 'REDIS_URL is unset';
      });
      setExitCode(runDir, folder, 99);
    }
    const result = judged(runDir);
    assert.equal(result.verdict, 'FAIL');
    assert.deepEqual(result.reasons, [
      'baseline-1000, stress-5000: NOT RUN Redis probe p95 (redis_probe_p95_ms, target): measured not measured, bound < 5 ms; REDIS_URL is unset',
    ]);
  });

  it('against an external service, the parts that cannot run there make it INCOMPLETE with exit 0, and nothing else may', () => {
    const runDir = healthyRun();
    for (const part of ['failover-sigterm.json', 'failover-sigkill.json', 'soak.json', 'stress-5000@memory'])
      rmSync(join(runDir, part), { recursive: true });
    editJson<RunInfo>(join(runDir, 'run-info.json'), (info) => {
      info.externalBaseUrl = 'https://auth.example.test';
      info.schedule = { tests: TESTS };
    });
    const result = judged(runDir);
    assert.equal(result.verdict, 'INCOMPLETE');
    assert.equal(result.exitCode, 0);
    assert.ok(result.reasons.every((reason) => reason.includes('not run against an external service')));
    assert.match(result.reasons[0] ?? '', /^failover drill \(sigterm\), failover drill \(sigkill\): NOT RUN/);
    assert.equal(result.reasons.length, 3, 'both drills in one line, the soak, the comparison');

    rmSync(join(runDir, 'smoke', 'summary.json'));
    const missingTest = judged(runDir);
    assert.equal(missingTest.verdict, 'INCOMPLETE');
    assert.equal(missingTest.exitCode, 1, 'a k6 test can run against an external service: not excused');
  });
});

describe('the report says the verdict and why before any table', () => {
  it('opens the Markdown header and the executive summary with each reason', () => {
    const runDir = healthyRun();
    setExitCode(runDir, 'stress-5000@memory', 0);
    const markdown = planMarkdown(planPage(runDir));
    const reason = '- stress-5000@memory: FAIL the suite did not catch the shared-state defect';
    const firstTable = markdown.indexOf('\n| ');
    assert.ok(markdown.indexOf('**Plan verdict: FAIL**') < markdown.indexOf(reason));
    assert.ok(markdown.indexOf(reason) < firstTable, 'the reason comes before the first table');
    const summary = markdown.slice(markdown.indexOf('## Executive summary'));
    assert.ok(summary.indexOf(reason) >= 0 && summary.indexOf(reason) < summary.indexOf('\n| '));
  });

  it('`npm run report` prints the verdict and the reasons for the folder it renders', () => {
    const runDir = healthyRun();
    rmSync(join(runDir, 'failover-sigterm.json'));
    const run = spawnSync(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/report.ts', runDir], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'PLAN VERDICT: INCOMPLETE');
    assert.equal(
      lines[1],
      '- failover drill (sigterm): NOT RUN Redis failure drill; failover-sigterm.json is missing',
    );
    assert.ok(lines.includes(join(runDir, 'plan-report.md')));
  });
});
