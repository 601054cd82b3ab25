// After a logout, look in Redis directly: the HTTP checks prove the service refuses the token, this
// proves the refusal comes from the shared denylist (key present, expiring no later than the token).
// Off unless REDIS_URL is set; on for a sample of users (PROBE_SAMPLE) so at 10,000 users the probe
// opens hundreds of Redis connections, not thousands.
import exec from 'k6/execution';
import { revocationClaims } from './jwt.ts';
import { blacklistSynced, redisProbeDuration } from './metrics.ts';
import { type RedisClient, redisClientFor } from './redis-client.ts';
import { revocationKey, ttlIsSane, vuInSample } from './revocation-key.ts';
import { config } from './run-config.ts';

let client: RedisClient | undefined;
let warnedAboutClaims = false;

export function probeEnabled(): boolean {
  return config.redisUrl !== undefined;
}

/** Whether this VU probes its logouts; `everyUser` for the small functional tests (smoke, state-sync). */
export function probesThisUser(everyUser = false): boolean {
  return probeEnabled() && (everyUser || vuInSample(exec.vu.idInTest, config.probeSample));
}

/**
 * Date.now() is the finest clock a k6 script has (k6 v1.8 and v2.2 define no `performance`), so probe
 * latency has 1 ms resolution: a p95 of 0 means under a millisecond.
 */
async function timed<T>(command: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await command();
  redisProbeDuration.add(Date.now() - started);
  return result;
}

/**
 * The client, connected: the connection opens on the first command, and its dial and handshake are
 * not what redis_probe_duration is about (the plan's probe target is command latency).
 */
async function connectedClient(): Promise<RedisClient | undefined> {
  if (client === undefined) {
    client = redisClientFor(config);
    await client?.sendCommand('PING');
  }
  return client;
}

/** Checks the revocation of `token` (whose logout just succeeded) in Redis; records blacklist_synced. */
export async function probeRevocation(token: string): Promise<void> {
  if (!probeEnabled()) return;
  const claims = revocationClaims(token);
  if (claims === undefined) {
    if (!warnedAboutClaims) console.warn('redis probe: token has no iss/jti/exp claims; probe skipped');
    warnedAboutClaims = true;
    return;
  }
  const key = revocationKey(config.revocationPrefix, claims);
  try {
    const redis = await connectedClient();
    if (redis === undefined) return;
    const present = (await timed(() => redis.exists(key))) === 1;
    // PTTL, not TTL: the client's ttl() rounds to seconds, too coarse for "no later than the token".
    const pttlMs = present ? Number(await timed(() => redis.sendCommand('PTTL', key))) : -2;
    blacklistSynced.add(present && ttlIsSane(pttlMs, claims, Date.now()));
  } catch (error) {
    // Unreachable Redis during a probe is a finding too: the revocation could not be confirmed.
    blacklistSynced.add(false);
    console.warn(`redis probe: ${String(error)}`);
  }
}
