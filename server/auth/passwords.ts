// Password checking with scrypt (node:crypto, async so it runs on the libuv thread pool, not the event loop).
//
// All test users share one password, so the service keeps ONE salted scrypt verifier of it instead of
// 10,000 per-user hashes: hashing every user at start would take minutes, and the per-login cost, which
// is what a load test measures, is exactly the same (one scrypt of the candidate per attempt).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8; // r
const PARALLELISM = 1; // p

export interface PasswordVerifier {
  matches(candidate: string): Promise<boolean>;
}

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  const N = 2 ** cost;
  // scrypt needs 128·N·r bytes; the default maxmem (32 MiB) would refuse costs above 14.
  const maxmem = 256 * N * BLOCK_SIZE;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r: BLOCK_SIZE, p: PARALLELISM, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes the shared password once (one scrypt at start-up) and checks candidates against it. */
export async function createPasswordVerifier(password: string, cost: number): Promise<PasswordVerifier> {
  const salt = randomBytes(16);
  const expected = await derive(password, salt, cost);
  return {
    async matches(candidate) {
      const actual = await derive(candidate, salt, cost);
      return timingSafeEqual(actual, expected);
    },
  };
}
