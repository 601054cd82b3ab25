// The test-only DEFECT setting end to end: the built service refuses it without the test flag, and with
// the flag the suite's smoke run catches the injected defect (alg:none tokens accepted) with exit 99.
// The full matrix of defects is `npm run sensitivity`, not part of npm test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import { ensureServiceBundle } from '../../scripts/lib/stack/service-process.ts';
import { type Stack, startStack } from '../../scripts/lib/stack/stack.ts';
import { TEST_FLAG } from '../../server/defects/setting.ts';
import { behaviourBundlePath, k6 } from '../helpers/k6.ts';

const EXIT_CONFIG = 78;
const workDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-defect-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

describe('DEFECT (test-only service setting)', () => {
  it('is refused without the test flag: exit 78, and no worker starts', async () => {
    const run = spawnSync(process.execPath, [await ensureServiceBundle()], {
      env: {
        PATH: process.env.PATH ?? '',
        WORKERS: '1',
        PORT: '1',
        USER_PASSWORD: 'pw',
        DEFECT: 'fail-open',
      },
      encoding: 'utf8',
      timeout: 10_000,
    });
    assert.equal(run.status, EXIT_CONFIG);
    assert.match(run.stderr, new RegExp(`only for testing.*${TEST_FLAG}=yes`));
    assert.doesNotMatch(run.stdout, /ready/);
  });

  describe('alg-none-accepted, under the smoke test', () => {
    let stack: Stack;
    before(async () => {
      stack = await startStack({
        workers: 2,
        state: 'redis',
        userCount: 100,
        env: { SCRYPT_COST: '10', DEFECT: 'alg-none-accepted', [TEST_FLAG]: 'yes' },
      });
    });
    after(() => stack?.stop());

    it('makes k6 exit 99 on failed requests: the forged token got a 200', async () => {
      mkdirSync(join(workDir, 'reports', 'defect', 'smoke'), { recursive: true });
      const run = await k6({
        command: 'run',
        script: await behaviourBundlePath('smoke'),
        env: {
          BASE_URL: stack.baseUrl,
          USER_PASSWORD: stack.userPassword,
          REPORT_DIR: join(workDir, 'reports'),
          RUN_ID: 'defect',
          DURATION: '5s',
        },
        extraArgs: ['--quiet'],
        timeoutMs: 60_000,
      });
      assert.equal(run.code, THRESHOLDS_FAILED, run.output);
      assert.match(run.output, /thresholds on metrics '[^']*\bhttp_req_failed\b[^']*' have been crossed/);
    });
  });
});
