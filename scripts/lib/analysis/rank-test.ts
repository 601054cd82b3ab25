// One-sided Mann-Whitney U test (Wilcoxon rank-sum): do the values of `later` tend to be larger than those
// of `earlier`? Normal approximation with tie correction and continuity correction, which is accurate
// enough from about 8 values per side (the soak guarantees that many blocks). Pure arithmetic.

export interface RankTestResult {
  /** U of `later`: the number of (earlier, later) pairs where later is larger, ties counting one half. */
  u: number;
  z: number;
  /** P(U >= u) if both sides came from one distribution; small means `later` is significantly larger. */
  pValue: number;
}

/** Standard normal cumulative distribution; erf by Abramowitz & Stegun 7.1.26 (error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Mid-ranks (1-based) of `values`, ties sharing the mean of their ranks, and the tie sizes. */
function midRanks(values: number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i].index] = rank;
    if (end > start) ties.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, ties };
}

export function mannWhitneyGreater(earlier: number[], later: number[]): RankTestResult {
  const n1 = earlier.length;
  const n2 = later.length;
  if (n1 === 0 || n2 === 0) return { u: Number.NaN, z: Number.NaN, pValue: Number.NaN };
  const { ranks, ties } = midRanks([...earlier, ...later]);
  const rankSumLater = ranks.slice(n1).reduce((sum, rank) => sum + rank, 0);
  const u = rankSumLater - (n2 * (n2 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const tieTerm = ties.reduce((sum, t) => sum + (t ** 3 - t), 0) / (n * (n - 1));
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm);
  if (variance <= 0) return { u, z: 0, pValue: 1 }; // every value equal: no evidence of a rise
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { u, z, pValue: 1 - normalCdf(z) };
}
