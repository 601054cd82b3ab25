// The regression gate: the same tiers of two runs side by side, and which of them got slower (p95, p99)
// or carried less (steady throughput) by more than a tolerance. Pure: records in, comparison out.
import { keyNumbers } from '../../../lib/summary/key-numbers.ts';
import type { RunRecord } from '../../../lib/summary/run-record.ts';

export const DEFAULT_TOLERANCE = 0.1;

/** The numbers of one tier that are compared or shown. */
export interface TierNumbers {
  users: number;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  p99Ms: number | undefined;
  failureRate: number | undefined;
  steadyRps: number | undefined;
  verdict: 'pass' | 'fail';
}

export type GatedMeasure = 'p95Ms' | 'p99Ms' | 'steadyRps';

export interface Regression {
  tier: string;
  measure: GatedMeasure;
  baseline: number;
  current: number;
  /** Relative change, current / baseline - 1 (positive = rose). */
  change: number;
}

export interface TierComparison {
  tier: string;
  baseline: TierNumbers;
  current: TierNumbers;
  regressions: Regression[];
  /** Why a gated number could not be compared, or why the comparison may mislead. */
  notes: string[];
}

export interface RunComparison {
  tolerance: number;
  tiers: TierComparison[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
  regressions: Regression[];
}

export function tierNumbers(record: RunRecord): TierNumbers {
  const numbers = keyNumbers(record.metrics, record.profile.steadyS);
  return {
    users: record.profile.users,
    p50Ms: numbers.p50Ms,
    p95Ms: numbers.p95Ms,
    p99Ms: numbers.p99Ms,
    failureRate: numbers.failureRate,
    steadyRps: numbers.steadyRequestsPerS,
    verdict: record.verdict.target,
  };
}

const LABELS: Record<GatedMeasure, string> = { p95Ms: 'p95', p99Ms: 'p99', steadyRps: 'steady throughput' };

/** Latency regresses when it rises, throughput when it falls; both relative to the baseline. */
function regressed(measure: GatedMeasure, baseline: number, current: number, tolerance: number): boolean {
  if (measure === 'steadyRps') return current < baseline * (1 - tolerance);
  return current > baseline * (1 + tolerance);
}

function compareTier(
  tier: string,
  baseline: TierNumbers,
  current: TierNumbers,
  tolerance: number,
): TierComparison {
  const regressions: Regression[] = [];
  const notes: string[] = [];
  for (const measure of ['p95Ms', 'p99Ms', 'steadyRps'] as const) {
    const before = baseline[measure];
    const after = current[measure];
    if (before === undefined || after === undefined) {
      notes.push(
        `${LABELS[measure]} not compared: not measured in the ${before === undefined ? 'baseline' : 'current run'}`,
      );
      continue;
    }
    if (before === 0) {
      notes.push(`${LABELS[measure]} not compared: the baseline is 0`);
      continue;
    }
    if (regressed(measure, before, after, tolerance)) {
      regressions.push({ tier, measure, baseline: before, current: after, change: after / before - 1 });
    }
  }
  if (baseline.users !== current.users) {
    notes.push(
      `users differ (${baseline.users} vs ${current.users}): throughput and latency are not like for like`,
    );
  }
  return { tier, baseline, current, regressions, notes };
}

/** Compares the tiers both runs have; tiers present in only one run are listed, not judged. */
export function compareRuns(
  baseline: Map<string, RunRecord>,
  current: Map<string, RunRecord>,
  tolerance: number = DEFAULT_TOLERANCE,
): RunComparison {
  const tiers: TierComparison[] = [];
  for (const [tier, record] of baseline) {
    const other = current.get(tier);
    if (other) tiers.push(compareTier(tier, tierNumbers(record), tierNumbers(other), tolerance));
  }
  return {
    tolerance,
    tiers,
    onlyInBaseline: [...baseline.keys()].filter((tier) => !current.has(tier)),
    onlyInCurrent: [...current.keys()].filter((tier) => !baseline.has(tier)),
    regressions: tiers.flatMap((tier) => tier.regressions),
  };
}

export function measureLabel(measure: GatedMeasure): string {
  return LABELS[measure];
}

/**
 * The tolerance from `--tolerance` or COMPARE_TOLERANCE (flag wins): a fraction such as 0.1 for 10%.
 * Throws on anything that is not a finite number in [0, 10), so a typo cannot silently disable the gate.
 */
export function parseTolerance(flag: string | undefined, env: string | undefined): number {
  const text = flag ?? (env === '' ? undefined : env);
  if (text === undefined) return DEFAULT_TOLERANCE;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value >= 10) {
    const source = flag !== undefined ? '--tolerance' : 'COMPARE_TOLERANCE';
    throw new RangeError(`${source} must be a fraction >= 0 such as 0.1 (10%), got "${text}"`);
  }
  return value;
}
