// The plan's numbers an alert or a histogram needs, read from thresholds.json (parsed by lib/plan.ts): the
// latency bounds, the failure-rate bounds and the shared Redis and soak bounds, each with the tests whose
// target or stretch names it, so an alert can say where its threshold comes from.
import { CRITERIA_CATALOGUE } from '../../../lib/criteria-catalogue.ts';
import type { Bound, Level, Plan } from '../../../lib/plan.ts';

/** One number thresholds.json uses for a criterion, and where. */
export interface PlanBound {
  criterion: string;
  bound: Bound;
  /** "baseline-1000 target", "stress-5000 stretch", ... */
  usedBy: string[];
}

const LEVELS: readonly Level[] = ['target', 'stretch'];

function isLatencyCriterion(name: string): boolean {
  const entry = CRITERIA_CATALOGUE[name as keyof typeof CRITERIA_CATALOGUE];
  return entry?.unit === 'ms' && entry.k6?.metric === 'http_req_duration';
}

/** Every distinct bound the tests give the criteria `accept` picks, smallest value first. */
export function testBounds(plan: Plan, accept: (criterion: string) => boolean, levels = LEVELS): PlanBound[] {
  const byKey = new Map<string, PlanBound>();
  for (const [test, targets] of Object.entries(plan.tests)) {
    for (const level of levels) {
      for (const [criterion, bound] of Object.entries(targets[level])) {
        if (!accept(criterion)) continue;
        const key = `${criterion} ${bound.op} ${bound.value}`;
        const entry = byKey.get(key) ?? { criterion, bound, usedBy: [] };
        entry.usedBy.push(`${test} ${level}`);
        byKey.set(key, entry);
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.bound.value - b.bound.value);
}

/** Every latency bound (any percentile, target or stretch) in milliseconds, ascending, once each. */
export function latencyBoundsMs(plan: Plan): number[] {
  return [...new Set(testBounds(plan, isLatencyCriterion).map(({ bound }) => bound.value))];
}

/** The p95 bounds the tests gate on (targets only): the alerts' "slower than the p95 bound". */
export function p95TargetBounds(plan: Plan): PlanBound[] {
  return testBounds(plan, (criterion) => criterion === 'p95_ms', ['target']);
}

/** The non-zero failure-rate bounds the tests gate on; "== 0" is a functional test's, not an alert's. */
export function failureRateTargetBounds(plan: Plan): PlanBound[] {
  return testBounds(plan, (criterion) => criterion === 'failure_rate', ['target']).filter(
    ({ bound }) => bound.value > 0,
  );
}
