// Turns the plan's targets for one test into criteria: each knows its k6 metric, how to express
// itself as a k6 threshold, and how to read its measured value back from the end-of-test summary.
// Pure TypeScript: used by the bundles (thresholds, handleSummary) and unit-tested in Node.
import {
  type CatalogueEntry,
  catalogueEntry,
  type K6Measure,
  REVOCATION_CHECKS,
} from './criteria-catalogue.ts';
import { type Bound, type Level, meets, type Plan, targetsFor } from './plan.ts';

export interface Criterion {
  /** Name in thresholds.json, e.g. "p95_ms". */
  key: string;
  label: string;
  level: Level;
  /** Gating criteria become k6 thresholds (a miss makes k6 exit 99); the others are only reported. */
  gating: boolean;
  /** The bound as written in thresholds.json, before any scaling. */
  planned: Bound;
  /** The bound this run is held to (throughput is scaled with the run's users). */
  bound: Bound;
  unit: string;
  metric: string;
  /** Statistic of the k6 metric: "rate", "count", "p(95)", "max" ... */
  stat: string;
  /**
   * A counter that proves the metric was measured at all. k6 passes a rate or trend threshold that saw no
   * samples, so each such gating criterion also gets "<sampledBy>: count>0": a run that could not measure a
   * target fails it (exit 99), the same verdict its report prints.
   */
  sampledBy?: string;
  /**
   * Samples `sampledBy` must reach (default 1): state-sync's revocation criteria need at least the SYNC_CHECKS
   * calls of one full round, else its "0 accepted" proves nothing about the workers it was meant to reach.
   */
  minSamples?: number;
  /**
   * The criterion cannot run in this configuration (a knob is unset). It is still listed, as NOT RUN, and its
   * measured-guard stays a gate, so the run fails unless the user opted out by name (`optOut`, e.g.
   * "REDIS_URL=off"); an opted-out criterion is reported and does not gate.
   */
  notRun?: NotRun;
  /**
   * Set on the Redis probe's and monitor's criteria when the test is split over several instances: only the
   * instances that ran the probe or the monitor judge them (`npm run report -- --merge` joins the rest).
   */
  judgedWhereMeasured?: boolean;
}

export interface NotRun {
  reason: string;
  /** The explicit opt-out that turned the criterion off, e.g. "REDIS_URL=off"; absent: it still gates. */
  optOut?: string;
}

/**
 * Every criterion ends as one of these. `not-measured`: it ran but its guard saw too few samples; `not-run`:
 * the configuration left it out (see Criterion.notRun). Only `pass` passes, except where the user opted out.
 */
export type Outcome = 'pass' | 'fail' | 'not-measured' | 'not-run';

/** Whether a knob that feeds a set of criteria is set, unset, or explicitly switched off. */
export type KnobState = 'set' | 'unset' | 'off';

export interface CriteriaContext {
  gate: Level;
  /** Seconds of the steady part of the run (after ramp-up); 0 when the run has none. */
  steadySeconds: number;
  /** Effective users / plan users; scales load-dependent targets (throughput). */
  loadFactor: number;
  /**
   * REDIS_URL: `set` runs the probe and monitor; `unset` leaves their criteria NOT RUN (failing the gate);
   * `off` opts out of them by name. `undefined`: the test does not judge the probe (the failover drill stops
   * Redis on purpose, and judges revocation itself).
   */
  probe: KnobState | undefined;
  /** This instance runs one execution segment of a split test. */
  segmented?: boolean;
  /** LOGIN_LIMIT_PER_ACCOUNT: `set` runs the shared-limit check; `unset` leaves it NOT RUN; `off` opts out. */
  loginLimit?: KnobState;
  /** Revocation checks the test needs before its revocation criteria count as measured (default 1). */
  minRevocationChecks?: number;
  /** INSTANCE_URLS: `set` runs the cross-instance checks; `unset` leaves them NOT RUN; `off` opts out. */
  instanceUrls?: KnobState;
}

/** A criterion's label, unit and k6 measure, from the catalogue. */
type MetricMapping = Pick<CatalogueEntry, 'label' | 'unit'> & K6Measure;

function mappingFor(key: string): MetricMapping {
  const entry = catalogueEntry(key);
  if (!entry?.k6) throw new Error(`criterion "${key}" has no k6 metric in the criteria catalogue`);
  return { label: entry.label, unit: entry.unit, ...entry.k6 };
}

/**
 * Throughput "> R req/s over S steady seconds" becomes "steady_requests count > R*S".
 * k6's own counter rate divides by the whole run, ramp-up included, which would dilute it.
 */
function boundForRun(key: string, planned: Bound, context: CriteriaContext): Bound {
  if (key !== 'throughput_rps') return planned;
  return { op: planned.op, value: planned.value * context.loadFactor };
}

function build(
  key: string,
  planned: Bound,
  level: Level,
  context: CriteriaContext,
  sampledOnOneInstance: boolean,
  notRun: NotRun | undefined,
): Criterion {
  const mapping = mappingFor(key);
  const gating = (level === 'target' || context.gate === 'stretch') && notRun?.optOut === undefined;
  const criterion: Criterion = {
    key,
    level,
    gating,
    planned,
    bound: boundForRun(key, planned, context),
    ...mapping,
  };
  if (mapping.sampledBy === REVOCATION_CHECKS && (context.minRevocationChecks ?? 1) > 1)
    criterion.minSamples = context.minRevocationChecks;
  if (notRun !== undefined) criterion.notRun = notRun;
  if (sampledOnOneInstance && context.segmented) criterion.judgedWhereMeasured = true;
  return criterion;
}

const PROBE_UNSET: NotRun = {
  reason: 'REDIS_URL is not set, so the Redis probe and monitor did not run (REDIS_URL=off opts out)',
};
const PROBE_OFF: NotRun = { reason: 'opted out with REDIS_URL=off', optOut: 'REDIS_URL=off' };
const LIMIT_UNSET: NotRun = {
  reason:
    "LOGIN_LIMIT_PER_ACCOUNT is not set, so the shared login-limit check did not run (set it to the service's " +
    'limit, or LOGIN_LIMIT_PER_ACCOUNT=off to opt out)',
};
const LIMIT_OFF: NotRun = {
  reason: 'opted out with LOGIN_LIMIT_PER_ACCOUNT=off',
  optOut: 'LOGIN_LIMIT_PER_ACCOUNT=off',
};

const INSTANCES_UNSET: NotRun = {
  reason:
    'INSTANCE_URLS is not set, so no token was checked on each instance directly (set it to the URLs of every ' +
    'instance, bypassing the balancer, or INSTANCE_URLS=off when the service runs as one instance)',
};
const INSTANCES_OFF: NotRun = { reason: 'opted out with INSTANCE_URLS=off', optOut: 'INSTANCE_URLS=off' };

function notRunFor(key: string, fromProbe: boolean, context: CriteriaContext): NotRun | undefined {
  if (key === 'cross_instance_errors' && (context.instanceUrls ?? 'unset') === 'unset')
    return INSTANCES_UNSET;
  if (key === 'cross_instance_errors' && context.instanceUrls === 'off') return INSTANCES_OFF;
  if (fromProbe && context.probe === 'unset') return PROBE_UNSET;
  if (fromProbe && context.probe === 'off') return PROBE_OFF;
  if (key === 'login_limit_bypassed' && (context.loginLimit ?? 'unset') === 'unset') return LIMIT_UNSET;
  if (key === 'login_limit_bypassed' && context.loginLimit === 'off') return LIMIT_OFF;
  return undefined;
}

/**
 * All criteria for a test: its own targets, those every test shares, and the Redis probe's unless the test
 * does not judge the probe. A criterion the configuration cannot run is listed with `notRun`, never dropped.
 */
export function criteriaFor(plan: Plan, test: string, context: CriteriaContext): Criterion[] {
  const own = targetsFor(plan, test);
  const sections = [plan.everyTest, own, ...(context.probe === undefined ? [] : [plan.redisProbe])];
  const byKeyAndLevel = new Map<string, Criterion>();
  for (const level of ['target', 'stretch'] as const) {
    for (const section of sections) {
      for (const [key, bound] of Object.entries(section[level])) {
        if (key === 'throughput_rps' && context.steadySeconds <= 0) continue;
        const fromProbe = section === plan.redisProbe;
        const notRun = notRunFor(key, fromProbe, context);
        // A test's own entry overrides the shared one for the same criterion.
        byKeyAndLevel.set(`${level}:${key}`, build(key, bound, level, context, fromProbe, notRun));
      }
    }
  }
  return [...byKeyAndLevel.values()];
}

/**
 * Every criterion is already in its metric's unit, except throughput, which becomes a request count. The count
 * is not rounded to a whole number (k6 compares with a fraction as well): rounding 144.4 down would let k6 pass
 * "count>=144" where the report, dividing by the steady seconds, fails it. Six decimals only hide float noise.
 */
export function thresholdValue(criterion: Criterion, steadySeconds: number): number {
  if (criterion.key === 'throughput_rps')
    return Math.round(criterion.bound.value * steadySeconds * 1e6) / 1e6;
  return criterion.bound.value;
}

/** The k6 threshold expression for a criterion, e.g. "p(95)<500" or "count>250000". */
export function thresholdExpression(criterion: Criterion, steadySeconds: number): string {
  return `${criterion.stat}${criterion.bound.op}${thresholdValue(criterion, steadySeconds)}`;
}

/** Proves a criterion was measured: see Criterion.sampledBy. */
export const MEASURED_AT_ALL = 'count>0';

/** The k6 threshold on a criterion's guard counter: measured at all, or at least `minSamples` times. */
export function guardExpression(criterion: Criterion): string {
  const minimum = criterion.minSamples ?? 1;
  return minimum <= 1 ? MEASURED_AT_ALL : `count>=${minimum}`;
}

/** k6 `options.thresholds` built from the gating criteria. */
export function k6Thresholds(criteria: Criterion[], steadySeconds: number): Record<string, string[]> {
  const thresholds: Record<string, string[]> = {};
  const add = (metric: string, expression: string) => {
    const expressions = thresholds[metric] ?? [];
    if (!expressions.includes(expression)) expressions.push(expression);
    thresholds[metric] = expressions;
  };
  for (const criterion of criteria) {
    if (!criterion.gating) continue;
    add(criterion.metric, thresholdExpression(criterion, steadySeconds));
    if (criterion.sampledBy !== undefined && !criterion.judgedWhereMeasured)
      add(criterion.sampledBy, guardExpression(criterion));
  }
  return thresholds;
}

/** The subset of k6's summary data the evaluation reads: metric name to its values. */
export type SummaryMetrics = Record<string, { values: Record<string, number> } | undefined>;

/** Measured value in the criterion's unit, or undefined when the run produced no such metric. */
export function measure(
  criterion: Criterion,
  metrics: SummaryMetrics,
  steadySeconds: number,
): number | undefined {
  if (criterion.notRun !== undefined) return undefined;
  const samples =
    criterion.sampledBy === undefined ? undefined : (metrics[criterion.sampledBy]?.values.count ?? 0);
  if (samples !== undefined && samples < Math.max(1, criterion.minSamples ?? 1)) {
    // k6 reports zeros for a trend that saw no samples, and a counter that never fired reads 0: without
    // (enough) samples nothing was measured.
    return undefined;
  }
  const values = metrics[criterion.metric]?.values;
  const raw = values?.[criterion.stat === 'p(50)' ? 'med' : criterion.stat] ?? values?.[criterion.stat];
  if (raw === undefined) {
    // Counters that never fired are absent from the summary: for "count" criteria that means zero.
    return criterion.stat === 'count' && criterion.key !== 'throughput_rps' ? 0 : undefined;
  }
  if (criterion.key === 'throughput_rps') return steadySeconds > 0 ? raw / steadySeconds : undefined;
  return raw;
}

export interface CriterionResult extends Criterion {
  measured: number | undefined;
  /** undefined when nothing was measured. */
  pass: boolean | undefined;
  outcome: Outcome;
  /** Why a criterion is not-measured or not-run, in words a person can act on. */
  reason?: string;
}

/** Records written before outcomes existed carry only `pass`: derive the outcome they imply. */
export function outcomeOf(result: Pick<CriterionResult, 'pass' | 'notRun'> & { outcome?: Outcome }): Outcome {
  if (result.outcome !== undefined) return result.outcome;
  if (result.notRun !== undefined) return 'not-run';
  if (result.pass === undefined) return 'not-measured';
  return result.pass ? 'pass' : 'fail';
}

/** Whether a result lets its level pass: a pass, or a criterion the user opted out of by name. */
export function passesGate(result: CriterionResult): boolean {
  const outcome = outcomeOf(result);
  return outcome === 'pass' || (outcome === 'not-run' && result.notRun?.optOut !== undefined);
}

function notMeasuredReason(criterion: Criterion, metrics: SummaryMetrics): string {
  if (criterion.sampledBy === undefined) return `no ${criterion.metric} samples`;
  const samples = metrics[criterion.sampledBy]?.values.count ?? 0;
  const minimum = Math.max(1, criterion.minSamples ?? 1);
  return `${criterion.sampledBy} counted ${samples}, needs at least ${minimum}`;
}

/** Not measured here, and not this instance's to judge: another instance of a split test measured it. */
export function measuredElsewhere(result: CriterionResult): boolean {
  return result.judgedWhereMeasured === true && result.measured === undefined;
}

/**
 * Judged exactly as k6 judges the threshold: throughput on the request count against the same count bound,
 * not on the rate, so a report can never disagree with k6's exit code through a division.
 */
function passes(criterion: Criterion, measured: number, steadySeconds: number): boolean {
  if (criterion.key !== 'throughput_rps') return meets(criterion.bound, measured);
  const bound = { op: criterion.bound.op, value: thresholdValue(criterion, steadySeconds) };
  return meets(bound, Math.round(measured * steadySeconds));
}

export function evaluate(
  criteria: Criterion[],
  metrics: SummaryMetrics,
  steadySeconds: number,
): CriterionResult[] {
  return criteria.map((criterion): CriterionResult => {
    const measured = measure(criterion, metrics, steadySeconds);
    const pass = measured === undefined ? undefined : passes(criterion, measured, steadySeconds);
    if (criterion.notRun !== undefined)
      return { ...criterion, measured, pass, outcome: 'not-run', reason: criterion.notRun.reason };
    if (measured === undefined)
      return {
        ...criterion,
        measured,
        pass,
        outcome: 'not-measured',
        reason: notMeasuredReason(criterion, metrics),
      };
    return { ...criterion, measured, pass, outcome: pass ? 'pass' : 'fail' };
  });
}
