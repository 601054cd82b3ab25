// The bisection of `npm run sensitivity -- --limits`: which size of a graded defect to run next, given
// the sizes run so far and whether each was caught, and what the search found. Sizes at or below `low`
// count as missed without a run (size 0 is no defect at all). A goal size, when given, is run first: one
// run answers "is a defect this big caught?", and the search narrows from there. Pure.
import type { GradedDefect } from '../../../server/defects/setting.ts';
import type { DefectResult } from './case-verdict.ts';

export interface LimitStep {
  size: number;
  result: DefectResult;
  /** The expected criterion's measured value in this run (e.g. the p50 a Redis delay produced). */
  measured: number | null;
  /** The gate as run: "exit 99", "verdict FAIL (k6 exit 0)". */
  gate: string;
  exitCode: number | null;
  why?: string;
}

export interface SearchBounds {
  /** Largest size known to be missed without a run: no defect. */
  low: number;
  /** The size the matrix runs: the top of the search. */
  high: number;
  /** Sizes closer than this are not told apart (1 for whole units). */
  resolution: number;
  maxRuns: number;
  goal?: number;
}

export interface SearchFindings {
  smallestCaught: number | null;
  /** The largest size missed below the smallest caught: the limit lies between the two. */
  largestMissed: number | null;
}

export function findings(steps: readonly LimitStep[]): SearchFindings {
  const caught = steps.filter((s) => s.result === 'CAUGHT').map((s) => s.size);
  const smallestCaught = caught.length > 0 ? Math.min(...caught) : null;
  const missed = steps
    .filter((s) => s.result === 'MISSED' && (smallestCaught === null || s.size < smallestCaught))
    .map((s) => s.size);
  return { smallestCaught, largestMissed: missed.length > 0 ? Math.max(...missed) : null };
}

function roundTo(value: number, resolution: number): number {
  return Math.round(value / resolution) * resolution;
}

/** The next size to run, or undefined when the search is done (runs used up, or narrowed to resolution). */
export function nextSize(bounds: SearchBounds, steps: readonly LimitStep[]): number | undefined {
  if (steps.length >= bounds.maxRuns) return undefined;
  const tried = (size: number) => steps.some((s) => s.size === size);
  if (bounds.goal !== undefined && bounds.goal > bounds.low && !tried(bounds.goal)) return bounds.goal;
  const { smallestCaught, largestMissed } = findings(steps);
  if (smallestCaught === null) {
    // Nothing caught yet: the top of the range decides whether there is anything to narrow.
    return tried(bounds.high) ? undefined : bounds.high;
  }
  const lo = Math.max(bounds.low, largestMissed ?? bounds.low);
  const mid = roundTo((lo + smallestCaught) / 2, bounds.resolution);
  if (mid - lo < bounds.resolution || smallestCaught - mid < bounds.resolution || tried(mid))
    return undefined;
  return Number(mid.toPrecision(12));
}

/** `--limits`: the smallest size of one graded defect the suite caught, and the steps that found it. */
export interface DefectLimit {
  defect: GradedDefect;
  unit: string;
  test: string;
  criterion: string;
  /** The bound the criterion holds the run to, e.g. "<= 14"; null when no run reported it. */
  bound: string | null;
  steps: LimitStep[];
  smallestCaught: number | null;
  largestMissed: number | null;
  goal?: { size: number; text: string; met: boolean | null };
  /** What sets the smallest size this case can catch. */
  limitedBy: string;
}
