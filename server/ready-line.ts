// The one line the primary always prints (whatever LOG_LEVEL says) once every worker is listening.
// Process helpers (scripts/lib/stack/service-process.ts) wait for it before using the service.

export const READY_PREFIX = 'auth service ready:';

export function readyLine(baseUrl: string, workers: number, state: string): string {
  return `${READY_PREFIX} ${baseUrl} workers=${workers} state=${state} pid=${process.pid}`;
}

export function parseReadyLine(line: string): { baseUrl: string; workers: number } | undefined {
  const match = /^auth service ready: (\S+) workers=(\d+)/.exec(line);
  return match ? { baseUrl: match[1], workers: Number(match[2]) } : undefined;
}
