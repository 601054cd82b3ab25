// The suite's custom metrics, declared once. Names are the contract with thresholds (lib/criteria.ts)
// and with the reports, so they never change casually. Every bundle imports this module, which also
// means every metric a threshold may name exists even in runs where it never fires.
import { Counter, Rate, Trend } from 'k6/metrics';

/** A revoked token got a 200 anywhere: the one answer an auth service must never give. */
export const revokedTokenAccepted = new Counter('revoked_token_accepted');
/** Calls made with a token after its logout succeeded (each one must be refused). */
export const revocationChecks = new Counter('revocation_checks');
/** A revoked token accepted, or a logout not confirmed, during the state-sync check: wrong answers only. */
export const stateSyncErrors = new Counter('state_sync_errors');
/** Distinct workers (WORKER_HEADER) that answered one state-sync round; 0 when the service names none. */
export const stateSyncWorkers = new Trend('state_sync_workers');
/** A login-limit check (lib/k6/login-limit-check.ts) got no 429: the per-account limit is not shared. */
export const loginLimitBypassed = new Counter('login_limit_bypassed');
/** Login-limit checks made: the guard that login_limit_bypassed was measured at all. */
export const loginLimitChecks = new Counter('login_limit_checks');
/**
 * The instances test: a token issued through the balancer refused by an instance, or a token revoked through
 * one instance accepted by any (lib/k6/workloads/instances.ts). Wrong answers only.
 */
export const crossInstanceErrors = new Counter('cross_instance_errors');
/** Calls the instances test made directly to an instance: the guard that cross_instance_errors was measured. */
export const crossInstanceChecks = new Counter('cross_instance_checks');
/** Answers through the balancer, tagged with the worker header's value: which instances served (information). */
export const balancerAnswers = new Counter('balancer_answers');
/** Each ordinary login attempt: true when it returned a usable token (a 429 or a bad answer is false). */
export const loginSuccess = new Rate('login_success');
/** Ordinary login attempts (the limit check's deliberate wrong passwords are not among them). */
export const loginAttempts = new Counter('login_attempts');
/** Requests completed inside the steady window: throughput is judged on it (lib/k6/steady-window.ts). */
export const steadyRequests = new Counter('steady_requests');
/** Logins still refused with 429 after honouring Retry-After: expected, but worth seeing. */
export const loginsRateLimited = new Counter('logins_rate_limited');

/** After a logout, the revocation key was in Redis with the expected TTL. */
export const blacklistSynced = new Rate('blacklist_synced');
/** Revocations the probe looked up: a run whose probe never ran has its probe criteria not measured. */
export const blacklistChecks = new Counter('blacklist_checks');
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
/** INFO samples taken: a run whose monitor never sampled has its Redis criteria not measured. */
export const redisMonitorSamples = new Counter('redis_monitor_samples');
/** Steps of the contract check (build/contract.js) that did not go as the knobs describe. */
export const contractProblems = new Counter('contract_problems');
