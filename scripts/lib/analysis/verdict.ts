// Judges measured values against a section of thresholds.json (failover drill, soak).
import { type Bound, type BoundSet, meets } from '../../../lib/plan.ts';

export interface Judged {
  key: string;
  label: string;
  bound: Bound;
  measured: number | null;
  pass: boolean | null;
}

export function judge(
  bounds: BoundSet,
  measured: Record<string, number | undefined>,
  labels: Record<string, string>,
): { criteria: Judged[]; verdict: 'pass' | 'fail' } {
  const criteria = Object.entries(bounds).map(([key, bound]) => {
    const value = measured[key];
    return {
      key,
      label: labels[key] ?? key,
      bound,
      measured: value ?? null,
      pass: value === undefined ? null : meets(bound, value),
    };
  });
  // Something the plan asks for that could not be measured is a failure, not a pass.
  return { criteria, verdict: criteria.every((c) => c.pass === true) ? 'pass' : 'fail' };
}
