// DEFECT: a deliberately broken build of the reference service, for one purpose only: proving that the
// load-test suite notices (npm run sensitivity). A service that can be switched into "accept forged
// tokens" by one variable is itself a hazard, so the setting is refused unless a second, explicit test
// flag is set too, and the primary refuses to start otherwise. Pure: takes the env object.

export const DEFECTS = [
  'per-worker-login-limiter',
  'fail-open',
  'revocation-without-ttl',
  'revocation-short-ttl',
  'slow-redis',
  'alg-none-accepted',
  'early-logout-ack',
  'memory-leak',
] as const;

export type Defect = (typeof DEFECTS)[number];

export const TEST_FLAG = 'ALLOW_DEFECTS_FOR_TESTING';
const TEST_FLAG_VALUE = 'yes';

export class DefectSettingError extends Error {
  constructor(readonly problems: string[]) {
    super(`refusing the DEFECT setting:\n  ${problems.join('\n  ')}`);
    this.name = 'DefectSettingError';
  }
}

type Env = Record<string, string | undefined>;

function isDefect(name: string): name is Defect {
  return (DEFECTS as readonly string[]).includes(name);
}

/** The injected defect, undefined when DEFECT is unset; throws DefectSettingError naming every problem. */
export function parseDefectSetting(env: Env): Defect | undefined {
  const name = env.DEFECT?.trim() ?? '';
  if (name === '') return undefined;
  const problems: string[] = [];
  if (!isDefect(name)) problems.push(`DEFECT must be one of ${DEFECTS.join(', ')}, got "${name}"`);
  if (env[TEST_FLAG]?.trim() !== TEST_FLAG_VALUE) {
    problems.push(
      `DEFECT breaks the service on purpose and is only for testing the load-test suite; ` +
        `set ${TEST_FLAG}=${TEST_FLAG_VALUE} as well to allow it`,
    );
  }
  const state = env.STATE?.trim();
  if (state !== undefined && state !== '' && state !== 'redis') {
    problems.push(`DEFECT applies to STATE=redis only, got STATE="${state}"`);
  }
  if (problems.length > 0) throw new DefectSettingError(problems);
  return name as Defect;
}
