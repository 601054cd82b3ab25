// Settings of the embedded service during plan runs (npm start, failover, soak).
//
// Login cost: the service defaults to SCRYPT_COST=14, which on a 2-core machine that also runs k6 gives
// about 30 logins/s, while the plan starts 50-100 users/s, each logging in. Plan runs use 12 (measured
// 130-140 logins/s there) unless SCRYPT_COST is set, and the report records the value used.
export const PLAN_SCRYPT_COST = '12';

export function planServiceEnv(): Record<string, string> {
  return { SCRYPT_COST: process.env.SCRYPT_COST ?? PLAN_SCRYPT_COST };
}
