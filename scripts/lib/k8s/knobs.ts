// The suite's knobs (docs/suite.md, "Knobs") as the k6-operator runners receive them. Non-secret knobs
// travel as `-e NAME=value` in the TestRun's arguments; secrets come from a Kubernetes Secret, never
// from the manifest. RUN_ID is the TestRun's test id; REPORT_DIR names a folder on this machine.

export const SECRET_KNOBS = ['USER_PASSWORD', 'REDIS_URL'] as const;

export const PLAIN_KNOBS = [
  'BASE_URL',
  'LOGIN_PATH',
  'PROTECTED_PATH',
  'LOGOUT_PATH',
  'HEALTH_PATH',
  'USER_PREFIX',
  'USER_DOMAIN',
  'USER_COUNT',
  'USER_OFFSET',
  'THINK_MIN_S',
  'THINK_MAX_S',
  'SCALE',
  'USERS',
  'SPAWN_RATE',
  'DURATION',
  'GATE',
  'REVOCATION_PREFIX',
  'PROBE_SAMPLE',
  'LOGOUT_PROBABILITY',
  'SYNC_CHECKS',
] as const;

/** The plain knobs set (non-empty) in an environment, in the order above. */
export function plainKnobsFrom(env: Record<string, string | undefined>): Record<string, string> {
  const knobs: Record<string, string> = {};
  for (const name of PLAIN_KNOBS) {
    const value = env[name];
    if (value !== undefined && value !== '') knobs[name] = value;
  }
  return knobs;
}
