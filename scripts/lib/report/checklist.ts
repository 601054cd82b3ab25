// The plan's production deployment checklist, filled from this run's evidence. An item is "verified" only
// with a measurement that proves it and the file it came from, "failed" with the number that broke it,
// "reported" when it was measured but the plan sets no bound, and otherwise "not verified by this run".
import { formatNumber, formatValue } from '../../../lib/summary/format.ts';
import { monitoringFromObserve } from './observe-checklist.ts';
import type { PlanRunData, TestRun } from './read-run-folder.ts';

export type ChecklistStatus = 'verified' | 'failed' | 'reported' | 'not verified';

export interface ChecklistItem {
  area: 'Infrastructure' | 'Application' | 'Performance' | 'Monitoring' | 'Security' | 'Disaster recovery';
  item: string;
  status: ChecklistStatus;
  /** The measurement (or why there is none). */
  evidence: string;
  /** Where the measurement came from, relative to the run folder. */
  source: string;
}

const NOT_RUN = (what: string): Pick<ChecklistItem, 'status' | 'evidence' | 'source'> => ({
  status: 'not verified',
  evidence: `not verified by this run (${what})`,
  source: '-',
});

function criterionAcross(runs: TestRun[], key: string) {
  return runs.flatMap((run) =>
    run.record.criteria
      .filter((c) => c.key === key && c.level === 'target')
      .map((c) => ({ run: run.folder, measured: c.measured, pass: c.pass })),
  );
}

/** A "must hold in every run" criterion: verified when it held everywhere it was measured. */
function everyRun(
  runs: TestRun[],
  key: string,
  describe: (worst: number) => string,
  worstOf: (values: number[]) => number = (values) => Math.max(...values),
): Pick<ChecklistItem, 'status' | 'evidence' | 'source'> {
  const results = criterionAcross(runs, key);
  const measured = results.filter((r) => r.measured !== undefined);
  if (measured.length === 0) return NOT_RUN(`no run measured ${key}`);
  const failed = results.filter((r) => r.pass !== true);
  const worst = worstOf(measured.map((r) => r.measured as number));
  return {
    status: failed.length ? 'failed' : 'verified',
    evidence: failed.length
      ? `${describe(worst)}; missed in ${failed.map((r) => r.run).join(', ')}`
      : `${describe(worst)} in all ${measured.length} runs`,
    source: `${measured.map((r) => `${r.run}/summary.json`).join(', ')}`,
  };
}

function endpointTotals(runs: TestRun[], name: string) {
  const rows = runs.flatMap((run) =>
    (run.endpoints ?? []).filter((row) => row.name === name).map((row) => ({ run: run.folder, row })),
  );
  return {
    requests: rows.reduce((sum, r) => sum + r.row.requests, 0),
    failures: rows.reduce((sum, r) => sum + r.row.failures, 0),
    source: rows.map((r) => `${r.run}/endpoints.csv`).join(', '),
  };
}

function endpointNeverWrong(runs: TestRun[], name: string, what: string) {
  const totals = endpointTotals(runs, name);
  if (totals.requests === 0) return NOT_RUN(`no ${name} requests`);
  return {
    status: totals.failures === 0 ? ('verified' as const) : ('failed' as const),
    evidence: `${formatNumber(totals.requests)} ${what}, ${formatNumber(totals.failures)} wrong answers`,
    source: totals.source,
  };
}

function tierItem(data: PlanRunData, test: string): ChecklistItem {
  const run = data.runs.find((candidate) => candidate.folder === test);
  const item = `${test}: the tier's targets hold`;
  if (!run) return { area: 'Performance', item, ...NOT_RUN(`${test} did not run`) };
  const missed = run.record.criteria.filter((c) => c.level === 'target' && c.pass !== true);
  const p95 = run.record.metrics.http_req_duration?.['p(95)'];
  return {
    area: 'Performance',
    item,
    status: missed.length ? 'failed' : 'verified',
    evidence:
      `${formatNumber(run.record.profile.users)} users, p95 ${p95 === undefined ? '-' : `${formatNumber(p95)} ms`}` +
      (missed.length
        ? `; missed: ${missed.map((c) => `${c.label} ${formatValue(c.measured, c.unit)}`).join(', ')}`
        : '; every target held'),
    source: `${test}/summary.json`,
  };
}

export function productionChecklist(data: PlanRunData): ChecklistItem[] {
  const { runs } = data;
  const sigterm = data.drills.find((d) => d.variant === 'sigterm');
  const sigkill = data.drills.find((d) => d.variant === 'sigkill');
  const items: ChecklistItem[] = [];
  const add = (
    area: ChecklistItem['area'],
    item: string,
    result: Pick<ChecklistItem, 'status' | 'evidence' | 'source'>,
  ) => items.push({ area, item, ...result });

  // Infrastructure
  const stateSync = runs.find((run) => run.test === 'state-sync');
  add(
    'Infrastructure',
    'Every worker shares one state store (a revocation seen on one worker is seen on all)',
    stateSync
      ? everyRun([stateSync], 'state_sync_errors', (worst) => `${worst} state-sync errors`)
      : NOT_RUN('state-sync did not run'),
  );
  const instances = runs.find((run) => run.test === 'instances');
  add(
    'Infrastructure',
    'Load balancer configured: every instance accepts a token issued through it and refuses it once revoked',
    instances
      ? everyRun([instances], 'cross_instance_errors', (worst) => `${worst} cross-instance errors`)
      : NOT_RUN('the instances test did not run: it needs INSTANCES >= 2 or INSTANCE_URLS'),
  );
  add(
    'Infrastructure',
    'Redis memory stays under the bound at load',
    everyRun(runs, 'redis_used_memory_mb', (worst) => `at most ${formatNumber(worst)} MB used`),
  );
  add(
    'Infrastructure',
    'Redis neither evicts keys nor rejects connections',
    (() => {
      const evicted = everyRun(runs, 'redis_evicted_keys', (worst) => `${worst} evicted keys`);
      const rejected = everyRun(
        runs,
        'redis_rejected_connections',
        (worst) => `${worst} rejected connections`,
      );
      if (evicted.status === 'not verified' || rejected.status === 'not verified')
        return evicted.status === 'not verified' ? evicted : rejected;
      return {
        status: evicted.status === 'failed' || rejected.status === 'failed' ? 'failed' : 'verified',
        evidence: `${evicted.evidence}; ${rejected.evidence}`,
        source: evicted.source,
      };
    })(),
  );
  add(
    'Infrastructure',
    'Acknowledged revocations survive a Redis crash (persistence)',
    sigkill
      ? {
          status:
            sigkill.revocationsBefore > 0 && sigkill.revocationsEnforcedAfter === sigkill.revocationsBefore
              ? 'verified'
              : 'failed',
          evidence: `${sigkill.revocationsEnforcedAfter} of ${sigkill.revocationsBefore} revocations enforced after SIGKILL and restart`,
          source: 'failover-sigkill.json',
        }
      : NOT_RUN('no SIGKILL drill'),
  );
  const widest = data.scalability?.rows
    .filter((row) => row.state === 'redis' && row.efficiency !== undefined)
    .sort((a, b) => b.workers - a.workers)[0];
  add(
    'Infrastructure',
    'Throughput grows with workers',
    widest?.efficiency !== undefined && data.scalability
      ? {
          status: 'reported',
          evidence: `efficiency ${formatNumber(widest.efficiency)} at ${widest.workers} workers on ${data.scalability.cores} cores (1.0 = linear; the plan sets no bound)`,
          source: 'scalability.json',
        }
      : NOT_RUN('no scalability runs'),
  );

  // Application
  add(
    'Application',
    'Revoked tokens are rejected on every worker',
    everyRun(runs, 'revoked_token_accepted', (worst) => `${worst} revoked tokens accepted at worst`),
  );
  add(
    'Application',
    'Invalid and tampered tokens are rejected',
    endpointNeverWrong(runs, 'protected_invalid', 'invalid-token calls'),
  );
  const failClosed = data.drills.reduce(
    (sum, d) => sum + d.timeline.reduce((s, t) => s + t.failClosed, 0),
    0,
  );
  add(
    'Application',
    'Fails closed while Redis is unreachable (503, never a revoked token accepted)',
    data.drills.length
      ? {
          status: failClosed > 0 && data.drills.every((d) => d.revokedAccepted === 0) ? 'verified' : 'failed',
          evidence: `${formatNumber(failClosed)} fail-closed answers during outages, ${data.drills.reduce((s, d) => s + d.revokedAccepted, 0)} revoked tokens accepted`,
          source: data.drills.map((d) => `failover-${d.variant}.json`).join(', '),
        }
      : NOT_RUN('no failure drill'),
  );
  add(
    'Application',
    'No worker crashes under load and outage',
    data.drills.length === 0
      ? NOT_RUN('no failure drill')
      : data.drills.some((d) => d.workerCrashes === null)
        ? NOT_RUN('the service under test counts no worker restarts (RESTARTS_METRIC)')
        : {
            status: data.drills.every((d) => d.workerCrashes === 0) ? 'verified' : 'failed',
            evidence: `${data.drills.reduce((s, d) => s + (d.workerCrashes ?? 0), 0)} worker crashes over ${data.drills.length} drills`,
            source: data.drills.map((d) => `failover-${d.variant}.json`).join(', '),
          },
  );

  // Performance
  for (const test of ['baseline-1000', 'stress-5000', 'ultimate-10000']) items.push(tierItem(data, test));
  const soakCriterion = (key: string) => data.soak?.criteria.find((c) => c.key === key);
  for (const [key, item] of [
    ['memory_slope_mb_per_min', 'Worker memory does not grow over a long run'],
    ['p95_drift_pct', 'Latency does not drift over a long run'],
  ] as const) {
    const c = soakCriterion(key);
    add(
      'Performance',
      item,
      !c
        ? NOT_RUN('no soak')
        : c.pass === null && (c.reason ?? c.note)
          ? {
              status: 'not verified',
              evidence: `not verified by this run: ${c.reason ?? c.note}`,
              source: 'soak.json',
            }
          : {
              status: c.pass ? 'verified' : 'failed',
              evidence: `${c.label}: ${c.measured === null ? 'not measured' : formatNumber(c.measured)} (bound ${c.bound.op} ${c.bound.value})`,
              source: 'soak.json',
            },
    );
  }
  const capacity = data.capacity;
  add(
    'Performance',
    'Breaking point documented',
    capacity
      ? {
          status: 'verified',
          evidence: capacity.breakingPoint
            ? `broke at ${formatNumber(capacity.breakingPoint.users)} users (${capacity.breakingPoint.criteria.join(', ')})`
            : `held every step up to ${formatNumber(capacity.lastGood?.users ?? 0)} users (${capacity.stoppedBecause}); the breaking point is above that`,
          source: 'capacity.json',
        }
      : NOT_RUN('npm run capacity was not run into this folder'),
  );

  // Monitoring
  add(
    'Monitoring',
    'Per-worker memory is exposed on /metrics',
    data.soak?.memory.length
      ? {
          status: 'verified',
          evidence: `${formatNumber(data.soak.memory.length)} samples from ${new Set(data.soak.memory.map((m) => m.worker)).size} workers`,
          source: 'soak.json',
        }
      : NOT_RUN('no soak memory samples'),
  );
  add(
    'Monitoring',
    'The health endpoint answers under load',
    endpointNeverWrong(runs, 'health', 'health checks'),
  );
  const timelines = runs.filter((run) => run.redisTimeline?.length);
  add(
    'Monitoring',
    'Redis health (memory, ops/s) is observable during load',
    timelines.length
      ? {
          status: 'verified',
          evidence: `${timelines.reduce((s, r) => s + (r.redisTimeline?.length ?? 0), 0)} INFO samples over ${timelines.length} tests`,
          source: timelines.map((r) => `${r.folder}/redis-timeline.json`).join(', '),
        }
      : NOT_RUN('no Redis timeline'),
  );

  items.push(...monitoringFromObserve(data));

  // Security
  const limiter = runs.flatMap((run) =>
    run.errors
      ? [{ run: run.folder, count: run.errors.statusesByEndpoint?.login_bad_password?.['429'] ?? 0 }]
      : [],
  );
  const limited = limiter.reduce((sum, r) => sum + r.count, 0);
  add(
    'Security',
    'Login attempts are rate-limited (429)',
    limited > 0
      ? {
          status: 'verified',
          evidence: `${formatNumber(limited)} bad-password logins answered 429`,
          source: limiter
            .filter((r) => r.count > 0)
            .map((r) => `${r.run}/errors.json`)
            .join(', '),
        }
      : NOT_RUN('no bad-password login reached the limit'),
  );
  const memoryRun = data.comparisons[0];
  const accepted = memoryRun?.record.metrics.revoked_token_accepted?.count ?? 0;
  add(
    'Security',
    'A per-worker denylist (STATE=memory) would be caught',
    memoryRun
      ? {
          status: accepted > 0 ? 'verified' : 'failed',
          evidence: `${formatNumber(accepted)} revoked tokens accepted by ${memoryRun.folder}`,
          source: `${memoryRun.folder}/summary.json`,
        }
      : NOT_RUN('no STATE=memory comparison'),
  );
  add('Security', 'TLS, secret rotation and log hygiene', NOT_RUN('out of scope for a load test'));

  // Disaster recovery
  for (const [drill, item] of [
    [sigterm, 'Redis restart (SIGTERM): recovery within the target'],
    [sigkill, 'Redis crash (SIGKILL): recovery within the target'],
  ] as const) {
    const recovery = drill?.criteria.find((c) => c.key === 'recovery_s');
    add(
      'Disaster recovery',
      item,
      !drill || !recovery
        ? NOT_RUN('drill did not run')
        : {
            status: recovery.pass ? 'verified' : 'failed',
            evidence: `recovered ${recovery.measured === null ? 'never' : `in ${formatNumber(recovery.measured)} s`} (bound ${recovery.bound.op} ${recovery.bound.value} s)`,
            source: `failover-${drill.variant}.json`,
          },
    );
  }
  const instanceLoss = data.drills.find((d) => d.variant === 'instance');
  add(
    'Disaster recovery',
    'Failover tested: losing one instance under load (drained, stopped, started again)',
    instanceLoss
      ? {
          status: instanceLoss.verdict === 'pass' ? 'verified' : 'failed',
          evidence:
            `${instanceLoss.errorWindowS ?? 0} s with wrong answers through the balancer, ` +
            `${instanceLoss.sessionsLost ?? '-'} users logged in again, ` +
            `${instanceLoss.revocationsEnforcedAfter} of ${instanceLoss.revocationsBefore} revocations kept`,
          source: 'failover-instance.json',
        }
      : NOT_RUN('no instance-loss drill (npm run failover -- --variant instance with INSTANCES >= 2)'),
  );
  add('Disaster recovery', 'Redis backup and restore', NOT_RUN('no backup was taken or restored'));
  add('Disaster recovery', 'Failover to a Redis replica', NOT_RUN('a single Redis ran, no replica'));
  return items;
}
