// The tier analysis on a recorded k6 CSV: endpoints.csv and errors.json agree with the raw file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { splitCsvLine } from '../../lib/csv.ts';
import { parseEndpointsCsv } from '../../scripts/lib/analysis/endpoints-csv.ts';
import { writeTierAnalysis } from '../../scripts/lib/analysis/tier-analysis.ts';
import type { ErrorsFile } from '../../scripts/lib/run-folder/types.ts';
import { fixturesDir } from '../report/summary-fixture.ts';

const csv = join(fixturesDir, 'k6-csv', 'smoke.csv.gz');

/** Requests per name and their durations, read without the analysis code. */
function rawRequests(): Map<string, number[]> {
  const lines = gunzipSync(readFileSync(csv)).toString('utf8').trim().split('\n');
  const header = lines[0].split(',');
  const metric = header.indexOf('metric_name');
  const name = header.indexOf('name');
  const value = header.indexOf('metric_value');
  const out = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    const fields = line.split(',');
    if (fields[metric] !== 'http_req_duration') continue;
    out.set(fields[name], [...(out.get(fields[name]) ?? []), Number(fields[value])]);
  }
  return out;
}

describe('tier analysis of a recorded smoke run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tier-analysis-'));
  const { errors } = await writeTierAnalysis(csv, dir);
  const rows = parseEndpointsCsv(readFileSync(join(dir, 'endpoints.csv'), 'utf8'), splitCsvLine);
  const raw = rawRequests();

  it('has a row per request name with the raw file’s count and maximum', () => {
    for (const name of ['login', 'protected', 'logout', 'protected_revoked', 'health']) {
      const row = rows.find((candidate) => candidate.name === name);
      const durations = raw.get(name) ?? [];
      assert.ok(row && durations.length > 0, name);
      assert.equal(row.requests, durations.length, name);
      assert.equal(row.maxMs, Math.round(Math.max(...durations) * 1000) / 1000, name);
      assert.ok(row.p50Ms <= row.p95Ms && row.p95Ms <= row.p99Ms && row.p99Ms <= row.maxMs, name);
    }
    const all = rows.at(-1);
    assert.equal(all?.name, 'Aggregated');
    assert.equal(
      all?.requests,
      [...raw.values()].reduce((sum, d) => sum + d.length, 0),
    );
  });

  it('finds no wrong answer in a healthy run, and the revoked-token checks all answered 401', () => {
    const written = JSON.parse(readFileSync(join(dir, 'errors.json'), 'utf8')) as ErrorsFile;
    assert.equal(written.schema, 'auth-loadtest/errors@1');
    assert.equal(errors.wrong, 0);
    assert.deepEqual(Object.keys(errors.statusesByEndpoint.protected_revoked ?? {}), ['401']);
    assert.equal(errors.requests, rows.at(-1)?.requests);
  });
});
