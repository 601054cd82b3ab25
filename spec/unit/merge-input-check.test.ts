// Which sets of run records make one whole run, and what the merge says about those that do not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { type MergeInput, mergeInputProblems } from '../../scripts/lib/merge/check-inputs.ts';
import { fixturesDir } from '../report/summary-fixture.ts';

const recorded = (runner: 1 | 2): RunRecord =>
  JSON.parse(
    readFileSync(join(fixturesDir, 'segments', 'redis', `runner-${runner}`, 'summary.json'), 'utf8'),
  );

/**
 * A real runner record with the segment today's bundles record (the fixtures predate that field): the k6
 * segment when EXECUTION_SEGMENT names it, only the share when SEGMENT_COUNT does.
 */
function runner(source: string, segment: RunRecord['segment'], changes: Partial<RunRecord> = {}): MergeInput {
  const record = { ...recorded(source.endsWith('2') ? 2 : 1), ...changes };
  if (segment !== undefined) record.segment = segment;
  return { source, record };
}

const half = (spec: string | undefined) => ({ spec, share: 1 / 2, users: 20 });
const third = (spec: string | undefined) => ({ spec, share: 1 / 3, users: 13 });

describe('merge input check: one whole run or a named problem', () => {
  it('accepts two halves of one run, and one unsplit run alone', () => {
    assert.deepEqual(mergeInputProblems([runner('r1', half('0:1/2')), runner('r2', half('1/2:1'))]), []);
    assert.deepEqual(mergeInputProblems([runner('whole', undefined)]), []);
  });

  it('names the missing segment when one of two runners is merged alone', () => {
    assert.deepEqual(mergeInputProblems([runner('r1', half('0:1/2'))]), [
      'missing: segment 1/2:1 (50% of the load) is in no record',
    ]);
  });

  it('names a hole between segments and an overlap with both runners', () => {
    assert.deepEqual(mergeInputProblems([runner('r1', third('0:1/3')), runner('r3', third('2/3:1'))]), [
      'missing: segment 1/3:2/3 (33.3% of the load) is in no record',
    ]);
    assert.deepEqual(mergeInputProblems([runner('r1', half('0:1/2')), runner('r2', half('0:1/2'))]), [
      'duplicated: segment 0:1/2 (50% of the load) ran in both r1 and r2',
      'missing: segment 1/2:1 (50% of the load) is in no record',
    ]);
  });

  it('counts SEGMENT_COUNT shares: N equal segments need N records', () => {
    const runners = (count: number) =>
      Array.from({ length: count }, (_, index) =>
        runner(`r${index + 1}`, third(undefined), { finishedAt: `2026-01-01T00:00:0${index}Z` }),
      );
    assert.deepEqual(mergeInputProblems(runners(3)), []);
    assert.deepEqual(mergeInputProblems(runners(2)), [
      'missing: 1 of 3 equal segments (SEGMENT_COUNT=3, 33.3% of the load each) have no record; records given: r1, r2',
    ]);
    assert.deepEqual(mergeInputProblems(runners(4)), [
      'duplicated: 4 records for 3 equal segments (SEGMENT_COUNT=3, 33.3% of the load each): r1, r2, r3, r4',
    ]);
  });

  it('catches the same runner given twice, and what it leaves missing', () => {
    const once = runner('runner-1.log', half(undefined));
    assert.deepEqual(mergeInputProblems([once, { ...once, source: 'copy.log' }]), [
      'duplicated: copy.log is the same run record as runner-1.log',
      'missing: 1 of 2 equal segments (SEGMENT_COUNT=2, 50% of the load each) have no record; records given: runner-1.log',
    ]);
  });

  it('refuses records of different runs and of different tests', () => {
    const problems = mergeInputProblems([
      runner('r1', half('0:1/2')),
      runner('r2', half('1/2:1'), { runId: 'another-run', test: 'baseline-1000' }),
    ]);
    assert.deepEqual(problems, [
      'records of different tests: "stress-5000" (r1); "baseline-1000" (r2)',
      'records of different runs (run ids): "seg" (r1); "another-run" (r2)',
    ]);
  });

  it('names a runner that aborted in setup(), even when the segments add up', () => {
    const problems = mergeInputProblems([
      runner('r1', half('0:1/2')),
      runner('r2', half('1/2:1'), { abortedBeforeLoad: true }),
    ]);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^aborted: r2 stopped in setup\(\) before its load started/);
  });

  it('refuses a whole-load record beside segments, and two whole-load records', () => {
    assert.deepEqual(mergeInputProblems([runner('r1', half('0:1/2')), runner('r2', undefined)]), [
      'r2 ran the whole load (no execution segment), but r1 ran a segment of it',
    ]);
    assert.deepEqual(mergeInputProblems([runner('r1', undefined), runner('r2', undefined)]), [
      'duplicated: each of r1, r2 ran the whole load (no execution segment)',
    ]);
  });

  it('says which record holds a segment it cannot read', () => {
    assert.deepEqual(mergeInputProblems([runner('r1', half('0:1/2')), runner('r2', half('1/2:x'))]), [
      'r2: segment "1/2:x" is not a k6 execution segment ("x" is not a fraction between 0 and 1)',
    ]);
  });
});
