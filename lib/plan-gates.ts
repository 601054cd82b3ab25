// The plan's gates for one run: thresholds.json → criteria → k6 thresholds. Only k6's __VU 0 instance needs
// them (options, handleSummary): it belongs to the whole test's part, which load VUs never load
// (scripts/lib/bundle/stand-in.ts), so they never evaluate the plan's parser, its criteria or the targets file.
import planJson from '../thresholds.json';
import { type CriteriaContext, type Criterion, criteriaFor, k6Thresholds } from './criteria.ts';
import { parsePlan } from './plan.ts';
import { type FloorSettings, sampleFloor, unreachableGuards } from './sample-floor.ts';

export interface PlanGates {
  criteria: Criterion[];
  thresholds: Record<string, string[]>;
}

export class UnmeasurableError extends Error {
  constructor(problems: string[]) {
    super(`this configuration cannot measure what the test gates: ${problems.join('; ')}`);
    this.name = 'UnmeasurableError';
  }
}

/**
 * Throws a PlanError naming the problem when thresholds.json is broken, and an UnmeasurableError naming the
 * knob when the run could not make the samples a gating criterion needs: k6 then stops in init (exit 107),
 * before any load, instead of failing the criterion as not measured after the run.
 */
export function planGates(test: string, context: CriteriaContext, floor: FloorSettings): PlanGates {
  const criteria = criteriaFor(parsePlan(planJson), test, context);
  const problems = unreachableGuards(criteria, sampleFloor(floor));
  if (problems.length > 0) throw new UnmeasurableError(problems);
  return { criteria, thresholds: k6Thresholds(criteria, context.steadySeconds) };
}
