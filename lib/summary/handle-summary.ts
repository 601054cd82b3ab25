// Entry point for every bundle's handleSummary: turns k6's end-of-test data into the run's reports.
// Pure TypeScript (no k6 imports) so spec/ can feed it recorded summary data.
import type { Criterion } from '../criteria.ts';
import type { Level } from '../plan.ts';
import type { EffectiveProfile } from '../profiles.ts';
import { buildRunRecord } from './build-run-record.ts';
import { consoleSummary } from './console-summary.ts';
import { junitReport } from './junit-report.ts';
import { k6MetricsText } from './k6-metrics.ts';
import { markdownReport } from './markdown-report.ts';
import { recordLine } from './record-line.ts';
import type { RunRecord } from './run-record.ts';
import { readSummaryData } from './summary-data.ts';

/** What the bundle knows about its own run, beyond what k6 puts into the summary data. */
export interface SummaryContext {
  test: string;
  runId: string;
  baseUrl: string;
  gate: Level;
  profile: EffectiveProfile;
  thinkTimeS: { min: number; max: number };
  probeEnabled: boolean;
  criteria: Criterion[];
  reportDir: string;
  /**
   * k6 does not create folders for handleSummary files (v1.8.1: "could not open ...: no such file or
   * directory", the files are lost), so the bundle looks at init (see report-folder.ts): `folder` when
   * `${reportDir}/${runId}/${name}` exists (the runner makes it), `reportDir` when only REPORT_DIR exists
   * (`npm run build` makes ./reports, git-ignored): flat files there; `none`: console only, never the
   * working directory, which is usually the source tree. Left out: `folder`.
   */
  reportPlace?: ReportPlace;
  /** Folder name under the run id (e.g. "stress-5000@memory"); default: the test's name. */
  reportName?: string;
  /** setup() did not finish (an abort, such as an unreachable BASE_URL): no load ran, nothing was judged. */
  abortedBeforeLoad?: boolean;
  /** This instance's share of a test split over several k6 processes. */
  segment?: RunRecord['segment'];
  /** Where session lifetimes came from (EXPIRES_FIELD, the token's exp, or the 15-minute default). */
  tokenExpirySource?: RunRecord['tokenExpirySource'];
}

export type ReportPlace = 'folder' | 'reportDir' | 'none';

function folderOf(context: SummaryContext): string {
  return `${context.reportDir.replace(/\/+$/, '')}/${context.runId}/${context.reportName ?? context.test}`;
}

export const REPORT_FILES = ['summary.json', 'report.md', 'junit.xml'] as const;

/** Where this run's files go: the run folder, flat names in REPORT_DIR, or nowhere (console only). */
export function reportPaths(
  context: SummaryContext,
): Record<(typeof REPORT_FILES)[number], string> | undefined {
  const place = context.reportPlace ?? 'folder';
  if (place === 'none') return undefined;
  const folder = folderOf(context);
  const flat = `${context.reportDir.replace(/\/+$/, '')}/${context.reportName ?? context.test}-${context.runId}`;
  const pathFor = (file: string) => (place === 'folder' ? `${folder}/${file}` : `${flat}.${file}`);
  return {
    'summary.json': pathFor('summary.json'),
    'report.md': pathFor('report.md'),
    'junit.xml': pathFor('junit.xml'),
  };
}

function notesFor(context: SummaryContext, paths: ReturnType<typeof reportPaths>): string[] {
  if (paths === undefined) {
    return [
      `reports    none written: ${context.reportDir} does not exist and k6 cannot create folders. ` +
        `Create it (mkdir -p ${context.reportDir}, or npm run build, which makes ./reports) or set REPORT_DIR.`,
    ];
  }
  return [`reports    ${Object.values(paths).join(', ')}`];
}

/** k6 handleSummary outputs: "stdout" plus report files under `${reportDir}/${runId}/${test}/`. */
export function summarize(context: SummaryContext, data: unknown): Record<string, string> {
  const summary = readSummaryData(data);
  const record = buildRunRecord(context, summary, new Date().toISOString());
  const paths = reportPaths(context);
  const outputs: Record<string, string> = {
    // The record's last line: the copy that leaves a pod with `kubectl logs` (record-line.ts).
    stdout: consoleSummary(record, notesFor(context, paths), k6MetricsText(summary)) + recordLine(record),
  };
  if (paths !== undefined) {
    outputs[paths['summary.json']] = `${JSON.stringify(record, null, 2)}\n`;
    outputs[paths['report.md']] = markdownReport(record);
    outputs[paths['junit.xml']] = junitReport(record);
  }
  return outputs;
}
