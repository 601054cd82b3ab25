// The login's design cost: one scrypt of the candidate password with the service's parameters
// (server/auth/passwords.ts), timed in this process with nothing else queued on the thread pool.
import { randomBytes, scrypt } from 'node:crypto';

// Must match server/auth/passwords.ts.
const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function deriveOnce(cost: number, salt: Buffer): Promise<number> {
  const N = 2 ** cost;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    scrypt(
      'bench-candidate',
      salt,
      KEY_LENGTH,
      { N, r: BLOCK_SIZE, p: PARALLELISM, maxmem: 256 * N * BLOCK_SIZE },
      (error) => (error ? reject(error) : resolve(performance.now() - started)),
    );
  });
}

/** Median of `samples` sequential scrypt derivations at 2^cost, in ms. */
export async function scryptFloorMs(cost: number, samples = 7): Promise<number> {
  const salt = randomBytes(16);
  await deriveOnce(cost, salt); // warm-up: first call allocates
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await deriveOnce(cost, salt));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
