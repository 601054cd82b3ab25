// The soak's statistics against values computed by hand (the formulas are in the comments).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mannWhitneyGreater, normalCdf } from '../../scripts/lib/analysis/rank-test.ts';
import { slopeInterval, tQuantile95 } from '../../scripts/lib/soak/memory-trend.ts';

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

describe('one-sided Mann-Whitney U', () => {
  it('matches the normal cumulative distribution at known points', () => {
    close(normalCdf(0), 0.5, 1e-9);
    close(normalCdf(1.959964), 0.975, 1e-6);
    close(normalCdf(-1.644854), 0.05, 1e-6);
  });

  it('without ties: [1,2,3] then [4,5,6]', () => {
    // U = 9 (every pair rises); mean n1*n2/2 = 4.5; variance n1*n2*(n+1)/12 = 5.25;
    // z = (9 - 4.5 - 0.5) / sqrt(5.25) = 1.745743; p = 1 - Phi(z) = 0.040428 (exact: 1/20).
    const result = mannWhitneyGreater([1, 2, 3], [4, 5, 6]);
    assert.equal(result.u, 9);
    close(result.z, 1.745743, 1e-6);
    close(result.pValue, 0.040428, 1e-6);
  });

  it('with ties: [1,2,2,3] then [2,3,4,5]', () => {
    // Mid-ranks: 1 -> 1; 2,2,2 -> 3; 3,3 -> 5.5; 4 -> 7; 5 -> 8. Later rank sum 3 + 5.5 + 7 + 8 = 23.5,
    // U = 23.5 - 4*5/2 = 13.5. Tie term (27-3 + 8-2) / (8*7) = 30/56; variance 16/12 * (9 - 30/56) = 11.285714;
    // z = (13.5 - 8 - 0.5) / sqrt(11.285714) = 1.488351; p = 0.068329.
    const result = mannWhitneyGreater([1, 2, 2, 3], [2, 3, 4, 5]);
    assert.equal(result.u, 13.5);
    close(result.z, 1.488351, 1e-6);
    close(result.pValue, 0.068329, 1e-6);
  });

  it('a fall is not a rise, and equal sides give no evidence', () => {
    close(mannWhitneyGreater([4, 5, 6], [1, 2, 3]).pValue, 0.985452, 1e-6);
    assert.equal(mannWhitneyGreater([7, 7, 7], [7, 7, 7]).pValue, 1);
    assert.ok(Number.isNaN(mannWhitneyGreater([], [1]).pValue));
  });
});

describe('slope with its interval', () => {
  it("matches Student's t tables (one-sided 95%) from 4 degrees of freedom", () => {
    for (const [df, table] of [
      [4, 2.132],
      [5, 2.015],
      [10, 1.812],
      [30, 1.697],
    ]) {
      close(tQuantile95(df), table, 0.01);
    }
  });

  it('fits y = 2x with residuals 0.3 * [1,-1,0,0,-1,1]', () => {
    // The residuals sum to 0 and are orthogonal to x, so the slope is exactly 2. Residual sum of squares
    // 0.36, Sxx = 17.5, standard error sqrt(0.36 / 4 / 17.5) = 0.071714; half-width t(4) * se.
    const residuals = [1, -1, 0, 0, -1, 1];
    const fit = slopeInterval(residuals.map((e, x) => ({ x, y: 2 * x + 0.3 * e })));
    close(fit.slope, 2, 1e-12);
    close(fit.high - fit.slope, tQuantile95(4) * 0.071714, 1e-6);
    close(fit.slope - fit.low, fit.high - fit.slope, 1e-12);
  });

  it('gives no interval under six points', () => {
    const fit = slopeInterval([0, 1, 2, 3, 4].map((x) => ({ x, y: x })));
    assert.equal(fit.slope, 1);
    assert.ok(Number.isNaN(fit.low));
  });
});
