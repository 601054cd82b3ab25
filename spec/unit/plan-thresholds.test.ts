// thresholds.json -> criteria -> k6 thresholds, for the real plan file and for broken ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type CriteriaContext, criteriaFor, k6Thresholds } from '../../lib/criteria.ts';
import { PlanError, parseBound, parsePlan, parsePlanText } from '../../lib/plan.ts';
import { PLAN_ROWS, profileFor } from '../../lib/profiles.ts';
import { thresholdsFile } from '../../scripts/lib/paths.ts';

const planText = readFileSync(thresholdsFile, 'utf8');
const plan = parsePlanText(planText);

function contextFor(test: string, overrides: Partial<CriteriaContext> = {}): CriteriaContext {
  const profile = profileFor(test);
  return {
    gate: 'target',
    steadySeconds: profile.steadyS,
    loadFactor: profile.loadFactor,
    probe: 'off',
    loginLimit: 'off',
    ...overrides,
  };
}

function thresholdsFor(test: string, overrides: Partial<CriteriaContext> = {}) {
  const context = contextFor(test, overrides);
  return k6Thresholds(criteriaFor(plan, test, context), context.steadySeconds);
}

/** Replaces one part of the real plan, to test what the parser says about it. */
// biome-ignore lint/suspicious/noExplicitAny: the edits reach into parsed JSON in place
function planWith(edit: (raw: Record<string, any>) => void): unknown {
  const raw = JSON.parse(planText);
  edit(raw);
  return raw;
}

describe('thresholds.json mapped to k6 thresholds', () => {
  it('gates stress-5000 on its targets, throughput as a steady-window request count', () => {
    // 1000 req/s over 250 steady seconds (300 s run, 50 s ramp at 100 users/s).
    assert.deepEqual(thresholdsFor('stress-5000'), {
      revoked_token_accepted: ['count==0'],
      // A counter that never fired reads 0: without revocation checks "0 accepted" proves nothing.
      revocation_checks: ['count>0'],
      http_req_failed: ['rate<0.01'],
      // k6 passes a rate or trend threshold that saw no samples; this makes "not measured" fail.
      http_reqs: ['count>0'],
      http_req_duration: ['p(95)<500'],
      steady_requests: ['count>250000'],
      login_success: ['rate>=0.99'],
      login_attempts: ['count>0'],
    });
  });

  it('gates the probe and monitor criteria on having measured at all, except per instance of a split test', () => {
    const whole = thresholdsFor('stress-5000', { probe: 'set' });
    assert.deepEqual(whole.blacklist_checks, ['count>0']);
    assert.deepEqual(whole.redis_monitor_samples, ['count>0']);
    const segment = thresholdsFor('stress-5000', { probe: 'set', segmented: true });
    assert.equal(segment.blacklist_checks, undefined, 'judged by the instances that probed');
    assert.equal(segment.redis_monitor_samples, undefined, 'judged by the instance that ran the monitor');
    assert.deepEqual(segment.http_reqs, ['count>0']);
  });

  it('adds the stretch goals as thresholds only with GATE=stretch', () => {
    const thresholds = thresholdsFor('ultimate-10000', { gate: 'stretch' });
    assert.deepEqual(thresholds.http_req_duration, [
      'p(50)<100',
      'p(95)<500',
      'p(99)<1000',
      'p(50)<50',
      'p(95)<300',
      'p(99)<800',
    ]);
    // 200 s steady (100 s ramp): 1500 and 2000 req/s.
    assert.deepEqual(thresholds.steady_requests, ['count>300000', 'count>400000']);
  });

  it('maps p50 and the "<=" operator of baseline-1000', () => {
    assert.deepEqual(thresholdsFor('baseline-1000').http_req_duration, ['p(50)<=14', 'p(95)<=180']);
  });

  it('scales only throughput with the run size', () => {
    const profile = profileFor('stress-5000', { scale: 0.1 });
    const thresholds = thresholdsFor('stress-5000', {
      steadySeconds: profile.steadyS,
      loadFactor: profile.loadFactor,
    });
    assert.deepEqual(thresholds.steady_requests, ['count>25000']);
    assert.deepEqual(thresholds.http_req_duration, ['p(95)<500']);
    assert.deepEqual(thresholds.http_req_failed, ['rate<0.01']);
  });

  it('gates the Redis probe criteria unless REDIS_URL=off opted out of them', () => {
    assert.equal(thresholdsFor('smoke').blacklist_synced, undefined, 'opted out: reported, not gating');
    const unset = thresholdsFor('smoke', { probe: 'unset' });
    assert.deepEqual(unset.blacklist_checks, ['count>0'], 'unset: the guard stays and fails the run');
    assert.deepEqual(unset.redis_monitor_samples, ['count>0']);
    const withProbe = thresholdsFor('smoke', { probe: 'set' });
    assert.deepEqual(withProbe.blacklist_synced, ['rate==1']);
    assert.deepEqual(withProbe.redis_probe_duration, ['p(95)<5']);
    assert.deepEqual(withProbe.redis_used_memory_mb, ['max<50']);
    assert.deepEqual(withProbe.redis_rejected_connections, ['max==0']);
    assert.deepEqual(withProbe.redis_evicted_keys, ['max==0']);
  });

  it('holds failover to the shared correctness gate only, guarded by the revocation checks made', () => {
    assert.deepEqual(thresholdsFor('failover', { probe: undefined }), {
      revoked_token_accepted: ['count==0'],
      revocation_checks: ['count>0'],
    });
  });

  it('gates the shared login limit in smoke, the test that checks it, unless opted out by name', () => {
    const checked = thresholdsFor('smoke', { loginLimit: 'set' });
    assert.deepEqual(checked.login_limit_bypassed, ['count==0']);
    assert.deepEqual(checked.login_limit_checks, ['count>0']);
    const unset = thresholdsFor('smoke', { loginLimit: 'unset' });
    assert.equal(unset.login_limit_bypassed?.length, 1, 'not told the limit: NOT RUN, still gating');
    assert.deepEqual(unset.login_limit_checks, ['count>0'], 'and its guard fails the run');
    assert.equal(thresholdsFor('smoke', { loginLimit: 'off' }).login_limit_checks, undefined);
  });

  it('needs a full state-sync round of revocation checks before its revocation criteria count', () => {
    const thresholds = thresholdsFor('state-sync', { minRevocationChecks: 10 });
    assert.deepEqual(thresholds.revocation_checks, ['count>=10']);
    assert.deepEqual(thresholds.state_sync_errors, ['count==0']);
  });

  it('gates login_success_rate in every test that logs in, guarded by the attempts made', () => {
    for (const test of Object.keys(PLAN_ROWS).filter((name) => name !== 'failover')) {
      const thresholds = thresholdsFor(test);
      assert.ok(thresholds.login_success?.[0]?.startsWith('rate'), test);
      assert.deepEqual(thresholds.login_attempts, ['count>0'], test);
    }
    assert.equal(thresholdsFor('failover', { probe: undefined }).login_success, undefined);
  });

  it('has an entry for every plan test', () => {
    for (const test of [
      'smoke',
      'state-sync',
      'baseline-1000',
      'stress-5000',
      'ultimate-10000',
      'sustained-5000',
      'failover',
    ]) {
      assert.ok(plan.tests[test], test);
    }
  });
});

describe('broken thresholds.json', () => {
  it('reports a JSON syntax error as a PlanError', () => {
    assert.throws(
      () => parsePlanText('{ "tests": { '),
      (error: Error) => {
        assert.ok(error instanceof PlanError);
        assert.match(error.message, /^thresholds\.json: not valid JSON/);
        return true;
      },
    );
  });

  it('names an unknown criterion and lists the known ones', () => {
    const raw = planWith((p) => {
      p.tests['stress-5000'].target.p95 = '< 500';
    });
    assert.throws(() => parsePlan(raw), /tests\.stress-5000\.target\.p95 is not a known criterion \(known: /);
  });

  it('names a bad operator or value', () => {
    for (const text of ['=< 500', '500', '< fast', '!= 1', '']) {
      const raw = planWith((p) => {
        p.tests['stress-5000'].target.p95_ms = text;
      });
      assert.throws(
        () => parsePlan(raw),
        /tests\.stress-5000\.target\.p95_ms is ".*"; expected "<op> <number>"/,
      );
    }
    assert.throws(() => parseBound('x', 500), /x must be a string like "< 500", got 500/);
  });

  it('refuses misspelt levels and sections instead of dropping their gates', () => {
    const level = planWith((p) => {
      p.tests.smoke.targets = p.tests.smoke.target;
    });
    assert.throws(() => parsePlan(level), /tests\.smoke\.targets is unexpected/);
    const section = planWith((p) => {
      p.redisprobe = p.redisProbe;
    });
    assert.throws(() => parsePlan(section), /"redisprobe" is not a known section/);
  });

  it('needs the test it is asked about', () => {
    assert.throws(
      () => criteriaFor(plan, 'stress-500', contextFor('smoke')),
      /no entry for test "stress-500"/,
    );
  });

  it('parses operators, longest first', () => {
    assert.deepEqual(parseBound('x', '<= 14'), { op: '<=', value: 14 });
    assert.deepEqual(parseBound('x', ' >=0.5 '), { op: '>=', value: 0.5 });
    assert.deepEqual(parseBound('x', '== 0'), { op: '==', value: 0 });
  });
});
