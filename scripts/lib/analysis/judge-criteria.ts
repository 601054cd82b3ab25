// Judges measured values against a section of thresholds.json (failover drill, soak).
import { labelOf } from '../../../lib/criteria-catalogue.ts';
import { type BoundSet, meets } from '../../../lib/plan.ts';
import type { JudgedCriterion } from '../run-folder/types.ts';

/** What a producer knows about one criterion before it is judged. */
export interface Judgement {
  measured: number | undefined;
  /** Set: the criterion could not be measured (or not precisely enough), and this says why. */
  notMeasured?: string;
  /** A decision other than "the measured value meets the bound" (e.g. a rise that is not significant). */
  pass?: boolean;
  /** Shown beside the value: how it was decided. */
  note?: string;
}

export function judgeEach(
  bounds: BoundSet,
  judgements: Record<string, Judgement>,
): { criteria: JudgedCriterion[]; verdict: 'pass' | 'fail' } {
  const criteria = Object.entries(bounds).map(([key, bound]): JudgedCriterion => {
    const judgement = judgements[key] ?? { measured: undefined };
    const value = judgement.measured;
    const base = { key, label: labelOf(key), bound, measured: value ?? null };
    const reason = judgement.notMeasured ?? (value === undefined ? 'no value was measured' : undefined);
    if (reason !== undefined) return { ...base, pass: null, outcome: 'not-measured', reason };
    const pass = judgement.pass ?? meets(bound, value as number);
    return {
      ...base,
      pass,
      outcome: pass ? 'pass' : 'fail',
      ...(judgement.note === undefined ? {} : { note: judgement.note }),
    };
  });
  // Something the plan asks for that could not be measured is a failure, never a pass.
  return { criteria, verdict: criteria.every((c) => c.outcome === 'pass') ? 'pass' : 'fail' };
}

export function judge(
  bounds: BoundSet,
  measured: Record<string, number | undefined>,
): { criteria: JudgedCriterion[]; verdict: 'pass' | 'fail' } {
  return judgeEach(
    bounds,
    Object.fromEntries(Object.entries(measured).map(([key, value]) => [key, { measured: value }])),
  );
}
