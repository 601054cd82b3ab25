// endpoints.csv: per-endpoint statistics in the columns of Locust's `--csv` stats file (<prefix>_stats.csv),
// so an analysis script written for Locust (pandas.read_csv) reads a k6 run unchanged. Response times are
// in milliseconds, as Locust writes them; the last row is "Aggregated", as in Locust.
import type { EndpointStats } from './request-stats.ts';

const COLUMNS: Array<[header: string, value: (row: EndpointStats) => string | number]> = [
  ['Type', (row) => row.type],
  ['Name', (row) => row.name],
  ['Request Count', (row) => row.requests],
  ['Failure Count', (row) => row.failures],
  ['Median Response Time', (row) => ms(row.p50Ms)],
  ['Average Response Time', (row) => ms(row.meanMs)],
  ['Min Response Time', (row) => ms(row.minMs)],
  ['Max Response Time', (row) => ms(row.maxMs)],
  ['Requests/s', (row) => rate(row.requestsPerS)],
  ['Failures/s', (row) => rate(row.failuresPerS)],
  ['50%', (row) => ms(row.p50Ms)],
  ['66%', (row) => ms(row.p66Ms)],
  ['75%', (row) => ms(row.p75Ms)],
  ['80%', (row) => ms(row.p80Ms)],
  ['90%', (row) => ms(row.p90Ms)],
  ['95%', (row) => ms(row.p95Ms)],
  ['98%', (row) => ms(row.p98Ms)],
  ['99%', (row) => ms(row.p99Ms)],
  ['99.9%', (row) => ms(row.p999Ms)],
  ['99.99%', (row) => ms(row.p9999Ms)],
  ['100%', (row) => ms(row.maxMs)],
];

export const ENDPOINTS_CSV_HEADER = COLUMNS.map(([header]) => header);

function ms(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : '';
}

function rate(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Names are k6 `name` tags; quoted per RFC 4180 only when one holds a comma or quote. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function endpointsCsv(rows: EndpointStats[]): string {
  const lines = [ENDPOINTS_CSV_HEADER.map(field).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, value]) => field(value(row))).join(','));
  return `${lines.join('\n')}\n`;
}

/** What the report reads back from endpoints.csv. */
export interface EndpointRow {
  type: string;
  name: string;
  requests: number;
  failures: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerS: number;
}

/** Parses endpoints.csv (header names, not positions, so extra columns are fine); throws when one is missing. */
export function parseEndpointsCsv(text: string, splitLine: (line: string) => string[]): EndpointRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = splitLine(lines[0] ?? '');
  const index = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`endpoints.csv has no "${name}" column`);
    return at;
  };
  const columns = {
    type: header.indexOf('Type'),
    name: index('Name'),
    requests: index('Request Count'),
    failures: index('Failure Count'),
    p50: index('50%'),
    p95: index('95%'),
    p99: index('99%'),
    max: header.includes('Max Response Time') ? index('Max Response Time') : index('100%'),
    rps: index('Requests/s'),
  };
  const number = (fields: string[], at: number) => (fields[at] === '' ? Number.NaN : Number(fields[at]));
  return lines.slice(1).map((line) => {
    const fields = splitLine(line);
    return {
      type: columns.type >= 0 ? (fields[columns.type] ?? '') : '',
      name: fields[columns.name] ?? '',
      requests: number(fields, columns.requests),
      failures: number(fields, columns.failures),
      p50Ms: number(fields, columns.p50),
      p95Ms: number(fields, columns.p95),
      p99Ms: number(fields, columns.p99),
      maxMs: number(fields, columns.max),
      requestsPerS: number(fields, columns.rps),
    };
  });
}
