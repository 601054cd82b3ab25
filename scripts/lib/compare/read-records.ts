// Finds run records on disk for the tools that compare or merge runs: a summary.json file, a test folder
// holding one, or a run folder whose test folders hold them. Anything else is a RecordInputError, which
// the commands turn into a one-line message and exit 2 (bad input, not a verdict).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../../../lib/summary/run-record.ts';

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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RecordInputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const record = value as Partial<RunRecord> | null;
  if (typeof record !== 'object' || record === null || record.schema !== RUN_RECORD_SCHEMA) {
    throw new RecordInputError(
      `${file}: not a run record (expected schema "${RUN_RECORD_SCHEMA}", found ${JSON.stringify(record?.schema)})`,
    );
  }
  if (
    typeof record.test !== 'string' ||
    typeof record.metrics !== 'object' ||
    !Array.isArray(record.criteria)
  ) {
    throw new RecordInputError(`${file}: run record without test, metrics or criteria`);
  }
  if (typeof record.profile !== 'object' || record.profile === null) {
    throw new RecordInputError(`${file}: run record without profile`);
  }
  return record as RunRecord;
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
