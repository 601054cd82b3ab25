// Per-second outcome counts from k6's per-request samples, and the failover drill's reading of them.
// Pure functions: the drill feeds them samples, the unit tests feed them constructed series.

import type { K6Sample } from '../analysis/k6-csv.ts';
import type { DrillSecond } from '../run-folder/types.ts';

/** Answers in one second, by outcome (the drill's timeline; the report's DrillSecond). */
export type SecondOutcomes = Omit<DrillSecond, 'other'>;

export function classify(
  sample: Pick<K6Sample, 'status' | 'expectedResponse'>,
): keyof Omit<SecondOutcomes, 't'> {
  if (sample.status === '503') return 'failClosed';
  return sample.expectedResponse ? 'ok' : 'wrong';
}

/** Buckets `http_reqs` samples by the second they completed in. */
export function outcomesPerSecond(
  samples: Iterable<Pick<K6Sample, 'timeMs' | 'status' | 'expectedResponse'>>,
) {
  const seconds = new Map<number, SecondOutcomes>();
  for (const sample of samples) {
    const t = Math.floor(sample.timeMs / 1000);
    let bucket = seconds.get(t);
    if (!bucket) {
      bucket = { t, ok: 0, failClosed: 0, wrong: 0 };
      seconds.set(t, bucket);
    }
    bucket[classify(sample)]++;
  }
  return [...seconds.values()].sort((a, b) => a.t - b.t);
}

const total = (s: SecondOutcomes) => s.ok + s.failClosed + s.wrong;
const rightShare = (s: SecondOutcomes) => (total(s) === 0 ? 1 : s.ok / total(s));

export interface RecoveryReading {
  /** First second (epoch) from which every second has at least `share` right answers; undefined: never. */
  recoveredAt: number | undefined;
  /** Seconds from Redis being back to recoveredAt (0 when service never degraded past it). */
  recoveryS: number | undefined;
  /** First second at or after the outage with fewer right answers than `share`. */
  firstDegradedAt: number | undefined;
  /** Seconds from the first degraded second to recovery. */
  errorWindowS: number | undefined;
  /** Non-right answers (503s included) from recoveredAt on. */
  wrongAfterRecovery: number;
}

/**
 * Reads recovery from a timeline: "recovered" is the first second from which at least `share`
 * (99%) of answers are right and stay so until the end of the run.
 */
export function readRecovery(
  timeline: SecondOutcomes[],
  redisDownAtMs: number,
  redisUpAtMs: number,
  share = 0.99,
): RecoveryReading {
  const downSecond = Math.floor(redisDownAtMs / 1000);
  const upSecond = Math.floor(redisUpAtMs / 1000);
  const firstDegraded = timeline.find((s) => s.t >= downSecond && rightShare(s) < share);

  let recoveredAt: number | undefined;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const second = timeline[i];
    if (second.t < upSecond || rightShare(second) < share) break;
    recoveredAt = second.t;
  }
  // Walking back from the end: a still-degraded last second leaves recoveredAt undefined (never recovered).
  const wrongAfterRecovery =
    recoveredAt === undefined
      ? 0
      : timeline.filter((s) => s.t >= recoveredAt).reduce((sum, s) => sum + s.failClosed + s.wrong, 0);
  return {
    recoveredAt,
    recoveryS: recoveredAt === undefined ? undefined : Math.max(0, recoveredAt - redisUpAtMs / 1000),
    firstDegradedAt: firstDegraded?.t,
    errorWindowS:
      recoveredAt === undefined || firstDegraded === undefined ? undefined : recoveredAt - firstDegraded.t,
    wrongAfterRecovery,
  };
}
