// Reading knobs from an environment object (k6's __ENV, or process.env on the Node side). Pure TypeScript.
// Every reader throws a ConfigError naming the variable, so a bad value stops a run before load starts.
// Readers take only catalogued names (lib/knobs/catalogue.ts): a knob read that is not catalogued does not typecheck.
import type { KnobName } from './knobs/catalogue.ts';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(variable: KnobName, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** k6 turns `-e NAME=` into an empty string; for most knobs that means "not set". */
export function read(env: Env, name: KnobName): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * For knobs where "set to nothing" is a statement of its own (HEALTH_PATH=, WORKER_HEADER=, LOGIN_BODY=):
 * undefined when unset, '' when explicitly empty.
 */
export function readAllowingEmpty(env: Env, name: KnobName): string | undefined {
  const value = env[name];
  return value === undefined ? undefined : value.trim();
}

export function required(env: Env, name: KnobName, hint: string): string {
  const value = read(env, name);
  if (value === undefined) throw new ConfigError(name, `is required: ${hint}`);
  return value;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function number(env: Env, name: KnobName, fallback: number): number;
export function number(env: Env, name: KnobName, fallback: undefined): number | undefined;
export function number(env: Env, name: KnobName, fallback: number | undefined): number | undefined {
  const text = read(env, name);
  if (text === undefined) return fallback;
  // Number() would accept "0x10", "1e3" and "Infinity"; a typo in a knob should not.
  if (!DECIMAL.test(text)) throw new ConfigError(name, `must be a number, got "${text}"`);
  return Number(text);
}

export function integerAtLeast(env: Env, name: KnobName, fallback: number, minimum: number): number {
  const value = number(env, name, fallback);
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigError(name, `must be a whole number >= ${minimum}, got "${read(env, name)}"`);
  }
  return value;
}

export function fraction(env: Env, name: KnobName, fallback: number, allowZero: boolean): number {
  const value = number(env, name, fallback);
  if (!(value <= 1 && (allowZero ? value >= 0 : value > 0))) {
    throw new ConfigError(name, `must be in ${allowZero ? '[0, 1]' : '(0, 1]'}, got "${read(env, name)}"`);
  }
  return value;
}

export function noSpaces(env: Env, name: KnobName, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (/\s/.test(value)) throw new ConfigError(name, `must not contain spaces, got "${value}"`);
  return value;
}

export function oneOf<T extends string>(env: Env, name: KnobName, choices: readonly T[], fallback: T): T {
  const value = (read(env, name) ?? fallback) as T;
  if (!choices.includes(value)) {
    throw new ConfigError(name, `must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value;
}
