// Entry point for every bundle's handleSummary: turns k6's end-of-test data into the run's reports.
// Pure TypeScript (no k6 imports) so spec/ can feed it recorded summary data.
import { buildRunRecord } from './build-run-record.ts';
import { consoleSummary } from './console-summary.ts';
import { junitReport } from './junit-report.ts';
import { k6MetricsText } from './k6-metrics.ts';
import { markdownReport } from './markdown-report.ts';
import { recordLine } from './record-line.ts';
import type { SummaryContext } from './summary-context.ts';
import { readSummaryData } from './summary-data.ts';

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
