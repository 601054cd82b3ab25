// The suite's custom metrics, declared once. Names are the contract with thresholds (lib/criteria.ts)
// and with the reports, so they never change casually. Every bundle imports this module, which also
// means every metric a threshold may name exists even in runs where it never fires.
import { Counter, Rate, Trend } from 'k6/metrics';

/** A revoked token got a 200 anywhere: the one answer an auth service must never give. */
export const revokedTokenAccepted = new Counter('revoked_token_accepted');
/** Calls made with a token after its logout succeeded (each one must be refused). */
export const revocationChecks = new Counter('revocation_checks');
/** A state-sync check that failed, or that proved nothing because it reached fewer than two workers. */
export const stateSyncErrors = new Counter('state_sync_errors');
/** A login-limit check (lib/login-limit-check.ts) got no 429: the per-account limit is not shared. */
export const loginLimitBypassed = new Counter('login_limit_bypassed');
/** Requests completed inside the steady window: throughput is judged on it (lib/steady-window.ts). */
export const steadyRequests = new Counter('steady_requests');
/** Logins still refused with 429 after honouring Retry-After: expected, but worth seeing. */
export const loginsRateLimited = new Counter('logins_rate_limited');

/** After a logout, the revocation key was in Redis with a sane TTL. */
export const blacklistSynced = new Rate('blacklist_synced');
/** Latency of one Redis command made by the probe, as k6 sees it. */
export const redisProbeDuration = new Trend('redis_probe_duration', true);

// Redis INFO samples. Trends rather than Gauges so thresholds can use `max` (a Gauge only keeps its last value).
export const redisUsedMemoryMb = new Trend('redis_used_memory_mb');
export const redisConnectedClients = new Trend('redis_connected_clients');
/** Growth since the run's first sample, so connections refused before the run do not count. */
export const redisRejectedConnections = new Trend('redis_rejected_connections');
/** Growth since the run's first sample. */
export const redisEvictedKeys = new Trend('redis_evicted_keys');
export const redisOpsPerSec = new Trend('redis_ops_per_sec');
