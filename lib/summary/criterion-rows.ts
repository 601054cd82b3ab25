// One row per criterion as every per-run report shows it: words, not booleans.
import { type CriterionResult, measuredElsewhere } from '../criteria.ts';
import { formatBoundValue, formatValue } from './format.ts';

export type ResultWord = 'PASS' | 'FAIL' | 'NOT MEASURED' | 'ANOTHER INSTANCE';

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
}

export function resultWord(pass: boolean | undefined, judgedElsewhere = false): ResultWord {
  if (pass === undefined) return judgedElsewhere ? 'ANOTHER INSTANCE' : 'NOT MEASURED';
  return pass ? 'PASS' : 'FAIL';
}

export function criterionRow(result: CriterionResult): CriterionRow {
  const scaled = result.bound.value !== result.planned.value;
  return {
    label: result.label,
    key: result.key,
    level: result.level,
    gating: result.gating,
    bound: formatBoundValue(result.bound, result.unit),
    plannedBound: scaled ? formatBoundValue(result.planned, result.unit) : undefined,
    measured: formatValue(result.measured, result.unit),
    result: resultWord(result.pass, measuredElsewhere(result)),
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
