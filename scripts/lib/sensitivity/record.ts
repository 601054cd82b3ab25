// sensitivity.json (the machine-readable result) and the tables the console, sensitivity.md and the plan
// report's Sensitivity section show. Pure, apart from the two writes in writeSensitivity().
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkdown as esc, markdownTable } from '../../../lib/summary/markdown.ts';
import { textTable } from '../../../lib/summary/text-table.ts';
import type { CaseOutcome, SensitivityMatrix } from './verdict.ts';

export const SENSITIVITY_SCHEMA = 'auth-loadtest/sensitivity@1';
export const SENSITIVITY_FILE = 'sensitivity.json';

export interface SensitivityRecord {
  schema: typeof SENSITIVITY_SCHEMA;
  runId: string;
  startedAt: string;
  durationS: number;
  workers: number;
  scale: number;
  matrix: SensitivityMatrix;
  outcomes: CaseOutcome[];
}

export function formatMeasured(value: number | null): string {
  if (value === null) return 'not measured';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

const DEFECT_HEADERS = ['defect', 'run', 'criterion expected to catch it', 'measured', 'result'];
const HEALTHY_HEADERS = ['healthy service', 'every criterion', 'details'];

export function defectCells(matrix: SensitivityMatrix): string[][] {
  return matrix.defects.map((row) => [
    row.defect,
    row.test,
    `${row.criterion} (${row.label})`,
    formatMeasured(row.measured),
    row.result,
  ]);
}

export function healthyCells(matrix: SensitivityMatrix): string[][] {
  return matrix.healthy.map((row) => [row.test, row.passed ? 'PASS' : 'FAIL', row.failures.join('; ')]);
}

export function sensitivityConsole(matrix: SensitivityMatrix): string {
  return [
    textTable(DEFECT_HEADERS, defectCells(matrix)),
    '',
    textTable(HEALTHY_HEADERS, healthyCells(matrix)),
  ].join('\n');
}

export function sensitivityMarkdownTables(matrix: SensitivityMatrix): string {
  const table = (headers: string[], rows: string[][]) =>
    markdownTable(
      headers,
      rows.map((row) => row.map(esc)),
    );
  return [
    table(DEFECT_HEADERS, defectCells(matrix)),
    table(HEALTHY_HEADERS, healthyCells(matrix)),
    `**${esc(matrix.summary)}**`,
  ].join('\n\n');
}

export function sensitivityMarkdown(record: SensitivityRecord): string {
  return [
    `# Sensitivity matrix (${esc(record.runId)})`,
    `Each defect was injected into the reference service alone and run under the suite test expected to catch it ` +
      `(${record.workers} workers, scale ${record.scale}, ${record.durationS} s in total).`,
    sensitivityMarkdownTables(record.matrix),
    '',
  ].join('\n\n');
}

export function writeSensitivity(runDir: string, record: SensitivityRecord): void {
  writeFileSync(join(runDir, SENSITIVITY_FILE), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(runDir, 'sensitivity.md'), sensitivityMarkdown(record));
}
