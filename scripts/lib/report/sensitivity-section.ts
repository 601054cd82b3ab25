// The plan report's Sensitivity section: shown when `npm run sensitivity` left sensitivity.json in the
// run folder (the matrix of injected defects and whether the suite caught each).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RunFolderError, readRunFile } from '../run-folder/files.ts';
import { SENSITIVITY_FILE, type SensitivityRecord } from '../run-folder/types.ts';
import {
  defectCells,
  defectHeaders,
  HEALTHY_HEADERS,
  healthyCells,
  sensitivityMarkdownTables,
} from '../sensitivity/sensitivity-record.ts';
import { escapeHtml, table } from './html.ts';

/** undefined when there is no sensitivity run here; a file of another shape is reported, not guessed at. */
function readSensitivity(runDir: string): SensitivityRecord | string | undefined {
  const file = join(runDir, SENSITIVITY_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return readRunFile('sensitivity', file, SENSITIVITY_FILE);
  } catch (error) {
    if (error instanceof RunFolderError) return error.message;
    throw error;
  }
}

const INTRO =
  'The reference service with one injected defect at a time (test-only DEFECT setting), each under the suite run ' +
  'expected to catch it: CAUGHT when the gate failed (k6 exit code, drill or soak verdict) and so did the named criterion.';

export function sensitivityHtmlSection(runDir: string): string {
  const record = readSensitivity(runDir);
  if (record === undefined) return '';
  const body =
    typeof record === 'string'
      ? `<p class="notrun">${escapeHtml(record)}</p>`
      : `${table(defectHeaders(record.limits), defectCells(record.matrix, record.limits))}
${table(HEALTHY_HEADERS, healthyCells(record.matrix))}
<p><strong>${escapeHtml(record.matrix.summary)}</strong> (${record.durationS} s)</p>`;
  return `<section id="sensitivity">
<h2>Sensitivity</h2>
<p>${escapeHtml(INTRO)}</p>
${body}
</section>`;
}

export function sensitivityMarkdownSection(runDir: string): string[] {
  const record = readSensitivity(runDir);
  if (record === undefined) return [];
  return [
    '## Sensitivity',
    INTRO,
    typeof record === 'string' ? `_${record}_` : sensitivityMarkdownTables(record.matrix, record.limits),
  ];
}
