// The plan's load shapes and the maths that turns one into k6 scenarios.
// Closed model, as in the tool the plan was written for: `users` concurrent virtual users, started at
// `spawnRate` per second, for `runTimeS` seconds in total (ramp-up included). Pure TypeScript.

export type WorkloadName = 'smoke' | 'state-sync' | 'authentication' | 'mixed' | 'failover' | 'instances';

export interface PlanRow {
  users: number;
  /** Users started per second; 0 starts them all at once. */
  spawnRate: number;
  runTimeS: number;
  workload: WorkloadName;
}

/** The Redis failure drill's variants the plan runs: a graceful stop and a crash. */
export const DRILL_VARIANTS = ['sigterm', 'sigkill'] as const;

export const PLAN_ROWS: Record<string, PlanRow> = {
  smoke: { users: 2, spawnRate: 0, runTimeS: 15, workload: 'smoke' },
  'state-sync': { users: 1, spawnRate: 0, runTimeS: 10, workload: 'state-sync' },
  'baseline-1000': { users: 1000, spawnRate: 50, runTimeS: 180, workload: 'authentication' },
  'stress-5000': { users: 5000, spawnRate: 100, runTimeS: 300, workload: 'authentication' },
  'ultimate-10000': { users: 10000, spawnRate: 100, runTimeS: 300, workload: 'authentication' },
  'sustained-5000': { users: 5000, spawnRate: 50, runTimeS: 1800, workload: 'mixed' },
  failover: { users: 5000, spawnRate: 100, runTimeS: 120, workload: 'failover' },
  // Not a row of the original plan: the cross-instance checks (issue "Beyond one instance"). Each iteration
  // checks one token on every instance, so a few hundred users find a per-instance defect in every cycle.
  instances: { users: 200, spawnRate: 20, runTimeS: 60, workload: 'instances' },
};

export interface ProfileOverrides {
  /** 0 < scale <= 1: multiplies users and spawn rate (so ramp time stays as planned). */
  scale?: number;
  users?: number;
  spawnRate?: number;
  runTimeS?: number;
}

export interface EffectiveProfile {
  test: string;
  workload: WorkloadName;
  planned: PlanRow;
  scale: number;
  users: number;
  spawnRate: number;
  runTimeS: number;
  /** Seconds until the last user has started. */
  rampS: number;
  /** Seconds at full concurrency: the window throughput is judged on. */
  steadyS: number;
  /** users / planned users: the factor applied to load-dependent targets. */
  loadFactor: number;
}

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

export function planRowFor(test: string): PlanRow {
  const row = PLAN_ROWS[test];
  if (!row)
    throw new ProfileError(`no plan row for test "${test}" (have: ${Object.keys(PLAN_ROWS).join(', ')})`);
  return row;
}

function positive(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new ProfileError(`${name} must be a positive number, got ${value}`);
  }
}

/** Applies SCALE and explicit overrides to a plan row. Explicit values win over scaled ones. */
export function profileFor(test: string, overrides: ProfileOverrides = {}): EffectiveProfile {
  const planned = planRowFor(test);
  const scale = overrides.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 1)) {
    throw new ProfileError(`SCALE must be in (0, 1], got ${overrides.scale}`);
  }
  positive('USERS', overrides.users);
  positive('SPAWN_RATE', overrides.spawnRate);
  positive('DURATION', overrides.runTimeS);

  const users = Math.max(1, Math.round(overrides.users ?? planned.users * scale));
  const spawnRate =
    overrides.spawnRate ?? (planned.spawnRate === 0 ? 0 : Math.max(1, planned.spawnRate * scale));
  const runTimeS = Math.round(overrides.runTimeS ?? planned.runTimeS);
  const rampS = spawnRate === 0 ? 0 : Math.ceil(users / spawnRate);
  if (rampS >= runTimeS) {
    throw new ProfileError(
      `${test}: ramping ${users} users at ${spawnRate}/s takes ${rampS} s, which leaves no steady time in a ` +
        `${runTimeS} s run; raise DURATION or SPAWN_RATE, or lower USERS`,
    );
  }
  return {
    test,
    workload: planned.workload,
    planned,
    scale,
    users,
    spawnRate,
    runTimeS,
    rampS,
    steadyS: runTimeS - rampS,
    loadFactor: users / planned.users,
  };
}

export interface RampingVusScenario {
  executor: 'ramping-vus';
  startVUs: number;
  stages: Array<{ duration: string; target: number }>;
  gracefulRampDown: string;
  gracefulStop: string;
  exec: string;
}

/**
 * The closed-model scenario: ramp linearly to `users` over `rampS`, hold until `runTimeS`.
 * Iterations in flight at the end get `gracefulStopS` to finish (think time included), so the run
 * always stops by itself.
 */
export function scenarioFor(
  profile: EffectiveProfile,
  exec = 'default',
  gracefulStopS = 10,
): RampingVusScenario {
  const stages =
    profile.rampS === 0
      ? [{ duration: `${profile.runTimeS}s`, target: profile.users }]
      : [
          { duration: `${profile.rampS}s`, target: profile.users },
          { duration: `${profile.steadyS}s`, target: profile.users },
        ];
  return {
    executor: 'ramping-vus',
    startVUs: profile.rampS === 0 ? profile.users : 0,
    stages,
    gracefulRampDown: `${gracefulStopS}s`,
    gracefulStop: `${gracefulStopS}s`,
    exec,
  };
}

/** Parses "90", "90s", "5m", "1h30m" into seconds. */
export function parseDurationS(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const pattern = /(\d+(?:\.\d+)?)(h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * { h: 3600, m: 60, s: 1 }[match[2] as 'h' | 'm' | 's'];
    consumed += match[0].length;
  }
  if (consumed !== trimmed.length || consumed === 0) {
    throw new ProfileError(`duration "${text}" is not a number of seconds or like 90s, 5m, 1h30m`);
  }
  return total;
}
