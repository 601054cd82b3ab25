// The validation plan's targets, as read from thresholds.json, validated and typed.
// Pure TypeScript (no k6, no Node): the k6 bundles, the Node scripts and the unit tests share it.
import { criteriaOfSection } from './criteria-catalogue.ts';

export type Operator = '<' | '<=' | '>' | '>=' | '==';
export type Level = 'target' | 'stretch';

/** One parsed expression from thresholds.json, such as "p95_ms": "< 500". */
export interface Bound {
  op: Operator;
  value: number;
}

export type BoundSet = Record<string, Bound>;

export interface Targets {
  target: BoundSet;
  stretch: BoundSet;
}

export interface Plan {
  tests: Record<string, Targets>;
  everyTest: Targets;
  redisProbe: Targets;
  failoverDrill: Targets;
  /** npm run failover -- --variant instance: one of several instances drained, stopped and started. */
  instanceLoss: Targets;
  soak: Targets;
}

export class PlanError extends Error {
  constructor(message: string) {
    super(`thresholds.json: ${message}`);
    this.name = 'PlanError';
  }
}

const OPERATORS: readonly Operator[] = ['<=', '>=', '==', '<', '>'];
const SECTIONS = ['everyTest', 'redisProbe', 'failoverDrill', 'instanceLoss', 'soak'] as const;

/**
 * Criterion names each section may use, from the one catalogue (criteria-catalogue.ts): a typo in
 * thresholds.json must not silently drop a gate.
 */
export const KNOWN_CRITERIA = {
  tests: criteriaOfSection('tests'),
  everyTest: criteriaOfSection('everyTest'),
  redisProbe: criteriaOfSection('redisProbe'),
  failoverDrill: criteriaOfSection('failoverDrill'),
  instanceLoss: criteriaOfSection('instanceLoss'),
  soak: criteriaOfSection('soak'),
} as const;

export function parseBound(where: string, text: unknown): Bound {
  if (typeof text !== 'string')
    throw new PlanError(`${where} must be a string like "< 500", got ${JSON.stringify(text)}`);
  const trimmed = text.trim();
  const op = OPERATORS.find((candidate) => trimmed.startsWith(candidate));
  const rest = op ? trimmed.slice(op.length).trim() : '';
  const value = Number(rest);
  if (!op || rest === '' || !Number.isFinite(value)) {
    throw new PlanError(`${where} is "${text}"; expected "<op> <number>" with op one of < <= > >= ==`);
  }
  return { op, value };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseBoundSet(where: string, raw: unknown, allowed: readonly string[]): BoundSet {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new PlanError(`${where} must be an object of criteria`);
  const set: BoundSet = {};
  for (const [name, text] of Object.entries(raw)) {
    if (!allowed.includes(name)) {
      throw new PlanError(`${where}.${name} is not a known criterion (known: ${allowed.join(', ')})`);
    }
    set[name] = parseBound(`${where}.${name}`, text);
  }
  return set;
}

function parseTargets(where: string, raw: unknown, allowed: readonly string[]): Targets {
  if (!isObject(raw))
    throw new PlanError(`${where} must be an object with "target" (and optionally "stretch")`);
  for (const key of Object.keys(raw)) {
    if (key !== 'target' && key !== 'stretch' && !key.startsWith('$')) {
      throw new PlanError(`${where}.${key} is unexpected; use "target" or "stretch"`);
    }
  }
  return {
    target: parseBoundSet(`${where}.target`, raw.target, allowed),
    stretch: parseBoundSet(`${where}.stretch`, raw.stretch, allowed),
  };
}

/** Validates the parsed JSON of thresholds.json; throws PlanError naming the first problem. */
export function parsePlan(raw: unknown): Plan {
  if (!isObject(raw)) throw new PlanError('the top level must be a JSON object');
  for (const key of Object.keys(raw)) {
    // A misspelt section ("redisprobe") would otherwise drop all of its gates without a word.
    if (key !== 'tests' && !(SECTIONS as readonly string[]).includes(key) && !key.startsWith('$')) {
      throw new PlanError(`"${key}" is not a known section (known: tests, ${SECTIONS.join(', ')})`);
    }
  }
  if (!isObject(raw.tests) || Object.keys(raw.tests).length === 0) {
    throw new PlanError('"tests" must be an object with one entry per plan test');
  }
  const tests: Record<string, Targets> = {};
  for (const [name, targets] of Object.entries(raw.tests)) {
    tests[name] = parseTargets(`tests.${name}`, targets, KNOWN_CRITERIA.tests);
  }
  const sections = {} as Record<(typeof SECTIONS)[number], Targets>;
  for (const section of SECTIONS) {
    sections[section] =
      raw[section] === undefined
        ? { target: {}, stretch: {} }
        : parseTargets(section, raw[section], KNOWN_CRITERIA[section]);
  }
  return { tests, ...sections };
}

/** Parses thresholds.json text; JSON syntax errors become PlanErrors too. */
export function parsePlanText(text: string): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PlanError(`not valid JSON (${(error as Error).message})`);
  }
  return parsePlan(raw);
}

export function targetsFor(plan: Plan, test: string): Targets {
  const targets = plan.tests[test];
  if (!targets)
    throw new PlanError(`no entry for test "${test}" (have: ${Object.keys(plan.tests).join(', ')})`);
  return targets;
}

/** True when measured satisfies the bound. */
export function meets(bound: Bound, measured: number): boolean {
  switch (bound.op) {
    case '<':
      return measured < bound.value;
    case '<=':
      return measured <= bound.value;
    case '>':
      return measured > bound.value;
    case '>=':
      return measured >= bound.value;
    case '==':
      return measured === bound.value;
  }
}

export function formatBound(bound: Bound): string {
  return `${bound.op} ${bound.value}`;
}
