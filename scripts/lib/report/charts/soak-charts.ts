// The soak: memory of every service worker over time (a leak is a line that keeps climbing after
// warm-up), p95 and failure rate per window, and the latency blocks the drift verdict compared.
import { median } from '../../../../lib/order-statistics.ts';
import type { SoakBlocks, SoakResult } from '../../run-folder/types.ts';
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
      ...(samples.some((sample) => sample.liveHeapMb !== undefined)
        ? [
            {
              type: 'line',
              name: `worker ${worker} live heap`,
              showSymbol: false,
              color,
              lineStyle: { width: 1, type: 'dotted', color },
              data: samples.flatMap((sample) =>
                sample.liveHeapMb === undefined ? [] : [[at(sample.t), sample.liveHeapMb]],
              ),
            },
          ]
        : []),
    ];
  });
  return {
    id: 'soak-memory',
    title: 'Soak: memory per service worker',
    caption:
      'Resident set (solid), V8 heap used (dashed) and, when measured, live heap after a full GC (dotted) of ' +
      'each worker; judged after the shaded warm-up.',
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
    caption: `One point per ${windowS} s window; failure rate is judged per window.`,
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

/** The p95 of every compared block, first stretch and last, with each side's median as a line. */
export function soakBlocks(blocks: SoakBlocks): Chart {
  const origin = blocks.first[0]?.startMs ?? blocks.last[0]?.startMs ?? 0;
  const at = (startMs: number) => (startMs - origin + (blocks.blockS * 1000) / 2) / 60_000;
  const side = (name: string, list: SoakBlocks['first'], color: string) => {
    const level = list.length ? median(list.map((block) => block.p95Ms)) : undefined;
    return {
      type: 'scatter',
      name,
      color,
      symbolSize: 8,
      data: list.map((block) => [at(block.startMs), block.p95Ms]),
      ...(level === undefined || list.length === 0
        ? {}
        : {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color, type: 'dashed' },
              label: { formatter: 'median' },
              data: [
                [
                  { coord: [at(list[0].startMs), level] },
                  { coord: [at(list[list.length - 1].startMs), level] },
                ],
              ],
            },
          }),
    };
  };
  const p = blocks.pValue === null ? 'not tested' : `p = ${blocks.pValue.toPrecision(2)}`;
  return {
    id: 'soak-blocks',
    title: 'Soak: p95 of the compared latency blocks',
    caption:
      `One point per ${blocks.blockS} s block; dashed: each side's median. Degradation fails only when the ` +
      `last blocks rank significantly above the first (one-sided Mann-Whitney U, ${p}) and the medians differ by more than the bound.`,
    width: 900,
    height: 300,
    option: {
      grid: GRID,
      legend: LEGEND_TOP,
      xAxis: {
        type: 'value',
        min: 0,
        ...bottomAxisName('minutes after warm-up'),
        splitLine: { show: false },
      },
      yAxis: valueAxis('p95 ms', { min: 0 }),
      series: [side('first blocks', blocks.first, COLORS.p50), side('last blocks', blocks.last, COLORS.p95)],
    } as Chart['option'],
  };
}
