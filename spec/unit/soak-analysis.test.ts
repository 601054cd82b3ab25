import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile } from '../../lib/order-statistics.ts';
import { parsePlan } from '../../lib/plan.ts';
import { MIN_MEMORY_TREND_S, soakVerdict } from '../../scripts/lib/soak/run-soak.ts';
import { heapFloorSlopes, rssSlopes, slope, windows } from '../../scripts/lib/soak/soak-analysis.ts';

type Verdict = ReturnType<typeof soakVerdict>;
const criterion = (result: Verdict, key: string) => {
  const found = result.criteria.find((c) => c.key === key);
  assert.ok(found, key);
  return found;
};

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
  // Steady part 20-200 s: 18 blocks of 10 s, 8 compared at each end; 12 memory windows of 15 s.
  const options = { warmupS: 10, compareS: 80, blockS: 10, windowS: 10, floorWindowS: 15 };
  const run = { startMs: 0, endMs: 200_000, rampS: 10 };
  /** Ten requests per second; `latency` of the request's 10 s block. */
  const requests = (latency: (block: number) => number, failed = (_t: number) => false) =>
    Array.from({ length: 2000 }, (_, i) => ({
      timeMs: i * 100,
      durationMs: latency(Math.floor((i * 100) / 10_000)),
      failed: failed(i * 100),
    }));
  /** One sample per second per worker; live heap from `live(t)`, a saw-tooth heapUsed around it. */
  const memory = (live: (t: number) => number | undefined, workers = ['1', '2']) =>
    Array.from({ length: 200 }, (_, i) => i * 1000).flatMap((t) =>
      workers.map((worker) => {
        const liveHeapMb = live(t);
        return {
          t,
          worker,
          rssMb: 90,
          heapUsedMb: 20 + (t / 60_000) * 1.8 + (t % 10_000) / 2000,
          ...(liveHeapMb === undefined ? {} : { liveHeapMb }),
        };
      }),
    );
  // Live heap, flat, with a measurement wobble of +-0.2 MB.
  const flat = (t: number) => 20 + 0.2 * Math.sin(t / 7000);
  const healthy = () =>
    soakVerdict(
      plan,
      options,
      run,
      requests(() => 10),
      memory(flat),
    );

  it('passes a stable run, every criterion measured', () => {
    const result = healthy();
    assert.equal(result.verdict, 'pass');
    for (const c of result.criteria) assert.equal(c.outcome, 'pass', `${c.key}: ${c.note}`);
    assert.equal(result.p95DriftPct, 0);
    assert.equal(result.p95Blocks.first.length, 8);
    assert.equal(result.p95Blocks.last.length, 8);
  });

  it('fails a rise of the block p95s that is both significant and beyond the bound', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      requests((block) => (block >= 10 ? 13 : 10)),
      memory(flat),
    );
    const drift = criterion(result, 'p95_drift_pct');
    assert.equal(drift.outcome, 'fail');
    assert.equal(Math.round(drift.measured ?? 0), 30);
    assert.ok(result.p95Blocks.pValue < 0.001, `p ${result.p95Blocks.pValue}`);
    assert.equal(result.verdict, 'fail');
  });

  it('passes a rise beyond the bound that the blocks do not support (noise), and says so', () => {
    // First side 10,20,10,20...: median 15; last side 20 in five blocks of eight: median 20 (+33%).
    const noisy = (block: number) => {
      if (block < 10) return block % 2 === 0 ? 10 : 20;
      return [10, 20, 20, 10, 20, 10, 20, 20][block - 10];
    };
    const result = soakVerdict(plan, options, run, requests(noisy), memory(flat));
    const drift = criterion(result, 'p95_drift_pct');
    assert.ok((drift.measured ?? 0) > 20, `rise ${drift.measured}`);
    assert.ok(result.p95Blocks.pValue >= 0.05, `p ${result.p95Blocks.pValue}`);
    assert.equal(drift.outcome, 'pass');
    assert.match(drift.note ?? '', /not significant/);
  });

  it('passes a significant rise within the bound', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      requests((block) => (block >= 10 ? 11 : 10)),
      memory(flat),
    );
    assert.ok(result.p95Blocks.pValue < 0.05);
    assert.equal(criterion(result, 'p95_drift_pct').outcome, 'pass');
  });

  it('does not measure drift with fewer blocks than needed on a side, and fails the verdict', () => {
    const result = soakVerdict(
      plan,
      { ...options, compareS: 70 },
      run,
      requests(() => 10),
      memory(flat),
    );
    const drift = criterion(result, 'p95_drift_pct');
    assert.equal(drift.outcome, 'not-measured');
    assert.equal(drift.pass, null);
    assert.match(drift.reason ?? '', /7 and 7 blocks of 10 s.*needs 8/);
    assert.equal(result.verdict, 'fail');
  });

  it('fails a live heap that grows 2 MB/min', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      requests(() => 10),
      memory((t) => flat(t) + (t / 60_000) * 2),
    );
    const trend = criterion(result, 'memory_slope_mb_per_min');
    assert.equal(trend.outcome, 'fail');
    assert.ok(Math.abs((trend.measured ?? 0) - 2) < 0.1, `slope ${trend.measured}`);
    assert.ok(result.memoryTrend['1'].low > 1);
  });

  it('passes a flat live heap although the heap floor climbs (garbage awaiting a major GC)', () => {
    const trend = criterion(healthy(), 'memory_slope_mb_per_min');
    assert.equal(trend.outcome, 'pass');
    assert.equal(healthy().memoryTrend['1'].source, 'live heap');
    assert.ok(healthy().memoryTrend['1'].high <= 1);
  });

  it('does not measure a live-heap trend whose interval straddles the bound', () => {
    // 1 MB/min with a +-3 MB wobble: the slope's interval reaches both sides of the bound.
    const wobbly = (t: number) => 20 + t / 60_000 + 3 * Math.sin(t / 9000);
    const result = soakVerdict(
      plan,
      options,
      run,
      requests(() => 10),
      memory(wobbly),
    );
    const trend = criterion(result, 'memory_slope_mb_per_min');
    assert.equal(trend.outcome, 'not-measured');
    assert.match(trend.reason ?? '', /straddles the bound/);
    assert.equal(result.verdict, 'fail');
  });

  it('does not judge heap floors over a short soak (no live heap): not measured, never a pass', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      requests(() => 10),
      memory(() => undefined),
    );
    const trend = criterion(result, 'memory_slope_mb_per_min');
    assert.equal(trend.outcome, 'not-measured');
    assert.match(trend.reason ?? '', /too short for a heap-floor trend/);
    assert.ok((trend.measured ?? 0) > 1);
    assert.equal(result.verdict, 'fail');
  });

  it('judges heap floors over a long enough soak', () => {
    const longRun = { startMs: 0, endMs: 20_000 + (MIN_MEMORY_TREND_S + 40) * 1000, rampS: 10 };
    const everySecond = Array.from({ length: longRun.endMs / 1000 }, (_, i) => i * 1000);
    const growing = everySecond.map((t) => ({ t, worker: '1', rssMb: 90, heapUsedMb: 30 + t / 30_000 }));
    const long = Array.from({ length: longRun.endMs / 100 }, (_, i) => ({
      timeMs: i * 100,
      durationMs: 10,
      failed: false,
    }));
    const result = soakVerdict(plan, options, longRun, long, growing);
    const trend = criterion(result, 'memory_slope_mb_per_min');
    assert.equal(trend.outcome, 'fail');
    assert.ok(Math.abs((trend.measured ?? 0) - 2) < 1e-6, `slope ${trend.measured}`);
  });

  it('does not measure memory that was never sampled rather than passing blind', () => {
    const result = soakVerdict(
      plan,
      options,
      run,
      requests(() => 10),
      [],
    );
    assert.equal(criterion(result, 'memory_slope_mb_per_min').outcome, 'not-measured');
    assert.equal(result.verdict, 'fail');
  });

  it('fails a window with 1% failures and does not measure a window without requests', () => {
    const failing = soakVerdict(
      plan,
      options,
      run,
      requests(
        () => 10,
        (t) => t >= 50_000 && t < 50_100,
      ),
      memory(flat),
    );
    assert.equal(criterion(failing, 'worst_minute_failure_rate').outcome, 'fail');
    const stalled = requests(() => 10).filter((r) => r.timeMs < 100_000 || r.timeMs >= 110_000);
    const result = soakVerdict(plan, options, run, stalled, memory(flat));
    const windowsCriterion = criterion(result, 'worst_minute_failure_rate');
    assert.equal(windowsCriterion.outcome, 'not-measured');
    assert.match(windowsCriterion.reason ?? '', /1 of 19 windows of 10 s saw no request/);
  });
});
