// How a worker names itself in the worker header (X-Worker-Id) and its answers: instance and worker, "i2-w3",
// so that answers from two instances behind a balancer are told apart (cluster worker ids restart at 1 in
// every instance). Pure.
export function workerName(instanceId: number, clusterWorkerId: number | string): string {
  return `i${instanceId}-w${clusterWorkerId}`;
}
