// The suite against services it did not write, configured by the contract knobs alone:
// for each fixture service (spec/fixtures/services), smoke, state-sync and a scaled stress-5000 pass with
// the Redis probe on; the same service with a per-process denylist fails state-sync with exit 99 naming
// revoked_token_accepted or state_sync_errors; and a REVOCATION_KEY that matches nothing fails smoke with
// exit 99 naming the probe's blacklist_synced.
//
// Knob values: FIXTURE_KNOBS, as docs/adopting.md ("Service shapes") gives them.
// Runs are seconds long with a few users, and use bundles whose timing bounds are relaxed (helpers/k6.ts):
// they prove behaviour; timing is not asserted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import {
  FIXTURE_KNOBS,
  type FixtureService,
  fixtureRunEnv,
  type Knobs,
  startFixtureService,
  UNMATCHED_KEY,
} from '../helpers/fixture-services.ts';
import { bundleRunner, count, crossedThresholds, type Run } from '../helpers/k6-runs.ts';

const PROCESSES = 2;
const THINK = { THINK_MIN_S: 0.2, THINK_MAX_S: 0.5 };
const SHORT_SMOKE = { DURATION: '8s', ...THINK };
const SHORT_STATE_SYNC = { DURATION: '6s', ...THINK };
/**
 * As in suite.test.ts (40 users for 20 s, 18 of them steady), with a quarter of the users probing Redis
 * instead of a tenth. The probe sees revocations by construction (users 1 and 21 log out and probe in their
 * first iteration, lib/logout-schedule.ts); the wider sample adds revocations made under load.
 */
const SCALED_STRESS = { USERS: 40, SPAWN_RATE: 20, DURATION: '20s', PROBE_SAMPLE: 0.25, ...THINK };

const runner = bundleRunner('fixtures');
after(() => runner.remove());

function runAgainst(fixture: FixtureService, test: string, env: Knobs | Record<string, string | number>) {
  return runner.run(test, {
    ...fixtureRunEnv(fixture),
    ...env,
  });
}

function assertProbeFoundEveryRevocation(run: Run): void {
  const synced = run.summary?.metrics.blacklist_synced;
  assert.ok((synced?.passes ?? 0) > 0, 'the Redis probe found revocations');
  assert.equal(synced?.value, 1, 'every probed revocation was in Redis with the configured TTL');
}

for (const name of ['plan-design', 'alt-shape'] as const) {
  describe(`a service we did not write: fixture ${name}, DENYLIST=redis, ${PROCESSES} processes`, () => {
    let fixture: FixtureService;
    before(async () => {
      fixture = await startFixtureService(name, { processes: PROCESSES, denylist: 'redis', userCount: 100 });
    });
    after(() => fixture?.stop());

    it('smoke passes, every answer right, and the probe finds each revocation', async () => {
      const run = await runAgainst(fixture, 'smoke', SHORT_SMOKE);
      assert.equal(run.result.code, 0, run.result.output);
      assert.equal(
        run.summary?.metrics.http_req_failed?.value,
        0,
        'refusals of revoked tokens are right answers',
      );
      assert.ok(count(run, 'revocation_checks') > 0, 'revoked tokens were tried');
      assert.equal(count(run, 'revoked_token_accepted'), 0);
      assertProbeFoundEveryRevocation(run);
    });

    it('state-sync passes: every call with the revoked token refused on fresh connections', async () => {
      const run = await runAgainst(fixture, 'state-sync', SHORT_STATE_SYNC);
      assert.equal(run.result.code, 0, run.result.output);
      assert.equal(count(run, 'state_sync_errors'), 0);
      assert.ok(count(run, 'revocation_checks') >= 10);
      assertProbeFoundEveryRevocation(run);
      if (FIXTURE_KNOBS[name].WORKER_HEADER === '') {
        assert.match(run.result.output, /workers not identified/i, 'the run says it could not name workers');
      }
    });

    it('a scaled stress-5000 passes', async () => {
      const run = await runAgainst(fixture, 'stress-5000', SCALED_STRESS);
      assert.equal(run.result.code, 0, run.result.output);
      assert.equal(count(run, 'revoked_token_accepted'), 0);
      assert.ok(count(run, 'steady_requests') > 0);
      assertProbeFoundEveryRevocation(run);
      console.log(
        `${name} scaled stress-5000: ${count(run, 'steady_requests')} steady requests, ` +
          `${count(run, 'revocation_checks')} revocation checks, http p95 ` +
          `${run.summary?.metrics.http_req_duration?.['p(95)']?.toFixed(1)} ms`,
      );
    });

    it('a REVOCATION_KEY that matches nothing fails smoke with exit 99 naming blacklist_synced', async () => {
      const run = await runAgainst(fixture, 'smoke', { ...SHORT_SMOKE, REVOCATION_KEY: UNMATCHED_KEY[name] });
      assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
      assert.match(crossedThresholds(run.result.output), /\bblacklist_synced\b/);
      assert.ok(
        (run.summary?.metrics.blacklist_synced?.fails ?? 0) > 0,
        'the probe looked and found nothing',
      );
      assert.equal(count(run, 'revoked_token_accepted'), 0, 'the service itself is right');
    });
  });

  describe(`a service we did not write: fixture ${name}, DENYLIST=process (the defect), ${PROCESSES} processes`, () => {
    let fixture: FixtureService;
    before(async () => {
      fixture = await startFixtureService(name, {
        processes: PROCESSES,
        denylist: 'process',
        userCount: 100,
      });
    });
    after(() => fixture?.stop());

    it('state-sync fails with exit 99 naming revoked_token_accepted or state_sync_errors', async () => {
      const run = await runAgainst(fixture, 'state-sync', SHORT_STATE_SYNC);
      assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
      assert.match(crossedThresholds(run.result.output), /\b(revoked_token_accepted|state_sync_errors)\b/);
      assert.ok(count(run, 'revoked_token_accepted') + count(run, 'state_sync_errors') > 0);
    });
  });
}
