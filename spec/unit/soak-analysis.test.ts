import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlan } from '../../lib/plan.ts';
import {
  heapFloorSlopes,
  percentile,
  rssSlopes,
  slope,
  windows,
} from '../../scripts/lib/analysis/soak-analysis.ts';
import { MIN_MEMORY_TREND_S, soakVerdict } from '../../scripts/lib/soak.ts';

describe('soak arithmetic', () => {
  it('fits a least-squares slope', () => {
    assert.equal(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
      2,
    );
    assert.equal(slope([{ x: 1, y: 7 }]), 0);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(values, 95), 95);
    assert.equal(percentile(values, 50), 50);
    assert.ok(Number.isNaN(percentile([], 95)));
  });

  it('measures RSS growth per worker in MB per minute after warm-up only', () => {
    const samples = [0, 1, 2, 3].flatMap((minute) => [
      { t: minute * 60_000, worker: '1', rssMb: 100 + minute * 3, heapUsedMb: 0 },
      { t: minute * 60_000, worker: '2', rssMb: minute === 0 ? 10 : 80, heapUsedMb: 0 },
    ]);
    const slopes = rssSlopes(samples, 60_000);
    assert.equal(slopes['1'], 3);
    assert.equal(slopes['2'], 0);
  });

  // heapUsed saw-tooths: it climbs with allocation and drops at each collection, every 10 s here.
  const sawtooth = (floorAt: (t: number) => number) =>
    Array.from({ length: 240 }, (_, i) => {
      const t = i * 1000;
      return { t, worker: '1', rssMb: 100, heapUsedMb: floorAt(t) + (i % 10) * 1.5 };
    });

  it('reads a steady saw-tooth heap as no growth', () => {
    const slopes = heapFloorSlopes(
      sawtooth(() => 20),
      0,
      20_000,
    );
    assert.ok(Math.abs(slopes['1']) < 1e-9, `slope ${slopes['1']}`);
  });

  it('finds a leak as growth of the heap floor', () => {
    const leaking = sawtooth((t) => 20 + (t / 60_000) * 2); // retains 2 MB more every minute
    const slopes = heapFloorSlopes(leaking, 0, 20_000);
    assert.ok(Math.abs(slopes['1'] - 2) < 0.1, `slope ${slopes['1']}`);
  });

  it('splits requests into windows with their failure rate and p95', () => {
    const requests = Array.from({ length: 40 }, (_, i) => ({
      timeMs: i * 500,
      durationMs: i,
      failed: i === 5,
    }));
    const stats = windows(requests, 0, 20_000, 10);
    assert.equal(stats.length, 2);
    assert.equal(stats[0].requests, 20);
    assert.equal(stats[0].failureRate, 1 / 20);
    assert.equal(stats[1].p95Ms, 38);
  });
});

describe('soak verdict', () => {
  const plan = parsePlan({
    tests: { 'sustained-5000': { target: {} } },
    soak: {
      target: {
        memory_slope_mb_per_min: '<= 1',
        p95_drift_pct: '<= 20',
        worst_minute_failure_rate: '< 0.01',
      },
    },
  });
  const options = { warmupS: 10, compareS: 20, windowS: 10, floorWindowS: 20 };
  const run = { startMs: 0, endMs: 100_000, rampS: 10 };
  const steady = (latency: (t: number) => number) =>
    Array.from({ length: 1000 }, (_, i) => ({
      timeMs: i * 100,
      durationMs: latency(i * 100),
      failed: false,
    }));
  const flatMemory = [20, 40, 60, 80, 100].map((s) => ({
    t: s * 1000,
    worker: '1',
    rssMb: 90,
    heapUsedMb: 30,
  }));

  it('passes a stable run', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      steady(() => 10),
      flatMemory,
    );
    assert.equal(result.verdict, 'pass');
    assert.equal(result.p95DriftPct, 0);
  });

  it('fails when latency drifts up by more than the bound', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      steady((t) => (t > 70_000 ? 13 : 10)),
      flatMemory,
    );
    assert.equal(result.verdict, 'fail');
    assert.equal(Math.round(result.p95DriftPct), 30);
  });

  // Memory trends are only judged over at least MIN_MEMORY_TREND_S after warm-up.
  const longRun = { startMs: 0, endMs: 20_000 + (MIN_MEMORY_TREND_S + 40) * 1000, rampS: 10 };
  const longSteady = Array.from({ length: 4000 }, (_, i) => ({
    timeMs: i * 90,
    durationMs: 10,
    failed: false,
  }));
  const every20s = (count: number) => Array.from({ length: count }, (_, i) => 20_000 + i * 20_000);

  it('fails when the heap floor keeps growing', () => {
    const growing = every20s(17).map((t) => ({ t, worker: '1', rssMb: 90, heapUsedMb: 30 + t / 30_000 }));
    const result = soakVerdict(plan, options, longRun, longSteady, growing);
    const memory = result.criteria.find((c) => c.key === 'memory_slope_mb_per_min');
    assert.equal(memory?.pass, false);
    assert.ok(Math.abs((memory?.measured ?? 0) - 2) < 1e-9, `slope ${memory?.measured}`);
    assert.equal(result.verdict, 'fail');
  });

  it('passes a flat heap floor over a long enough soak', () => {
    const flat = every20s(17).map((t) => ({ t, worker: '1', rssMb: 90, heapUsedMb: 30 }));
    const result = soakVerdict(plan, options, longRun, longSteady, flat);
    assert.equal(result.criteria.find((c) => c.key === 'memory_slope_mb_per_min')?.pass, true);
  });

  it('reports but does not judge a memory trend over too short a window', () => {
    const growing = flatMemory.map((s) => ({ ...s, heapUsedMb: 30 + s.t / 10_000 }));
    const result = soakVerdict(
      plan,
      options,
      run,
      steady(() => 10),
      growing,
    );
    const memory = result.criteria.find((c) => c.key === 'memory_slope_mb_per_min');
    assert.equal(memory?.pass, null);
    assert.match(memory?.note ?? '', /too short/);
    assert.ok((memory?.measured ?? 0) > 1);
    assert.equal(result.verdict, 'pass');
  });

  it('fails when memory was never sampled rather than passing blind', () => {
    const result = soakVerdict(plan, options, longRun, longSteady, []);
    assert.equal(result.verdict, 'fail');
  });
});
