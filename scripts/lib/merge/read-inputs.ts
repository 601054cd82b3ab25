// The run records `npm run report -- --merge` is named: a test folder or summary.json (read as
// `npm run compare` reads them), or a saved log, such as `kubectl logs <runner-pod> > runner-1.log`, whose
// record lines (lib/summary/record-line.ts) each hold one runner's record. A log of several pods
// (`kubectl logs -l ...`) gives one record per line.
import { readFileSync, statSync } from 'node:fs';
import { RUN_RECORD_LINE_PREFIX, recordLinesIn } from '../../../lib/summary/record-line.ts';
import { parseRunRecord, RecordInputError, readRecords } from '../compare/read-records.ts';
import type { MergeInput } from './check-inputs.ts';

function fromLog(path: string, text: string): MergeInput[] {
  const lines = recordLinesIn(text);
  if (lines.length === 0) {
    throw new RecordInputError(
      `${path}: no run record in it: neither a run record (JSON) nor a log with a "${RUN_RECORD_LINE_PREFIX.trim()}" ` +
        'line. k6 prints that line last; a log cut short (kubectl logs --tail, a pod killed before the end) lacks it',
    );
  }
  return lines.map(({ line, json }) => {
    const source = lines.length === 1 ? path : `${path}, line ${line}`;
    return { source, record: parseRunRecord(json, source) };
  });
}

function fromFolder(path: string): MergeInput[] {
  const found = readRecords(path);
  if (found.length > 1) {
    throw new RecordInputError(`${path}: holds ${found.length} tests; name each instance's test folder`);
  }
  return found.map(({ record }) => ({ source: path, record }));
}

/** Every record the named paths hold, in the order named. */
export function readMergeInputs(paths: string[]): MergeInput[] {
  return paths.flatMap((path) => {
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return fromFolder(path);
    const text = readFileSync(path, 'utf8');
    return text.trimStart().startsWith('{')
      ? [{ source: path, record: parseRunRecord(text, path) }]
      : fromLog(path, text);
  });
}
