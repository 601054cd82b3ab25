// The report's header: what ran, where, and honest notes on everything that differs from the plan. What
// did not run or was not judged is not repeated here: the verdict's reasons above the header say it.
import { cpus, totalmem } from 'node:os';
import { PLAN_ROWS } from '../../../lib/profiles.ts';
import { formatDurationS, formatNumber } from '../../../lib/summary/format.ts';
import { isScaledDown } from '../../../lib/summary/what-ran.ts';
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

/**
 * Each scaled-down run in one line, and what scaling means said once below them, not once per tier:
 * throughput targets follow the users that ran, latency and failure targets do not.
 */
function scaledRunNotes(runs: TestRun[]): string[] {
  const scaled = runs.filter((run) => isScaledDown(run.record.profile));
  if (scaled.length === 0) return [];
  const lines = scaled.map((run) => {
    const { profile } = run.record;
    const ran = `${formatNumber(profile.users)} users for ${formatDurationS(profile.runTimeS)}`;
    const planned = `${formatNumber(profile.planned.users)} users for ${formatDurationS(profile.planned.runTimeS)}`;
    return `${run.folder} ran ${ran} (plan: ${planned}).`;
  });
  const throughput = scaled.filter((run) =>
    run.record.criteria.some((criterion) => criterion.key === 'throughput_rps'),
  );
  const factors = [...new Set(throughput.map((run) => formatNumber(run.record.profile.loadFactor)))];
  const throughputNote =
    throughput.length === 0
      ? ''
      : `Throughput targets were scaled by the users that ran (${throughput.map((run) => run.folder).join(', ')}: ` +
        `x${factors.join(', x')}). `;
  return [
    ...lines,
    `${throughputNote}Latency and failure targets were not scaled: they describe behaviour at the smaller load, not at plan size.`,
  ];
}

/** Drills that ran the same size share one note. */
function drillNotes(data: PlanRunData): string[] {
  const planned = PLAN_ROWS.failover?.users ?? 0;
  const bySize = new Map<string, string[]>();
  for (const drill of data.drills.filter((candidate) => candidate.users !== planned)) {
    const size = `${formatNumber(drill.users)} users (plan: ${formatNumber(planned)}), Redis down ${drill.downS} s.`;
    bySize.set(size, [...(bySize.get(size) ?? []), drill.variant]);
  }
  return [...bySize.entries()].map(([size, variants]) =>
    variants.length === 1
      ? `The ${variants[0]} drill ran ${size}`
      : `The ${variants.slice(0, -1).join(', ')} and ${variants.at(-1)} drills ran ${size}`,
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

export function planHeader(data: PlanRunData): Header {
  const facts: Header['facts'] = [
    ['run id', data.runId],
    ['when', when(data)],
    ['machine', machine(data)],
    ['k6', data.info?.k6Version ? `v${data.info.k6Version.replace(/^v/, '')}` : 'version not recorded'],
    ['scale', scale(data)],
  ];
  if (data.info?.workers !== undefined) facts.push(['service workers', String(data.info.workers)]);
  const defect = data.info?.injectedDefect;
  if (defect)
    facts.push([
      'injected defect',
      `DEFECT=${defect.name}${defect.size === undefined ? '' : `, DEFECT_SIZE=${defect.size}`} (the service was broken on purpose)`,
    ]);
  const baseUrls = [...new Set(data.runs.map((run) => run.record.baseUrl))];
  if (baseUrls.length > 0) facts.push(['service', baseUrls.join(', ')]);
  const notes = [
    ...(data.info?.notes ?? []),
    ...scaledRunNotes(data.runs),
    ...drillNotes(data),
    ...soakNotes(data),
    ...data.problems.map((problem) => `Could not use ${problem}.`),
  ];
  return { facts, notes };
}
