// Headers of an answer that may name the process that served it, for the contract check to suggest as
// WORKER_HEADER when the configured one did not come back. A guess from the name, so it is offered, never
// applied: state-sync only reports how many workers it reached. Pure.

/** Names that usually carry a process, worker, instance or backend id. */
const LOOKS_LIKE_WORKER = /worker|served|instance|backend|upstream|pid|pod|node|host|server-id|replica/i;

/** Standard headers whose names match but which describe the software or the request, not the process. */
const NOT_A_WORKER = new Set(['server', 'host', 'x-forwarded-host', 'x-powered-by']);

/** Header names (as the answer spelled them) that may name the serving process, with their values. */
export function workerHeaderCandidates(headers: Record<string, string | undefined>): string[] {
  return Object.entries(headers)
    .filter(([, value]) => value !== undefined && value !== '')
    .filter(([name]) => LOOKS_LIKE_WORKER.test(name) && !NOT_A_WORKER.has(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${value}`);
}
