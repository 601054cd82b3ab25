// Picks one of several actions in proportion to its weight. Pure TypeScript.

export type Weights<Name extends string> = Record<Name, number>;

/** `random` in [0, 1), e.g. Math.random(); weights need not sum to anything in particular. */
export function pickWeighted<Name extends string>(weights: Weights<Name>, random: number): Name {
  const entries = Object.entries(weights) as Array<[Name, number]>;
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random * total;
  for (const [name, weight] of entries) {
    if (point < weight) return name;
    point -= weight;
  }
  // Only reachable through floating-point rounding at random ≈ 1.
  return entries[entries.length - 1][0];
}
