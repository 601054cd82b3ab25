// `npm run bench` at a tiny size against its own no-op target: both k6 runs finish, every generator is
// measured, and the report has the ratio table. No timing or ratio is asserted (they are the bench's output).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchMarkdown } from '../../scripts/lib/bench/bench-report.ts';
import { INIT_PROBES } from '../../scripts/lib/bench/init-probes.ts';
import { runBench } from '../../scripts/lib/bench/run-bench.ts';
import { initProbesMarkdown, runInitProbes } from '../../scripts/lib/bench/run-init-probes.ts';
import { TABLE_HEADER, tableCells } from '../../scripts/lib/bench/table.ts';
import { requireK6 } from '../../scripts/lib/stack/k6-binary.ts';
import { buildBundles } from '../helpers/k6.ts';

describe('bench (tiny)', () => {
  it('measures the trivial script and the suite on the same load and prints the ratio table', async () => {
    await buildBundles();
    const k6 = requireK6();
    const bench = await runBench({
      k6,
      vus: 10,
      durationS: 6,
      variants: false,
      thinkS: { min: 0.2, max: 0.5 },
      log: () => {},
    });
    assert.deepEqual(
      bench.rows.map((row) => row.id),
      ['trivial', 'suite'],
    );
    for (const row of bench.rows) {
      assert.equal(row.exitCode, 0, `${row.id} exited ${row.exitCode}`);
      assert.ok(row.peakRssMb !== undefined && row.peakRssMb > 0, `${row.id}: no peak RSS`);
      assert.ok(row.cpuS !== undefined && row.cpuS > 0, `${row.id}: no CPU time`);
      // Every VU logs in and makes at least one protected call.
      assert.ok(row.requests !== undefined && row.requests >= 20, `${row.id}: ${row.requests} requests`);
    }
    const markdown = benchMarkdown({ id: 'spec', k6Version: k6.version, bench });
    const tableLines = markdown.split('\n').filter((line) => line.startsWith('|'));
    assert.deepEqual(tableCells(tableLines[0]), [...TABLE_HEADER]);
    assert.equal(tableLines.length, 2 + bench.rows.length);
    const suite = tableCells(tableLines[3]);
    assert.equal(suite[0], 'suite (ultimate-10000)');
    assert.match(suite[6], /^\d+\.\d\dx$/, 'the suite row has an RSS ratio');
    assert.match(suite[7], /^\d+\.\d\dx$/, 'the suite row has a CPU ratio');
  });

  it('loads every part of a load VU in its own init probe, each exiting 0, and tables them', async () => {
    await buildBundles();
    const result = await runInitProbes({ k6: requireK6(), vus: 5, runs: 1, log: () => {} });
    assert.deepEqual(
      result.rows.map((row) => row.id),
      INIT_PROBES.map((probe) => probe.id),
    );
    for (const row of result.rows) assert.ok(row.peakRssMb > 0 && row.cpuS >= 0, `${row.id} was measured`);
    const table = initProbesMarkdown(result)
      .join('\n')
      .split('\n')
      .filter((line) => line.startsWith('| load-part'));
    assert.equal(table.length, 1, 'the load part has its row');
  });
});
