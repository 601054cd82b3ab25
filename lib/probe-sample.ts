// Which virtual users check their logouts in Redis. Pure TypeScript.

/**
 * Whether virtual user `vuId` (1-based) probes. Picks every (1/sample)-th user, starting with user 1,
 * so even a one-user run probes and a sample of 0.1 is exactly one user in ten. Sampling users rather
 * than logouts bounds the number of Redis connections the probe opens to sample x users.
 */
export function vuInSample(vuId: number, sample: number): boolean {
  return Math.floor((vuId - 1) * sample) !== Math.floor((vuId - 2) * sample);
}
