// reports/reliability-<time>.json and .md: `npm start` run N times in a row, each run's verdict, its first
// failing (or unjudged) criterion and its duration, and the counts. What is expected is part of the record:
// the healthy service must PASS every run; with a defect injected, every run must FAIL.
// Pure, apart from the two writes in writeReliability().
import { writeFileSync } from 'node:fs';
import { formatDurationS } from '../../../lib/summary/format.ts';
import { escapeMarkdown as esc, markdownTable } from '../../../lib/summary/markdown.ts';
import type { PlanVerdict } from '../report/plan-verdict.ts';

export const RELIABILITY_SCHEMA = 'auth-loadtest/reliability@1';

export interface ReliabilityRun {
  /** 1-based position in the series. */
  run: number;
  /** The run folder under reports/. */
  runId: string;
  /** `npm start`'s exit code. */
  exitCode: number;
  /** Undefined when the run left no folder to judge (npm start stopped before the plan). */
  verdict: PlanVerdict | undefined;
  /** The first reason the plan did not pass, as the report states it; undefined on PASS. */
  firstReason: string | undefined;
  durationS: number;
}

export interface ReliabilityRecord {
  schema: typeof RELIABILITY_SCHEMA;
  startedAt: string;
  machine: { cores: number; memoryMb: number; cpuModel?: string };
  /** `npm start`'s arguments besides the run id (e.g. --scale 0.05). */
  startArgs: string[];
  /** undefined: the reference service as shipped. */
  defect: { name: string; size?: string } | undefined;
  runsPlanned: number;
  runs: ReliabilityRun[];
}

export interface ReliabilityCounts {
  PASS: number;
  FAIL: number;
  INCOMPLETE: number;
  /** Runs that left nothing to judge. */
  broken: number;
}

export function countVerdicts(runs: ReliabilityRun[]): ReliabilityCounts {
  const counts: ReliabilityCounts = { PASS: 0, FAIL: 0, INCOMPLETE: 0, broken: 0 };
  for (const run of runs) {
    if (run.verdict === undefined) counts.broken += 1;
    else counts[run.verdict] += 1;
  }
  return counts;
}

/** The verdict every run must reach: PASS for the healthy service, FAIL with a defect injected. */
export function expectedVerdict(record: ReliabilityRecord): PlanVerdict {
  return record.defect ? 'FAIL' : 'PASS';
}

/** Whether the series met its expectation: every planned run done and every one with the expected verdict. */
export function reliabilityHeld(record: ReliabilityRecord): boolean {
  const expected = expectedVerdict(record);
  return record.runs.length === record.runsPlanned && record.runs.every((run) => run.verdict === expected);
}

export function reliabilitySummary(record: ReliabilityRecord): string {
  const counts = countVerdicts(record.runs);
  const expected = expectedVerdict(record);
  const what = record.defect ? `with DEFECT=${record.defect.name}` : 'against the healthy reference service';
  const others = (['PASS', 'FAIL', 'INCOMPLETE'] as const)
    .filter((verdict) => verdict !== expected && counts[verdict] > 0)
    .map((verdict) => `${counts[verdict]} ${verdict}`);
  if (counts.broken > 0) others.push(`${counts.broken} without a verdict`);
  const rest = others.length > 0 ? ` (${others.join(', ')})` : '';
  return `${counts[expected]} of ${record.runs.length} runs ${expected} ${what}${rest}`;
}

export function reliabilityMarkdown(record: ReliabilityRecord): string {
  const { machine } = record;
  const rows = record.runs.map((run) => [
    String(run.run),
    esc(run.runId),
    run.verdict ?? `no verdict (exit ${run.exitCode})`,
    String(run.exitCode),
    esc(run.firstReason ?? '—'),
    formatDurationS(run.durationS),
  ]);
  return [
    '# npm start, repeated',
    `Started ${esc(record.startedAt)} on ${machine.cores} cores, ${Math.round(machine.memoryMb / 1024)} GB memory` +
      `${machine.cpuModel ? ` (${esc(machine.cpuModel)})` : ''}; \`npm start${record.startArgs.length ? ` -- ${esc(record.startArgs.join(' '))}` : ''}\` ` +
      `${record.runsPlanned} time${record.runsPlanned === 1 ? '' : 's'} in a row, ${record.defect ? `the embedded service with DEFECT=${esc(record.defect.name)}${record.defect.size ? `, DEFECT_SIZE=${esc(record.defect.size)}` : ''}` : 'the embedded service as shipped'}. ` +
      `Every run must end ${expectedVerdict(record)}.`,
    markdownTable(['run', 'run folder', 'verdict', 'exit', 'first reason', 'duration'], rows, [0, 3, 5]),
    `**${esc(reliabilitySummary(record))}**`,
    '',
  ].join('\n\n');
}

export function writeReliability(base: string, record: ReliabilityRecord): void {
  writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(`${base}.md`, reliabilityMarkdown(record));
}
