// Reads one test's k6 CSV once and writes what the plan report shows per tier: endpoints.csv (Locust's
// stats columns) and errors.json (wrong answers by category).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpointsCsv } from './endpoints-csv.ts';
import { readK6Csv } from './k6-csv.ts';
import { type EndpointStats, type ErrorBreakdown, RequestStats } from './request-stats.ts';

/** reports/<run-id>/<test>/errors.json */
export interface ErrorsFile extends ErrorBreakdown {
  schema: 'auth-loadtest/errors@1';
  /** Seconds from the first to the last completed request. */
  spanS: number;
}

export async function analyseRequests(csv: string): Promise<RequestStats> {
  const stats = new RequestStats();
  for await (const sample of readK6Csv(csv, RequestStats.METRICS)) stats.add(sample);
  return stats;
}

export async function writeTierAnalysis(
  csv: string,
  testDir: string,
): Promise<{ endpoints: EndpointStats[]; errors: ErrorsFile }> {
  const stats = await analyseRequests(csv);
  const endpoints = stats.endpoints();
  const errors: ErrorsFile = { schema: 'auth-loadtest/errors@1', spanS: stats.spanS(), ...stats.errors() };
  writeFileSync(join(testDir, 'endpoints.csv'), endpointsCsv(endpoints));
  writeFileSync(join(testDir, 'errors.json'), `${JSON.stringify(errors, null, 2)}\n`);
  return { endpoints, errors };
}
