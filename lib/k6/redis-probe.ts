// After a logout, look in Redis directly: the HTTP checks prove the service refuses the token, this
// proves the refusal comes from the shared denylist (the key REVOCATION_KEY names is there, expiring as
// REVOCATION_TTL says). Off unless REDIS_URL is set; on for a sample of users (PROBE_SAMPLE) so at 10,000
// users the probe opens hundreds of Redis connections, not thousands. A revocation the probe cannot look up
// (the key template needs a claim the token lacks) counts as not found: the gate must not pass on silence.
import exec from 'k6/execution';
import { judgeRevocationTtl } from '../contract.ts';
import { vuInSample } from '../probe-sample.ts';
import { denylistEntryFor } from './denylist-entry.ts';
import { blacklistChecks, blacklistSynced, redisProbeDuration } from './metrics.ts';
import { type RedisClient, redisClient } from './redis-client.ts';
import { config } from './run-config.ts';

let client: RedisClient | undefined;
const warned = new Set<string>();

/** Once per virtual user and kind of problem: 10,000 users must not print 10,000 lines each. */
function warnOnce(kind: string, message: string): void {
  if (warned.has(kind)) return;
  warned.add(kind);
  console.warn(`redis probe: ${message}`);
}

export function probeEnabled(): boolean {
  return config.redis !== undefined;
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
    client = await redisClient();
    await client?.sendCommand('PING');
  }
  return client;
}

function record(found: boolean): void {
  blacklistChecks.add(1);
  blacklistSynced.add(found);
}

/** Checks the revocation of `token` (whose logout just succeeded) in Redis; records blacklist_synced. */
export async function probeRevocation(token: string): Promise<void> {
  if (!probeEnabled()) return;
  const { revocationKey, revocationTtl } = config.contract;
  const { derived, tokenExpS } = denylistEntryFor(token);
  if ('missing' in derived) {
    record(false);
    warnOnce(
      'key',
      `REVOCATION_KEY "${revocationKey}" needs ${derived.missing.map((name) => `{${name}}`).join(', ')}, ` +
        'which the token does not carry; set REVOCATION_KEY to the key your service writes ' +
        '(placeholders {jti} {iss} {sub} {token} {token_sha256})',
    );
    return;
  }
  try {
    const redis = await connectedClient();
    if (redis === undefined) return;
    const present = (await timed(() => redis.exists(derived.key))) === 1;
    // PTTL, not TTL: the client's ttl() rounds to seconds, too coarse to compare with the token's life.
    const pttlMs = present ? Number(await timed(() => redis.sendCommand('PTTL', derived.key))) : -2;
    const ttl = judgeRevocationTtl(revocationTtl, pttlMs, tokenExpS, Date.now());
    record(present && ttl.ok);
    if (!present) {
      warnOnce(
        'absent',
        `no key matching REVOCATION_KEY "${revocationKey}" after a logout (checked a key of that shape)`,
      );
    } else if (!ttl.ok) {
      warnOnce('ttl', `denylist entry expires in ${pttlMs} ms; expected ${ttl.expected} (REVOCATION_TTL)`);
    }
  } catch (error) {
    // Unreachable Redis during a probe is a finding too: the revocation could not be confirmed.
    record(false);
    warnOnce('error', String(error));
  }
}
