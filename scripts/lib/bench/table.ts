// The bench's result rows and the Markdown table with each row's ratio to the trivial k6 script. Pure.
import { markdownTable } from '../../../lib/summary/markdown.ts';

export interface GeneratorRow {
  /** Short id: trivial, suite, locust, or a variant name. */
  id: string;
  label: string;
  exitCode: number;
  peakRssMb: number | undefined;
  cpuS: number | undefined;
  requests: number | undefined;
  wallS: number;
}

export interface RatioRow extends GeneratorRow {
  requestsPerCpuS: number | undefined;
  /** This row divided by the baseline's (undefined for the baseline itself or when either is missing). */
  rssRatio: number | undefined;
  cpuRatio: number | undefined;
  /** Peak RSS above the baseline, per 1,000 VUs. */
  extraMbPer1000Vus: number | undefined;
}

function ratio(value: number | undefined, base: number | undefined): number | undefined {
  return value === undefined || base === undefined || base <= 0 ? undefined : value / base;
}

/** Adds requests per CPU-second and the ratios to `baselineId`'s row; rows keep their order. */
export function withRatios(rows: GeneratorRow[], baselineId: string, vus: number): RatioRow[] {
  const base = rows.find((row) => row.id === baselineId);
  return rows.map((row) => {
    const isBase = row === base;
    const extra =
      isBase || row.peakRssMb === undefined || base?.peakRssMb === undefined
        ? undefined
        : ((row.peakRssMb - base.peakRssMb) * 1000) / vus;
    return {
      ...row,
      requestsPerCpuS: ratio(row.requests, row.cpuS),
      rssRatio: isBase ? undefined : ratio(row.peakRssMb, base?.peakRssMb),
      cpuRatio: isBase ? undefined : ratio(row.cpuS, base?.cpuS),
      extraMbPer1000Vus: extra,
    };
  });
}

function fixed(value: number | undefined, digits: number, suffix = ''): string {
  return value === undefined ? '-' : `${value.toFixed(digits)}${suffix}`;
}

function integer(value: number | undefined): string {
  return value === undefined ? '-' : Math.round(value).toLocaleString('en-US');
}

export const TABLE_HEADER = [
  'generator',
  'exit',
  'peak RSS MB',
  'CPU s',
  'requests',
  'req/CPU-s',
  'RSS x',
  'CPU x',
  'extra MB/1k VUs',
] as const;

export function ratioTable(rows: RatioRow[]): string {
  const cells = rows.map((row) => [
    row.label,
    String(row.exitCode),
    integer(row.peakRssMb),
    fixed(row.cpuS, 1),
    integer(row.requests),
    fixed(row.requestsPerCpuS, 0),
    fixed(row.rssRatio, 2, 'x'),
    fixed(row.cpuRatio, 2, 'x'),
    fixed(row.extraMbPer1000Vus, 0),
  ]);
  return markdownTable(TABLE_HEADER, cells);
}

/** Parses one Markdown table row into its cells (used by tests and by readers of bench.md). */
export function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}
