// k6's summary data plus what the bundle knows about its run → the RunRecord every report reads.
import { type CriterionResult, evaluate, measuredElsewhere, passesGate } from '../criteria.ts';
import { type CheckResult, type OptOut, RUN_RECORD_SCHEMA, type RunRecord } from './run-record.ts';
import type { SummaryContext } from './summary-context.ts';
import type { K6Group, K6SummaryData } from './summary-data.ts';

function flattenChecks(group: K6Group, into: CheckResult[] = []): CheckResult[] {
  for (const check of group.checks) {
    into.push({ name: check.name, group: group.path, passes: check.passes, fails: check.fails });
  }
  for (const child of group.groups) flattenChecks(child, into);
  return into;
}

function failedThresholds(summary: K6SummaryData): string[] {
  const failed: string[] = [];
  for (const [name, metric] of Object.entries(summary.metrics)) {
    for (const [expression, outcome] of Object.entries(metric.thresholds ?? {})) {
      if (!outcome.ok) failed.push(`${name}: ${expression}`);
    }
  }
  return failed.sort();
}

/**
 * A level fails when any of its criteria failed, could not be measured, or did not run: silence is not a
 * pass. The exceptions: a criterion another instance of a split test measures
 * (Criterion.judgedWhereMeasured), and one the user opted out of by name (REDIS_URL=off ...).
 */
export function verdictOf(results: CriterionResult[], level: 'target' | 'stretch'): 'pass' | 'fail' | 'n/a' {
  const atLevel = results.filter((result) => result.level === level && !measuredElsewhere(result));
  if (atLevel.length === 0) return 'n/a';
  return atLevel.every(passesGate) ? 'pass' : 'fail';
}

/** Each opt-out once, with the criteria it turned off. */
export function optOutsOf(results: CriterionResult[]): OptOut[] {
  const bySetting = new Map<string, string[]>();
  for (const result of results) {
    const setting = result.notRun?.optOut;
    if (setting === undefined) continue;
    const criteria = bySetting.get(setting) ?? [];
    if (!criteria.includes(result.key)) criteria.push(result.key);
    bySetting.set(setting, criteria);
  }
  return [...bySetting].map(([setting, criteria]) => ({ setting, criteria }));
}

export function buildRunRecord(
  context: SummaryContext,
  summary: K6SummaryData,
  finishedAt: string,
): RunRecord {
  const metrics: Record<string, Record<string, number>> = {};
  for (const [name, metric] of Object.entries(summary.metrics)) metrics[name] = metric.values;
  const criteria = evaluate(context.criteria, summary.metrics, context.profile.steadyS);
  // An aborted run judged nothing: it fails, and says why instead of listing every criterion as missed.
  const target = context.abortedBeforeLoad ? 'fail' : verdictOf(criteria, 'target');
  const optOuts = optOutsOf(criteria);
  return {
    schema: RUN_RECORD_SCHEMA,
    test: context.test,
    runId: context.runId,
    finishedAt,
    baseUrl: context.baseUrl,
    gate: context.gate,
    profile: context.profile,
    thinkTimeS: context.thinkTimeS,
    probeEnabled: context.probeEnabled,
    criteria,
    // A test with no target criteria has nothing to miss.
    verdict: { target: target === 'n/a' ? 'pass' : target, stretch: verdictOf(criteria, 'stretch') },
    metrics,
    thresholdsFailed: failedThresholds(summary),
    checks: flattenChecks(summary.rootGroup),
    testRunDurationMs: summary.testRunDurationMs,
    ...(context.abortedBeforeLoad ? { abortedBeforeLoad: true } : {}),
    ...(context.segment === undefined ? {} : { segment: context.segment }),
    ...(context.tokenExpirySource === undefined ? {} : { tokenExpirySource: context.tokenExpirySource }),
    ...(optOuts.length === 0 ? {} : { optOuts }),
  };
}
