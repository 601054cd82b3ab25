// build/instances.js against two real instances behind real HAProxy: it passes the healthy pair, fails
// (exit 99 naming cross_instance_errors) with a per-instance JWT secret and with a per-instance denylist, and
// without INSTANCE_URLS says so and leaves cross_instance_errors NOT RUN (failing the gate). Two users for a
// few seconds each: every iteration checks its token on both instances, so one iteration shows a defect.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REFERENCE_LOGIN_LIMIT } from '../../lib/login-limit-setting.ts';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import { type Stack, startStack } from '../../scripts/lib/stack/stack.ts';
import { defectServiceEnv } from '../../server/defects/setting.ts';
import { bundleRunner, count, crossedThresholds, type Run } from '../helpers/k6-runs.ts';

const runner = bundleRunner('instances');
after(() => runner.remove());

function startPair(env: Record<string, string> = {}): Promise<Stack> {
  return startStack({ workers: 1, instances: 2, userCount: 100, env: { SCRYPT_COST: '10', ...env } });
}

function runInstances(stack: Stack, env: Record<string, string | number> = {}): Promise<Run> {
  return runner.run('instances', {
    BASE_URL: stack.baseUrl,
    USER_PASSWORD: stack.userPassword,
    INSTANCE_URLS: stack.instanceUrls.join(','),
    LOGIN_LIMIT_PER_ACCOUNT: REFERENCE_LOGIN_LIMIT,
    USERS: 2,
    DURATION: '8s',
    ...env,
  });
}

function criterion(run: Run, key: string) {
  const record = JSON.parse(readFileSync(join(run.reportFolder, 'summary.json'), 'utf8')) as RunRecord;
  return record.criteria.find((result) => result.key === key && result.level === 'target');
}

async function withPair<T>(env: Record<string, string>, use: (stack: Stack) => Promise<T>): Promise<T> {
  const stack = await startPair(env);
  try {
    return await use(stack);
  } finally {
    await stack.stop();
  }
}

describe('instances (build/instances.js) against INSTANCES=2', () => {
  it('passes two healthy instances; without INSTANCE_URLS it says so and cross_instance_errors is NOT RUN', async () => {
    await withPair({}, async (stack) => {
      const run = await runInstances(stack);
      assert.equal(run.result.code, 0, run.result.output);
      assert.equal(count(run, 'cross_instance_errors'), 0);
      // Each iteration: the live token on both instances, then the revoked one on both.
      assert.ok(count(run, 'cross_instance_checks') >= 8, `${count(run, 'cross_instance_checks')} checks`);
      assert.ok(count(run, 'revocation_checks') >= 4);
      assert.equal(count(run, 'login_limit_bypassed'), 0);
      assert.match(
        run.result.output,
        /login limit: 429 after \d+ wrong-password logins for one account over 2 instances/,
      );
      assert.equal(criterion(run, 'cross_instance_errors')?.outcome, 'pass');

      const unset = await runInstances(stack, { INSTANCE_URLS: '', USER_OFFSET: 10, DURATION: '4s' });
      assert.equal(unset.result.code, THRESHOLDS_FAILED, unset.result.output);
      assert.match(
        unset.result.output,
        /INSTANCE_URLS is not set: tokens are checked through the balancer only/,
      );
      const notRun = criterion(unset, 'cross_instance_errors');
      assert.equal(notRun?.outcome, 'not-run');
      assert.match(notRun?.reason ?? '', /INSTANCE_URLS is not set/);
    });
  });

  const causes = { 'per-instance-jwt-secret': /one signing key/, 'per-instance-denylist': /one denylist/ };
  for (const [defect, cause] of Object.entries(causes)) {
    it(`fails with ${defect}: exit 99 naming cross_instance_errors and the likely cause`, async () => {
      await withPair(defectServiceEnv(defect), async (stack) => {
        const run = await runInstances(stack, { DURATION: '4s' });
        assert.equal(run.result.code, THRESHOLDS_FAILED, run.result.output);
        assert.match(crossedThresholds(run.result.output), /\bcross_instance_errors\b/);
        assert.ok(count(run, 'cross_instance_errors') > 0);
        assert.match(run.result.output, cause);
        assert.equal(criterion(run, 'cross_instance_errors')?.outcome, 'fail');
      });
    });
  }
});
