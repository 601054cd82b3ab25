// What `npm start` runs: the plan's tests at full size (--full) or compressed to finish in about five
// minutes on a small machine. Compression keeps the plan's shape: users and spawn rate shrink by the
// scale, run times shrink to a fixed budget, and spawn rate grows by the same factor as the run time
// shrinks so ramp-up keeps its share of each run. Pure logic; the runner executes it.
import { PLAN_ROWS, type ProfileOverrides } from '../../../lib/profiles.ts';

export interface ScheduledTest {
  test: string;
  overrides: ProfileOverrides;
}

export interface DrillSchedule {
  users: number;
  spawnRate: number;
  settleS: number;
  downS: number;
  tailS: number;
}

export interface SoakSchedule {
  overrides: ProfileOverrides;
  warmupS: number;
  /** Stretch compared at each end of the steady part, cut into blocks of `blockS` (soak-drift.ts). */
  compareS: number;
  blockS: number;
  windowS: number;
  floorWindowS: number;
  sampleEveryS: number;
}

/** The same closed-loop load against 1, 2 and 4 workers and STATE=memory (scripts/lib/scalability/run-scalability.ts). */
export interface ScalabilitySchedule {
  test: string;
  users: number;
  runTimeS: number;
  rampS: number;
}

export interface Schedule {
  mode: 'full' | 'quick';
  scale: number;
  tests: ScheduledTest[];
  soak: SoakSchedule;
  /** The same tier run against STATE=memory, to show the suite catches the defect. */
  comparison: ScheduledTest;
  /** The cross-instance test; runs only with several instances (scripts/commands/start.ts decides). */
  instances: ScheduledTest;
  drill: DrillSchedule;
  scalability: ScalabilitySchedule;
}

/** Run-time budget per test in quick mode, seconds. */
const QUICK_RUN_TIME_S: Record<string, number> = {
  smoke: 15,
  'state-sync': 10,
  'baseline-1000': 30,
  'stress-5000': 30,
  'ultimate-10000': 30,
  // Ramp-up (12 s) + warm-up (20 s) + 168 s judged: 8 latency blocks of 8 s at each end (the fewest per
  // side the degradation verdict accepts, MIN_BLOCKS_PER_SIDE) with 40 s between them, and 2.8 minutes of
  // live-heap trend for memory.
  'sustained-5000': 200,
  failover: 0, // the drill has its own timing
  // Iterations last at least 7 s (lib/k6/workloads/instances.ts): 20 s gives each user two or three.
  instances: 20,
};

/**
 * Scale for quick mode from the machine: about 250 virtual users per core at the largest tier, so a
 * 2-core machine runs ultimate-10000 with 500 users. The load generator shares the machine with the
 * service and Redis; at 0.1 on 2 cores (1,000 users, 100 logins/s) k6 and the service starved each other
 * and latency was mostly queueing on this machine (p95 549 ms, probe p95 23 ms), not the service's.
 */
export function quickScale(cores: number): number {
  return Math.min(1, Math.max(0.01, Math.round(cores * 0.025 * 100) / 100));
}

function compressed(test: string, scale: number): ProfileOverrides {
  const row = PLAN_ROWS[test];
  const runTimeS = QUICK_RUN_TIME_S[test] ?? row.runTimeS;
  if (row.spawnRate === 0) return { runTimeS };
  const users = Math.max(1, Math.round(row.users * scale));
  const spawnRate = row.spawnRate * scale * (row.runTimeS / runTimeS);
  return { users, spawnRate: Math.round(spawnRate * 100) / 100, runTimeS };
}

const LOAD_TESTS = ['smoke', 'state-sync', 'baseline-1000', 'stress-5000', 'ultimate-10000'];

export function planSchedule(mode: 'full' | 'quick', scale: number): Schedule {
  if (mode === 'full') {
    return {
      mode,
      scale: 1,
      tests: LOAD_TESTS.map((test) => ({ test, overrides: {} })),
      soak: {
        overrides: {},
        warmupS: 120,
        compareS: 300,
        blockS: 30,
        windowS: 60,
        floorWindowS: 60,
        sampleEveryS: 5,
      },
      comparison: { test: 'stress-5000', overrides: {} },
      instances: { test: 'instances', overrides: {} },
      drill: { users: PLAN_ROWS.failover.users, spawnRate: 100, settleS: 30, downS: 30, tailS: 60 },
      scalability: { test: 'stress-5000', users: 200, runTimeS: 60, rampS: 10 },
    };
  }
  const drillUsers = Math.max(10, Math.round(PLAN_ROWS.failover.users * scale));
  return {
    mode,
    scale,
    tests: LOAD_TESTS.map((test) => ({ test, overrides: compressed(test, scale) })),
    soak: {
      overrides: compressed('sustained-5000', scale),
      warmupS: 20,
      // 8 s blocks (about 600 requests each at quick scale): the compared stretches' centres sit 52% of the
      // run apart (the plan's 5 minutes of 30: 71%), so a gradual slowdown shows; 10 s blocks gave 44%, and
      // 5 s blocks (p95 from about 19 requests) brought healthy runs to p = 0.052 here.
      compareS: 64,
      blockS: 8,
      windowS: 10,
      floorWindowS: 15,
      sampleEveryS: 1,
    },
    comparison: { test: 'stress-5000', overrides: { ...compressed('stress-5000', scale), runTimeS: 20 } },
    instances: { test: 'instances', overrides: compressed('instances', scale) },
    drill: { users: drillUsers, spawnRate: Math.ceil(drillUsers / 5), settleS: 5, downS: 10, tailS: 10 },
    // No think time: 40 users keep 4 workers busy, so throughput is the service's, not the users' pace.
    scalability: { test: 'stress-5000', users: 40, runTimeS: 15, rampS: 2 },
  };
}
