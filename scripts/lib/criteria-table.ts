// The plan's success-criteria table for the console: one row per criterion of every run record, the
// soak and the drills, read back from reports/<run-id>/ (never from k6's console output).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bound } from '../../lib/plan.ts';
import type { RunRecord } from '../../lib/summary/run-record.ts';

export interface TableRow {
  scope: string;
  criterion: string;
  level: string;
  bound: string;
  measured: string;
  result: 'PASS' | 'FAIL' | 'n/a';
  /** Counts toward the plan verdict (target level, not the STATE=memory comparison). */
  gates: boolean;
}

interface JudgedFile {
  criteria: Array<{
    label: string;
    bound: Bound;
    measured: number | null;
    pass: boolean | null;
    note?: string;
  }>;
}

function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'not measured';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 1
      ? value.toFixed(2)
      : value.toPrecision(3);
}

function result(pass: boolean | null | undefined): TableRow['result'] {
  if (pass === true) return 'PASS';
  return 'FAIL';
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function criteriaRows(runDir: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const entry of readdirSync(runDir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const file = join(runDir, entry.name, 'summary.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const record = readJson<RunRecord>(file);
    // The STATE=memory run is expected to fail: it shows the suite catching the defect.
    const comparison = entry.name.endsWith('@memory');
    for (const c of record.criteria) {
      rows.push({
        scope: entry.name,
        criterion: c.label,
        level: c.level,
        bound: `${c.bound.op} ${formatNumber(c.bound.value)} ${c.unit === 'ratio' ? '' : c.unit}`.trim(),
        measured: formatNumber(c.measured),
        result: result(c.pass),
        gates: c.level === 'target' && !comparison,
      });
    }
  }
  const extras = readdirSync(runDir)
    .filter((name) => /^(failover-\w+|soak)\.json$/.test(name))
    .sort();
  for (const name of extras) {
    const judged = readJson<JudgedFile>(join(runDir, name));
    for (const c of judged.criteria) {
      rows.push({
        scope: name.replace(/\.json$/, ''),
        criterion: c.label,
        level: 'target',
        bound: `${c.bound.op} ${formatNumber(c.bound.value)}`,
        measured: c.note ? `${formatNumber(c.measured)} (${c.note})` : formatNumber(c.measured),
        result: c.note ? 'n/a' : result(c.pass),
        gates: c.note === undefined,
      });
    }
  }
  return rows;
}

export function renderTable(rows: TableRow[]): string {
  const header: Array<keyof TableRow> = ['scope', 'criterion', 'level', 'bound', 'measured', 'result'];
  const widths = header.map((key) => Math.max(key.length, ...rows.map((row) => String(row[key]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [
    line(header.map((h) => h.toUpperCase())),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(header.map((key) => String(row[key])))),
  ].join('\n');
}
