// N instances' run records of one test (execution segments of one load) → one run record for the whole
// load, with how each criterion was combined. It is a RunRecord, so `npm run compare` reads it too.
import { verdictOf } from '../../../lib/summary/build-run-record.ts';
import type { CheckResult, RunRecord } from '../../../lib/summary/run-record.ts';
import { RecordInputError } from '../compare/read-records.ts';
import { type MergedCriterion, mergeCriteria } from './merge-criteria.ts';
import { mergeMetrics } from './merge-metrics.ts';

export interface MergedInstance {
  /** Where the record was read from, as the user named it. */
  source: string;
  runId: string;
  users: number;
  verdict: 'pass' | 'fail';
  thresholdsFailed: string[];
}

export interface MergedRecord extends RunRecord {
  criteria: MergedCriterion[];
  merged: {
    instances: MergedInstance[];
    /** What the reader must know about the numbers, e.g. that latency percentiles are the worst instance's. */
    notes: string[];
  };
}

export const PERCENTILE_NOTE =
  'Latency percentiles are the worst instance value: run records keep summary percentiles only, and the ' +
  'percentile of pooled samples lies at or below the largest instance percentile.';

function mergeChecks(all: CheckResult[][]): CheckResult[] {
  const byId = new Map<string, CheckResult>();
  for (const check of all.flat()) {
    const id = `${check.group}\u0000${check.name}`;
    const seen = byId.get(id);
    byId.set(
      id,
      seen ? { ...seen, passes: seen.passes + check.passes, fails: seen.fails + check.fails } : { ...check },
    );
  }
  return [...byId.values()];
}

function checkSameTest(records: { source: string; record: RunRecord }[]): void {
  const first = records[0];
  if (!first) throw new RecordInputError('nothing to merge: name the run record of each instance');
  for (const { source, record } of records) {
    if (record.test !== first.record.test) {
      throw new RecordInputError(
        `${source}: test "${record.test}", but ${first.source} ran "${first.record.test}"`,
      );
    }
    if (record.gate !== first.record.gate) {
      throw new RecordInputError(
        `${source}: gate "${record.gate}", but ${first.source} gated on "${first.record.gate}"`,
      );
    }
  }
}

export function mergeRecords(records: { source: string; record: RunRecord }[]): MergedRecord {
  checkSameTest(records);
  const all = records.map(({ record }) => record);
  const first = all[0] as RunRecord;
  const metrics = mergeMetrics(all.map((record) => record.metrics));
  const criteria = mergeCriteria(
    all.map((record) => ({ criteria: record.criteria, metrics: record.metrics })),
    metrics,
  );
  const target = verdictOf(criteria, 'target');
  // A segment's record keeps the whole test's profile (and its own share in `segment`); records without a
  // segment each ran a profile of their own, side by side.
  const segmented = all.every((record) => record.segment !== undefined);
  const notes = criteria.some((criterion) => criterion.method === 'worst instance') ? [PERCENTILE_NOTE] : [];
  // The merged record is the whole load: the first instance's segment is not its own.
  const { segment: _firstSegment, ...whole } = first;
  return {
    ...whole,
    finishedAt:
      all
        .map((record) => record.finishedAt)
        .sort()
        .at(-1) ?? first.finishedAt,
    profile: segmented
      ? first.profile
      : {
          ...first.profile,
          users: all.reduce((total, record) => total + record.profile.users, 0),
          spawnRate: all.reduce((total, record) => total + record.profile.spawnRate, 0),
          loadFactor: all.reduce((total, record) => total + record.profile.loadFactor, 0),
        },
    probeEnabled: all.some((record) => record.probeEnabled),
    criteria,
    verdict: { target: target === 'n/a' ? 'pass' : target, stretch: verdictOf(criteria, 'stretch') },
    metrics,
    thresholdsFailed: records.flatMap(({ source, record }) =>
      record.thresholdsFailed.map((failed) => `${source}: ${failed}`),
    ),
    checks: mergeChecks(all.map((record) => record.checks)),
    testRunDurationMs: Math.max(...all.map((record) => record.testRunDurationMs)),
    merged: {
      instances: records.map(({ source, record }) => ({
        source,
        runId: record.runId,
        users: record.segment?.users ?? record.profile.users,
        verdict: record.verdict.target,
        thresholdsFailed: record.thresholdsFailed,
      })),
      notes,
    },
  };
}
