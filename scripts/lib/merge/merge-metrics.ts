// Combines k6's end-of-test metric values from instances that ran concurrently (execution segments).
// Counts add, counter rates add (the instances ran side by side), Rate metrics are pooled from their
// passes and fails. Trend percentiles cannot be merged from summaries, so they take the worst instance's
// value (an upper bound of the true percentile of the pooled samples); callers say so in the report.
import type { MetricValues } from '../../../lib/summary/key-numbers.ts';

/** Gauges whose instances' values add up: virtual users run on every instance at once. */
const ADDITIVE_GAUGES = new Set(['vus', 'vus_max']);

type Values = Record<string, number>;

function isRate(values: Values): boolean {
  return 'passes' in values && 'fails' in values;
}

function isTrend(values: Values): boolean {
  return 'med' in values || 'avg' in values || Object.keys(values).some((stat) => stat.startsWith('p('));
}

function sum(all: Values[], stat: string): number | undefined {
  const present = all.map((values) => values[stat]).filter((value): value is number => value !== undefined);
  return present.length === 0 ? undefined : present.reduce((total, value) => total + value, 0);
}

function extreme(all: Values[], stat: string, pick: (...values: number[]) => number): number | undefined {
  const present = all.map((values) => values[stat]).filter((value): value is number => value !== undefined);
  return present.length === 0 ? undefined : pick(...present);
}

function mergeRate(all: Values[]): Values {
  const passes = sum(all, 'passes') ?? 0;
  const fails = sum(all, 'fails') ?? 0;
  return { passes, fails, rate: passes + fails === 0 ? 0 : passes / (passes + fails) };
}

function mergeTrend(all: Values[]): Values {
  const merged: Values = {};
  const stats = new Set(all.flatMap((values) => Object.keys(values)));
  for (const stat of stats) {
    const value =
      stat === 'min'
        ? extreme(all, stat, Math.min)
        : stat === 'count'
          ? sum(all, stat)
          : extreme(all, stat, Math.max);
    if (value !== undefined) merged[stat] = value;
  }
  // The mean is exact when every instance says how many samples it had.
  const counts = all.map((values) => values.count);
  const means = all.map((values) => values.avg);
  if (counts.every((count) => count !== undefined) && means.every((avg) => avg !== undefined)) {
    const total = counts.reduce((a, b) => a + (b ?? 0), 0);
    if (total > 0)
      merged.avg = all.reduce((acc, values) => acc + (values.avg ?? 0) * (values.count ?? 0), 0) / total;
  }
  return merged;
}

function mergeOther(name: string, all: Values[]): Values {
  const merged: Values = {};
  const stats = new Set(all.flatMap((values) => Object.keys(values)));
  for (const stat of stats) {
    const additive = stat === 'count' || stat === 'rate' || ADDITIVE_GAUGES.has(name);
    const value = additive
      ? sum(all, stat)
      : stat === 'min'
        ? extreme(all, stat, Math.min)
        : extreme(all, stat, Math.max);
    if (value !== undefined) merged[stat] = value;
  }
  return merged;
}

/** Every metric of every instance, merged by its kind; a metric one instance measured is that instance's. */
export function mergeMetrics(instances: MetricValues[]): MetricValues {
  const names = [...new Set(instances.flatMap((metrics) => Object.keys(metrics)))].sort();
  const merged: MetricValues = {};
  for (const name of names) {
    const all = instances
      .map((metrics) => metrics[name])
      .filter((values): values is Values => values !== undefined);
    const first = all[0];
    if (!first) continue;
    merged[name] = isRate(first) ? mergeRate(all) : isTrend(first) ? mergeTrend(all) : mergeOther(name, all);
  }
  return merged;
}
