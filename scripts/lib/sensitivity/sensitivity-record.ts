// sensitivity.json (the machine-readable result) and the tables the console, sensitivity.md and the plan
// report's Sensitivity section show. Pure, apart from the two writes in writeSensitivity().
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkdown as esc, markdownTable } from '../../../lib/summary/markdown.ts';
import { textTable } from '../../../lib/summary/text-table.ts';
import { writeRunFile } from '../run-folder/files.ts';
import { SENSITIVITY_FILE, type SensitivityRecord } from '../run-folder/types.ts';
import type { SensitivityMatrix } from './case-verdict.ts';
import type { DefectLimit, LimitStep } from './limit-search.ts';
import { PREFLIGHT } from './matrix.ts';

export function formatMeasured(value: number | null): string {
  if (value === null) return 'not measured';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

export const DEFECT_HEADERS = [
  'defect',
  'run',
  'criterion expected to catch it',
  'measured',
  'gate',
  'result',
];
export const HEALTHY_HEADERS = ['healthy service', 'gate', 'every criterion', 'details'];
const SMALLEST_CAUGHT = 'smallest caught';

function limitCell(limit: DefectLimit | undefined): string {
  if (limit === undefined) return '';
  const at = (size: number | null) => limit.steps.find((s) => s.size === size);
  const measured = (step: LimitStep | undefined) =>
    step ? `${limit.criterion} ${formatMeasured(step.measured)}` : '';
  const missed =
    limit.largestMissed === null
      ? ''
      : `; missed at ${limit.largestMissed} (${measured(at(limit.largestMissed))}, ${at(limit.largestMissed)?.gate})`;
  const caught =
    limit.smallestCaught === null
      ? 'none caught'
      : `${limit.smallestCaught} (${measured(at(limit.smallestCaught))}, ${at(limit.smallestCaught)?.gate})`;
  return `${caught}${missed}; bound ${limit.criterion} ${limit.bound ?? '?'}; unit: ${limit.unit}`;
}

export function defectHeaders(limits: DefectLimit[] | undefined): string[] {
  return limits === undefined ? DEFECT_HEADERS : [...DEFECT_HEADERS, SMALLEST_CAUGHT];
}

export function defectCells(matrix: SensitivityMatrix, limits?: DefectLimit[]): string[][] {
  return matrix.defects.map((row) => {
    const cells = [
      row.defect,
      row.test,
      `${row.criterion} (${row.label})`,
      // The preflight row measures nothing: its gate is the evidence.
      row.criterion === PREFLIGHT ? '-' : formatMeasured(row.measured),
      row.gate,
      row.why === undefined ? row.result : `${row.result}: ${row.why}`,
    ];
    if (limits !== undefined) cells.push(limitCell(limits.find((l) => l.defect === row.defect)));
    return cells;
  });
}

export function healthyCells(matrix: SensitivityMatrix): string[][] {
  return matrix.healthy.map((row) => [
    row.test,
    row.gate,
    row.passed ? 'PASS' : 'FAIL',
    row.failures.join('; '),
  ]);
}

/** One line per graded defect: the goal and whether it was met, the runs, and what sets the limit. */
export function limitLines(limits: DefectLimit[]): string[] {
  return limits.map((limit) => {
    const goal =
      limit.goal === undefined
        ? ''
        : ` Goal: ${limit.goal.text}: ${limit.goal.met === null ? 'not run' : limit.goal.met ? 'met' : 'MISSED'}.`;
    const runs = limit.steps
      .map((s) => `${s.size} ${s.result} (${formatMeasured(s.measured)}, ${s.gate})`)
      .join(', ');
    return `${limit.defect} (${limit.unit}; ${limit.test}, ${limit.criterion} ${limit.bound ?? ''}): runs ${runs}.${goal} Limited by ${limit.limitedBy}.`;
  });
}

export function sensitivityConsole(matrix: SensitivityMatrix, limits?: DefectLimit[]): string {
  return [
    textTable(defectHeaders(limits), defectCells(matrix, limits)),
    '',
    textTable(HEALTHY_HEADERS, healthyCells(matrix)),
    ...(limits === undefined ? [] : ['', ...limitLines(limits)]),
  ].join('\n');
}

export function sensitivityMarkdownTables(matrix: SensitivityMatrix, limits?: DefectLimit[]): string {
  const table = (headers: string[], rows: string[][]) =>
    markdownTable(
      headers,
      rows.map((row) => row.map(esc)),
    );
  return [
    table(defectHeaders(limits), defectCells(matrix, limits)),
    table(HEALTHY_HEADERS, healthyCells(matrix)),
    ...(limits === undefined
      ? []
      : [
          '### Detection limits',
          limitLines(limits)
            .map((line) => `- ${esc(line)}`)
            .join('\n'),
        ]),
    `**${esc(matrix.summary)}**`,
  ].join('\n\n');
}

export function sensitivityMarkdown(record: SensitivityRecord): string {
  return [
    `# Sensitivity matrix (${esc(record.runId)})`,
    `Each defect was injected into the reference service alone and run under the suite test expected to catch it ` +
      `(${record.workers} workers, scale ${record.scale}, ${record.durationS} s in total). CAUGHT: the gate failed ` +
      '(k6 exit 99, or 108 where preflight must refuse the service; the drill or soak verdict FAIL) and so did the ' +
      'criterion named.',
    sensitivityMarkdownTables(record.matrix, record.limits),
    '',
  ].join('\n\n');
}

export function writeSensitivity(runDir: string, record: SensitivityRecord): void {
  writeRunFile('sensitivity', join(runDir, SENSITIVITY_FILE), record);
  writeFileSync(join(runDir, 'sensitivity.md'), sensitivityMarkdown(record));
}
