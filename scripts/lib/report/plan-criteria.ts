// The plan's success-criteria table: one row per criterion of every test run, the failover drills, the
// soak and the STATE=memory comparison, with the target and the stretch goal side by side, and "not run"
// rows (with the reason) for parts that left no result. The verdict is not read from these words: it is
// plan-verdict.ts's, from typed results.
import type { CriterionResult } from '../../../lib/criteria.ts';
import { CRITERION_ORDER, unitOf } from '../../../lib/criteria-catalogue.ts';
import type { Bound } from '../../../lib/plan.ts';
import { criterionWord, type ResultWord, resultWord } from '../../../lib/summary/criterion-rows.ts';
import { formatBoundValue, formatValue } from '../../../lib/summary/format.ts';
import type { JudgedCriterion } from '../run-folder/types.ts';
import type { PlanPart } from './plan-parts.ts';
import { judgePlan } from './plan-verdict.ts';
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
    result: criterionWord(result),
    gating: result.gating,
  };
}

/** Rows of a run in the plan's order of criteria, whichever level introduced them. */
function byPlanOrder(a: PlanCriterionRow, b: PlanCriterionRow): number {
  const rank = (row: PlanCriterionRow) => {
    const index = CRITERION_ORDER.indexOf(row.key);
    return index === -1 ? CRITERION_ORDER.length : index;
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

function judgedOutcome(criterion: JudgedCriterion): Outcome {
  // A drill or soak criterion that could not be judged: NOT JUDGED at plan level, and it gates.
  if (criterion.outcome === 'not-measured') return 'NOT JUDGED';
  if (criterion.outcome === undefined && criterion.note) return 'NOT JUDGED';
  return resultWord(criterion.pass ?? undefined);
}

function judgedRow(scope: string, criterion: JudgedCriterion): PlanCriterionRow {
  const unit = unitOf(criterion.key);
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

function notRunRow(part: PlanPart): PlanCriterionRow {
  const [finding] = part.findings;
  return {
    scope: part.name,
    criterion: finding?.what ?? part.kind,
    key: '',
    measured: 'not run',
    ...(finding?.why ? { note: finding.why } : {}),
    target: { bound: '', result: 'NOT RUN', gating: true },
    stretch: undefined,
  };
}

/** The comparison's one row: did the suite catch the shared-state defect? */
function comparisonRow(part: PlanPart, data: PlanRunData): PlanCriterionRow {
  const run = data.comparisons.find((candidate) => candidate.folder === part.name);
  const accepted = run?.record.criteria.find((result) => result.key === 'revoked_token_accepted');
  return {
    scope: part.name,
    criterion: 'Suite caught the shared-state defect',
    key: 'revoked_token_accepted',
    measured: accepted ? `${formatValue(accepted.measured, 'count')} accepted` : 'no summary.json',
    target: {
      bound: '> 0, k6 exit 99',
      result: part.outcome === 'pass' ? 'PASS' : 'FAIL',
      gating: true,
    },
    stretch: undefined,
  };
}

/** One row per criterion of every part of the plan, in the judgement's order of parts. */
export function planCriteriaRows(data: PlanRunData, judgement = judgePlan(data)): PlanCriterionRow[] {
  const rows: PlanCriterionRow[] = [];
  for (const part of judgement.parts) {
    if (part.outcome === 'not-run') {
      rows.push(notRunRow(part));
      continue;
    }
    if (part.kind === 'k6 test') {
      const run = data.runs.find((candidate) => candidate.folder === part.name);
      // A test that exited without a summary.json has no criteria to list: its finding says what happened.
      rows.push(...(run ? rowsForRun(run) : [notRunRow(part)]));
    } else if (part.kind === 'drill') {
      const variant = /\((\w+)\)$/.exec(part.name)?.[1];
      const drill = data.drills.find((candidate) => candidate.variant === variant);
      rows.push(...(drill?.criteria ?? []).map((criterion) => judgedRow(part.name, criterion)));
    } else if (part.kind === 'soak') {
      rows.push(...(data.soak?.criteria ?? []).map((criterion) => judgedRow('soak', criterion)));
    } else {
      rows.push(comparisonRow(part, data));
    }
  }
  return rows;
}
