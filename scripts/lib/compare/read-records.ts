// Finds run records on disk for the tools that compare or merge runs: a summary.json file, a test folder
// holding one, or a run folder whose test folders hold them. Anything else is a RecordInputError, which
// the commands turn into a one-line message and exit 2 (bad input, not a verdict).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunRecord } from '../../../lib/summary/run-record.ts';
import { parseRunFile, RunFolderError } from '../run-folder/files.ts';

export class RecordInputError extends Error {}

export interface FoundRecord {
  /** Folder name of the test under its run folder ("stress-5000", "stress-5000@memory"). */
  tier: string;
  file: string;
  record: RunRecord;
}

const SUMMARY_FILE = 'summary.json';

/** Parses and checks one run record; the error names the file and what is wrong with it. */
export function parseRunRecord(text: string, file: string): RunRecord {
  try {
    return parseRunFile('summary', text, file);
  } catch (error) {
    if (error instanceof RunFolderError) throw new RecordInputError(error.message);
    throw error;
  }
}

function readRecordFile(file: string, tier: string): FoundRecord {
  return { tier, file, record: parseRunRecord(readFileSync(file, 'utf8'), file) };
}

/**
 * Every run record a path names, in folder-name order. A file or a test folder gives one record (its tier
 * is the folder name); a run folder gives one per test folder that holds a summary.json.
 */
export function readRecords(path: string): FoundRecord[] {
  if (!existsSync(path)) throw new RecordInputError(`${path}: no such file or folder`);
  if (statSync(path).isFile()) return [readRecordFile(path, basename(dirname(path)))];
  const own = join(path, SUMMARY_FILE);
  if (existsSync(own)) return [readRecordFile(own, basename(path))];
  const found = readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(path, entry.name, SUMMARY_FILE)))
    .map((entry) => entry.name)
    .sort()
    .map((name) => readRecordFile(join(path, name, SUMMARY_FILE), name));
  if (found.length === 0) {
    throw new RecordInputError(`${path}: holds no ${SUMMARY_FILE} and no <test>/${SUMMARY_FILE}`);
  }
  return found;
}
