// Runs a behaviour bundle (timing gates relaxed, see k6.ts) against a service and reads back what a spec
// asserts on: exit code and output, k6's --summary-export numbers, and the metrics whose thresholds
// failed. Reports go to a temporary folder (k6 cannot create it, so it is made first), never the tree.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { behaviourBundlePath, type K6Result, k6 } from './k6.ts';

export interface SummaryExport {
  metrics: Record<string, Record<string, number> | undefined>;
}

export interface Run {
  result: K6Result;
  summary: SummaryExport | undefined;
  /** The run's report folder (summary.json, report.md, junit.xml), when handleSummary wrote them. */
  reportFolder: string;
}

export interface BundleRunner {
  run(test: string, env: Record<string, string | number | undefined>): Promise<Run>;
  /** Removes the temporary folder with every report and summary. */
  remove(): void;
}

export function bundleRunner(prefix: string): BundleRunner {
  const workDir = mkdtempSync(join(tmpdir(), `auth-loadtest-${prefix}-`));
  let runs = 0;
  return {
    async run(test, env) {
      const runId = `spec-${++runs}`;
      const summaryFile = join(workDir, `summary-${runs}.json`);
      const reportFolder = join(workDir, 'reports', runId, test);
      mkdirSync(reportFolder, { recursive: true });
      const result = await k6({
        command: 'run',
        script: await behaviourBundlePath(test),
        env: { REPORT_DIR: join(workDir, 'reports'), RUN_ID: runId, ...env },
        extraArgs: ['--quiet', '--summary-export', summaryFile],
        timeoutMs: 120_000,
      });
      let summary: SummaryExport | undefined;
      try {
        summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
      } catch {
        summary = undefined;
      }
      return { result, summary, reportFolder };
    },
    remove: () => rmSync(workDir, { recursive: true, force: true }),
  };
}

/** A Counter's total (0 when the run never added to it). */
export function count(run: Run, metric: string): number {
  return run.summary?.metrics[metric]?.count ?? 0;
}

/** k6's own closing line lists the metrics whose thresholds failed. */
export function crossedThresholds(output: string): string {
  return /thresholds on metrics '([^']*)' have been crossed/.exec(output)?.[1] ?? '';
}
