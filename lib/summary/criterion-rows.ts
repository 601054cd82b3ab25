// One row per criterion as every per-run report shows it: words, not booleans.
import { type CriterionResult, measuredElsewhere, outcomeOf, passesGate } from '../criteria.ts';
import { formatBoundValue, formatValue } from './format.ts';

export type ResultWord = 'PASS' | 'FAIL' | 'NOT MEASURED' | 'NOT RUN' | 'ANOTHER INSTANCE';

export interface CriterionRow {
  label: string;
  key: string;
  level: 'target' | 'stretch';
  gating: boolean;
  bound: string;
  /** The plan's bound when this run was held to a scaled one (throughput on a smaller run). */
  plannedBound: string | undefined;
  measured: string;
  result: ResultWord;
  /** Why a criterion was not measured or did not run, or the opt-out that turned it off. */
  note: string | undefined;
}

/** For results that carry only `pass` (drills, soaks, old records). */
export function resultWord(pass: boolean | undefined, judgedElsewhere = false): ResultWord {
  if (pass === undefined) return judgedElsewhere ? 'ANOTHER INSTANCE' : 'NOT MEASURED';
  return pass ? 'PASS' : 'FAIL';
}

const WORDS = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-measured': 'NOT MEASURED',
  'not-run': 'NOT RUN',
} as const;

export function criterionWord(result: CriterionResult): ResultWord {
  if (measuredElsewhere(result)) return 'ANOTHER INSTANCE';
  return WORDS[outcomeOf(result)];
}

function noteOf(result: CriterionResult): string | undefined {
  if (result.notRun?.optOut !== undefined) return `opted out: ${result.notRun.optOut}`;
  return result.reason;
}

function boundText(result: CriterionResult): { bound: string; plannedBound: string | undefined } {
  const scaled = result.bound.value !== result.planned.value;
  return {
    bound: formatBoundValue(result.bound, result.unit),
    plannedBound: scaled ? formatBoundValue(result.planned, result.unit) : undefined,
  };
}

export function criterionRow(result: CriterionResult): CriterionRow {
  return {
    label: result.label,
    key: result.key,
    level: result.level,
    gating: result.gating,
    ...boundText(result),
    measured: formatValue(result.measured, result.unit),
    result: criterionWord(result),
    note: noteOf(result),
  };
}

/** Targets first, then stretch goals, each in plan order. */
export function criterionRows(results: CriterionResult[]): CriterionRow[] {
  const ordered = [
    ...results.filter((result) => result.level === 'target'),
    ...results.filter((result) => result.level === 'stretch'),
  ];
  return ordered.map(criterionRow);
}

/**
 * The gating criteria that stopped the run from passing, one sentence each (word, criterion, measured value,
 * bound, and the reason when it was not measured or did not run): what every report says first.
 */
export function reasonsNotPassed(results: CriterionResult[]): string[] {
  return results
    .filter((result) => result.gating && !measuredElsewhere(result) && !passesGate(result))
    .map((result) => {
      const row = criterionRow(result);
      const bound = row.plannedBound ? `${row.bound} (plan ${row.plannedBound})` : row.bound;
      const because = row.note === undefined ? '' : `: ${row.note}`;
      const what = `${row.result} ${row.label} (${row.key}, ${row.level})`;
      // Nothing was measured for a criterion that did not run: its reason is the whole story.
      if (row.result === 'NOT RUN') return `${what}${because}`;
      return `${what}: measured ${row.measured}, bound ${bound}${because}`;
    });
}
