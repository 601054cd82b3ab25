// Runs each init probe (init-probes.ts) with PROBE_VUS virtual users and one empty iteration each, a few
// times, and reports the median peak RSS and CPU above the empty script's: what each part costs a load VU
// at start-up. Init is where the split's difference arises, and it repeats far better than a load run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../../../lib/order-statistics.ts';
import { markdownTable } from '../../../lib/summary/markdown.ts';
import { generationOf } from '../bundle/redis-module.ts';
import type { K6Binary } from '../stack/k6-binary.ts';
import { buildInitProbe, INIT_PROBES } from './init-probes.ts';
import { runMeasured } from './measured-run.ts';

export const PROBE_VUS = 1000;
/** Runs per probe; the median is reported (one init run varies by about ±5% of its peak RSS). */
export const PROBE_RUNS = 3;
const PROBE_TIMEOUT_S = 120;

export interface InitProbeRow {
  id: string;
  what: string;
  /** Medians over the runs. */
  peakRssMb: number;
  cpuS: number;
  /** Above the empty script's, per 1,000 VUs. */
  extraMbPer1000Vus: number;
  extraCpuSPer1000Vus: number;
}

export interface InitProbeResult {
  vus: number;
  runs: number;
  rows: InitProbeRow[];
}

async function measureOnce(k6: K6Binary, script: string, vus: number, logFile: string, label: string) {
  const run = await runMeasured({
    command: k6.path,
    args: ['run', '--quiet', '--no-usage-report', '--vus', String(vus), '--iterations', String(vus), script],
    cwd: join(script, '..'),
    env: {},
    logFile,
    label,
    timeoutS: PROBE_TIMEOUT_S,
  });
  if (run.exitCode !== 0 || run.reading === undefined) {
    throw new Error(`init probe ${label} exited ${run.exitCode}; log: ${logFile}`);
  }
  return { rssMb: run.reading.peakRssBytes / 2 ** 20, cpuS: run.reading.cpuS };
}

export async function runInitProbes(options: {
  k6: K6Binary;
  vus?: number;
  runs?: number;
  log: (line: string) => void;
}): Promise<InitProbeResult> {
  const vus = options.vus ?? PROBE_VUS;
  const runs = options.runs ?? PROBE_RUNS;
  const dir = mkdtempSync(join(tmpdir(), 'auth-loadtest-init-probes-'));
  const generation = generationOf(options.k6.major);
  const measured: Array<{ id: string; what: string; rssMb: number; cpuS: number }> = [];
  try {
    for (const probe of INIT_PROBES) {
      const script = await buildInitProbe(probe, generation, dir);
      const samples = [];
      for (let run = 1; run <= runs; run++) {
        samples.push(
          await measureOnce(options.k6, script, vus, join(dir, `${probe.id}-${run}.log`), probe.id),
        );
      }
      const rssMb = median(samples.map((s) => s.rssMb));
      const cpuS = median(samples.map((s) => s.cpuS));
      options.log(
        `${probe.id}: peak RSS ${Math.round(rssMb)} MB, CPU ${cpuS.toFixed(2)} s (median of ${runs})`,
      );
      measured.push({ id: probe.id, what: probe.what, rssMb, cpuS });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const empty = measured.find((row) => row.id === 'empty');
  const per1000 = 1000 / vus;
  const rows = measured.map((row) => ({
    id: row.id,
    what: row.what,
    peakRssMb: row.rssMb,
    cpuS: row.cpuS,
    extraMbPer1000Vus: (row.rssMb - (empty?.rssMb ?? 0)) * per1000,
    extraCpuSPer1000Vus: (row.cpuS - (empty?.cpuS ?? 0)) * per1000,
  }));
  return { vus, runs, rows };
}

export function initProbesMarkdown(result: InitProbeResult): string[] {
  return [
    `## What a load VU's init costs, by part: ${result.vus} VUs, one empty iteration each, median of ${result.runs} runs`,
    '',
    markdownTable(
      [
        'probe',
        'what it loads',
        'peak RSS MB',
        'CPU s',
        'MB per 1k VUs over empty',
        'CPU s per 1k VUs over empty',
      ],
      result.rows.map((row) => [
        row.id,
        row.what,
        String(Math.round(row.peakRssMb)),
        row.cpuS.toFixed(2),
        row.id === 'empty' ? '-' : String(Math.round(row.extraMbPer1000Vus)),
        row.id === 'empty' ? '-' : row.extraCpuSPer1000Vus.toFixed(2),
      ]),
    ),
  ];
}
