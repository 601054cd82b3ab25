// The capacity search: users rise in steps until a step misses a target. Pure: which users come next,
// whether a step held, and the breaking point read from the steps.
import type { CriterionResult } from '../../../lib/criteria.ts';
import { formatBoundValue } from '../../../lib/summary/format.ts';

export interface CapacityStep {
  users: number;
  /** Requests per second while all users ran. */
  steadyRps: number | undefined;
  p95Ms: number | undefined;
  failureRate: number | undefined;
  k6ExitCode: number;
  /** Target criteria this step missed (empty: the step held). */
  broken: Array<{ key: string; label: string; measured: number | null; unit: string; bound: string }>;
  /** Folder of the step's run record, relative to the run folder. */
  folder: string;
}

/** reports/<run-id>/capacity.json */
export interface CapacityFile {
  schema: 'auth-loadtest/capacity@1';
  test: string;
  target: string;
  workers?: number;
  stepS: number;
  factor: number;
  steps: CapacityStep[];
  /** The first step that missed a target; null when every step held (capacity above the last step). */
  breakingPoint: { users: number; steadyRps: number | undefined; criteria: string[] } | null;
  /** The last step that held every target. */
  lastGood: { users: number; steadyRps: number | undefined } | null;
  /** Why the search stopped. */
  stoppedBecause: string;
}

export function nextUsers(users: number, factor: number): number {
  return Math.max(users + 1, Math.round(users * factor));
}

/** Target criteria of a step's run record that failed or could not be measured. */
export function brokenCriteria(criteria: CriterionResult[]): CapacityStep['broken'] {
  return criteria
    .filter((c) => c.level === 'target' && c.pass !== true)
    .map((c) => ({
      key: c.key,
      label: c.label,
      measured: c.measured ?? null,
      unit: c.unit,
      bound: formatBoundValue(c.bound, c.unit),
    }));
}

export function capacityVerdict(steps: CapacityStep[]): Pick<CapacityFile, 'breakingPoint' | 'lastGood'> {
  const breaking = steps.find((step) => step.broken.length > 0);
  const held = steps.filter((step) => step.broken.length === 0 && (!breaking || step.users < breaking.users));
  const last = held.at(-1);
  return {
    breakingPoint: breaking
      ? {
          users: breaking.users,
          steadyRps: breaking.steadyRps,
          criteria: breaking.broken.map((c) => c.label),
        }
      : null,
    lastGood: last ? { users: last.users, steadyRps: last.steadyRps } : null,
  };
}
