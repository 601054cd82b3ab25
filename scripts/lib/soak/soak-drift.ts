// The soak's degradation verdict: the steady part of the run (after ramp-up and warm-up) is cut into
// blocks of equal length, each block's p95 is computed from its requests, and the first blocks are compared
// with the last ones. A rise fails only when it is significant (one-sided Mann-Whitney U on the block p95s)
// and the median of the last blocks' p95s exceeds the first blocks' by more than the plan's bound: one
// slow stretch on a shared machine moves one block, not the rank order of eight.
import { median, percentile } from '../../../lib/order-statistics.ts';
import { mannWhitneyGreater } from '../analysis/rank-test.ts';
import type { RequestSample } from './soak-analysis.ts';

/** Fewest blocks per side for a verdict: below this the rank test cannot reach p < 0.05 reliably. */
export const MIN_BLOCKS_PER_SIDE = 8;
/** One-sided significance level of the rise. */
export const DRIFT_SIGNIFICANCE = 0.05;

export interface LatencyBlock {
  /** Epoch ms of the block's start. */
  startMs: number;
  requests: number;
  p95Ms: number;
}

export interface DriftComparison {
  blockS: number;
  first: LatencyBlock[];
  last: LatencyBlock[];
  firstMedianP95Ms: number;
  lastMedianP95Ms: number;
  /** Rise of the last blocks' median p95 over the first blocks', in %; NaN without blocks. */
  risePct: number;
  /** One-sided p-value of "the last blocks are slower"; NaN without blocks. */
  pValue: number;
}

/**
 * Blocks on each side for a steady span: `compareS` of blocks at each end, never overlapping (each side
 * at most half the blocks). The schedule checks its soaks against MIN_BLOCKS_PER_SIDE with this.
 */
export function blocksPerSide(steadyS: number, compareS: number, blockS: number): number {
  const blocks = Math.floor(steadyS / blockS);
  return Math.max(0, Math.min(Math.floor(compareS / blockS), Math.floor(blocks / 2)));
}

/** p95 of each `blockS` block in [fromMs, toMs); a block that saw no request is dropped (nothing to rank). */
export function latencyBlocks(
  requests: RequestSample[],
  fromMs: number,
  toMs: number,
  blockS: number,
): LatencyBlock[] {
  const width = blockS * 1000;
  const count = Math.max(0, Math.floor((toMs - fromMs) / width));
  const durations = Array.from({ length: count }, () => [] as number[]);
  for (const request of requests) {
    const index = Math.floor((request.timeMs - fromMs) / width);
    if (index >= 0 && index < count) durations[index].push(request.durationMs);
  }
  return durations.flatMap((values, index) =>
    values.length === 0
      ? []
      : [{ startMs: fromMs + index * width, requests: values.length, p95Ms: percentile(values, 95) }],
  );
}

export function compareDrift(
  requests: RequestSample[],
  fromMs: number,
  toMs: number,
  options: { compareS: number; blockS: number },
): DriftComparison {
  const width = options.blockS * 1000;
  const perSide = blocksPerSide((toMs - fromMs) / 1000, options.compareS, options.blockS);
  const blocks = latencyBlocks(requests, fromMs, toMs, options.blockS);
  const lastFrom = fromMs + (Math.floor((toMs - fromMs) / width) - perSide) * width;
  const first = blocks.filter((block) => block.startMs < fromMs + perSide * width);
  const last = blocks.filter((block) => block.startMs >= lastFrom);
  const firstMedianP95Ms = median(first.map((block) => block.p95Ms));
  const lastMedianP95Ms = median(last.map((block) => block.p95Ms));
  const test = mannWhitneyGreater(
    first.map((block) => block.p95Ms),
    last.map((block) => block.p95Ms),
  );
  return {
    blockS: options.blockS,
    first,
    last,
    firstMedianP95Ms,
    lastMedianP95Ms,
    risePct:
      firstMedianP95Ms > 0 ? ((lastMedianP95Ms - firstMedianP95Ms) / firstMedianP95Ms) * 100 : Number.NaN,
    pValue: test.pValue,
  };
}
