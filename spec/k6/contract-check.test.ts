// The contract check (build/contract.js) sends every kind of request the load tests send, so it fails
// where they would fail and names the setting that fixes it. Against plan-design answering forged and
// tampered tokens 422 (as Flask-JWT-Extended does) while REVOKED_STATUS lists only 401, smoke fails on
// those answers, and the contract check must fail too, naming REVOKED_STATUS=401,422; with that setting
// it passes. Against alt-shape, whose login ignores credentials, it fails on the wrong password and says
// no setting helps. Real fixture services, real Redis, real k6.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import { type FixtureService, fixtureRunEnv, startFixtureService } from '../helpers/fixture-services.ts';
import { bundleRunner, count, crossedThresholds, type Run } from '../helpers/k6-runs.ts';

const runner = bundleRunner('contract-check');
after(() => runner.remove());

function runAgainst(fixture: FixtureService, test: string, env: Record<string, string | number> = {}) {
  return runner.run(test, {
    ...fixtureRunEnv(fixture),
    ...env,
  });
}

/** The console line of one step, with its fix line when it has one. */
function stepLine(run: Run, step: string): string {
  const match = new RegExp(`^(ok  |FAIL)  ${step} .*(\\n\\s+-> .*)?`, 'm').exec(run.result.output);
  assert.ok(match, `the check reports the ${step} step:\n${run.result.output}`);
  return match[0];
}

describe('plan-design answering forged and tampered tokens 422, revoked ones 401', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('plan-design', {
      processes: 2,
      userCount: 20,
      invalidTokenStatus: 422,
    });
  });
  after(() => fixture?.stop());

  it('smoke with REVOKED_STATUS at its default fails on those answers (what the check must foresee)', async () => {
    const run = await runAgainst(fixture, 'smoke', { DURATION: '5s', THINK_MIN_S: 0.2, THINK_MAX_S: 0.5 });
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(crossedThresholds(run.result.output), /\bhttp_req_failed\b/);
    assert.equal(count(run, 'revoked_token_accepted'), 0, 'the service itself refuses every bad token');
  });

  it('the contract check fails the same way, naming REVOKED_STATUS=401,422 at both forgeries', async () => {
    const run = await runAgainst(fixture, 'contract');
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(crossedThresholds(run.result.output), /\bcontract_problems\b/);
    for (const step of ['unsigned token', 'tampered token']) {
      const line = stepLine(run, step);
      assert.match(line, /^FAIL .* answered 422; refusal means 401 \(REVOKED_STATUS\)/);
      assert.match(line, /-> REVOKED_STATUS=401,422 /);
    }
    assert.match(stepLine(run, 'revoked token'), /^ok .* answered 401/);
    assert.match(stepLine(run, 'wrong password'), /^ok .* answered 401/);
    assert.equal(count(run, 'contract_problems'), 2, 'one problem per mismatched step');
    assert.match(run.result.output, /contract: 2 step\(s\) differ from the configuration/);
  });

  it('with REVOKED_STATUS=401,422 the contract check passes, every kind of request sent', async () => {
    const run = await runAgainst(fixture, 'contract', { REVOKED_STATUS: '401,422' });
    assert.equal(run.result.code, 0, run.result.output);
    for (const step of ['health', 'login', 'wrong password', 'protected call', 'logout', 'denylist key']) {
      assert.match(stepLine(run, step), /^ok /);
    }
    assert.match(stepLine(run, 'unsigned token'), /^ok .* answered 422; refusal means 401 or 422/);
    assert.match(stepLine(run, 'tampered token'), /^ok .* answered 422/);
    assert.match(stepLine(run, 'revoked token'), /^ok .* answered 401/);
    assert.match(run.result.output, /contract: every step as configured/);
  });

  it('with a wrong PROTECTED_PATH it blames the path, not REVOKED_STATUS, for the 404s', async () => {
    const run = await runAgainst(fixture, 'contract', { PROTECTED_PATH: '/nowhere' });
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(
      stepLine(run, 'protected call'),
      /^FAIL .* answered 404\n\s+-> PROTECTED_METHOD, PROTECTED_PATH/,
    );
    for (const step of ['unsigned token', 'tampered token', 'revoked token']) {
      assert.match(stepLine(run, step), /^FAIL .* answered 404.*\n\s+-> none until the protected call/);
    }
    assert.doesNotMatch(run.result.output, /REVOKED_STATUS=/);
  });

  it('a refused login stops the walk and fails the run (exit 99), naming the knobs', async () => {
    const run = await runAgainst(fixture, 'contract', { USER_PASSWORD: 'not-the-password' });
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    assert.match(stepLine(run, 'login'), /^FAIL .* answered 401\n\s+-> .*USER_PASSWORD/);
    assert.equal(count(run, 'contract_problems'), 1);
  });
});

describe('alt-shape, whose login ignores credentials', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('alt-shape', { processes: 1 });
  });
  after(() => fixture?.stop());

  it('the contract check fails the wrong-password step and says no setting changes it', async () => {
    const run = await runAgainst(fixture, 'contract');
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    const line = stepLine(run, 'wrong password');
    assert.match(line, /^FAIL .* with a wrong password answered 201/);
    assert.match(
      line,
      /-> none: the service logged in with a wrong password; the suite accepts 400, 401, 403/,
    );
    assert.match(line, /cannot be configured/);
    for (const step of ['unsigned token', 'tampered token', 'revoked token']) {
      assert.match(stepLine(run, step), /^ok .* answered 403/);
    }
    assert.equal(count(run, 'contract_problems'), 1);
  });
});
