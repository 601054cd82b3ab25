// A PASS is proof: runs against fixture services that differ from the reference one, each broken or
// configured in one way, must end with the verdict their numbers support. A service that lets nobody log
// in never passes; a criterion whose knob is unset is NOT RUN and fails the gate unless opted out by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import { type FixtureService, fixtureRunEnv, startFixtureService } from '../helpers/fixture-services.ts';
import { bundleRunner, count, crossedThresholds, type Run } from '../helpers/k6-runs.ts';

const SCRIPT_ABORTED = 108;
const THINK = { THINK_MIN_S: 0.2, THINK_MAX_S: 0.5 };
/** Each test short, with a few users; baseline-1000 at SCALE=0.02 is 20 users. */
const SHORT: Record<string, Record<string, string | number>> = {
  smoke: { DURATION: '6s', ...THINK },
  'state-sync': { DURATION: '5s', ...THINK },
  'baseline-1000': { SCALE: 0.02, SPAWN_RATE: 10, DURATION: '12s', ...THINK },
};

const runner = bundleRunner('verdict-proof');
after(() => runner.remove());

function runAgainst(
  fixture: FixtureService,
  test: string,
  env: Record<string, string | number>,
): Promise<Run> {
  return runner.run(test, {
    ...fixtureRunEnv(fixture),
    ...SHORT[test],
    ...env,
  });
}

function recordOf(run: Run): RunRecord {
  return JSON.parse(readFileSync(join(run.reportFolder, 'summary.json'), 'utf8')) as RunRecord;
}

describe('a service whose login limiter refuses ordinary users', () => {
  let everyLogin: FixtureService;
  let afterFirst: FixtureService;
  before(async () => {
    // One process, so "one login per account" is one per account, whichever process a connection reaches.
    [everyLogin, afterFirst] = await Promise.all([
      startFixtureService('plan-design', { processes: 1, loginsPerAccount: 0 }),
      startFixtureService('plan-design', { processes: 1, loginsPerAccount: 1 }),
    ]);
  });
  after(async () => {
    await everyLogin?.stop();
    await afterFirst?.stop();
  });

  for (const test of Object.keys(SHORT)) {
    it(`${test}: every login 429 stops the run in preflight (exit 108), naming the limiter`, async () => {
      const run = await runAgainst(everyLogin, test, {});
      assert.equal(run.result.code, SCRIPT_ABORTED, run.result.output);
      assert.match(
        run.result.output,
        /stayed rate-limited \(429\) after 3 attempts that waited out Retry-After/,
      );
      assert.match(run.result.output, /USER_OFFSET, or ACCOUNTS_FILE/);
      assert.match(run.result.output, /no user can log in, so login_success_rate/);
      assert.equal(count(run, 'iterations'), 0, 'no virtual user ran');
    });

    it(`${test}: logins refused after the first per account fail login_success_rate (exit 99)`, async () => {
      const offset = { smoke: 0, 'state-sync': 10, 'baseline-1000': 30 }[test] ?? 0;
      const run = await runAgainst(afterFirst, test, { USER_OFFSET: offset });
      assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
      assert.match(crossedThresholds(run.result.output), /\blogin_success\b/);
      const record = recordOf(run);
      const logins = record.criteria.find((criterion) => criterion.key === 'login_success_rate');
      assert.equal(logins?.outcome, 'fail');
      assert.ok((logins?.measured ?? 1) < 0.99, `measured ${logins?.measured}`);
      assert.match(
        run.result.output,
        /FAIL Logins that got a token \(login_success_rate, target\): measured/,
      );
      assert.ok(
        (run.summary?.metrics.http_req_failed?.value ?? 0) > 0,
        'a 429 to a user is a failed request',
      );
    });
  }
});

describe('a correct service, with the Redis probe opted out by name', () => {
  let fixture: FixtureService;
  before(async () => {
    fixture = await startFixtureService('plan-design', { processes: 2 });
  });
  after(() => fixture?.stop());

  it('REDIS_URL=off: smoke passes (exit 0) and every report lists the opt-out', async () => {
    const run = await runAgainst(fixture, 'smoke', { REDIS_URL: 'off', USER_OFFSET: 50 });
    assert.equal(run.result.code, 0, run.result.output);
    const record = recordOf(run);
    assert.equal(record.verdict.target, 'pass');
    const redisOptOut = record.optOuts?.find((optOut) => optOut.setting === 'REDIS_URL=off');
    assert.ok(redisOptOut?.criteria.includes('blacklist_synced_rate'), JSON.stringify(record.optOuts));
    const synced = record.criteria.find((criterion) => criterion.key === 'blacklist_synced_rate');
    assert.equal(synced?.outcome, 'not-run');
    assert.equal(synced?.gating, false);
    assert.match(readFileSync(join(run.reportFolder, 'report.md'), 'utf8'), /opted out with `REDIS_URL=off`/);
    assert.match(
      readFileSync(join(run.reportFolder, 'junit.xml'), 'utf8'),
      /<skipped message="not run, opted out with REDIS_URL=off/,
    );
    assert.match(run.result.output, /opted out: REDIS_URL=off/);
  });

  it('REDIS_URL unset: smoke fails (exit 99) with the probe criteria NOT RUN', async () => {
    const run = await runAgainst(fixture, 'smoke', { REDIS_URL: '', USER_OFFSET: 52 });
    assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
    const record = recordOf(run);
    const probeCriteria = record.criteria.filter((criterion) =>
      criterion.notRun?.reason.startsWith('REDIS_URL'),
    );
    assert.ok(probeCriteria.length >= 5, JSON.stringify(probeCriteria.map((criterion) => criterion.key)));
    for (const criterion of probeCriteria) {
      assert.equal(criterion.outcome, 'not-run');
      assert.equal(criterion.gating, true, criterion.key);
    }
    assert.match(
      readFileSync(join(run.reportFolder, 'junit.xml'), 'utf8'),
      /Revocations found in Redis: NOT RUN/,
    );
  });
});
