// Injected defects in the shared-state path (see setting.ts). Each wraps the healthy implementation and
// breaks exactly one property the suite is meant to guard.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { LoginLimiter, LoginLimits } from '../state/login-limiter.ts';
import { createMemoryLoginLimiter } from '../state/memory-login-limiter.ts';
import { type RevocationStore, revocationKey } from '../state/revocation-store.ts';
import { StoreUnavailableError } from '../state/store-unavailable.ts';
import { everyLoginLimited, tooStrictLoginLimiter } from './login-limits.ts';
import { cacheNotRevoked } from './revocation-cache.ts';
import type { InjectedDefect } from './setting.ts';

/** revocation-short-ttl: far shorter than any token the reference service issues (TOKEN_TTL_S, 900 s). */
const SHORT_TTL_S = 30;

export interface DefectableState {
  revocations: RevocationStore;
  loginLimiter: LoginLimiter;
  close(): Promise<void>;
}

export interface StateDefectContext {
  redis: Redis;
  prefix: string;
  limits: LoginLimits;
}

/** A revoke() that stores the entry without expiry, or with `expiryS`, instead of the token's own expiry. */
function wrongExpiryRevoke(
  context: StateDefectContext,
  expiryS: number | undefined,
): RevocationStore['revoke'] {
  return async (iss, jti) => {
    const key = revocationKey(context.prefix, iss, jti);
    let reply: string | null;
    try {
      reply =
        expiryS === undefined
          ? await context.redis.set(key, '1', 'NX')
          : await context.redis.set(key, '1', 'EX', expiryS, 'NX');
    } catch (error) {
      throw new StoreUnavailableError('revocation write', error);
    }
    return reply === 'OK' ? 'revoked' : 'already-revoked';
  };
}

/**
 * Returns `state` with `defect` applied; defects outside the state path leave it unchanged. Sizes
 * (DEFECT_SIZE): slow-redis ms per call, early-logout-ack ms of lag, revocation-cache seconds remembered.
 */
export function injectStateDefect<T extends DefectableState>(
  defect: InjectedDefect | undefined,
  state: T,
  context: StateDefectContext,
): T {
  const { revocations, loginLimiter } = state;
  const size = defect?.size ?? 0;
  switch (defect?.name) {
    case 'per-worker-login-limiter': {
      // The limiter forgot to move to Redis: each worker counts only the attempts it happens to see.
      const local = createMemoryLoginLimiter(context.limits);
      return {
        ...state,
        loginLimiter: local,
        async close() {
          local.close();
          await state.close();
        },
      };
    }
    case 'fail-open':
      return {
        ...state,
        revocations: {
          ...revocations,
          async isRevoked(iss, jti) {
            try {
              return await revocations.isRevoked(iss, jti);
            } catch (error) {
              if (error instanceof StoreUnavailableError) return false; // "cannot check" taken as "not revoked"
              throw error;
            }
          },
        },
      };
    case 'revocation-without-ttl':
      return { ...state, revocations: { ...revocations, revoke: wrongExpiryRevoke(context, undefined) } };
    case 'revocation-short-ttl':
      // Expires long before the token does: the token is accepted again for the rest of its life.
      return {
        ...state,
        revocations: { ...revocations, revoke: wrongExpiryRevoke(context, SHORT_TTL_S) },
      };
    case 'slow-redis':
      // Added to every store round trip: a cross-zone Redis, or one starved of CPU.
      return {
        ...state,
        revocations: {
          isRevoked: async (iss, jti) => {
            await sleep(size);
            return revocations.isRevoked(iss, jti);
          },
          revoke: async (iss, jti, exp) => {
            await sleep(size);
            return revocations.revoke(iss, jti, exp);
          },
        },
        loginLimiter: {
          attempt: async (account, ip) => {
            await sleep(size);
            return loginLimiter.attempt(account, ip);
          },
        },
      };
    case 'early-logout-ack':
      return {
        ...state,
        revocations: {
          ...revocations,
          async revoke(iss, jti, exp) {
            // Answer now, write later: a client that uses the token in the meantime is let in.
            setTimeout(() => revocations.revoke(iss, jti, exp).catch(() => {}), size);
            return 'revoked';
          },
        },
      };
    case 'revocation-cache': {
      const cached = cacheNotRevoked(revocations, size);
      return {
        ...state,
        revocations: cached,
        async close() {
          cached.close();
          await state.close();
        },
      };
    }
    case 'login-limit-too-strict':
      return { ...state, loginLimiter: tooStrictLoginLimiter(context.redis, context.limits, loginLimiter) };
    case 'every-login-limited':
      return { ...state, loginLimiter: everyLoginLimited };
    default:
      return state;
  }
}
