// Criteria read back from k6 summary metrics: what passes, what fails, what was not measured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { criteriaFor, evaluate, type SummaryMetrics } from '../../lib/criteria.ts';
import { parsePlanText } from '../../lib/plan.ts';
import { profileFor } from '../../lib/profiles.ts';
import { thresholdsFile } from '../../scripts/lib/paths.ts';

const plan = parsePlanText(readFileSync(thresholdsFile, 'utf8'));
// A scaled stress run: 40 users, 18 steady seconds, so 1000 req/s becomes 8 req/s, i.e. > 144 requests.
const profile = profileFor('stress-5000', { users: 40, spawnRate: 20, runTimeS: 20 });
const criteria = criteriaFor(plan, 'stress-5000', {
  gate: 'target',
  steadySeconds: profile.steadyS,
  loadFactor: profile.loadFactor,
  probe: 'set',
});

function metrics(overrides: SummaryMetrics = {}): SummaryMetrics {
  return {
    http_reqs: { values: { count: 2500 } },
    blacklist_checks: { values: { count: 40 } },
    revocation_checks: { values: { count: 120 } },
    login_attempts: { values: { count: 300 } },
    login_success: { values: { rate: 1, passes: 300, fails: 0 } },
    redis_monitor_samples: { values: { count: 4 } },
    http_req_failed: { values: { rate: 0.002, passes: 5, fails: 2495 } },
    http_req_duration: { values: { med: 3, 'p(95)': 120, 'p(99)': 400, max: 900 } },
    steady_requests: { values: { count: 2160, rate: 108 } },
    blacklist_synced: { values: { rate: 1 } },
    redis_probe_duration: { values: { 'p(95)': 1 } },
    redis_used_memory_mb: { values: { max: 1.3 } },
    redis_rejected_connections: { values: { max: 0 } },
    redis_evicted_keys: { values: { max: 0 } },
    ...overrides,
  };
}

function result(key: string, level: 'target' | 'stretch', given: SummaryMetrics) {
  const found = evaluate(criteria, given, profile.steadyS).find((c) => c.key === key && c.level === level);
  assert.ok(found, `${level} ${key}`);
  return found;
}

describe('criteria evaluation', () => {
  it('passes a healthy scaled run, throughput measured over the steady window', () => {
    const results = evaluate(criteria, metrics(), profile.steadyS);
    for (const r of results.filter((c) => c.level === 'target')) assert.equal(r.pass, true, r.key);
    const throughput = result('throughput_rps', 'target', metrics());
    assert.equal(throughput.measured, 120);
    assert.equal(throughput.bound.value, 8);
    assert.equal(throughput.planned.value, 1000);
  });

  it('a rate or trend without samples is not measured, though k6 reports zeros for it', () => {
    const silent = metrics({
      blacklist_checks: undefined,
      blacklist_synced: { values: { rate: 0 } },
      redis_probe_duration: { values: { 'p(95)': 0 } },
    });
    assert.equal(result('blacklist_synced_rate', 'target', silent).measured, undefined);
    assert.equal(result('redis_probe_p95_ms', 'target', silent).pass, undefined);
    assert.equal(result('redis_used_memory_mb', 'target', silent).pass, true, 'the monitor did sample');
  });

  it('counters that never fired count as zero once their guard shows the check was made', () => {
    assert.equal(result('revoked_token_accepted', 'target', metrics()).measured, 0);
    assert.equal(result('revoked_token_accepted', 'target', metrics()).pass, true);
    assert.equal(result('revoked_token_accepted', 'target', metrics()).outcome, 'pass');
  });

  it('a correctness counter with no checks behind it is not measured, with the reason', () => {
    const unchecked = result('revoked_token_accepted', 'target', metrics({ revocation_checks: undefined }));
    assert.equal(unchecked.pass, undefined);
    assert.equal(unchecked.outcome, 'not-measured');
    assert.match(unchecked.reason ?? '', /revocation_checks counted 0, needs at least 1/);
  });

  it('fails login_success_rate when logins are refused, and does not measure it without attempts', () => {
    const limited = metrics({ login_success: { values: { rate: 0.5, passes: 150, fails: 150 } } });
    assert.equal(result('login_success_rate', 'target', limited).outcome, 'fail');
    const none = metrics({ login_attempts: undefined });
    assert.equal(result('login_success_rate', 'target', none).outcome, 'not-measured');
  });

  it('lists a criterion the configuration cannot run as not-run, gating unless opted out', () => {
    const context = {
      gate: 'target' as const,
      steadySeconds: profile.steadyS,
      loadFactor: profile.loadFactor,
    };
    const unset = criteriaFor(plan, 'stress-5000', { ...context, probe: 'unset' });
    const synced = unset.find((c) => c.key === 'blacklist_synced_rate');
    assert.equal(synced?.gating, true);
    const judged = evaluate(unset, metrics(), profile.steadyS).find((c) => c.key === 'blacklist_synced_rate');
    assert.equal(judged?.outcome, 'not-run', 'even with probe samples from elsewhere, it did not run here');
    assert.match(judged?.reason ?? '', /REDIS_URL is not set/);
    const off = criteriaFor(plan, 'stress-5000', { ...context, probe: 'off' });
    const optedOut = off.find((c) => c.key === 'blacklist_synced_rate');
    assert.equal(optedOut?.gating, false);
    assert.equal(optedOut?.notRun?.optOut, 'REDIS_URL=off');
  });

  it('fails on a single revoked token accepted', () => {
    const bad = metrics({ revoked_token_accepted: { values: { count: 1, rate: 0.05 } } });
    assert.equal(result('revoked_token_accepted', 'target', bad).pass, false);
  });

  it('fails on latency, failures and throughput misses', () => {
    const slow = metrics({ http_req_duration: { values: { med: 60, 'p(95)': 700, 'p(99)': 900 } } });
    assert.equal(result('p95_ms', 'target', slow).pass, false);
    assert.equal(result('p50_ms', 'stretch', slow).measured, 60);
    assert.equal(result('p50_ms', 'stretch', slow).pass, false);
    const failing = metrics({ http_req_failed: { values: { rate: 0.02 } } });
    assert.equal(result('failure_rate', 'target', failing).pass, false);
    const idle = metrics({ steady_requests: { values: { count: 100 } } });
    assert.equal(result('throughput_rps', 'target', idle).pass, false);
  });

  it('leaves a criterion unmeasured (not passed) when its metric is missing', () => {
    const probeless = metrics({ blacklist_synced: undefined, steady_requests: undefined });
    assert.equal(result('blacklist_synced_rate', 'target', probeless).pass, undefined);
    assert.equal(result('throughput_rps', 'target', probeless).pass, undefined);
  });

  it('marks stretch goals as reported, not gating, unless GATE=stretch', () => {
    assert.equal(criteria.find((c) => c.level === 'stretch')?.gating, false);
    const stretch = criteriaFor(plan, 'stress-5000', {
      gate: 'stretch',
      steadySeconds: profile.steadyS,
      loadFactor: profile.loadFactor,
      probe: 'set',
    });
    assert.ok(stretch.every((c) => c.gating));
  });
});
