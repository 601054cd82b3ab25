// Turns the outcomes of the sensitivity cases into the matrix: one row per defect (CAUGHT when the
// criterion expected to catch it failed), the healthy runs (each must pass every criterion), and the
// closing line. Pure.
import type { SensitivityCase } from './matrix.ts';

export interface CaseCriterion {
  key: string;
  label: string;
  measured: number | null;
  /** null: not measured, or set aside with a note. */
  pass: boolean | null;
  note?: string;
}

export interface CaseOutcome {
  id: string;
  /** The run's own verdict: k6 exit code 0, or the drill's or soak's verdict. */
  passed: boolean;
  criteria: CaseCriterion[];
  /** Set when the case could not run at all (the stack did not start, k6 failed to launch, ...). */
  error?: string;
  durationS: number;
}

export interface DefectRow {
  defect: string;
  description: string;
  test: string;
  criterion: string;
  label: string;
  measured: number | null;
  result: 'CAUGHT' | 'MISSED';
}

export interface HealthyRow {
  test: string;
  passed: boolean;
  /** Criteria that did not pass, with their measured values: empty when the run passed. */
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

export function defectRow(spec: SensitivityCase, outcome: CaseOutcome | undefined): DefectRow {
  const key = spec.criterion ?? '';
  const criterion = outcome?.criteria.find((c) => c.key === key);
  return {
    defect: spec.id,
    description: spec.description,
    test: spec.test,
    criterion: key,
    label: criterion?.label ?? key,
    measured: criterion?.measured ?? null,
    // Only a measured failure of the named criterion counts: a run that broke proves nothing.
    result: outcome?.error === undefined && criterion?.pass === false ? 'CAUGHT' : 'MISSED',
  };
}

export function healthyRow(spec: SensitivityCase, outcome: CaseOutcome | undefined): HealthyRow {
  if (outcome === undefined) return { test: spec.test, passed: false, failures: ['did not run'] };
  if (outcome.error !== undefined) return { test: spec.test, passed: false, failures: [outcome.error] };
  // Every criterion must have passed; one set aside ("not judged") proves nothing about the healthy
  // service, so it counts against it too.
  const failures = outcome.criteria.filter((c) => c.pass !== true).map(describeFailure);
  if (!outcome.passed && failures.length === 0) failures.push('the run itself failed (see its log)');
  return { test: spec.test, passed: failures.length === 0, failures };
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
