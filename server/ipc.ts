// Messages between the cluster primary and its workers (over Node's cluster IPC channel).
import type { Worker } from 'node:cluster';
import type { MetricsJson } from './metrics/worker-metrics.ts';

export type WorkerToPrimary =
  /** A worker answering GET /metrics asks for everyone's numbers. */
  | { type: 'metrics:request'; requestId: number }
  /** A worker's reply to 'metrics:collect'. */
  | { type: 'metrics:snapshot'; collectionId: number; snapshot: MetricsJson };

export type PrimaryToWorker =
  | { type: 'metrics:collect'; collectionId: number }
  /** The whole service's metrics as Prometheus text. */
  | { type: 'metrics:response'; requestId: number; text: string }
  /** Stop accepting connections, finish in-flight requests, exit. */
  | { type: 'shutdown' };

function hasType(message: unknown): message is { type: string } {
  return (
    typeof message === 'object' && message !== null && typeof (message as { type: unknown }).type === 'string'
  );
}

export function isWorkerMessage(message: unknown): message is WorkerToPrimary {
  return hasType(message) && message.type.startsWith('metrics:');
}

export function isPrimaryMessage(message: unknown): message is PrimaryToWorker {
  return hasType(message) && (message.type.startsWith('metrics:') || message.type === 'shutdown');
}

// A closed channel (the other side is exiting) is not an error worth crashing for: the metrics
// round has a timeout and shutdown has its own deadline.
const ignoreClosedChannel = () => {};

export function sendToPrimary(message: WorkerToPrimary): void {
  if (process.connected) process.send?.(message, undefined, undefined, ignoreClosedChannel);
}

export function sendToWorker(worker: Worker, message: PrimaryToWorker): void {
  if (worker.isConnected()) worker.send(message, ignoreClosedChannel);
}
