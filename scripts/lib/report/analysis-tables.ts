// The analysis tables (endpoints, errors, resources, scalability, capacity) as plain strings, shared by the
// HTML page and the Markdown file so both say the same thing. Missing inputs give no rows; the sections
// say "not run" for them.
import { formatNumber, formatPercent, formatValue } from '../../../lib/summary/format.ts';
import { ERROR_CATEGORIES, ERROR_CATEGORY_SHORT } from '../analysis/request-stats.ts';
import type { CapacityFile } from '../capacity/capacity-steps.ts';
import type { ScalabilityFile } from '../scalability/scalability-rows.ts';
import type { TestRun } from './read-run-folder.ts';

export interface TextTable {
  headers: string[];
  rows: string[][];
  /** Columns that hold numbers (right-aligned). */
  numeric: number[];
}

const ms = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '-' : formatValue(value, 'ms');
const num = (value: number | undefined, unit = '') =>
  value === undefined || !Number.isFinite(value) ? '-' : `${formatNumber(value)}${unit}`;

export const AGGREGATED = 'Aggregated';

export function endpointsTable(runs: TestRun[]): TextTable {
  const rows = runs.flatMap((run) =>
    (run.endpoints ?? []).map((row) => [
      run.folder,
      row.name === AGGREGATED ? 'all requests' : row.name,
      num(row.requests),
      num(row.failures),
      ms(row.p50Ms),
      ms(row.p95Ms),
      ms(row.p99Ms),
      ms(row.maxMs),
      num(row.requestsPerS),
    ]),
  );
  return {
    headers: ['test', 'endpoint', 'requests', 'failures', 'p50', 'p95', 'p99', 'max', 'req/s'],
    rows,
    numeric: [2, 3, 4, 5, 6, 7, 8],
  };
}

export function errorsTable(runs: TestRun[]): TextTable {
  const rows = runs.flatMap((run) => {
    const errors = run.errors;
    if (!errors) return [];
    const share = errors.requests ? ` (${formatPercent(errors.wrong / errors.requests)})` : '';
    return [
      [
        run.folder,
        num(errors.requests),
        `${num(errors.wrong)}${share}`,
        ...ERROR_CATEGORIES.map((category) => num(errors.byCategory[category])),
      ],
    ];
  });
  return {
    headers: ['test', 'requests', 'wrong answers', ...ERROR_CATEGORIES.map((c) => ERROR_CATEGORY_SHORT[c])],
    rows,
    numeric: [1, 2, ...ERROR_CATEGORIES.map((_, index) => 3 + index)],
  };
}

/** Where the wrong answers came from: "stress-5000: protected 3 x 503, logout 1 x refused/reset". */
export function errorOrigins(runs: TestRun[]): string[] {
  return runs.flatMap((run) => {
    const entries = Object.entries(run.errors?.byEndpoint ?? {});
    if (entries.length === 0) return [];
    const parts = entries.flatMap(([name, counts]) =>
      Object.entries(counts).map(
        ([category, count]) =>
          `${name} ${count} x ${ERROR_CATEGORY_SHORT[category as keyof typeof ERROR_CATEGORY_SHORT]}`,
      ),
    );
    return [`${run.folder}: ${parts.join(', ')}`];
  });
}

const MB = 1024 * 1024;

/** k6's data counters (bytes) over the run's duration. */
export function networkOf(run: TestRun): { sentMb: number; receivedMb: number; seconds: number } | undefined {
  const sent = run.record.metrics.data_sent?.count;
  const received = run.record.metrics.data_received?.count;
  if (sent === undefined || received === undefined) return undefined;
  return { sentMb: sent / MB, receivedMb: received / MB, seconds: run.record.testRunDurationMs / 1000 };
}

/** The service side: workers and Redis. */
export function serviceResourcesTable(runs: TestRun[]): TextTable {
  const rows = runs.flatMap((run) => {
    const r = run.resources;
    if (!r) return [];
    const busiest = r.workers.length ? Math.max(...r.workers.map((w) => w.cpuPctMean)) : undefined;
    const rss = r.workers.length ? Math.max(...r.workers.map((w) => w.rssMbPeak)) : undefined;
    return [
      [
        run.folder,
        num(r.workers.length),
        r.workers.length ? num(r.serviceCpuPctMean, '%') : '-',
        num(busiest, '%'),
        num(rss, ' MB'),
        num(r.redis?.cpuPctMean, '%'),
        num(r.redis?.opsPerSecMean),
        num(r.redis?.usedMemoryMbPeak, ' MB'),
      ],
    ];
  });
  return {
    headers: [
      'test',
      'workers',
      'service CPU (all workers)',
      'busiest worker CPU',
      'worker RSS peak',
      'Redis CPU',
      'Redis ops/s',
      'Redis memory peak',
    ],
    rows,
    numeric: [1, 2, 3, 4, 5, 6, 7],
  };
}

/** The load generator's own CPU and memory, and the network it moved (k6's data counters). */
export function generatorResourcesTable(runs: TestRun[]): TextTable {
  const rows = runs.flatMap((run) => {
    const k6 = run.resources?.loadGenerator;
    const net = networkOf(run);
    if (!k6 && !net) return [];
    return [
      [
        run.folder,
        num(k6?.cpuPctMean, '%'),
        num(k6?.cpuPctPeak, '%'),
        num(k6?.rssMbPeak, ' MB'),
        net ? `${num(net.sentMb)} / ${num(net.receivedMb)} MB` : '-',
        net ? `${num((net.sentMb * 8) / net.seconds)} / ${num((net.receivedMb * 8) / net.seconds)}` : '-',
        num(run.resources?.machineCpuPctMean, '%'),
      ],
    ];
  });
  return {
    headers: [
      'test',
      'k6 CPU',
      'k6 CPU peak second',
      'k6 RSS peak',
      'sent / received',
      'Mbit/s sent / received',
      'machine CPU (every process)',
    ],
    rows,
    numeric: [1, 2, 3, 4, 5, 6],
  };
}

export function scalabilityTable(file: ScalabilityFile): TextTable {
  return {
    headers: [
      'workers',
      'state',
      'throughput',
      'req/s per worker',
      'scaling efficiency',
      'p95',
      'failures',
      'service CPU',
      'k6 CPU',
      'machine CPU (every process)',
    ],
    rows: file.rows.map((row) => [
      String(row.workers),
      `STATE=${row.state}`,
      formatValue(row.throughputRps, 'req/s'),
      num(row.rpsPerWorker),
      row.efficiency === undefined ? '-' : formatNumber(row.efficiency),
      ms(row.p95Ms),
      `${num(row.failures)}${Number.isFinite(row.failureRate) ? ` (${formatPercent(row.failureRate)})` : ''}`,
      num(row.serviceCpuPct, '%'),
      num(row.loadGeneratorCpuPct, '%'),
      num(row.machineCpuPct, '%'),
    ]),
    numeric: [0, 2, 3, 4, 5, 6, 7, 8, 9],
  };
}

export function capacityTable(file: CapacityFile): TextTable {
  return {
    headers: ['step', 'users', 'steady req/s', 'p95', 'failure rate', 'result'],
    rows: file.steps.map((step, index) => [
      String(index + 1),
      num(step.users),
      num(step.steadyRps),
      ms(step.p95Ms),
      step.failureRate === undefined ? '-' : formatPercent(step.failureRate),
      step.broken.length === 0
        ? 'held'
        : `missed: ${step.broken.map((c) => `${c.label} (${c.measured === null ? 'not measured' : formatValue(c.measured, c.unit)}, bound ${c.bound})`).join('; ')}`,
    ]),
    numeric: [0, 1, 2, 3, 4],
  };
}
