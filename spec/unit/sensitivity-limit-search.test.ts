// The detection-limit search: bisection between "no defect" and the matrix's size, a goal size run first,
// bounded runs, and what it found.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findings,
  type LimitStep,
  nextSize,
  type SearchBounds,
} from '../../scripts/lib/sensitivity/limit-search.ts';

/** Runs the search against a defect that is caught from `threshold` up; returns the sizes run. */
function search(bounds: SearchBounds, threshold: number, seed: LimitStep[] = []): LimitStep[] {
  const steps = [...seed];
  for (let size = nextSize(bounds, steps); size !== undefined; size = nextSize(bounds, steps)) {
    const result = size >= threshold ? 'CAUGHT' : 'MISSED';
    steps.push({
      size,
      result,
      measured: size,
      gate: result === 'CAUGHT' ? 'exit 99' : 'exit 0',
      exitCode: 0,
    });
  }
  return steps;
}

const late: SearchBounds = { low: 0, high: 200, resolution: 1, maxRuns: 5, goal: 50 };

describe('detection-limit search', () => {
  it('runs the goal first, then halves towards the limit, within its runs', () => {
    const steps = search(late, 20);
    assert.deepEqual(
      steps.map((s) => s.size),
      [50, 25, 13, 19, 22],
    );
    assert.deepEqual(findings(steps), { smallestCaught: 22, largestMissed: 19 });
  });

  it('goes above a missed goal, starting from the matrix size', () => {
    const steps = search(late, 120);
    assert.deepEqual(
      steps.map((s) => s.size),
      [50, 200, 125, 88, 107],
    );
    assert.deepEqual(findings(steps), { smallestCaught: 125, largestMissed: 107 });
  });

  it('reuses the matrix run as its first step and stops at the resolution', () => {
    const seed: LimitStep[] = [{ size: 5, result: 'CAUGHT', measured: 1, gate: 'exit 99', exitCode: 99 }];
    const steps = search({ low: 0, high: 5, resolution: 1, maxRuns: 5 }, 2, seed);
    assert.deepEqual(
      steps.map((s) => s.size),
      [5, 3, 2, 1],
    );
    assert.deepEqual(findings(steps), { smallestCaught: 2, largestMissed: 1 });
    assert.deepEqual(
      search({ low: 0, high: 5, resolution: 1, maxRuns: 5 }, 3, seed).map((s) => s.size),
      [5, 3, 2],
    );
  });

  it('stops when even the largest size is missed, and says nothing was caught', () => {
    const steps = search({ low: 0, high: 5, resolution: 1, maxRuns: 5 }, 6);
    assert.deepEqual(
      steps.map((s) => s.size),
      [5],
    );
    assert.deepEqual(findings(steps), { smallestCaught: null, largestMissed: 5 });
  });

  it('halves fractional units down to their resolution', () => {
    const steps = search({ low: 0, high: 5, resolution: 0.25, maxRuns: 5 }, 1.1);
    assert.deepEqual(
      steps.map((s) => s.size),
      [5, 2.5, 1.25, 0.75, 1],
    );
    assert.deepEqual(findings(steps), { smallestCaught: 1.25, largestMissed: 1 });
  });
});
