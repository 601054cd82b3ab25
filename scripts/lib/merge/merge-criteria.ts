// Judges the plan's criteria for a test split over instances, each criterion by the instances that
// measured it. A criterion no instance measured stays "not measured", which fails a target, so a probe
// or monitor that ran nowhere cannot pass by omission.
import type { CriterionResult } from '../../../lib/criteria.ts';
import { type Bound, meets } from '../../../lib/plan.ts';
import type { MetricValues } from '../../../lib/summary/key-numbers.ts';

/** How a merged criterion got its measured value, for the report's "how" column. */
export type MergeMethod =
  | 'not measured'
  | 'one instance'
  | 'sum of instances'
  | 'pooled over instances'
  | 'worst instance';

export interface MergedCriterion extends CriterionResult {
  method: MergeMethod;
  /** Indexes (0-based, in the order given) of the instances whose measurement was used. */
  measuredOn: number[];
}

/** The value that is furthest on the failing side of the bound. */
function worst(bound: Bound, values: number[]): number {
  switch (bound.op) {
    case '<':
    case '<=':
      return Math.max(...values);
    case '>':
    case '>=':
      return Math.min(...values);
    case '==':
      return values.reduce((a, b) => (Math.abs(b - bound.value) > Math.abs(a - bound.value) ? b : a));
  }
}

function combine(
  measured: { index: number; result: CriterionResult }[],
  merged: MetricValues,
): Pick<MergedCriterion, 'measured' | 'bound' | 'method'> {
  const first = measured[0]?.result as CriterionResult;
  const values = measured.map(({ result }) => result.measured as number);
  if (first.key === 'throughput_rps') {
    // Each instance is held to its share of the load, so the whole is held to the sum of the shares.
    const bound = {
      op: first.bound.op,
      value: measured.reduce((total, { result }) => total + result.bound.value, 0),
    };
    return { measured: values.reduce((a, b) => a + b, 0), bound, method: 'sum of instances' };
  }
  if (first.stat === 'count') {
    return { measured: values.reduce((a, b) => a + b, 0), bound: first.bound, method: 'sum of instances' };
  }
  const pooled = merged[first.metric]?.rate;
  if (first.stat === 'rate' && pooled !== undefined) {
    return { measured: pooled, bound: first.bound, method: 'pooled over instances' };
  }
  return { measured: worst(first.bound, values), bound: first.bound, method: 'worst instance' };
}

/** One merged result per criterion (level and key) any instance listed, in first-seen order. */
export function mergeCriteria(instances: CriterionResult[][], merged: MetricValues): MergedCriterion[] {
  const order: string[] = [];
  const byId = new Map<string, { index: number; result: CriterionResult }[]>();
  instances.forEach((criteria, index) => {
    for (const result of criteria) {
      const id = `${result.level}:${result.key}`;
      if (!byId.has(id)) {
        order.push(id);
        byId.set(id, []);
      }
      byId.get(id)?.push({ index, result });
    }
  });
  return order.map((id) => {
    const listed = byId.get(id) ?? [];
    const first = listed[0]?.result as CriterionResult;
    const measured = listed.filter(({ result }) => result.measured !== undefined);
    const measuredOn = measured.map(({ index }) => index);
    if (measured.length === 0) {
      return { ...first, measured: undefined, pass: undefined, method: 'not measured', measuredOn };
    }
    if (measured.length === 1) {
      const only = measured[0]?.result as CriterionResult;
      return { ...only, method: 'one instance', measuredOn };
    }
    const combined = combine(measured, merged);
    const value = combined.measured as number;
    return { ...first, ...combined, pass: meets(combined.bound, value), measuredOn };
  });
}
