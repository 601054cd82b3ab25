// Settings of the embedded service during plan runs (npm start, failover, soak).
//
// Login cost: the service defaults to SCRYPT_COST=14, which on a 2-core machine that also runs k6 gives
// about 30 logins/s, while the plan starts 50-100 users/s, each logging in. Plan runs use 12 (measured
// 130-140 logins/s there) unless SCRYPT_COST is set, and the report records the value used.
//
// An injected defect (DEFECT with ALLOW_DEFECTS_FOR_TESTING=yes, optional DEFECT_SIZE; `npm run reliability
// -- --defect NAME` sets them) reaches the service as configured, STATE=redis. The STATE=memory runs are a
// defect of their own, and the service refuses DEFECT with STATE=memory, so there it is blanked (the service
// inherits this process's environment, so leaving it out would not be enough).
export const PLAN_SCRYPT_COST = '12';

export const DEFECT_SETTINGS = ['DEFECT', 'ALLOW_DEFECTS_FOR_TESTING', 'DEFECT_SIZE'] as const;

export function planServiceEnv(state: 'redis' | 'memory' = 'redis'): Record<string, string> {
  const env: Record<string, string> = { SCRYPT_COST: process.env.SCRYPT_COST ?? PLAN_SCRYPT_COST };
  for (const name of DEFECT_SETTINGS) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (state === 'memory' && env.DEFECT !== undefined) env.DEFECT = '';
  return env;
}

/** The defect the embedded service runs with in this process, if any (for the run's record). */
export function injectedDefect(): { name: string; size?: string } | undefined {
  const name = process.env.DEFECT?.trim();
  if (!name) return undefined;
  const size = process.env.DEFECT_SIZE?.trim();
  return size ? { name, size } : { name };
}
