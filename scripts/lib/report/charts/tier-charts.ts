// Latency, failure rate and throughput against concurrent users, one point per load tier, with the
// target each tier was held to drawn dashed so a reader sees the margin, not just the value.
import type { TierRow } from '../tiers.ts';
import type { Chart } from './render-svg.ts';
import { bottomAxisName, COLORS, GRID, LEGEND_TOP, valueAxis } from './style.ts';

type Point = [users: number, value: number, test: string];

function points(tiers: TierRow[], value: (tier: TierRow) => number | undefined): Point[] {
  return tiers.flatMap((tier): Point[] => {
    const measured = value(tier);
    return measured === undefined ? [] : [[tier.users, measured, tier.test]];
  });
}

// Room to the right of the largest tier so its label is not cut off.
const usersAxis = {
  type: 'value',
  min: 0,
  max: (extent: { max: number }) => Math.ceil((extent.max * 1.12) / 10) * 10,
  axisLabel: { showMaxLabel: false },
  ...bottomAxisName('concurrent users'),
  splitLine: { show: false },
};

const TIER_CHART = { width: 530, height: 320 };

function line(name: string, color: string, data: Point[], extra: Record<string, unknown> = {}) {
  return {
    type: 'line',
    name,
    data,
    color,
    symbolSize: 8,
    lineStyle: { width: 2, color },
    itemStyle: { color },
    ...extra,
  };
}

function targetLine(data: Point[]) {
  return line('target', COLORS.target, data, {
    symbol: 'rect',
    symbolSize: 6,
    lineStyle: { width: 1.5, type: 'dashed', color: COLORS.target },
  });
}

const testLabel = {
  show: true,
  position: 'top',
  color: '#555',
  fontSize: 11,
  formatter: (params: { data: Point }) => params.data[2],
};

export function latencyVsUsers(tiers: TierRow[]): Chart {
  return {
    id: 'latency-vs-users',
    title: 'Latency percentiles vs users',
    caption: 'p50, p95 and p99 of every request per tier; the dashed line is each tier’s p95 target.',
    ...TIER_CHART,
    option: {
      grid: GRID,
      legend: LEGEND_TOP,
      xAxis: usersAxis,
      yAxis: valueAxis('ms', { min: 0 }),
      series: [
        line(
          'p50',
          COLORS.p50,
          points(tiers, (tier) => tier.p50Ms),
        ),
        line(
          'p95',
          COLORS.p95,
          points(tiers, (tier) => tier.p95Ms),
          { label: testLabel, lineStyle: { width: 3 } },
        ),
        line(
          'p99',
          COLORS.p99,
          points(tiers, (tier) => tier.p99Ms),
          { lineStyle: { width: 1.5, type: 'dotted' } },
        ),
        targetLine(points(tiers, (tier) => tier.targets.p95_ms)),
      ],
    } as Chart['option'],
  };
}

export function failureRateVsUsers(tiers: TierRow[]): Chart {
  const percent = (ratio: number | undefined) => (ratio === undefined ? undefined : ratio * 100);
  return {
    id: 'failure-rate-vs-users',
    title: 'Failure rate vs users',
    caption: 'Share of wrong answers (expected 401/429 are not failures); dashed: each tier’s target.',
    ...TIER_CHART,
    option: {
      grid: GRID,
      legend: LEGEND_TOP,
      xAxis: usersAxis,
      yAxis: valueAxis('% of requests', { min: 0, axisLabel: { formatter: '{value}%' } }),
      series: [
        line(
          'failure rate',
          COLORS.failure,
          points(tiers, (tier) => percent(tier.failureRate)),
          { label: testLabel },
        ),
        targetLine(points(tiers, (tier) => percent(tier.targets.failure_rate))),
      ],
    } as Chart['option'],
  };
}

export function throughputVsUsers(tiers: TierRow[]): Chart {
  return {
    id: 'throughput-vs-users',
    title: 'Steady throughput vs users',
    caption:
      'Requests per second while all users ran; dashed: the throughput target scaled to the users that ran.',
    ...TIER_CHART,
    option: {
      grid: GRID,
      legend: LEGEND_TOP,
      xAxis: usersAxis,
      yAxis: valueAxis('req/s', { min: 0 }),
      series: [
        line(
          'steady throughput',
          COLORS.throughput,
          points(tiers, (tier) => tier.steadyRps),
          {
            label: testLabel,
          },
        ),
        targetLine(points(tiers, (tier) => tier.targets.throughput_rps)),
      ],
    } as Chart['option'],
  };
}
