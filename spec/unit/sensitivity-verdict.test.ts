// The sensitivity matrix's verdict: a defect is CAUGHT only when the gate failed (k6 exit 99, or 108 for
// the preflight case; a drill's or soak's verdict FAIL) and the criterion named for it failed; the healthy
// service must pass its gate and every criterion of every run; the closing line says both; the plan report
// shows the matrix when sensitivity.json is in the run folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  sensitivityHtmlSection,
  sensitivityMarkdownSection,
} from '../../scripts/lib/report/sensitivity-section.ts';
import { SENSITIVITY_SCHEMA, type SensitivityRecord } from '../../scripts/lib/run-folder/types.ts';
import { type CaseOutcome, sensitivityMatrix } from '../../scripts/lib/sensitivity/case-verdict.ts';
import { SENSITIVITY_CASES, type SensitivityCase } from '../../scripts/lib/sensitivity/matrix.ts';
import { sensitivityMarkdown, writeSensitivity } from '../../scripts/lib/sensitivity/sensitivity-record.ts';
import { DEFECTS, GRADED_DEFECTS } from '../../server/defects/setting.ts';

const caseOf = (id: string) => SENSITIVITY_CASES.find((c) => c.id === id) as SensitivityCase;
const healthySmoke = caseOf('healthy-smoke');
const algNone = caseOf('alg-none-accepted');
const cases = [healthySmoke, algNone];

/** A smoke run: its gate follows the failure rate (exit 99 when it failed) unless `extra` says otherwise. */
function outcome(id: string, failureRate: number | null, extra: Partial<CaseOutcome> = {}): CaseOutcome {
  const pass = failureRate === null ? null : failureRate === 0;
  return {
    id,
    gate: pass === true ? 'pass' : 'fail',
    exitCode: pass === true ? 0 : 99,
    criteria: [
      { key: 'failure_rate', label: 'Failed requests', measured: failureRate, pass },
      { key: 'revoked_token_accepted', label: 'Revoked tokens accepted', measured: 0, pass: true },
    ],
    durationS: 20,
    ...extra,
  };
}

function matrixOf(...outcomes: CaseOutcome[]) {
  return sensitivityMatrix(cases, new Map(outcomes.map((o) => [o.id, o])));
}

describe('sensitivity verdict', () => {
  it('catches a defect whose criterion failed, with the healthy run passing', () => {
    const matrix = matrixOf(outcome('healthy-smoke', 0), outcome('alg-none-accepted', 0.08));
    assert.deepEqual(
      matrix.defects.map((row) => [row.defect, row.criterion, row.measured, row.result]),
      [['alg-none-accepted', 'failure_rate', 0.08, 'CAUGHT']],
    );
    assert.deepEqual(
      matrix.defects.map((row) => [row.gate, row.exitCode, row.why]),
      [['exit 99', 99, undefined]],
    );
    assert.equal(matrix.ok, true);
    assert.equal(matrix.summary, '1 of 1 defects caught; healthy service passes');
  });

  it('misses a defect whose criterion passed, was not measured, or whose run broke', () => {
    for (const defectRun of [
      outcome('alg-none-accepted', 0),
      outcome('alg-none-accepted', null),
      outcome('alg-none-accepted', 0.5, { error: 'service exited before it was ready' }),
    ]) {
      const matrix = matrixOf(outcome('healthy-smoke', 0), defectRun);
      assert.equal(matrix.defects[0]?.result, 'MISSED');
      assert.equal(matrix.ok, false);
      assert.equal(matrix.summary, '0 of 1 defects caught; healthy service passes');
    }
  });

  it('misses a defect whose criterion failed while the gate passed, and says so', () => {
    for (const gatePassed of [
      outcome('alg-none-accepted', 0.08, { gate: 'pass', exitCode: 0 }),
      // k6 failed, but not on a threshold (an abort, a crash): not the gate judging the defect.
      outcome('alg-none-accepted', 0.08, { exitCode: 107 }),
    ]) {
      const row = matrixOf(outcome('healthy-smoke', 0), gatePassed).defects[0];
      assert.equal(row?.result, 'MISSED');
      assert.match(row?.why ?? '', /failure_rate|expected/);
    }
    const row = matrixOf(
      outcome('healthy-smoke', 0),
      outcome('alg-none-accepted', 0.08, { gate: 'pass', exitCode: 0 }),
    ).defects[0];
    assert.equal(row?.why, 'failure_rate failed but the gate passed (exit 0): a pipeline would ship it');
  });

  it('judges a drill or soak case by its verdict, with the k6 exit code it drove shown', () => {
    const failOpen = caseOf('fail-open');
    const judged = (verdict: 'pass' | 'fail', accepted: number): CaseOutcome => ({
      id: 'fail-open',
      gate: verdict,
      exitCode: 99,
      criteria: [{ key: 'revoked_token_accepted', label: 'R', measured: accepted, pass: accepted === 0 }],
      durationS: 60,
    });
    const caught = sensitivityMatrix([failOpen], new Map([['fail-open', judged('fail', 3)]])).defects[0];
    assert.deepEqual([caught?.result, caught?.gate], ['CAUGHT', 'verdict FAIL (k6 exit 99)']);
    const verdictPassed = sensitivityMatrix([failOpen], new Map([['fail-open', judged('pass', 3)]]))
      .defects[0];
    assert.equal(verdictPassed?.result, 'MISSED');
  });

  it('catches the every-login-429 service only by the preflight abort, exit 108', () => {
    const everyLogin = caseOf('every-login-limited');
    const run = (exitCode: number): CaseOutcome => ({
      id: everyLogin.id,
      gate: exitCode === 0 ? 'pass' : 'fail',
      exitCode,
      criteria: [],
      durationS: 10,
    });
    const rowFor = (exitCode: number) =>
      sensitivityMatrix([everyLogin], new Map([[everyLogin.id, run(exitCode)]])).defects[0];
    assert.deepEqual([rowFor(108)?.result, rowFor(108)?.criterion], ['CAUGHT', 'preflight']);
    assert.equal(rowFor(99)?.result, 'MISSED');
    assert.equal(rowFor(99)?.why, 'expected the preflight abort (exit 108), got exit 99');
    assert.equal(rowFor(0)?.result, 'MISSED');
  });

  it('fails the healthy service whose gate failed though every criterion passed', () => {
    const matrix = matrixOf(
      outcome('healthy-smoke', 0, { gate: 'fail', exitCode: 108 }),
      outcome('alg-none-accepted', 0.08),
    );
    assert.equal(matrix.healthyPasses, false);
    assert.deepEqual(matrix.healthy[0]?.failures, ['the gate failed (exit 108)']);
    assert.equal(matrix.summary, '1 of 1 defects caught; healthy service fails');
  });

  it('fails the healthy service on any criterion that did not pass, including one not judged', () => {
    const failing = matrixOf(outcome('healthy-smoke', 0.01), outcome('alg-none-accepted', 0.08));
    assert.equal(failing.healthyPasses, false);
    assert.deepEqual(failing.healthy[0]?.failures, [
      'the gate failed (exit 99)',
      'failure_rate = 0.01 (failed)',
    ]);
    assert.equal(failing.summary, '1 of 1 defects caught; healthy service fails');
    assert.equal(failing.ok, false);

    const notJudged = outcome('healthy-smoke', 0);
    notJudged.criteria.push({
      key: 'memory_slope_mb_per_min',
      label: 'm',
      measured: 0.2,
      pass: null,
      note: 'too short',
    });
    assert.equal(matrixOf(notJudged, outcome('alg-none-accepted', 0.08)).healthyPasses, false);
  });

  it('counts a healthy run that never ran as a failure', () => {
    const matrix = matrixOf(outcome('alg-none-accepted', 0.08));
    assert.equal(matrix.healthyPasses, false);
    assert.deepEqual(matrix.healthy[0]?.failures, ['did not run']);
  });

  it('has at least 12 defect rows, every graded one at its default size', () => {
    const defects = SENSITIVITY_CASES.filter((c) => c.defect !== undefined);
    assert.ok(defects.length >= 12, `${defects.length} defect rows`);
    for (const spec of defects) {
      if (spec.serviceEnv.DEFECT === undefined) continue;
      assert.equal(spec.size, GRADED_DEFECTS[spec.id as keyof typeof GRADED_DEFECTS]?.default, spec.id);
    }
  });

  it('covers every service defect, each with a criterion, and runs healthy under every test it uses', () => {
    const defects = SENSITIVITY_CASES.filter((c) => c.defect !== undefined);
    for (const name of DEFECTS) {
      const spec = defects.find((c) => c.id === name);
      assert.ok(spec, `${name} is in the matrix`);
      assert.equal(spec.serviceEnv.DEFECT, name);
    }
    assert.ok(defects.every((c) => c.criterion !== undefined));
    const healthyTests = new Set(SENSITIVITY_CASES.filter((c) => c.defect === undefined).map((c) => c.test));
    for (const spec of defects) assert.ok(healthyTests.has(spec.test), `healthy ${spec.test} runs`);
  });
});

describe('sensitivity in the plan report', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-sensitivity-'));
  after(() => rmSync(runDir, { recursive: true, force: true }));

  it('has no section without sensitivity.json, and shows the matrix with it', () => {
    assert.deepEqual(sensitivityMarkdownSection(runDir), []);
    assert.equal(sensitivityHtmlSection(runDir), '');
    const matrix = matrixOf(outcome('healthy-smoke', 0), outcome('alg-none-accepted', 0.08));
    writeSensitivity(runDir, {
      schema: SENSITIVITY_SCHEMA,
      runId: 'r1',
      startedAt: '2026-01-01T00:00:00Z',
      durationS: 42,
      workers: 4,
      scale: 0.05,
      matrix,
      outcomes: [],
    });
    const markdown = sensitivityMarkdownSection(runDir).join('\n');
    assert.match(
      markdown,
      /\| alg-none-accepted \| smoke \| failure\\_rate \(Failed requests\) \| 0\.08 \| exit 99 \| CAUGHT \|/,
    );
    assert.match(markdown, /1 of 1 defects caught; healthy service passes/);
    assert.match(sensitivityHtmlSection(runDir), /<section id="sensitivity">[\s\S]*CAUGHT/);
  });

  it('adds the smallest-caught column beside the bound, and the limits section, after --limits', () => {
    const slow = caseOf('slow-redis');
    const run = (id: string, p50: number, exitCode: number): CaseOutcome => ({
      id,
      gate: exitCode === 0 ? 'pass' : 'fail',
      exitCode,
      criteria: [{ key: 'p50_ms', label: 'Latency p50', measured: p50, pass: p50 <= 14, bound: '<= 14' }],
      durationS: 40,
    });
    const matrix = sensitivityMatrix([slow], new Map([['slow-redis', run('slow-redis', 31, 99)]]));
    const steps = [
      { size: 6, result: 'MISSED' as const, measured: 9.5, gate: 'exit 0', exitCode: 0 },
      { size: 13, result: 'CAUGHT' as const, measured: 17.2, gate: 'exit 99', exitCode: 99 },
      { size: 25, result: 'CAUGHT' as const, measured: 31, gate: 'exit 99', exitCode: 99 },
    ];
    const record: SensitivityRecord = {
      schema: SENSITIVITY_SCHEMA,
      runId: 'r2',
      startedAt: '2026-01-01T00:00:00Z',
      durationS: 300,
      workers: 4,
      scale: 0.05,
      matrix,
      outcomes: [],
      limits: [
        {
          defect: 'slow-redis',
          unit: 'ms added to every Redis call',
          test: 'baseline-1000',
          criterion: 'p50_ms',
          bound: '<= 14',
          steps,
          smallestCaught: 13,
          largestMissed: 6,
          limitedBy: 'the p50 bound',
        },
      ],
    };
    const markdown = sensitivityMarkdown(record);
    assert.match(markdown, /\| result \| smallest caught \|/);
    assert.match(
      markdown,
      /13 \(p50\\_ms 17\.2, exit 99\); missed at 6 \(p50\\_ms 9\.5, exit 0\); bound p50\\_ms <= 14; unit: ms added to every Redis call/,
    );
    assert.match(markdown, /### Detection limits/);
    const { limits: _searched, ...withoutLimits } = record;
    assert.doesNotMatch(sensitivityMarkdown(withoutLimits), /smallest caught/);
  });

  it('says so when sensitivity.json is not a sensitivity record', () => {
    writeFileSync(join(runDir, 'sensitivity.json'), '{"schema":"other"}');
    assert.match(
      sensitivityMarkdownSection(runDir).join('\n'),
      /sensitivity\.json: not a sensitivity record \(expected schema "auth-loadtest\/sensitivity@2"/,
    );
    writeFileSync(join(runDir, 'sensitivity.json'), `{"schema":"${SENSITIVITY_SCHEMA}","runId":"x"}`);
    assert.match(
      sensitivityMarkdownSection(runDir).join('\n'),
      /a sensitivity record with a wrong field: .*matrix/,
    );
  });
});
