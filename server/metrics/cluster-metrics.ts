// Gathering every worker's metrics for one GET /metrics answer:
//   answering worker --metrics:request--> primary --metrics:collect--> every listening worker
//   every worker --metrics:snapshot--> primary --metrics:response (Prometheus text)--> answering worker
// The primary merges the workers' registries with its own using prom-client's AggregatorRegistry.aggregate.
// prom-client's ready-made round (AggregatorRegistry#clusterMetrics) is not used: it asks every connected
// worker, including one still starting that cannot answer yet, and fails the whole scrape after 5 s. Here
// only listening workers are asked, and one that does not answer within a second is left out.
import type { Worker } from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';
import { isPrimaryMessage, sendToPrimary, sendToWorker } from '../ipc.ts';
import type { MetricsJson, WorkerMetrics } from './worker-metrics.ts';

export const COLLECT_TIMEOUT_MS = 1_000;
export const CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Worker side: ask the primary; answers the primary's collection requests with this worker's registry. */
export function clusterMetricsClient(metrics: WorkerMetrics): () => Promise<string> {
  const pending = new Map<number, (text: string) => void>();
  let nextRequestId = 1;

  process.on('message', (message) => {
    if (!isPrimaryMessage(message)) return;
    if (message.type === 'metrics:collect') {
      void metrics
        .snapshot()
        .then((snapshot) =>
          sendToPrimary({ type: 'metrics:snapshot', collectionId: message.collectionId, snapshot }),
        );
    } else if (message.type === 'metrics:response') {
      pending.get(message.requestId)?.(message.text);
      pending.delete(message.requestId);
    }
  });

  return () =>
    new Promise((resolve) => {
      const requestId = nextRequestId++;
      // If the primary is gone or slow, this worker's own numbers are better than no answer.
      const timer = setTimeout(() => {
        pending.delete(requestId);
        resolve(metrics.registry.metrics());
      }, COLLECT_TIMEOUT_MS * 2);
      pending.set(requestId, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      sendToPrimary({ type: 'metrics:request', requestId });
    });
}

/** Primary side: one collection round across the live workers, merged with the primary's own registry. */
export class MetricsCollector {
  private readonly rounds = new Map<
    number,
    { snapshots: MetricsJson[]; expected: number; done: () => void }
  >();
  private nextCollectionId = 1;

  constructor(private readonly primaryRegistry: Registry) {}

  collect(workers: Worker[]): Promise<string> {
    const collectionId = this.nextCollectionId++;
    const snapshots: MetricsJson[] = [];
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.rounds.delete(collectionId);
        this.primaryRegistry
          .getMetricsAsJSON()
          .then((primary) => AggregatorRegistry.aggregate([primary, ...snapshots]).metrics())
          .then(resolve, reject);
      };
      const timer = setTimeout(done, COLLECT_TIMEOUT_MS);
      this.rounds.set(collectionId, { snapshots, expected: workers.length, done });
      for (const worker of workers) sendToWorker(worker, { type: 'metrics:collect', collectionId });
      if (workers.length === 0) done();
    });
  }

  accept(collectionId: number, snapshot: MetricsJson): void {
    const round = this.rounds.get(collectionId);
    if (round === undefined) return; // arrived after the timeout
    round.snapshots.push(snapshot);
    if (round.snapshots.length >= round.expected) round.done();
  }
}
