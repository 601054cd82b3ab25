// The report's header: what ran, where, and honest notes on everything that differs from the plan.
import { cpus, totalmem } from 'node:os';
import { PLAN_ROWS } from '../../../lib/profiles.ts';
import { formatDurationS, formatNumber } from '../../../lib/summary/format.ts';
import { isScaledDown } from '../../../lib/summary/what-ran.ts';
import { DRILL_VARIANTS, PLAN_TESTS } from './plan-criteria.ts';
import type { PlanRunData, TestRun } from './read-run-folder.ts';

export interface Header {
  facts: Array<[label: string, value: string]>;
  notes: string[];
}

function when(data: PlanRunData): string {
  if (data.info) {
    return data.info.finishedAt ? `${data.info.startedAt} to ${data.info.finishedAt}` : data.info.startedAt;
  }
  const all = [...data.runs, ...data.comparisons];
  if (all.length === 0) return 'not recorded';
  const ends = all.map((run) => Date.parse(run.record.finishedAt)).filter(Number.isFinite);
  const starts = all.map((run) => Date.parse(run.record.finishedAt) - run.record.testRunDurationMs);
  return `${new Date(Math.min(...starts)).toISOString()} to ${new Date(Math.max(...ends)).toISOString()} (from the run records)`;
}

function machine(data: PlanRunData): string {
  const info = data.info?.machine;
  if (info) {
    const model = info.cpuModel ? `, ${info.cpuModel}` : '';
    const os = info.os ? `, ${info.os}` : '';
    return `${info.cores} cores, ${formatNumber(info.memoryMb / 1024)} GB memory${model}${os}`;
  }
  const gb = formatNumber(totalmem() / 1024 ** 3);
  return `not recorded (this report was generated on ${cpus().length} cores, ${gb} GB memory)`;
}

function scale(data: PlanRunData): string {
  if (data.info?.scale !== undefined) {
    return data.info.scale === 1
      ? '1 (full plan size)'
      : `${formatNumber(data.info.scale)} (smaller than the plan)`;
  }
  const scaled = data.runs.some((run) => isScaledDown(run.record.profile));
  if (data.runs.length === 0) return 'not recorded';
  return scaled ? 'smaller than the plan for some tests (see notes)' : '1 (full plan size)';
}

function runNote(run: TestRun): string | undefined {
  const { profile } = run.record;
  if (!isScaledDown(profile)) return undefined;
  const ran = `${formatNumber(profile.users)} users for ${formatDurationS(profile.runTimeS)}`;
  const planned = `${formatNumber(profile.planned.users)} users for ${formatDurationS(profile.planned.runTimeS)}`;
  const throughput = run.record.criteria.some((criterion) => criterion.key === 'throughput_rps')
    ? ` Its throughput targets were scaled by ${formatNumber(profile.loadFactor)}.`
    : '';
  return (
    `${run.folder} ran ${ran} (plan: ${planned}).${throughput} Latency and failure targets were not scaled: ` +
    'they describe behaviour at the smaller load, not at plan size.'
  );
}

function drillNotes(data: PlanRunData): string[] {
  const planned = PLAN_ROWS.failover?.users ?? 0;
  return data.drills
    .filter((drill) => drill.users !== planned)
    .map(
      (drill) =>
        `The ${drill.variant} drill ran ${formatNumber(drill.users)} users (plan: ${formatNumber(planned)}), ` +
        `Redis down ${drill.downS} s.`,
    );
}

function soakNotes(data: PlanRunData): string[] {
  const soak = data.soak;
  const planned = PLAN_ROWS['sustained-5000'];
  if (!soak || !planned) return [];
  const shorter = soak.runTimeS !== undefined && soak.runTimeS < planned.runTimeS;
  const fewer = soak.users !== undefined && soak.users < planned.users;
  if (!shorter && !fewer) return [];
  return [
    `The soak ran ${formatNumber(soak.users ?? planned.users)} users for ${formatDurationS(soak.runTimeS ?? planned.runTimeS)} ` +
      `(plan: ${formatNumber(planned.users)} users for ${formatDurationS(planned.runTimeS)}); a short soak can miss slow leaks.`,
  ];
}

function missingNotes(data: PlanRunData): string[] {
  const missing = [
    ...PLAN_TESTS.filter((test) => !data.runs.some((run) => run.test === test)),
    ...DRILL_VARIANTS.filter((variant) => !data.drills.some((drill) => drill.variant === variant)).map(
      (variant) => `failover drill (${variant})`,
    ),
    ...(data.soak ? [] : ['soak verdict']),
    ...(data.comparisons.length > 0 ? [] : ['STATE=memory comparison']),
  ];
  return missing.length === 0 ? [] : [`Not run in this execution: ${missing.join(', ')}.`];
}

export function planHeader(data: PlanRunData): Header {
  const facts: Header['facts'] = [
    ['run id', data.runId],
    ['when', when(data)],
    ['machine', machine(data)],
    ['k6', data.info?.k6Version ? `v${data.info.k6Version.replace(/^v/, '')}` : 'version not recorded'],
    ['scale', scale(data)],
  ];
  if (data.info?.workers !== undefined) facts.push(['service workers', String(data.info.workers)]);
  const baseUrls = [...new Set(data.runs.map((run) => run.record.baseUrl))];
  if (baseUrls.length > 0) facts.push(['service', baseUrls.join(', ')]);
  const notes = [
    ...(data.info?.notes ?? []),
    ...data.runs.map(runNote).filter((note): note is string => note !== undefined),
    ...drillNotes(data),
    ...soakNotes(data),
    ...missingNotes(data),
    ...data.problems.map((problem) => `Could not use ${problem}.`),
  ];
  return { facts, notes };
}
