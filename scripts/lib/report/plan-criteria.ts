// The plan's success-criteria table: one row per criterion of every test run, the failover drills and
// the soak, with the target and the stretch goal side by side, and "not run" rows for plan tests that
// left no record.
import type { CriterionResult } from '../../../lib/criteria.ts';
import { type Bound, KNOWN_CRITERIA } from '../../../lib/plan.ts';
import { PLAN_ROWS } from '../../../lib/profiles.ts';
import { type ResultWord, resultWord } from '../../../lib/summary/criterion-rows.ts';
import { formatBoundValue, formatValue } from '../../../lib/summary/format.ts';
import type { JudgedCriterion } from './inputs.ts';
import type { PlanRunData, TestRun } from './read-run-folder.ts';

export type Outcome = ResultWord | 'NOT RUN' | 'NOT JUDGED';

export interface LevelCell {
  bound: string;
  result: Outcome;
  /** Gating levels decide the plan verdict; stretch goals usually do not. */
  gating: boolean;
}

export interface PlanCriterionRow {
  /** Test name, "failover (sigkill)" or "soak". */
  scope: string;
  criterion: string;
  key: string;
  measured: string;
  /** Why a measured value was not judged; shown below the value (HTML) or the table (console). */
  note?: string;
  target: LevelCell | undefined;
  stretch: LevelCell | undefined;
}

function cell(result: CriterionResult): LevelCell {
  const scaled = result.bound.value !== result.planned.value;
  const bound = formatBoundValue(result.bound, result.unit);
  return {
    bound: scaled ? `${bound} (plan ${formatBoundValue(result.planned, result.unit)})` : bound,
    result: resultWord(result.pass),
    gating: result.gating,
  };
}

/** Rows of a run in the plan's order of criteria, whichever level introduced them. */
const KEY_ORDER: string[] = [...KNOWN_CRITERIA.tests, ...KNOWN_CRITERIA.redisProbe];

function byPlanOrder(a: PlanCriterionRow, b: PlanCriterionRow): number {
  const rank = (row: PlanCriterionRow) => {
    const index = KEY_ORDER.indexOf(row.key);
    return index === -1 ? KEY_ORDER.length : index;
  };
  return rank(a) - rank(b);
}

function rowsForRun(run: TestRun): PlanCriterionRow[] {
  const byKey = new Map<string, PlanCriterionRow>();
  for (const result of run.record.criteria) {
    const row = byKey.get(result.key) ?? {
      scope: run.folder,
      criterion: result.label,
      key: result.key,
      measured: formatValue(result.measured, result.unit),
      target: undefined,
      stretch: undefined,
    };
    row[result.level] = cell(result);
    byKey.set(result.key, row);
  }
  return [...byKey.values()].sort(byPlanOrder);
}

/** Drill and soak criteria carry no unit; their keys say it (recovery_s, p95_drift_pct ...). */
function unitFromKey(key: string): string {
  if (key.endsWith('_rate')) return 'ratio';
  if (key.endsWith('_ms')) return 'ms';
  if (key.endsWith('_s')) return 's';
  if (key.endsWith('_pct')) return '%';
  if (key.endsWith('_mb_per_min')) return 'MB/min';
  return 'count';
}

function judgedOutcome(criterion: JudgedCriterion): Outcome {
  // A drill or soak criterion that could not be judged: NOT JUDGED at plan level, and it gates.
  if (criterion.outcome === 'not-measured') return 'NOT JUDGED';
  if (criterion.outcome === undefined && criterion.note) return 'NOT JUDGED';
  return resultWord(criterion.pass ?? undefined);
}

function judgedRow(scope: string, criterion: JudgedCriterion): PlanCriterionRow {
  const unit = unitFromKey(criterion.key);
  const measured = criterion.measured ?? undefined;
  return {
    scope,
    criterion: criterion.label,
    key: criterion.key,
    measured: formatValue(measured, unit),
    ...(criterion.reason || criterion.note ? { note: criterion.reason ?? criterion.note } : {}),
    target: {
      bound: formatBoundValue(criterion.bound as Bound, unit),
      result: judgedOutcome(criterion),
      // Older results set a criterion aside with a note; now every soak and drill criterion gates.
      gating: criterion.outcome !== undefined || criterion.note === undefined,
    },
    stretch: undefined,
  };
}

function notRun(scope: string, what: string): PlanCriterionRow {
  return {
    scope,
    criterion: what,
    key: '',
    measured: 'not run',
    target: { bound: '', result: 'NOT RUN', gating: true },
    stretch: undefined,
  };
}

/** Plan tests run by k6 alone; "failover" runs inside the drill and is judged there. */
export const PLAN_TESTS = Object.keys(PLAN_ROWS).filter((test) => test !== 'failover');
export const DRILL_VARIANTS = ['sigterm', 'sigkill'] as const;

export function planCriteriaRows(data: PlanRunData): PlanCriterionRow[] {
  const rows: PlanCriterionRow[] = [];
  for (const test of PLAN_TESTS) {
    const runs = data.runs.filter((run) => run.test === test);
    if (runs.length === 0) rows.push(notRun(test, 'k6 test'));
    for (const run of runs) rows.push(...rowsForRun(run));
  }
  for (const run of data.runs.filter((candidate) => !PLAN_TESTS.includes(candidate.test))) {
    if (run.test !== 'failover') rows.push(...rowsForRun(run));
  }
  for (const variant of DRILL_VARIANTS) {
    const drill = data.drills.find((candidate) => candidate.variant === variant);
    const scope = `failover drill (${variant})`;
    if (!drill) rows.push(notRun(scope, 'Redis failure drill'));
    else rows.push(...drill.criteria.map((criterion) => judgedRow(scope, criterion)));
  }
  if (!data.soak) rows.push(notRun('soak', 'soak verdict'));
  else rows.push(...data.soak.criteria.map((criterion) => judgedRow('soak', criterion)));
  return rows;
}

export type PlanVerdict = 'PASS' | 'FAIL' | 'INCOMPLETE';

/** FAIL when any gating criterion failed or was not measured; INCOMPLETE when parts of the plan did not run. */
export function planVerdict(rows: PlanCriterionRow[]): PlanVerdict {
  const gating = rows.flatMap((row) => [row.target, row.stretch]).filter((level) => level?.gating);
  if (gating.some((level) => level?.result === 'FAIL' || level?.result === 'NOT MEASURED')) return 'FAIL';
  if (gating.some((level) => level?.result === 'NOT RUN')) return 'INCOMPLETE';
  return 'PASS';
}
