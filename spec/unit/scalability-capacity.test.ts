// The scalability comparison (steady window, RPS per worker, efficiency) and the capacity search's rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CriterionResult } from '../../lib/criteria.ts';
import { brokenCriteria, capacityVerdict, nextUsers } from '../../scripts/lib/capacity/capacity-steps.ts';
import {
  type ScalabilityMeasurement,
  scalabilityRows,
  steadyMeasurement,
} from '../../scripts/lib/scalability/scalability-rows.ts';

describe('steadyMeasurement', () => {
  it('counts only requests between ramp end and run end', () => {
    // one request every 10 ms for 12 s; ramp 2 s, run 10 s: 800 in the steady window
    const requests = Array.from({ length: 1200 }, (_, i) => ({
      timeMs: 1000 + i * 10,
      durationMs: (i % 100) + 1,
      failed: i % 200 === 0,
    }));
    const m = steadyMeasurement(requests, { rampS: 2, runTimeS: 10 });
    assert.equal(m.requests, 800);
    assert.equal(m.steadyS, 8);
    assert.equal(m.throughputRps, 100);
    assert.equal(m.failures, 4);
    assert.equal(m.failureRate, 4 / 800);
    assert.equal(m.p95Ms, 95);
  });
});

describe('scalabilityRows', () => {
  const m = (workers: number, state: 'redis' | 'memory', rps: number): ScalabilityMeasurement => ({
    label: `${workers}w-${state}`,
    workers,
    state,
    requests: rps * 10,
    steadyS: 10,
    throughputRps: rps,
    p95Ms: 5,
    failures: 0,
    failureRate: 0,
  });

  it('scores scaling against the single Redis-backed worker: 1.0 is linear', () => {
    const rows = scalabilityRows([
      m(1, 'redis', 100),
      m(2, 'redis', 180),
      m(4, 'redis', 300),
      m(4, 'memory', 400),
    ]);
    assert.deepEqual(
      rows.map((row) => [row.label, row.rpsPerWorker, row.efficiency]),
      [
        ['1w-redis', 100, 1],
        ['2w-redis', 90, 0.9],
        ['4w-redis', 75, 0.75],
        ['4w-memory', 100, 1],
      ],
    );
  });

  it('has no efficiency without a single-worker run', () => {
    assert.equal(scalabilityRows([m(2, 'redis', 180)])[0].efficiency, undefined);
  });
});

describe('capacity search', () => {
  it('raises users by the factor, at least by one', () => {
    assert.equal(nextUsers(100, 1.5), 150);
    assert.equal(nextUsers(1, 1.2), 2);
  });

  const criterion = (
    key: string,
    level: 'target' | 'stretch',
    pass: boolean | undefined,
    measured?: number,
  ) =>
    ({
      key,
      label: key,
      level,
      gating: level === 'target',
      planned: { op: '<', value: 1 },
      bound: { op: '<', value: 1 },
      unit: 'ms',
      metric: 'm',
      stat: 'p(95)',
      measured,
      pass,
    }) as CriterionResult;

  it('counts a target missed or not measured as broken, never a stretch goal', () => {
    const broken = brokenCriteria([
      criterion('p95_ms', 'target', false, 600),
      criterion('p99_ms', 'target', undefined),
      criterion('p50_ms', 'stretch', false, 70),
      criterion('failure_rate', 'target', true, 0),
    ]);
    assert.deepEqual(
      broken.map((b) => [b.key, b.measured]),
      [
        ['p95_ms', 600],
        ['p99_ms', null],
      ],
    );
  });

  it('reports the first step that broke and the last that held before it', () => {
    const step = (users: number, broken: boolean) => ({
      users,
      steadyRps: users / 2,
      p95Ms: 10,
      failureRate: 0,
      k6ExitCode: broken ? 99 : 0,
      broken: broken
        ? [{ key: 'p95_ms', label: 'Latency p95', measured: 600, unit: 'ms', bound: '< 500 ms' }]
        : [],
      folder: `capacity/step-${users}`,
    });
    assert.deepEqual(capacityVerdict([step(100, false), step(150, false), step(225, true)]), {
      breakingPoint: { users: 225, steadyRps: 112.5, criteria: ['Latency p95'] },
      lastGood: { users: 150, steadyRps: 75 },
    });
    assert.deepEqual(capacityVerdict([step(100, false)]), {
      breakingPoint: null,
      lastGood: { users: 100, steadyRps: 50 },
    });
  });
});
