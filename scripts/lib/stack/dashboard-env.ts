// Environment that makes k6 export its built-in web dashboard as one self-contained HTML file.
//
// What k6 v1.8.1 does (tested, see docs/reports.md):
// - K6_WEB_DASHBOARD_EXPORT is written only when the dashboard collected at least two snapshots
//   (one per K6_WEB_DASHBOARD_PERIOD, default 10 s); shorter runs log "report generation was skipped".
// - The export's folder must exist: k6 does not create it ("open …: no such file or directory").
// - The dashboard always listens. PORT=-1 is documented as "no HTTP" but still opens a random port on
//   all interfaces; the default 5665 clashes when runs overlap. PORT=0 on 127.0.0.1 takes a free
//   loopback port, so parallel runs never collide and nothing is exposed beyond the machine.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Runs this short or shorter get no dashboard: too few snapshots for graphs worth keeping. */
export const DASHBOARD_MIN_RUN_S = 30;

/** About 30 points per graph, never finer than 2 s nor coarser than k6's default 10 s. */
export function dashboardPeriodS(runTimeS: number): number {
  return Math.min(10, Math.max(2, Math.round(runTimeS / 30)));
}

/**
 * Env for `k6 run` that exports the dashboard to `outFile` (empty when runTimeS <= 30).
 * Creates the file's folder, because k6 would silently fail to write into a missing one.
 */
export function dashboardEnv(outFile: string, runTimeS: number): Record<string, string> {
  if (runTimeS <= DASHBOARD_MIN_RUN_S) return {};
  const absolute = resolve(outFile);
  mkdirSync(dirname(absolute), { recursive: true });
  return {
    K6_WEB_DASHBOARD: 'true',
    K6_WEB_DASHBOARD_EXPORT: absolute,
    K6_WEB_DASHBOARD_HOST: '127.0.0.1',
    K6_WEB_DASHBOARD_PORT: '0',
    K6_WEB_DASHBOARD_OPEN: 'false',
    K6_WEB_DASHBOARD_PERIOD: `${dashboardPeriodS(runTimeS)}s`,
  };
}
