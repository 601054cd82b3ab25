// The soak's three judgements, each a Judgement (verdict.ts) with its reason when it cannot be made:
// latency drift from the compared blocks, memory from each worker's trend, failures per window.
import { type Bound, meets } from '../../../lib/plan.ts';
import type { Judgement } from '../analysis/judge-criteria.ts';
import { MIN_TREND_POINTS, type SlopeInterval, slopeInterval } from './memory-trend.ts';
import {
  type MemorySample,
  type MemorySeriesSource,
  memorySeries,
  type WindowStats,
} from './soak-analysis.ts';
import { DRIFT_SIGNIFICANCE, type DriftComparison, MIN_BLOCKS_PER_SIDE } from './soak-drift.ts';

/**
 * Shortest judged span for a trend of heap floors (a service that does not report its live heap). Over a
 * few minutes a healthy worker's heap floor climbs 1-2 MB/min with garbage promoted between major GCs
 * (measured here: 1.8 MB/min for 3.5 minutes without a major GC, at the quick soak's load), against the
 * plan's bound of 1 MB/min. The live heap (LIVE_HEAP_SAMPLE_S) has no such minimum.
 */
export const MIN_MEMORY_TREND_S = 300;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export function driftJudgement(bound: Bound | undefined, drift: DriftComparison): Judgement {
  const sides = `${drift.first.length} and ${drift.last.length} blocks of ${round(drift.blockS, 1)} s`;
  if (drift.first.length < MIN_BLOCKS_PER_SIDE || drift.last.length < MIN_BLOCKS_PER_SIDE)
    return {
      measured: undefined,
      notMeasured: `${sides} with requests at the start and the end; needs ${MIN_BLOCKS_PER_SIDE} on each side`,
    };
  const significant = drift.pValue < DRIFT_SIGNIFICANCE;
  const within = bound === undefined || meets(bound, drift.risePct);
  const how =
    `median block p95 ${round(drift.firstMedianP95Ms, 1)} → ${round(drift.lastMedianP95Ms, 1)} ms over ${sides}, ` +
    `one-sided Mann-Whitney p = ${round(drift.pValue, 4)}`;
  return {
    measured: drift.risePct,
    // A rise beyond the bound that the blocks' order does not support is the machine's noise, not drift.
    pass: within || !significant,
    note: !within && !significant ? `${how}: not significant (needs p < ${DRIFT_SIGNIFICANCE})` : how,
  };
}

export function windowJudgement(minutes: WindowStats[], windowS: number): Judgement {
  if (minutes.length === 0)
    return { measured: undefined, notMeasured: `the run had no complete ${windowS} s window after ramp-up` };
  const empty = minutes.filter((m) => m.requests === 0);
  if (empty.length > 0)
    return {
      measured: undefined,
      notMeasured: `${empty.length} of ${minutes.length} windows of ${windowS} s saw no request (k6 or the service stalled)`,
    };
  return { measured: Math.max(...minutes.map((m) => m.failureRate)) };
}

export interface WorkerTrend extends SlopeInterval {
  source: MemorySeriesSource;
}

/**
 * The worst worker's memory trend. Live heap: judged by the slope's 90% interval, PASS when the whole
 * interval meets the bound, FAIL when none of it does; in between this soak cannot tell, and the criterion
 * is NOT MEASURED rather than passed on a guess. Heap floors: only over MIN_MEMORY_TREND_S or more.
 */
export function memoryTrend(
  bound: Bound | undefined,
  memory: MemorySample[],
  fromMs: number,
  toMs: number,
  options: { floorWindowS: number },
): { workers: Record<string, WorkerTrend>; judgement: Judgement } {
  const series = memorySeries(memory, fromMs, options.floorWindowS * 1000);
  const workers = Object.fromEntries(
    Object.entries(series).map(([worker, { source, points }]) => [
      worker,
      { source, ...slopeInterval(points) },
    ]),
  );
  const entries = Object.entries(workers);
  if (entries.length === 0)
    return { workers, judgement: { measured: undefined, notMeasured: 'no memory samples after warm-up' } };
  const worst = entries.reduce((a, b) => (b[1].slope > a[1].slope ? b : a));
  const measured = worst[1].slope;
  const judgedS = Math.round((toMs - fromMs) / 1000);
  if (entries.some(([, fit]) => fit.source === 'heap floor')) {
    if (judgedS < MIN_MEMORY_TREND_S)
      return {
        workers,
        judgement: {
          measured,
          notMeasured:
            `${judgedS} s after warm-up is too short for a heap-floor trend (needs ${MIN_MEMORY_TREND_S} s: ` +
            'npm run soak -- --full); the reference service measures its live heap instead (LIVE_HEAP_SAMPLE_S)',
        },
      };
    return { workers, judgement: { measured, note: `heap floors of worker ${worst[0]}` } };
  }
  const few = entries.filter(([, fit]) => fit.points < MIN_TREND_POINTS);
  if (few.length > 0)
    return {
      workers,
      judgement: {
        measured,
        notMeasured: `worker ${few[0][0]} has ${few[0][1].points} live-heap points after warm-up; needs ${MIN_TREND_POINTS}`,
      },
    };
  const describe = ([worker, fit]: [string, WorkerTrend]) =>
    `worker ${worker}: ${round(fit.slope)} MB/min (90% interval ${round(fit.low)} to ${round(fit.high)})`;
  const meetsAll = (fit: WorkerTrend) =>
    bound === undefined || (meets(bound, fit.low) && meets(bound, fit.high));
  const missesAll = (fit: WorkerTrend) =>
    bound !== undefined && !meets(bound, fit.low) && !meets(bound, fit.high);
  // Worst first, so the note names the worker that grows fastest.
  const bySlope = [...entries].sort((a, b) => b[1].slope - a[1].slope);
  const failing = bySlope.find(([, fit]) => missesAll(fit));
  if (failing)
    return { workers, judgement: { measured, pass: false, note: `live heap, ${describe(failing)}` } };
  const undecided = bySlope.find(([, fit]) => !meetsAll(fit));
  if (undecided)
    return {
      workers,
      judgement: {
        measured,
        notMeasured: `live heap, ${describe(undecided)} straddles the bound: this soak cannot tell (a longer one can)`,
      },
    };
  return { workers, judgement: { measured, pass: true, note: `live heap, ${describe(worst)}` } };
}
