// The plan's gates for one run: thresholds.json → criteria → k6 thresholds. Only k6's __VU 0 instance needs
// them (options, handleSummary), so the build loads this module on its first call (scripts/lib/bundle.ts):
// virtual users never evaluate the plan's parser, its criteria or the targets file.
import planJson from '../thresholds.json';
import { type CriteriaContext, type Criterion, criteriaFor, k6Thresholds } from './criteria.ts';
import { parsePlan } from './plan.ts';

export interface PlanGates {
  criteria: Criterion[];
  thresholds: Record<string, string[]>;
}

/** Throws a PlanError naming the problem when thresholds.json is broken: k6 then stops in init (exit 107). */
export function planGates(test: string, context: CriteriaContext): PlanGates {
  const criteria = criteriaFor(parsePlan(planJson), test, context);
  return { criteria, thresholds: k6Thresholds(criteria, context.steadySeconds) };
}
