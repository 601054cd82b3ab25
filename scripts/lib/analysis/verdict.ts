// Judges measured values against a section of thresholds.json (failover drill, soak).
import { type BoundSet, meets } from '../../../lib/plan.ts';
import type { JudgedCriterion } from '../report/inputs.ts';

export function judge(
  bounds: BoundSet,
  measured: Record<string, number | undefined>,
  labels: Record<string, string>,
  notJudged: Record<string, string> = {},
): { criteria: JudgedCriterion[]; verdict: 'pass' | 'fail' } {
  const criteria = Object.entries(bounds).map(([key, bound]): JudgedCriterion => {
    const value = measured[key];
    const base = { key, label: labels[key] ?? key, bound, measured: value ?? null };
    const note = notJudged[key];
    if (note !== undefined) return { ...base, pass: null, note };
    return { ...base, pass: value === undefined ? null : meets(bound, value) };
  });
  // Something the plan asks for that could not be measured is a failure, not a pass; only a criterion
  // set aside with a stated reason does not count.
  const decided = criteria.filter((c) => c.note === undefined);
  return { criteria, verdict: decided.every((c) => c.pass === true) ? 'pass' : 'fail' };
}
