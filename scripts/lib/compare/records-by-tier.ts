// Keys run records by tier so two runs line up: the test folder's name when it names the test
// ("stress-5000@memory" stays apart from "stress-5000"), otherwise the record's own test name
// (two summary.json files copied to arbitrary folders still pair up).
import type { RunRecord } from '../../../lib/summary/run-record.ts';
import { type FoundRecord, RecordInputError } from './read-records.ts';

export function recordsByTier(found: FoundRecord[]): Map<string, RunRecord> {
  const byTier = new Map<string, RunRecord>();
  for (const { tier, file, record } of found) {
    const key = tier.startsWith(record.test) ? tier : record.test;
    if (byTier.has(key)) throw new RecordInputError(`${file}: a second record for tier "${key}"`);
    byTier.set(key, record);
  }
  return byTier;
}
