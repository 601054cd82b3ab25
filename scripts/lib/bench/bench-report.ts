// bench.md and bench.json: the ratio table, the load it was measured at, and the optional service section.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { markdownTable } from '../../../lib/summary/markdown.ts';
import type { BenchResult } from './run-bench.ts';
import { type InitProbeResult, initProbesMarkdown } from './run-init-probes.ts';
import type { ServiceLatencyResult } from './service-latency.ts';
import { ratioTable, withRatios } from './table.ts';

export interface BenchReport {
  id: string;
  k6Version: string;
  bench: BenchResult;
  service?: ServiceLatencyResult;
  initProbes?: InitProbeResult;
}

export function benchMarkdown(report: BenchReport): string {
  const { bench } = report;
  const rows = withRatios(bench.rows, 'trivial', bench.vus);
  const lines = [
    `# Bench ${report.id}`,
    '',
    `k6 v${report.k6Version}, ${cpus().length} CPUs. ${bench.vus} VUs (ramp ${bench.rampS} s at ` +
      `${Math.round(bench.spawnRate)}/s), ${bench.durationS} s, think ${bench.thinkS.min}-${bench.thinkS.max} s, no-op target on loopback; ` +
      'generators run one after the other. Ratios are to the trivial k6 script.',
    '',
    ratioTable(rows),
    '',
    `No-op target CPU while each ran: ${bench.rows.map((r) => `${r.id} ${r.targetCpuS.toFixed(1)} s`).join(', ')}.`,
  ];
  if (report.initProbes) lines.push('', ...initProbesMarkdown(report.initProbes));
  if (report.service) lines.push('', ...serviceMarkdown(report.service));
  return `${lines.join('\n')}\n`;
}

function ms(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(1);
}

export function serviceMarkdown(service: ServiceLatencyResult): string[] {
  const latencyRows = (['protected', 'login'] as const).flatMap((name) =>
    (
      [
        ['no-op', service.noop],
        ['service', service.service],
      ] as const
    ).map(([label, latency]) => [name, label, ms(latency[name]?.p50), ms(latency[name]?.p95)]),
  );
  return [
    `## Reference service: ${service.vus} VUs, ${service.durationS} s, SCRYPT_COST=${service.scryptCost}, ` +
      `${service.workers} workers`,
    '',
    markdownTable(['call', 'target', 'p50 ms', 'p95 ms'], latencyRows),
    '',
    markdownTable(
      ['SCRYPT_COST', 'one scrypt, idle (ms)'],
      service.scryptFloorMs.map((f) => [String(f.cost), f.ms.toFixed(1)]),
    ),
  ];
}

export function writeBenchReport(folder: string, report: BenchReport): string {
  mkdirSync(folder, { recursive: true });
  const rows = withRatios(report.bench.rows, 'trivial', report.bench.vus);
  writeFileSync(join(folder, 'bench.json'), `${JSON.stringify({ ...report, rows }, null, 2)}\n`);
  writeFileSync(join(folder, 'bench.md'), benchMarkdown(report));
  return folder;
}
