// STATE=memory against STATE=redis for the same tier: latency side by side, and the count that
// matters, revoked tokens accepted, which only shared state keeps at zero.
import { formatNumber } from '../../../../lib/summary/format.ts';
import type { ComparisonPair } from '../comparison.ts';
import type { Chart } from './render-svg.ts';
import { COLORS, GRID, LEGEND_TOP, valueAxis } from './style.ts';

function bars(name: string, color: string, data: number[]) {
  return {
    type: 'bar',
    name,
    color,
    itemStyle: { color },
    barMaxWidth: 36,
    label: {
      show: true,
      position: 'top',
      fontSize: 11,
      color: '#333',
      formatter: (params: { value: number }) => formatNumber(params.value),
    },
    data,
  };
}

export function comparisonLatency(pair: ComparisonPair): Chart {
  const of = (row: ComparisonPair['redis']) => [row.p50Ms ?? 0, row.p95Ms ?? 0, row.p99Ms ?? 0];
  return {
    id: `comparison-latency-${pair.test}`,
    title: `${pair.test}: latency, Redis vs per-worker memory`,
    caption: 'The same tier with each state backend; speed is worth nothing if revoked tokens are accepted.',
    width: 440,
    height: 300,
    option: {
      grid: GRID,
      legend: LEGEND_TOP,
      xAxis: { type: 'category', data: ['p50', 'p95', 'p99'] },
      yAxis: valueAxis('ms', { min: 0 }),
      series: [
        bars('STATE=redis', COLORS.redis, of(pair.redis)),
        bars('STATE=memory', COLORS.memory, of(pair.memory)),
      ],
    } as Chart['option'],
  };
}

export function comparisonCorrectness(pair: ComparisonPair): Chart {
  return {
    id: `comparison-correctness-${pair.test}`,
    title: `${pair.test}: revoked tokens accepted`,
    caption: 'A token revoked on one worker and accepted by another; the plan requires 0.',
    width: 440,
    height: 300,
    option: {
      grid: GRID,
      legend: LEGEND_TOP,
      // Every category label shown: the default hides the second one when they are long.
      xAxis: {
        type: 'category',
        data: ['revoked tokens accepted', 'state-sync errors'],
        axisLabel: { interval: 0 },
      },
      yAxis: valueAxis('count', { min: 0, minInterval: 1 }),
      series: [
        bars('STATE=redis', COLORS.redis, [pair.redis.revokedAccepted, pair.redis.stateSyncErrors]),
        bars('STATE=memory', COLORS.wrong, [pair.memory.revokedAccepted, pair.memory.stateSyncErrors]),
      ],
    } as Chart['option'],
  };
}
