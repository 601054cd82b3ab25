// Per-tier numbers (p50, p95, p99, failure rate, steady throughput) against users, from run records.
import { keyNumbers } from '../../../lib/summary/key-numbers.ts';
import type { TestRun } from './read-run-folder.ts';

export interface TierRow {
  test: string;
  workload: string;
  users: number;
  plannedUsers: number;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  p99Ms: number | undefined;
  failureRate: number | undefined;
  steadyRps: number | undefined;
  /** Target bounds this run was held to, by criterion key (throughput already scaled to its users). */
  targets: Record<string, number>;
  revokedAccepted: number;
  stateSyncErrors: number;
  verdict: 'pass' | 'fail';
}

export function tierRow(run: TestRun): TierRow {
  const { record } = run;
  const numbers = keyNumbers(record.metrics, record.profile.steadyS);
  const targets: Record<string, number> = {};
  for (const criterion of record.criteria) {
    if (criterion.level === 'target') targets[criterion.key] = criterion.bound.value;
  }
  return {
    test: run.folder,
    workload: record.profile.workload,
    users: record.profile.users,
    plannedUsers: record.profile.planned.users,
    p50Ms: numbers.p50Ms,
    p95Ms: numbers.p95Ms,
    p99Ms: numbers.p99Ms,
    failureRate: numbers.failureRate,
    steadyRps: numbers.steadyRequestsPerS,
    targets,
    revokedAccepted: record.metrics.revoked_token_accepted?.count ?? 0,
    stateSyncErrors: record.metrics.state_sync_errors?.count ?? 0,
    verdict: record.verdict.target,
  };
}

/** Load tiers are the runs of the authentication workload: the only ones comparable across users. */
export function loadTiers(runs: TestRun[]): TierRow[] {
  return runs
    .filter((run) => run.record.profile.workload === 'authentication')
    .map(tierRow)
    .sort((a, b) => a.users - b.users);
}
