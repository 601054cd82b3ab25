// The sensitivity matrix: the reference service healthy, then with one defect at a time, each under the
// suite run that should catch it and the plan criterion expected to fail. Pure data.
import { TEST_FLAG } from '../../../server/defects/setting.ts';

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
  /** Criterion key (thresholds.json) expected to fail; undefined for healthy runs, which must pass all. */
  criterion: string | undefined;
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
}

function defectEnv(name: string): Record<string, string> {
  return { DEFECT: name, [TEST_FLAG]: 'yes' };
}

function healthy(kind: CaseKind, test: string, phase: CasePhase): SensitivityCase {
  return {
    id: `healthy-${test}`,
    defect: undefined,
    description: 'the reference service as shipped',
    kind,
    test,
    criterion: undefined,
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
  overrides: Partial<Pick<SensitivityCase, 'state' | 'serviceEnv' | 'redisPersistence'>> = {},
): SensitivityCase {
  return {
    id,
    defect: id,
    description,
    kind,
    test,
    criterion,
    state: 'redis',
    serviceEnv: defectEnv(id),
    redisPersistence: true,
    probe: test === 'state-sync',
    phase,
    ...overrides,
  };
}

export const SENSITIVITY_CASES: readonly SensitivityCase[] = [
  healthy('k6', 'baseline-1000', 'quiet'),
  defect('slow-redis', '25 ms added to every Redis round trip', 'k6', 'baseline-1000', 'p50_ms', 'quiet'),

  healthy('soak', 'sustained-5000', 'background'),
  defect(
    'memory-leak',
    '8 KB kept per request',
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
    { serviceEnv: {}, redisPersistence: false },
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
    { state: 'memory', serviceEnv: {} },
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
    'logout answered 200 before the denylist write (written 200 ms later)',
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
];
