// Redis over each test: used memory, operations per second and the denylist probe's p95, sampled
// from INFO by the runner. One line per test, on "time since the test's first sample", so tiers overlay.
import type { RedisSample } from '../../run-folder/types.ts';
import type { Chart } from './render-svg.ts';
import { bottomAxisName, GRID, LEGEND_TOP, minutesSeconds, SERIES_PALETTE, valueAxis } from './style.ts';

export interface RedisTimeline {
  test: string;
  samples: RedisSample[];
}

function series(timelines: RedisTimeline[], value: (sample: RedisSample) => number | undefined) {
  return timelines.map((timeline, index) => {
    const start = timeline.samples[0]?.t ?? 0;
    const color = SERIES_PALETTE[index % SERIES_PALETTE.length];
    return {
      type: 'line',
      name: timeline.test,
      showSymbol: false,
      color,
      lineStyle: { width: 2, color },
      data: timeline.samples.flatMap((sample) => {
        const measured = value(sample);
        return measured === undefined ? [] : [[(sample.t - start) / 1000, measured]];
      }),
    };
  });
}

function timeChart(
  id: string,
  title: string,
  caption: string,
  unit: string,
  data: ReturnType<typeof series>,
): Chart {
  return {
    id,
    title,
    caption,
    width: 530,
    height: 300,
    option: {
      grid: { ...GRID, left: 56, top: 64 },
      legend: LEGEND_TOP,
      xAxis: {
        type: 'value',
        min: 0,
        ...bottomAxisName('time since the test started (min:s)'),
        axisLabel: { formatter: minutesSeconds },
        splitLine: { show: false },
      },
      yAxis: valueAxis(unit, { min: 0, nameGap: 38 }),
      series: data,
    } as Chart['option'],
  };
}

/** The charts that have data; a metric nobody sampled gets no empty chart. */
export function redisCharts(timelines: RedisTimeline[]): Chart[] {
  const charts: Chart[] = [];
  const has = (value: (sample: RedisSample) => number | undefined) =>
    timelines.some((timeline) => timeline.samples.some((sample) => value(sample) !== undefined));
  if (has((sample) => sample.usedMemoryMb)) {
    charts.push(
      timeChart(
        'redis-memory',
        'Redis used memory',
        'used_memory from INFO; the denylist grows with logouts and shrinks as tokens expire.',
        'MB',
        series(timelines, (sample) => sample.usedMemoryMb),
      ),
    );
  }
  if (has((sample) => sample.opsPerSec)) {
    charts.push(
      timeChart(
        'redis-ops',
        'Redis operations per second',
        'instantaneous_ops_per_sec from INFO.',
        'ops/s',
        series(timelines, (sample) => sample.opsPerSec),
      ),
    );
  }
  if (has((sample) => sample.probeP95Ms)) {
    charts.push(
      timeChart(
        'redis-probe',
        'Denylist probe latency (p95)',
        'How long the suite’s own denylist lookups took while the service was under load.',
        'ms',
        series(timelines, (sample) => sample.probeP95Ms),
      ),
    );
  }
  return charts;
}
