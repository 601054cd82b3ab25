// The soak: memory of every service worker over time (a leak is a line that keeps climbing after
// warm-up), and p95 and failure rate per window (drift).
import type { SoakResult } from '../inputs.ts';
import type { Chart } from './render-svg.ts';
import { bottomAxisName, COLORS, GRID, LEGEND_TOP, SERIES_PALETTE, valueAxis } from './style.ts';

export function soakMemory(soak: SoakResult): Chart {
  const start = Math.min(...soak.memory.map((sample) => sample.t));
  const workers = [...new Set(soak.memory.map((sample) => sample.worker))].sort();
  const series = workers.flatMap((worker, index) => {
    const color = SERIES_PALETTE[index % SERIES_PALETTE.length];
    const samples = soak.memory.filter((sample) => sample.worker === worker).sort((a, b) => a.t - b.t);
    const at = (t: number) => (t - start) / 60_000;
    return [
      {
        type: 'line',
        name: `worker ${worker} RSS`,
        showSymbol: false,
        color,
        lineStyle: { width: 2, color },
        data: samples.map((sample) => [at(sample.t), sample.rssMb]),
        ...(index === 0
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: 'rgba(0,0,0,0.05)' },
                label: { show: true, position: 'insideTop', color: '#666', formatter: 'warm-up' },
                data: [[{ xAxis: 0 }, { xAxis: soak.warmupS / 60 }]],
              },
            }
          : {}),
      },
      {
        type: 'line',
        name: `worker ${worker} heap`,
        showSymbol: false,
        color,
        lineStyle: { width: 1.5, type: 'dashed', color },
        data: samples.map((sample) => [at(sample.t), sample.heapUsedMb]),
      },
    ];
  });
  return {
    id: 'soak-memory',
    title: 'Soak: memory per service worker',
    caption:
      'Resident set (solid) and V8 heap used (dashed) of each worker; judged after the shaded warm-up.',
    width: 900,
    height: 340,
    option: {
      grid: { ...GRID, top: workers.length > 3 ? 80 : 56 },
      legend: LEGEND_TOP,
      xAxis: {
        type: 'value',
        min: 0,
        ...bottomAxisName('minutes since the soak started'),
        splitLine: { show: false },
      },
      yAxis: valueAxis('MB', { min: 0 }),
      series,
    } as Chart['option'],
  };
}

export function soakWindows(soak: SoakResult): Chart {
  const windowS = soak.windowS ?? 60;
  const at = (minute: number) => (minute * windowS) / 60;
  return {
    id: 'soak-windows',
    title: 'Soak: p95 and failure rate per window',
    caption: `One point per ${windowS} s window; drift compares the first and last windows after warm-up.`,
    width: 900,
    height: 300,
    option: {
      grid: { ...GRID, right: 72 },
      legend: LEGEND_TOP,
      xAxis: {
        type: 'value',
        min: 0,
        ...bottomAxisName('minutes since the soak started'),
        splitLine: { show: false },
      },
      yAxis: [
        valueAxis('p95 ms', { min: 0 }),
        valueAxis('failure rate', {
          min: 0,
          position: 'right',
          nameGap: 50,
          splitLine: { show: false },
          axisLabel: { formatter: '{value}%' },
        }),
      ],
      series: [
        {
          type: 'line',
          name: 'p95',
          color: COLORS.p95,
          symbolSize: 5,
          lineStyle: { width: 2, color: COLORS.p95 },
          data: soak.minutes.map((window) => [at(window.minute), window.p95Ms]),
        },
        {
          type: 'line',
          name: 'failure rate',
          yAxisIndex: 1,
          color: COLORS.failure,
          symbolSize: 4,
          lineStyle: { width: 1.5, color: COLORS.failure },
          data: soak.minutes.map((window) => [at(window.minute), window.failureRate * 100]),
        },
      ],
    } as Chart['option'],
  };
}
