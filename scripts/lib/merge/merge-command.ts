// `npm run report -- --merge PATH... [--out DIR]`: one verdict for a test split over instances. Each
// PATH is an instance's test folder, its summary.json, or a saved log carrying its record line (what
// `kubectl logs <runner-pod>` prints). The records must make up one whole run (check-inputs.ts).
// Writes merged.json (a run record with how each criterion was combined) and merged.md into the folder
// named with --out, or reports/<run-id>-merged/. Exit 0: PASS; 1: FAIL; 2: bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RecordInputError } from '../compare/read-records.ts';
import { reportsDir } from '../paths.ts';
import { mergeInputProblems } from './check-inputs.ts';
import { type MergedRecord, mergeRecords } from './merged-record.ts';
import { mergedConsole, mergedMarkdown } from './merged-report.ts';
import { readMergeInputs } from './read-inputs.ts';

export const MERGE_USAGE =
  'usage: npm run report -- --merge <instance-dir|summary.json|runner.log>... [--out <dir>]';

export interface MergeOutcome {
  record: MergedRecord;
  folder: string;
}

/** Reads, merges and writes; throws RecordInputError on input it cannot use. */
export function mergeInstances(paths: string[], outDir: string | undefined): MergeOutcome {
  if (paths.length === 0) throw new RecordInputError('name the instances to merge');
  const records = readMergeInputs(paths);
  const problems = mergeInputProblems(records);
  if (problems.length > 0) {
    throw new RecordInputError(
      `these records are not one whole run, so no verdict was merged:\n  ${problems.join('\n  ')}`,
    );
  }
  const record = mergeRecords(records);
  const folder = outDir ?? join(reportsDir, `${record.runId}-merged`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'merged.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(folder, 'merged.md'), mergedMarkdown(record));
  return { record, folder };
}

export function runMergeCommand(argv: string[]): number {
  let parsed: { values: { out?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { merge: { type: 'boolean' }, out: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${MERGE_USAGE}`);
    return 2;
  }
  try {
    const { record, folder } = mergeInstances(parsed.positionals, parsed.values.out);
    console.log(mergedConsole(record));
    console.log(`\n${join(folder, 'merged.json')}\n${join(folder, 'merged.md')}`);
    return record.verdict.target === 'pass' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof RecordInputError)) throw error;
    console.error(`error: ${error.message}\n${MERGE_USAGE}`);
    return 2;
  }
}
