// The sensitivity matrix: the reference service healthy, then with one defect at a time, each under the
// suite run that should catch it and the plan criterion expected to fail. Pure data.
import {
  DEFECTS,
  type Defect,
  defectServiceEnv,
  GRADED_DEFECTS,
  isGraded,
} from '../../../server/defects/setting.ts';
import { THRESHOLDS_FAILED } from '../stack/k6-runner.ts';

/** The criterion name of a case caught by the preflight abort (k6 exit 108) rather than by a threshold. */
export const PREFLIGHT = 'preflight';

export type CaseKind = 'k6' | 'drill' | 'soak';

/**
 * When a case runs. `quiet`: alone, first, because its criterion is a latency target that other load on
 * a small machine would distort. `background`: the two long soaks, started together after the quiet
 * cases and left running while the `sequential` cases run one after another (a soak needs 5 minutes
 * after warm-up before its memory trend is judged; running them last would add those minutes).
 */
export type CasePhase = 'quiet' | 'background' | 'sequential';

export interface SensitivityCase {
  /** Folder name of the case's results, and the defect's name for defect cases. */
  id: string;
  /** undefined: the healthy service. */
  defect: string | undefined;
  description: string;
  kind: CaseKind;
  /** The plan test that runs (for drills and soaks, the bundle they drive). */
  test: string;
  /**
   * Criterion key (thresholds.json) expected to fail; `preflight` for a defect the run must refuse before
   * any load (k6 exit 108); undefined for healthy runs, which must pass all.
   */
  criterion: string | undefined;
  /** k6 cases: the exit code of the gate failing as expected (99: a threshold; 108: preflight aborted). */
  gateExit: number;
  /** Graded defects: DEFECT_SIZE the matrix runs (in GRADED_DEFECTS' unit); `--limits` searches below it. */
  size?: number;
  state: 'redis' | 'memory';
  serviceEnv: Record<string, string>;
  redisPersistence: boolean;
  /**
   * k6 cases: whether the suite's Redis probe runs (REDIS_URL). On only for state-sync, where it catches
   * revocation-without-ttl. Elsewhere it would add `redis_probe_p95_ms < 5` measured over a handful of
   * samples taken inside k6 on a shared 2-core machine: healthy smoke read 9.75 ms at load average 17 (other
   * work on the machine), a verdict on the machine rather than on the service.
   */
  probe: boolean;
  phase: CasePhase;
  /** Service instances behind the embedded balancer (the `instances` test's cases: 2); default 1. */
  instances?: number;
}

/** k6's exit code when setup() aborts the run: preflight refusing the service (lib/k6/preflight.ts). */
export const PREFLIGHT_ABORTED = 108;

function isDefectSetting(id: string): id is Defect {
  return (DEFECTS as readonly string[]).includes(id);
}

/** The `instances` test needs several instances; every other case runs one. */
const instancesFor = (test: string) => (test === 'instances' ? { instances: 2 } : {});

function healthy(kind: CaseKind, test: string, phase: CasePhase): SensitivityCase {
  return {
    ...instancesFor(test),
    id: `healthy-${test}`,
    defect: undefined,
    description: 'the reference service as shipped',
    kind,
    test,
    criterion: undefined,
    gateExit: 0,
    state: 'redis',
    serviceEnv: {},
    redisPersistence: true,
    probe: test === 'state-sync',
    phase,
  };
}

function defect(
  id: string,
  description: string,
  kind: CaseKind,
  test: string,
  criterion: string,
  phase: CasePhase,
  overrides: Partial<Pick<SensitivityCase, 'state' | 'serviceEnv' | 'redisPersistence' | 'gateExit'>> = {},
): SensitivityCase {
  const size = isGraded(id) ? GRADED_DEFECTS[id].default : undefined;
  return {
    ...instancesFor(test),
    id,
    defect: id,
    description,
    kind,
    test,
    criterion,
    gateExit: THRESHOLDS_FAILED,
    ...(size === undefined ? {} : { size }),
    state: 'redis',
    // Matrix-only defects (STATE=memory, Redis without persistence) override this with their own setting.
    serviceEnv: isDefectSetting(id) ? defectServiceEnv(id) : {},
    redisPersistence: true,
    probe: test === 'state-sync',
    phase,
    ...overrides,
  };
}

/** How a graded defect is described at `size` in its unit. */
function sized(id: keyof typeof GRADED_DEFECTS, what: (size: number) => string): string {
  return what(GRADED_DEFECTS[id].default);
}

export const SENSITIVITY_CASES: readonly SensitivityCase[] = [
  healthy('k6', 'baseline-1000', 'quiet'),
  defect(
    'slow-redis',
    sized('slow-redis', (ms) => `${ms} ms added to every Redis round trip`),
    'k6',
    'baseline-1000',
    'p50_ms',
    'quiet',
  ),

  healthy('soak', 'sustained-5000', 'background'),
  defect(
    'memory-leak',
    sized('memory-leak', (bytes) => `${bytes} bytes kept per request`),
    'soak',
    'sustained-5000',
    'memory_slope_mb_per_min',
    'background',
  ),

  // Drills first among the sequential cases: they load the machine most, and the soaks' last comparison
  // window (judged for p95 drift) should not be the loaded one.
  healthy('drill', 'failover', 'sequential'),
  defect(
    'fail-open',
    'a denylist lookup that fails is taken as "not revoked"',
    'drill',
    'failover',
    'revoked_token_accepted',
    'sequential',
  ),
  defect(
    'redis-without-persistence',
    'Redis keeps the denylist in memory only (no AOF, no snapshot)',
    'drill',
    'failover',
    'lost_revocations',
    'sequential',
    { redisPersistence: false },
  ),
  healthy('k6', 'smoke', 'sequential'),
  healthy('k6', 'state-sync', 'sequential'),
  defect(
    'unshared-denylist',
    "denylist in each worker's memory (STATE=memory)",
    'k6',
    'state-sync',
    'revoked_token_accepted',
    'sequential',
    { state: 'memory' },
  ),
  defect(
    'per-worker-login-limiter',
    "login counters in each worker's memory, denylist still in Redis",
    'k6',
    'smoke',
    'login_limit_bypassed',
    'sequential',
  ),
  defect(
    'alg-none-accepted',
    'unsigned alg:none tokens accepted',
    'k6',
    'smoke',
    'failure_rate',
    'sequential',
  ),
  defect(
    'early-logout-ack',
    sized(
      'early-logout-ack',
      (ms) => `logout answered 200 before the denylist write (written ${ms} ms later)`,
    ),
    'k6',
    'state-sync',
    'revoked_token_accepted',
    'sequential',
  ),
  defect(
    'revocation-without-ttl',
    'revocation stored without an expiry',
    'k6',
    'state-sync',
    'blacklist_synced_rate',
    'sequential',
  ),
  defect(
    'revocation-short-ttl',
    'revocation expiring after 30 s, long before the token (900 s)',
    'k6',
    'state-sync',
    'blacklist_synced_rate',
    'sequential',
  ),
  // Users call the API on one kept-alive connection, log out on it, and check the revoked token on fresh
  // connections: a check that reaches a worker which answered "not revoked" for that token within the
  // cache's lifetime is let in. Measured at the quick scale: smoke accepted 4 to 6 revoked tokens a run from
  // 3.5 s up (none at 3.25 s or less); baseline-1000 only 1 to 3 from 2.25 s up, too few to rely on.
  defect(
    'revocation-cache',
    sized('revocation-cache', (s) => `each worker remembers for ${s} s that a token was not revoked`),
    'k6',
    'smoke',
    'revoked_token_accepted',
    'sequential',
  ),
  // Preflight logs in with the run's last account only, so it passes; users' logins after their first
  // (after a logout) are refused.
  defect(
    'login-limit-too-strict',
    "per-account login limit of 1 per window: every login after an account's first is answered 429",
    'k6',
    'baseline-1000',
    'login_success_rate',
    'sequential',
  ),
  // Two instances behind HAProxy: every cycle checks its token on both, so each defect shows in every cycle.
  healthy('k6', 'instances', 'sequential'),
  defect(
    'per-instance-jwt-secret',
    'each instance signs with a secret of its own',
    'k6',
    'instances',
    'cross_instance_errors',
    'sequential',
  ),
  defect(
    'per-instance-denylist',
    'each instance keeps revocations under a key prefix of its own',
    'k6',
    'instances',
    'cross_instance_errors',
    'sequential',
  ),
  // No user could ever log in: the run must stop before load rather than pass on checks never made.
  defect(
    'every-login-limited',
    'every login answered 429 (Retry-After 1), /health 200',
    'k6',
    'smoke',
    PREFLIGHT,
    'sequential',
    { gateExit: PREFLIGHT_ABORTED },
  ),
];
