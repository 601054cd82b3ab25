// When a user logs out: on a schedule, not by chance. A random draw per iteration can leave a short run
// with no logout at all (a 30 s run of 50 users at 0.05 does, about one run in six, for the probing users),
// and then the revocation criteria have nothing to judge. On a schedule the number of logouts is known from
// the profile alone (lib/sample-floor.ts), and the first user logs out in its first iteration, so every run
// makes a revocation, checks it and, where the probe runs, looks it up in Redis. Pure TypeScript.

/** Iterations between one user's logouts: a chance of 0.05 becomes every 20th iteration; 0, never. */
export function logoutPeriod(probability: number): number | undefined {
  return probability > 0 ? Math.max(1, Math.round(1 / probability)) : undefined;
}

/**
 * Whether user `vuId` (1-based) logs out in its `iteration` (0-based). User 1, and every period-th user
 * after it, does so in its first iteration; the others are spread evenly over the period, so the
 * population's logout rate is the same in every stretch of the run.
 */
export function logsOutAt(iteration: number, vuId: number, period: number | undefined): boolean {
  if (period === undefined) return false;
  return (iteration + vuId - 1) % period === 0;
}

/** The first iteration in which user `vuId` logs out. */
export function firstLogoutIteration(vuId: number, period: number): number {
  return (period - ((vuId - 1) % period)) % period;
}
