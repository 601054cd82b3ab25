import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { compareRuns, parseTolerance } from '../../scripts/lib/compare/compare-runs.ts';
import { formatComparison } from '../../scripts/lib/compare/format-comparison.ts';
import { fixturesDir } from '../report/summary-fixture.ts';

const stress: RunRecord = JSON.parse(
  readFileSync(join(fixturesDir, 'plan-run', '2026-11-26T16-33-48Z', 'stress-5000', 'summary.json'), 'utf8'),
);

/** A copy of the recorded stress-5000 record with some k6 values multiplied. */
function scaled(changes: { metric: string; stat: string; factor: number }[]): RunRecord {
  const copy: RunRecord = structuredClone(stress);
  for (const { metric, stat, factor } of changes) {
    const values = copy.metrics[metric];
    assert.ok(values?.[stat] !== undefined, `fixture has ${metric} ${stat}`);
    values[stat] *= factor;
  }
  return copy;
}

const one = (record: RunRecord) => new Map([['stress-5000', record]]);

describe('regression gate (compareRuns)', () => {
  it('finds no regression in a run compared with itself', () => {
    const comparison = compareRuns(one(stress), one(stress));
    assert.equal(comparison.tiers.length, 1);
    assert.deepEqual(comparison.regressions, []);
  });

  it('flags p95 and p99 that rose by more than the tolerance, with the relative change', () => {
    const slower = scaled([
      { metric: 'http_req_duration', stat: 'p(95)', factor: 1.2 },
      { metric: 'http_req_duration', stat: 'p(99)', factor: 1.15 },
    ]);
    const comparison = compareRuns(one(stress), one(slower), 0.1);
    assert.deepEqual(
      comparison.regressions.map((r) => [r.tier, r.measure, Number(r.change.toFixed(3))]),
      [
        ['stress-5000', 'p95Ms', 0.2],
        ['stress-5000', 'p99Ms', 0.15],
      ],
    );
  });

  it('accepts changes within the tolerance and improvements of any size', () => {
    const within = scaled([
      { metric: 'http_req_duration', stat: 'p(95)', factor: 1.09 },
      { metric: 'steady_requests', stat: 'count', factor: 0.91 },
    ]);
    assert.deepEqual(compareRuns(one(stress), one(within), 0.1).regressions, []);
    const better = scaled([
      { metric: 'http_req_duration', stat: 'p(99)', factor: 0.5 },
      { metric: 'steady_requests', stat: 'count', factor: 2 },
    ]);
    assert.deepEqual(compareRuns(one(stress), one(better), 0.1).regressions, []);
  });

  it('flags steady throughput that fell by more than the tolerance, and honours a wider tolerance', () => {
    const fewer = scaled([{ metric: 'steady_requests', stat: 'count', factor: 0.8 }]);
    assert.deepEqual(
      compareRuns(one(stress), one(fewer), 0.1).regressions.map((r) => r.measure),
      ['steadyRps'],
    );
    assert.deepEqual(compareRuns(one(stress), one(fewer), 0.25).regressions, []);
  });

  it('lists tiers present in one run only without judging them, and notes numbers it cannot compare', () => {
    const noP99: RunRecord = structuredClone(stress);
    delete noP99.metrics.http_req_duration?.['p(99)'];
    const comparison = compareRuns(
      new Map([
        ['stress-5000', stress],
        ['baseline-1000', stress],
      ]),
      new Map([
        ['stress-5000', noP99],
        ['smoke', stress],
      ]),
    );
    assert.deepEqual(comparison.onlyInBaseline, ['baseline-1000']);
    assert.deepEqual(comparison.onlyInCurrent, ['smoke']);
    assert.deepEqual(comparison.regressions, []);
    assert.match(
      comparison.tiers[0]?.notes.join('\n') ?? '',
      /p99 not compared: not measured in the current run/,
    );
  });

  it('prints both runs side by side and names each regression', () => {
    const slower = scaled([{ metric: 'http_req_duration', stat: 'p(95)', factor: 1.2 }]);
    const text = formatComparison(compareRuns(one(stress), one(slower)), 'base', 'cur');
    assert.match(text, /p95\s+29 ms\s+34\.8 ms\s+\+20%\s+REGRESSION/);
    assert.match(text, /p99\s+71\.6 ms\s+71\.6 ms\s+\+0%\s+ok/);
    assert.match(text, /stress-5000: p95 29 -> 34\.8 \(\+20%\)/);
  });
});

describe('regression gate tolerance', () => {
  it('defaults to 10%, takes the flag over the environment, and rejects what is not a fraction', () => {
    assert.equal(parseTolerance(undefined, undefined), 0.1);
    assert.equal(parseTolerance(undefined, ''), 0.1);
    assert.equal(parseTolerance(undefined, '0.05'), 0.05);
    assert.equal(parseTolerance('0.2', '0.05'), 0.2);
    assert.equal(parseTolerance('0', undefined), 0);
    for (const bad of ['abc', '-0.1', '', 'NaN', '10']) {
      assert.throws(() => parseTolerance(bad, undefined), /--tolerance must be a fraction/);
    }
    assert.throws(() => parseTolerance(undefined, '15%'), /COMPARE_TOLERANCE/);
  });
});
