// Gathering every worker's metrics for one GET /metrics answer:
//   answering worker --metrics:request--> primary --metrics:collect--> every worker
//   every worker --metrics:snapshot--> primary --metrics:response--> answering worker
// A worker that does not answer in time is left out rather than delaying the scrape.
import type { Worker } from 'node:cluster';
import { isPrimaryMessage, sendToPrimary, sendToWorker } from '../ipc.ts';
import type { ClusterMetrics, PrimaryStats } from './prometheus.ts';
import type { WorkerMetrics, WorkerSnapshot } from './worker-metrics.ts';

export const COLLECT_TIMEOUT_MS = 1_000;

/** Worker side: ask the primary; answers the primary's collection requests with this worker's snapshot. */
export function clusterMetricsClient(metrics: WorkerMetrics): () => Promise<ClusterMetrics> {
  const pending = new Map<number, (metrics: ClusterMetrics) => void>();
  let nextRequestId = 1;

  process.on('message', (message) => {
    if (!isPrimaryMessage(message)) return;
    if (message.type === 'metrics:collect') {
      sendToPrimary({
        type: 'metrics:snapshot',
        collectionId: message.collectionId,
        snapshot: metrics.snapshot(),
      });
    } else if (message.type === 'metrics:response') {
      pending.get(message.requestId)?.(message.metrics);
      pending.delete(message.requestId);
    }
  });

  return () =>
    new Promise((resolve) => {
      const requestId = nextRequestId++;
      // If the primary is gone or slow, this worker's own numbers are better than no answer.
      const timer = setTimeout(() => {
        pending.delete(requestId);
        resolve({ workers: [metrics.snapshot()] });
      }, COLLECT_TIMEOUT_MS * 2);
      pending.set(requestId, (clusterMetrics) => {
        clearTimeout(timer);
        resolve(clusterMetrics);
      });
      sendToPrimary({ type: 'metrics:request', requestId });
    });
}

/** Primary side: one collection round across the live workers. */
export class MetricsCollector {
  private readonly rounds = new Map<
    number,
    { snapshots: WorkerSnapshot[]; expected: number; done: () => void }
  >();
  private nextCollectionId = 1;

  collect(workers: Worker[], primaryStats: () => PrimaryStats): Promise<ClusterMetrics> {
    const collectionId = this.nextCollectionId++;
    const snapshots: WorkerSnapshot[] = [];
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.rounds.delete(collectionId);
        resolve({ workers: snapshots, primary: primaryStats() });
      };
      const timer = setTimeout(done, COLLECT_TIMEOUT_MS);
      this.rounds.set(collectionId, { snapshots, expected: workers.length, done });
      for (const worker of workers) sendToWorker(worker, { type: 'metrics:collect', collectionId });
      if (workers.length === 0) done();
    });
  }

  accept(collectionId: number, snapshot: WorkerSnapshot): void {
    const round = this.rounds.get(collectionId);
    if (round === undefined) return; // arrived after the timeout
    round.snapshots.push(snapshot);
    if (round.snapshots.length >= round.expected) round.done();
  }
}
