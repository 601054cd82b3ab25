// Reads one test's k6 CSV once and writes what the plan report shows per tier: endpoints.csv (Locust's
// stats columns) and errors.json (wrong answers by category).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRunFile } from '../run-folder/files.ts';
import type { ErrorsFile } from '../run-folder/types.ts';
import { endpointsCsv } from './endpoints-csv.ts';
import { readK6Csv } from './k6-csv.ts';
import { type EndpointStats, RequestStats } from './request-stats.ts';

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
  writeRunFile('errors', join(testDir, 'errors.json'), errors);
  return { endpoints, errors };
}
