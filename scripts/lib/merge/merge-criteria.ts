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

/**
 * Whether an instance measured a criterion at all. k6 reports a Trend or Rate that got no sample as zeros
 * (count 0, or 0 passes and 0 fails), and a record then shows "measured 0": on a runner without the Redis
 * monitor that would read as "0 MB used". Counters that never fired are a true 0 and stay measured.
 */
function sampled(result: CriterionResult, metrics: MetricValues): boolean {
  if (result.measured === undefined) return false;
  const values = metrics[result.metric];
  if (!values) return true;
  if ('passes' in values && 'fails' in values) return (values.passes ?? 0) + (values.fails ?? 0) > 0;
  const isTrend = Object.keys(values).some((stat) => stat.startsWith('p(') || stat === 'med');
  return !(isTrend && values.count === 0);
}

export interface InstanceResults {
  criteria: CriterionResult[];
  metrics: MetricValues;
}

/** One merged result per criterion (level and key) any instance listed, in first-seen order. */
export function mergeCriteria(instances: InstanceResults[], merged: MetricValues): MergedCriterion[] {
  const order: string[] = [];
  const byId = new Map<string, { index: number; result: CriterionResult; sampled: boolean }[]>();
  instances.forEach(({ criteria, metrics }, index) => {
    for (const result of criteria) {
      const id = `${result.level}:${result.key}`;
      if (!byId.has(id)) {
        order.push(id);
        byId.set(id, []);
      }
      byId.get(id)?.push({ index, result, sampled: sampled(result, metrics) });
    }
  });
  return order.map((id) => {
    const listed = byId.get(id) ?? [];
    const first = listed[0]?.result as CriterionResult;
    const measured = listed.filter((entry) => entry.sampled);
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
