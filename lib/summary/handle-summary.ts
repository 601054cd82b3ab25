// Entry point for every bundle's handleSummary: turns k6's end-of-test data into the run's reports.
// Pure TypeScript (no k6 imports) so spec/ can feed it recorded summary data.
import type { Criterion } from '../criteria.ts';
import type { Level } from '../plan.ts';
import type { EffectiveProfile } from '../profiles.ts';
import { buildRunRecord } from './build-run-record.ts';
import { consoleSummary } from './console-summary.ts';
import { junitReport } from './junit-report.ts';
import { markdownReport } from './markdown-report.ts';
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
   * directory", the files are lost). When the bundle found `${reportDir}/${runId}/${test}` missing at init
   * (see report-folder.ts), pass false and the files go flat into the working directory instead.
   * Left out, the folder is assumed to exist (the runner creates it).
   */
  reportFolderReady?: boolean;
  /** Folder name under the run id (e.g. "stress-5000@memory"); default: the test's name. */
  reportName?: string;
}

function folderOf(context: SummaryContext): string {
  return `${context.reportDir.replace(/\/+$/, '')}/${context.runId}/${context.reportName ?? context.test}`;
}

export const REPORT_FILES = ['summary.json', 'report.md', 'junit.xml'] as const;

/** Where this run's files go: the run folder, or flat names in the working directory as a fallback. */
export function reportPaths(context: SummaryContext): Record<(typeof REPORT_FILES)[number], string> {
  const folder = folderOf(context);
  const name = context.reportName ?? context.test;
  const pathFor = (file: string) =>
    context.reportFolderReady === false ? `${name}-${context.runId}.${file}` : `${folder}/${file}`;
  return {
    'summary.json': pathFor('summary.json'),
    'report.md': pathFor('report.md'),
    'junit.xml': pathFor('junit.xml'),
  };
}

function notesFor(context: SummaryContext, paths: ReturnType<typeof reportPaths>): string[] {
  const written = `reports    ${Object.values(paths).join(', ')}`;
  if (context.reportFolderReady !== false) return [written];
  const folder = folderOf(context);
  return [
    written,
    `note       ${folder} did not exist and k6 does not create folders, so the files were written to the ` +
      `working directory. Create it first (mkdir -p ${folder}) or run through npm start.`,
  ];
}

/** k6 handleSummary outputs: "stdout" plus report files under `${reportDir}/${runId}/${test}/`. */
export function summarize(context: SummaryContext, data: unknown): Record<string, string> {
  const record = buildRunRecord(context, readSummaryData(data), new Date().toISOString());
  const paths = reportPaths(context);
  return {
    stdout: consoleSummary(record, notesFor(context, paths)),
    [paths['summary.json']]: `${JSON.stringify(record, null, 2)}\n`,
    [paths['report.md']]: markdownReport(record),
    [paths['junit.xml']]: junitReport(record),
  };
}
