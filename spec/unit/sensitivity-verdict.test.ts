// The sensitivity matrix's verdict: a defect is CAUGHT only by a measured failure of the criterion named
// for it; the healthy service must pass every criterion of every run; the closing line says both; the
// plan report shows the matrix when sensitivity.json is in the run folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  sensitivityHtmlSection,
  sensitivityMarkdownSection,
} from '../../scripts/lib/report/sensitivity-section.ts';
import { SENSITIVITY_CASES, type SensitivityCase } from '../../scripts/lib/sensitivity/matrix.ts';
import { SENSITIVITY_SCHEMA, writeSensitivity } from '../../scripts/lib/sensitivity/record.ts';
import { type CaseOutcome, sensitivityMatrix } from '../../scripts/lib/sensitivity/verdict.ts';
import { DEFECTS } from '../../server/defects/setting.ts';

const healthySmoke = SENSITIVITY_CASES.find((c) => c.id === 'healthy-smoke') as SensitivityCase;
const algNone = SENSITIVITY_CASES.find((c) => c.id === 'alg-none-accepted') as SensitivityCase;
const cases = [healthySmoke, algNone];

function outcome(id: string, failureRate: number | null, extra: Partial<CaseOutcome> = {}): CaseOutcome {
  const pass = failureRate === null ? null : failureRate === 0;
  return {
    id,
    passed: pass === true,
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

  it('fails the healthy service on any criterion that did not pass, including one not judged', () => {
    const failing = matrixOf(outcome('healthy-smoke', 0.01), outcome('alg-none-accepted', 0.08));
    assert.equal(failing.healthyPasses, false);
    assert.match(failing.healthy[0]?.failures[0] ?? '', /failure_rate = 0.01 \(failed\)/);
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
      /\| alg-none-accepted \| smoke \| failure\\_rate \(Failed requests\) \| 0\.08 \| CAUGHT \|/,
    );
    assert.match(markdown, /1 of 1 defects caught; healthy service passes/);
    assert.match(sensitivityHtmlSection(runDir), /<section id="sensitivity">[\s\S]*CAUGHT/);
  });

  it('says so when sensitivity.json is not a sensitivity record', () => {
    writeFileSync(join(runDir, 'sensitivity.json'), '{"schema":"other"}');
    assert.match(sensitivityMarkdownSection(runDir).join('\n'), /unknown schema/);
  });
});
