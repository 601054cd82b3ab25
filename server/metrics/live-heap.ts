// The worker's live heap: heapUsed right after a full collection, i.e. what the worker retains. A soak
// needs it to tell a leak from garbage waiting for the next major GC: between major GCs (every 2 to 4
// minutes at the quick soak's load here) the lowest heapUsed climbs 1-2 MB/min in a healthy worker, the
// size of the leak the soak must catch. Off unless LIVE_HEAP_SAMPLE_S is set: it forces a full GC (tens
// of ms on a 20 MB heap) every that many seconds, a measuring device for soaks, not for production.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface LiveHeapSampler {
  /** Bytes live after the latest forced collection; undefined before the first. */
  read(): number | undefined;
}

/** Starts sampling every `everyS` seconds; undefined (nothing started) when `everyS` is 0. */
export function startLiveHeapSampler(everyS: number): LiveHeapSampler | undefined {
  if (everyS <= 0) return undefined;
  // The same switch as `node --expose-gc`, made at run time so the primary need not change its workers' flags.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  let live: number | undefined;
  const sample = () => {
    collect();
    live = process.memoryUsage().heapUsed;
  };
  setInterval(sample, everyS * 1000).unref();
  return { read: () => live };
}
