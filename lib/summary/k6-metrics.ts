// k6's own end-of-test summary, kept beside the suite's criteria: a run's handleSummary replaces the text k6
// would print, and k6's text summary helper is a remote jslib a bundle cannot rely on, so every metric is
// rendered here the way k6 lays it out (name, dots, values; thresholds marked). Plain ASCII for CI logs.
import { formatNumber } from './format.ts';
import type { K6Metric, K6SummaryData } from './summary-data.ts';

const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

function duration(ms: number): string {
  if (ms >= 1000) return `${formatNumber(ms / 1000)}s`;
  if (ms >= 1) return `${formatNumber(ms)}ms`;
  return `${formatNumber(ms * 1000)}µs`;
}

function bytes(value: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${formatNumber(scaled)} ${units[unit]}`;
}

function amount(metric: K6Metric, value: number): string {
  if (metric.contains === 'time') return duration(value);
  if (metric.contains === 'data') return bytes(value);
  return formatNumber(value);
}

function values(metric: K6Metric): string {
  const v = metric.values;
  switch (metric.type) {
    case 'trend':
      return TREND_STATS.filter((stat) => v[stat] !== undefined)
        .map((stat) => `${stat}=${amount(metric, v[stat] as number)}`)
        .join(' ');
    case 'counter':
      return `${amount(metric, v.count ?? 0)}  ${amount(metric, v.rate ?? 0)}/s`;
    case 'rate': {
      const total = (v.passes ?? 0) + (v.fails ?? 0);
      return `${formatNumber((v.rate ?? 0) * 100)}%  ${formatNumber(v.passes ?? 0)} out of ${formatNumber(total)}`;
    }
    case 'gauge':
      return `${amount(metric, v.value ?? 0)}  min=${amount(metric, v.min ?? 0)} max=${amount(metric, v.max ?? 0)}`;
    default:
      return Object.entries(v)
        .map(([name, value]) => `${name}=${formatNumber(value)}`)
        .join(' ');
  }
}

/** Every metric of the run, thresholds first marked "ok"/"FAIL" as k6 marks them ✓/✗. */
export function k6MetricsText(summary: K6SummaryData): string {
  const names = Object.keys(summary.metrics).sort();
  if (names.length === 0) return 'no metrics';
  const width = Math.max(...names.map((name) => name.length)) + 3;
  const lines: string[] = [];
  for (const name of names) {
    const metric = summary.metrics[name] as K6Metric;
    const thresholds = Object.entries(metric.thresholds ?? {});
    const mark = thresholds.length === 0 ? '    ' : thresholds.every(([, t]) => t.ok) ? 'ok  ' : 'FAIL';
    lines.push(`${mark} ${`${name} `.padEnd(width, '.')}: ${values(metric)}`);
    for (const [expression, outcome] of thresholds) {
      lines.push(`       ${outcome.ok ? 'ok  ' : 'FAIL'} ${expression}`);
    }
  }
  return lines.join('\n');
}
