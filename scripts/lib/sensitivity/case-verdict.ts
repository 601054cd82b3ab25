// Turns the outcomes of the sensitivity cases into the matrix: one row per defect, the healthy runs, and
// the closing line. A defect is CAUGHT only when the gate failed (k6 exit 99, or the exit the case names,
// for k6 cases; the drill's or soak's verdict FAIL for those) AND the criterion named for it failed: a
// criterion that failed in the report while the gate passed would let the defect ship. Each healthy run
// must pass its gate (k6 exit 0, verdict PASS) and every criterion. Pure.
import { PREFLIGHT, type SensitivityCase } from './matrix.ts';

export interface CaseCriterion {
  key: string;
  label: string;
  measured: number | null;
  /** null: not measured, or set aside with a note. */
  pass: boolean | null;
  /** The bound the run was held to, e.g. "<= 14". */
  bound?: string;
  note?: string;
}

export interface CaseOutcome {
  id: string;
  /** The gate's verdict: k6 exit 0 for k6 cases; the drill's or soak's own verdict for those. */
  gate: 'pass' | 'fail';
  /** k6's exit code (for a drill or soak, that of the k6 run it drove); null when k6 never exited. */
  exitCode: number | null;
  criteria: CaseCriterion[];
  /** Set when the case could not run at all (the stack did not start, k6 failed to launch, ...). */
  error?: string;
  durationS: number;
}

export type DefectResult = 'CAUGHT' | 'MISSED';

export interface DefectRow {
  defect: string;
  description: string;
  test: string;
  criterion: string;
  label: string;
  measured: number | null;
  /** The gate as run: "exit 99", "verdict FAIL (k6 exit 0)", "did not run". */
  gate: string;
  exitCode: number | null;
  result: DefectResult;
  /** Why a defect was missed, in words; undefined when caught. */
  why?: string;
}

export interface HealthyRow {
  test: string;
  gate: string;
  exitCode: number | null;
  passed: boolean;
  /** What did not pass (gate or criteria, with measured values): empty when the run passed. */
  failures: string[];
}

export interface SensitivityMatrix {
  defects: DefectRow[];
  healthy: HealthyRow[];
  caught: number;
  healthyPasses: boolean;
  summary: string;
  ok: boolean;
}

function describeFailure(criterion: CaseCriterion): string {
  const why = criterion.note ?? (criterion.pass === null ? 'not measured' : 'failed');
  return `${criterion.key} = ${criterion.measured ?? '-'} (${why})`;
}

export function describeGate(spec: SensitivityCase, outcome: CaseOutcome | undefined): string {
  if (outcome === undefined) return 'did not run';
  if (spec.kind === 'k6') return outcome.exitCode === null ? 'k6 did not exit' : `exit ${outcome.exitCode}`;
  const k6 = outcome.exitCode === null ? '' : ` (k6 exit ${outcome.exitCode})`;
  return `verdict ${outcome.gate.toUpperCase()}${k6}`;
}

/** Whether the gate failed the way this case expects: its k6 exit code, or the drill's or soak's FAIL. */
function gateFailedAsExpected(spec: SensitivityCase, outcome: CaseOutcome): boolean {
  if (spec.kind === 'k6') return outcome.exitCode === spec.gateExit;
  return outcome.gate === 'fail';
}

function whyMissed(
  spec: SensitivityCase,
  outcome: CaseOutcome | undefined,
  gate: string,
): string | undefined {
  if (outcome === undefined) return 'did not run';
  if (outcome.error !== undefined) return `could not run: ${outcome.error}`;
  const failedAsExpected = gateFailedAsExpected(spec, outcome);
  if (spec.criterion === PREFLIGHT) {
    return failedAsExpected ? undefined : `expected the preflight abort (exit ${spec.gateExit}), got ${gate}`;
  }
  const criterion = outcome.criteria.find((c) => c.key === spec.criterion);
  const criterionFailed = criterion?.pass === false;
  if (failedAsExpected && criterionFailed) return undefined;
  if (criterionFailed)
    return `${spec.criterion} failed but the gate passed (${gate}): a pipeline would ship it`;
  const state =
    criterion === undefined ? 'was not judged' : criterion.pass === null ? 'was not measured' : 'passed';
  return `${spec.criterion} ${state} (gate: ${gate})`;
}

export function defectRow(spec: SensitivityCase, outcome: CaseOutcome | undefined): DefectRow {
  const key = spec.criterion ?? '';
  const criterion = outcome?.criteria.find((c) => c.key === key);
  const gate = describeGate(spec, outcome);
  const why = whyMissed(spec, outcome, gate);
  return {
    defect: spec.id,
    description: spec.description,
    test: spec.test,
    criterion: key,
    label: key === PREFLIGHT ? 'run aborted before load' : (criterion?.label ?? key),
    measured: criterion?.measured ?? null,
    gate,
    exitCode: outcome?.exitCode ?? null,
    result: why === undefined ? 'CAUGHT' : 'MISSED',
    ...(why === undefined ? {} : { why }),
  };
}

export function healthyRow(spec: SensitivityCase, outcome: CaseOutcome | undefined): HealthyRow {
  const gate = describeGate(spec, outcome);
  const exitCode = outcome?.exitCode ?? null;
  if (outcome === undefined)
    return { test: spec.test, gate, exitCode, passed: false, failures: ['did not run'] };
  if (outcome.error !== undefined) {
    return { test: spec.test, gate, exitCode, passed: false, failures: [outcome.error] };
  }
  // Every criterion must have passed; one set aside ("not judged") proves nothing about the healthy
  // service, so it counts against it too. So does a gate that failed: k6 exit other than 0, verdict FAIL.
  const failures = outcome.criteria.filter((c) => c.pass !== true).map(describeFailure);
  const gatePassed = outcome.gate === 'pass' && (spec.kind !== 'k6' || exitCode === 0);
  if (!gatePassed) failures.unshift(`the gate failed (${gate})`);
  return { test: spec.test, gate, exitCode, passed: failures.length === 0, failures };
}

export function summaryLine(caught: number, total: number, healthyPasses: boolean): string {
  return `${caught} of ${total} defects caught; healthy service ${healthyPasses ? 'passes' : 'fails'}`;
}

export function sensitivityMatrix(
  cases: readonly SensitivityCase[],
  outcomes: ReadonlyMap<string, CaseOutcome>,
): SensitivityMatrix {
  const defects = cases.filter((c) => c.defect !== undefined).map((c) => defectRow(c, outcomes.get(c.id)));
  const healthy = cases.filter((c) => c.defect === undefined).map((c) => healthyRow(c, outcomes.get(c.id)));
  const caught = defects.filter((row) => row.result === 'CAUGHT').length;
  const healthyPasses = healthy.length > 0 && healthy.every((row) => row.passed);
  return {
    defects,
    healthy,
    caught,
    healthyPasses,
    summary: summaryLine(caught, defects.length, healthyPasses),
    ok: caught === defects.length && healthyPasses,
  };
}
