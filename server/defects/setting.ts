// DEFECT: a deliberately broken build of the reference service, for one purpose only: proving that the
// load-test suite notices (npm run sensitivity). A service that can be switched into "accept forged
// tokens" by one variable is itself a hazard, so the setting is refused unless a second, explicit test
// flag is set too, and the primary refuses to start otherwise. Graded defects take their size from
// DEFECT_SIZE (in the unit GRADED_DEFECTS states), so the matrix can search for the smallest size caught.
// Pure: takes the env object.

export const DEFECTS = [
  'per-worker-login-limiter',
  'fail-open',
  'revocation-without-ttl',
  'revocation-short-ttl',
  'slow-redis',
  'alg-none-accepted',
  'early-logout-ack',
  'memory-leak',
  'login-limit-too-strict',
  'every-login-limited',
  'revocation-cache',
  'per-instance-jwt-secret',
  'per-instance-denylist',
] as const;

export type Defect = (typeof DEFECTS)[number];

export interface DefectSize {
  /** What DEFECT_SIZE counts, in words. */
  unit: string;
  /** The size used when DEFECT_SIZE is unset: well past the bound the defect relates to. */
  default: number;
  /** Smallest and largest DEFECT_SIZE accepted. */
  min: number;
  max: number;
  integer: boolean;
}

/** The defects that have a size, with its unit. The others are either present or not. */
export const GRADED_DEFECTS = {
  'slow-redis': { unit: 'ms added to every Redis call', default: 25, min: 0, max: 10_000, integer: true },
  'early-logout-ack': {
    unit: 'ms the denylist write lags behind the logout answer',
    default: 200,
    min: 0,
    max: 60_000,
    integer: true,
  },
  'revocation-cache': {
    unit: 's a worker remembers that a token was not revoked',
    default: 5,
    min: 0,
    max: 3600,
    integer: false,
  },
  'memory-leak': { unit: 'bytes kept per request', default: 8192, min: 0, max: 1_048_576, integer: true },
} as const satisfies Partial<Record<Defect, DefectSize>>;

export type GradedDefect = keyof typeof GRADED_DEFECTS;

export interface InjectedDefect {
  name: Defect;
  /** DEFECT_SIZE, or the default, for graded defects; undefined for the others. */
  size: number | undefined;
}

export const TEST_FLAG = 'ALLOW_DEFECTS_FOR_TESTING';
const TEST_FLAG_VALUE = 'yes';
export const SIZE_SETTING = 'DEFECT_SIZE';

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

export function isGraded(name: string): name is GradedDefect {
  return Object.hasOwn(GRADED_DEFECTS, name);
}

/** The size for `name` from DEFECT_SIZE text; pushes a problem and returns undefined when it is refused. */
function parseSize(name: Defect, text: string, problems: string[]): number | undefined {
  if (!isGraded(name)) {
    if (text !== '') {
      problems.push(
        `${SIZE_SETTING} applies to ${Object.keys(GRADED_DEFECTS).join(', ')} only, not to DEFECT=${name}`,
      );
    }
    return undefined;
  }
  const grade: DefectSize = GRADED_DEFECTS[name];
  if (text === '') return grade.default;
  const value = Number(text);
  const kind = grade.integer ? 'a whole number' : 'a number';
  if (
    !Number.isFinite(value) ||
    (grade.integer && !Number.isInteger(value)) ||
    value < grade.min ||
    value > grade.max
  ) {
    problems.push(
      `${SIZE_SETTING} for ${name} must be ${kind} from ${grade.min} to ${grade.max} (${grade.unit}), got "${text}"`,
    );
    return undefined;
  }
  return value;
}

/** The injected defect, undefined when DEFECT is unset; throws DefectSettingError naming every problem. */
export function parseDefectSetting(env: Env): InjectedDefect | undefined {
  const name = env.DEFECT?.trim() ?? '';
  const sizeText = env[SIZE_SETTING]?.trim() ?? '';
  // DEFECT_SIZE alone is ignored: runs that blank DEFECT for STATE=memory (which refuses defects) keep it.
  if (name === '') return undefined;
  const problems: string[] = [];
  let size: number | undefined;
  if (!isDefect(name)) problems.push(`DEFECT must be one of ${DEFECTS.join(', ')}, got "${name}"`);
  else size = parseSize(name, sizeText, problems);
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
  return { name: name as Defect, size };
}

/**
 * The service environment that injects `name` (at `size`, in its unit; the default when omitted): what
 * `npm run sensitivity` gives each defect case, and what a runner of the whole plan against a broken
 * reference service sets. Throws DefectSettingError when the service would refuse it.
 */
export function defectServiceEnv(name: string, size?: number): Record<string, string> {
  const env: Record<string, string> = { DEFECT: name, [TEST_FLAG]: TEST_FLAG_VALUE };
  if (size !== undefined) env[SIZE_SETTING] = String(size);
  parseDefectSetting(env);
  return env;
}

/** How a defect is named to people: "slow-redis (5 ms added to every Redis call)". */
export function describeDefect(defect: InjectedDefect): string {
  if (defect.size === undefined || !isGraded(defect.name)) return defect.name;
  return `${defect.name} (${defect.size} ${GRADED_DEFECTS[defect.name].unit})`;
}
