// How many samples a run makes of each guard counter at the least, from its profile and settings alone, and
// whether that meets what its criteria need (Criterion.sampledBy, minSamples). The workloads are scheduled
// so that these floors hold by construction (lib/logout-schedule.ts): user 1 logs out, checks the revoked
// token and probes Redis in its first iteration, so no criterion goes unmeasured by chance. The one
// assumption is that a user who starts completes its first iteration (k6's graceful stop lets it). A
// configuration whose floor is below a criterion's minimum is refused at init, naming the knob. Pure.
import type { Criterion } from './criteria.ts';
import { firstLogoutIteration } from './logout-schedule.ts';
import { MIXED_LOGOUT_PERIOD } from './mixed-weights.ts';
import { vuInSample } from './probe-sample.ts';
import type { WorkloadName } from './profiles.ts';

export interface FloorSettings {
  workload: WorkloadName;
  users: number;
  /** Iterations between an authentication or failover user's logouts (lib/logout-schedule.ts). */
  logoutPeriod: number | undefined;
  probeSample: number;
  syncChecks: number;
  /** REDIS_URL is set: the probe and the monitor run. */
  probe: boolean;
  /** LOGIN_LIMIT_PER_ACCOUNT is set: smoke and instances check the shared limit once. */
  loginLimit: boolean;
  /** Instances named by INSTANCE_URLS (0 when unset): the instances test checks each one directly. */
  instanceCount?: number;
}

/** Guard counters, the fewest samples a run makes of each. */
export type SampleFloor = Record<string, number>;

/** Users among the first `users` that log out in their first iteration, and of those, the probing ones. */
function firstIterationLogouts(settings: FloorSettings, period: number | undefined) {
  let users = 0;
  let probing = 0;
  if (period === undefined) return { users, probing };
  for (let vu = 1; vu <= settings.users; vu++) {
    if (firstLogoutIteration(vu, period) !== 0) continue;
    users++;
    if (vuInSample(vu, settings.probeSample)) probing++;
  }
  return { users, probing };
}

/** Each logout in the workloads is followed by at least one call with the revoked token. */
function revocationFloor(settings: FloorSettings): { checks: number; probes: number } {
  switch (settings.workload) {
    case 'smoke':
      // Every iteration logs out; every smoke user probes.
      return { checks: settings.users, probes: settings.users };
    case 'state-sync':
      return { checks: settings.users * settings.syncChecks, probes: settings.users };
    case 'instances':
      // Every iteration logs out and checks the token on each instance (through the balancer without
      // INSTANCE_URLS); the test does not probe Redis.
      return { checks: settings.users * Math.max(1, settings.instanceCount ?? 0), probes: 0 };
    case 'mixed': {
      const first = firstIterationLogouts(settings, MIXED_LOGOUT_PERIOD);
      return { checks: first.users, probes: first.probing };
    }
    case 'authentication':
    case 'failover': {
      const first = firstIterationLogouts(settings, settings.logoutPeriod);
      // The failover user never probes: the drill stops Redis under it.
      return { checks: first.users, probes: settings.workload === 'failover' ? 0 : first.probing };
    }
  }
}

export function sampleFloor(settings: FloorSettings): SampleFloor {
  const revocation = revocationFloor(settings);
  return {
    http_reqs: settings.users,
    login_attempts: settings.users,
    revocation_checks: revocation.checks,
    blacklist_checks: settings.probe ? revocation.probes : 0,
    // The monitor samples at the start of its first iteration.
    redis_monitor_samples: settings.probe ? 1 : 0,
    login_limit_checks:
      (settings.workload === 'smoke' || settings.workload === 'instances') && settings.loginLimit ? 1 : 0,
    // Before and after the logout, each instance once.
    cross_instance_checks:
      settings.workload === 'instances' ? settings.users * 2 * (settings.instanceCount ?? 0) : 0,
  };
}

/** The knob to change when a guard's floor is too low. */
const KNOB_FOR: Record<string, string> = {
  revocation_checks: 'LOGOUT_PROBABILITY (or USERS, SYNC_CHECKS)',
  blacklist_checks: 'PROBE_SAMPLE (or USERS)',
  login_attempts: 'USERS',
  http_reqs: 'USERS',
  redis_monitor_samples: 'DURATION',
  login_limit_checks: 'LOGIN_LIMIT_PER_ACCOUNT',
  cross_instance_checks: 'INSTANCE_URLS',
};

/**
 * Gating criteria whose guard this configuration cannot reach, as sentences naming the knob. Criteria that
 * did not run (Criterion.notRun) are left out: they are reported as NOT RUN, not refused.
 */
export function unreachableGuards(criteria: Criterion[], floor: SampleFloor): string[] {
  const short = new Map<string, { needed: number; keys: string[] }>();
  for (const criterion of criteria) {
    if (!criterion.gating || criterion.notRun !== undefined || criterion.sampledBy === undefined) continue;
    if (criterion.judgedWhereMeasured) continue;
    const needed = Math.max(1, criterion.minSamples ?? 1);
    const guaranteed = floor[criterion.sampledBy];
    if (guaranteed === undefined || guaranteed >= needed) continue;
    const entry = short.get(criterion.sampledBy) ?? { needed, keys: [] };
    entry.needed = Math.max(entry.needed, needed);
    if (!entry.keys.includes(criterion.key)) entry.keys.push(criterion.key);
    short.set(criterion.sampledBy, entry);
  }
  return [...short].map(
    ([guard, { needed, keys }]) =>
      `${keys.join(', ')} need ${needed} ${guard} but this configuration guarantees ${floor[guard]}: ` +
      `change ${KNOB_FOR[guard] ?? guard}`,
  );
}
