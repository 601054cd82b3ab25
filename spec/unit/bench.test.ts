import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseBenchArgs } from '../../scripts/lib/bench/bench-args.ts';
import { locustRequestCount } from '../../scripts/lib/bench/locust.ts';
import { parseCpuTicks, parseVmHwmBytes, readProc } from '../../scripts/lib/bench/proc-stats.ts';
import { benchProfile } from '../../scripts/lib/bench/run-bench.ts';
import { readSummaryExport } from '../../scripts/lib/bench/summary-export.ts';
import {
  type GeneratorRow,
  ratioTable,
  TABLE_HEADER,
  tableCells,
  withRatios,
} from '../../scripts/lib/bench/table.ts';

const STATUS =
  'Name:\tk6\nVmPeak:\t 2000000 kB\nVmSize:\t 1900000 kB\nVmHWM:\t  517120 kB\nVmRSS:\t  500000 kB\n';
// A command name with spaces and a ')' must not shift the fields (utime 1234, stime 566).
const STAT = '4242 (k6 (a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 9 0 100 2000000 125000';

function row(
  id: string,
  peakRssMb: number | undefined,
  cpuS: number | undefined,
  requests: number,
): GeneratorRow {
  return { id, label: id, exitCode: 0, peakRssMb, cpuS, requests, wallS: 60 };
}

describe('bench: reading /proc', () => {
  it('reads VmHWM in bytes and ignores the other memory lines', () => {
    assert.equal(parseVmHwmBytes(STATUS), 517120 * 1024);
    assert.equal(parseVmHwmBytes('Name:\tkthreadd\nState:\tS\n'), undefined);
  });

  it('adds utime and stime, counting fields after the last parenthesis', () => {
    assert.equal(parseCpuTicks(STAT), 1800);
    assert.throws(() => parseCpuTicks('garbage'), /not a \/proc/);
    assert.throws(() => parseCpuTicks('1 (x) S 1 2'), /no utime/);
  });

  it('reads a process folder, and answers undefined once the process is gone', () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-proc-'));
    try {
      mkdirSync(join(root, '4242'));
      writeFileSync(join(root, '4242', 'status'), STATUS);
      writeFileSync(join(root, '4242', 'stat'), STAT);
      assert.deepEqual(readProc(4242, root), { peakRssBytes: 517120 * 1024, cpuS: 18 });
      assert.equal(readProc(4243, root), undefined);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads this very process from the real /proc', () => {
    const reading = readProc(process.pid);
    assert.ok(reading && reading.peakRssBytes > 0 && reading.cpuS >= 0);
  });
});

describe('bench: ratio table', () => {
  const rows = withRatios(
    [row('trivial', 500, 10, 25_000), row('suite', 750, 12.5, 24_900), row('locust', undefined, 4, 25_100)],
    'trivial',
    2000,
  );

  it('divides each row by the baseline, and leaves the baseline and missing readings without a ratio', () => {
    assert.equal(rows[0].rssRatio, undefined);
    assert.equal(rows[1].rssRatio, 1.5);
    assert.equal(rows[1].cpuRatio, 1.25);
    assert.equal(rows[1].extraMbPer1000Vus, 125);
    assert.equal(rows[1].requestsPerCpuS, 24_900 / 12.5);
    assert.equal(rows[2].rssRatio, undefined);
    assert.equal(rows[2].cpuRatio, 0.4);
  });

  it('prints one Markdown row per generator under the header', () => {
    const lines = ratioTable(rows).split('\n');
    assert.deepEqual(tableCells(lines[0]), [...TABLE_HEADER]);
    assert.equal(lines.length, 2 + rows.length);
    const suite = tableCells(lines[3]);
    assert.equal(suite.length, TABLE_HEADER.length);
    assert.deepEqual(suite.slice(0, 9), [
      'suite',
      '0',
      '750',
      '12.5',
      '24,900',
      '1992',
      '1.50x',
      '1.25x',
      '125',
    ]);
    assert.equal(tableCells(lines[4])[2], '-');
  });
});

describe('bench: inputs', () => {
  it('reads requests and per-name latency from a k6 summary export', () => {
    const exported = readSummaryExport(
      JSON.stringify({
        metrics: {
          http_reqs: { count: 123, rate: 4.1 },
          'http_req_duration{name:protected}': { med: 1.5, 'p(95)': 4.25, avg: 2 },
          'http_req_duration{name:login}': { med: 40 },
        },
      }),
    );
    assert.equal(exported.requests, 123);
    assert.deepEqual(exported.latencyMs, { protected: { p50: 1.5, p95: 4.25 } });
  });

  it("reads Locust's aggregated request count", () => {
    const csv =
      'Type,Name,Request Count,Failure Count\nGET,protected,900,0\nPOST,login,100,0\n,Aggregated,1000,0\n';
    assert.equal(locustRequestCount(csv), 1000);
    assert.equal(locustRequestCount('Type,Name\n'), undefined);
  });

  it('validates the knobs and ramps in at most 10 s', () => {
    assert.deepEqual(parseBenchArgs({}), {
      vus: 2000,
      durationS: 40,
      variants: false,
      parts: false,
      service: false,
      serviceVus: 500,
    });
    assert.equal(parseBenchArgs({ vus: '20', duration: '10s' }).durationS, 10);
    assert.throws(() => parseBenchArgs({ vus: '0' }), /--vus must be a whole number/);
    assert.throws(() => parseBenchArgs({ duration: 'soon' }), /--duration/);
    assert.equal(benchProfile(2000, 40).rampS, 10);
    assert.equal(benchProfile(20, 10).rampS, 2);
    assert.ok(benchProfile(20, 10).steadyS > 0);
  });
});
