// Charts of the analysis sections: p95 per endpoint against users, wrong answers by category per test,
// CPU by component per test, throughput and scaling efficiency per worker count, and the capacity steps.
import { formatNumber } from '../../../../lib/summary/format.ts';
import { ERROR_CATEGORIES, ERROR_CATEGORY_SHORT } from '../../analysis/request-stats.ts';
import type { CapacityFile } from '../../capacity/capacity-steps.ts';
import type { ScalabilityFile } from '../../scalability/scalability-rows.ts';
import { AGGREGATED } from '../analysis-tables.ts';
import type { TestRun } from '../read-run-folder.ts';
import type { Chart } from './render-svg.ts';
import { bottomAxisName, COLORS, GRID, LEGEND_TOP, SERIES_PALETTE, valueAxis } from './style.ts';

const WIDE = { width: 640, height: 340 };
const NARROW = { width: 530, height: 320 };

function barLabel(unit = '') {
  return {
    show: true,
    position: 'top',
    fontSize: 11,
    color: '#333',
    formatter: (params: { value: number }) => (params.value ? `${formatNumber(params.value)}${unit}` : ''),
  };
}

/** p95 of each endpoint against the users of each load tier (one line per endpoint). */
export function endpointP95VsUsers(tiers: TestRun[]): Chart {
  const names = [...new Set(tiers.flatMap((run) => (run.endpoints ?? []).map((row) => row.name)))].filter(
    (name) => name !== AGGREGATED && !name.startsWith('preflight'),
  );
  const series = names.map((name, index) => {
    const color = SERIES_PALETTE[index % SERIES_PALETTE.length];
    return {
      type: 'line',
      name,
      color,
      symbolSize: 7,
      lineStyle: { width: 2, color },
      itemStyle: { color },
      data: tiers.flatMap((run) => {
        const row = run.endpoints?.find((candidate) => candidate.name === name);
        return row && Number.isFinite(row.p95Ms) ? [[run.record.profile.users, row.p95Ms]] : [];
      }),
    };
  });
  return {
    id: 'endpoint-p95-vs-users',
    title: 'p95 per endpoint vs users',
    caption:
      'Each request kind on its own: a login pays for password hashing, a protected call only for a JWT check.',
    ...WIDE,
    option: {
      grid: { ...GRID, top: 64 },
      legend: { ...LEGEND_TOP, type: 'plain', width: 600 },
      xAxis: { type: 'value', min: 0, ...bottomAxisName('concurrent users'), splitLine: { show: false } },
      yAxis: valueAxis('p95, ms', { min: 0 }),
      series,
    } as Chart['option'],
  };
}

/** One bar group per test folder: labels turned so long folder names (stress-5000@memory) fit. */
function perTestLayout(runs: TestRun[]) {
  return {
    grid: { ...GRID, bottom: 72 },
    legend: LEGEND_TOP,
    xAxis: { type: 'category', data: runs.map((run) => run.folder), axisLabel: { rotate: 20, fontSize: 11 } },
  };
}

const CATEGORY_COLORS = ['#8e44ad', '#7f8c8d', '#d64545', '#b8860b', '#e6a23c', '#c0392b', '#16a085'];

/** Wrong answers per test, stacked by category. */
export function errorsByCategory(runs: TestRun[]): Chart {
  const withErrors = runs.filter((run) => run.errors);
  return {
    id: 'errors-by-category',
    title: 'Wrong answers by category',
    caption: 'Per test; a bar of zero height means no wrong answer of any kind (the table gives the counts).',
    ...WIDE,
    option: {
      ...perTestLayout(withErrors),
      yAxis: valueAxis('wrong answers', { min: 0, minInterval: 1 }),
      series: ERROR_CATEGORIES.map((category, index) => ({
        type: 'bar',
        stack: 'errors',
        name: ERROR_CATEGORY_SHORT[category],
        color: CATEGORY_COLORS[index],
        itemStyle: { color: CATEGORY_COLORS[index] },
        barMaxWidth: 40,
        data: withErrors.map((run) => run.errors?.byCategory[category] ?? 0),
      })),
    } as Chart['option'],
  };
}

/** Mean CPU per component per test, in % of one core, with the machine's total as a line. */
export function cpuByComponent(runs: TestRun[]): Chart {
  const sampled = runs.filter((run) => run.resources);
  const cores = sampled[0]?.resources?.cores ?? 0;
  // Labels only on the machine's bar: small neighbouring bars' labels would overlap (the table has them all).
  const part = (
    name: string,
    color: string,
    pick: (run: TestRun) => number | undefined,
    labelled = false,
  ) => ({
    type: 'bar',
    name,
    color,
    itemStyle: { color },
    barMaxWidth: 22,
    label: labelled ? barLabel('%') : { show: false },
    data: sampled.map((run) => Math.round((pick(run) ?? 0) * 10) / 10),
  });
  return {
    id: 'cpu-by-component',
    title: 'CPU by component',
    caption: `Mean CPU while k6 ran, % of one core; the machine has ${cores} cores (${cores * 100}%), and its bar counts every process on it.`,
    ...WIDE,
    option: {
      ...perTestLayout(sampled),
      yAxis: valueAxis('% of one core', { min: 0 }),
      series: [
        part('service workers', COLORS.redis, (run) => run.resources?.serviceCpuPctMean),
        part('Redis', COLORS.failure, (run) => run.resources?.redis?.cpuPctMean),
        part('k6', COLORS.memory, (run) => run.resources?.loadGenerator?.cpuPctMean),
        // Everything on the machine: far above the three parts means other work competed for the cores.
        part('machine (every process)', COLORS.other, (run) => run.resources?.machineCpuPctMean, true),
      ],
    } as Chart['option'],
  };
}

/** A line on the chart's right-hand axis, beside bars on the left one (missing values leave gaps). */
function rightAxisLine(name: string, color: string, data: Array<number | null>) {
  return {
    type: 'line' as const,
    name,
    yAxisIndex: 1,
    color,
    symbolSize: 8,
    lineStyle: { color, width: 2 },
    itemStyle: { color },
    data,
  };
}

/** Throughput per configuration (bars) and scaling efficiency (line, right axis). */
export function scalabilityChart(file: ScalabilityFile): Chart {
  const labels = file.rows.map((row) => `${row.workers} w ${row.state}`);
  return {
    id: 'scalability',
    title: 'Throughput and scaling efficiency by workers',
    caption: `${file.users} users without think time, ${file.runTimeS} s each; efficiency 1.0 = linear (machine: ${file.cores} cores).`,
    ...NARROW,
    option: {
      grid: { ...GRID, right: 64 },
      legend: LEGEND_TOP,
      xAxis: { type: 'category', data: labels },
      yAxis: [
        valueAxis('req/s', { min: 0 }),
        valueAxis('efficiency', { min: 0, max: 1.2, position: 'right', splitLine: { show: false } }),
      ],
      series: [
        {
          type: 'bar',
          name: 'throughput',
          color: COLORS.throughput,
          itemStyle: { color: COLORS.throughput },
          barMaxWidth: 40,
          label: barLabel(),
          data: file.rows.map((row) => Math.round(row.throughputRps)),
        },
        rightAxisLine(
          'scaling efficiency',
          COLORS.p99,
          file.rows.map((row) =>
            row.efficiency === undefined ? null : Math.round(row.efficiency * 100) / 100,
          ),
        ),
      ],
    } as Chart['option'],
  };
}

/** Steady throughput (left) and p95 (right) per capacity step; the breaking step is marked. */
export function capacityChart(file: CapacityFile): Chart {
  const users = file.steps.map((step) => step.users);
  const broken = file.breakingPoint?.users;
  return {
    id: 'capacity',
    title: 'Capacity steps',
    caption: broken
      ? `Users rose step by step; the step at ${formatNumber(broken)} users missed a target (red).`
      : 'Users rose step by step; every step held its targets.',
    ...NARROW,
    option: {
      grid: { ...GRID, right: 64 },
      legend: LEGEND_TOP,
      xAxis: { type: 'category', data: users.map((u) => formatNumber(u)), ...bottomAxisName('users') },
      yAxis: [
        valueAxis('steady req/s', { min: 0 }),
        valueAxis('p95, ms', { min: 0, position: 'right', splitLine: { show: false } }),
      ],
      series: [
        {
          type: 'bar',
          name: 'steady req/s',
          barMaxWidth: 40,
          color: COLORS.throughput,
          data: file.steps.map((step) => ({
            value: Math.round((step.steadyRps ?? 0) * 10) / 10,
            itemStyle: { color: step.broken.length ? COLORS.wrong : COLORS.throughput },
          })),
        },
        rightAxisLine(
          'p95',
          COLORS.p95,
          file.steps.map((step) => (step.p95Ms === undefined ? null : Math.round(step.p95Ms * 10) / 10)),
        ),
      ],
    } as Chart['option'],
  };
}
