// A test split the way k6-operator splits it (parallelism 2): each runner gets its execution segment from the
// operator and SEGMENT_COUNT from the TestRun, judges its own share, and `npm run report -- --merge` joins
// the runners' records into one verdict. Real k6 runners, concurrently, against the embedded service.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { THRESHOLDS_FAILED } from '../../scripts/lib/k6-runner.ts';
import { plainKnobsFrom } from '../../scripts/lib/k8s/knobs.ts';
import { buildManifests, operatorRunnerArgs } from '../../scripts/lib/k8s/manifests.ts';
import { mergeInstances } from '../../scripts/lib/merge/merge-command.ts';
import { type Stack, startStack } from '../../scripts/lib/stack.ts';
import { behaviourBundlePath, k6 } from '../helpers/k6.ts';

const PARALLELISM = 2;
const TEST = 'stress-5000';
const workDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-segments-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs every runner of the TestRun at once, as the operator starts them; returns exit codes and record folders. */
async function runLikeTheOperator(stack: Stack, testId: string) {
  const script = await behaviourBundlePath(TEST);
  const { testRun } = buildManifests({
    test: TEST,
    bundle: '// the runners below run the bundle from disk',
    parallelism: PARALLELISM,
    testId,
    knobs: plainKnobsFrom({
      BASE_URL: stack.baseUrl,
      USERS: '40',
      SPAWN_RATE: '20',
      DURATION: '24s',
      THINK_MIN_S: '0.2',
      THINK_MAX_S: '0.5',
      PROBE_SAMPLE: '0.25',
    }),
    secretName: 'auth-loadtest',
    probe: true,
    image: 'grafana/k6:1.8.1',
  });
  const runners = Array.from({ length: PARALLELISM }, (_, i) => i + 1).map(async (index) => {
    const reportDir = join(workDir, `${testId}-runner-${index}`);
    const folder = join(reportDir, testId, TEST);
    mkdirSync(folder, { recursive: true });
    const args = operatorRunnerArgs(testRun, index, script);
    // What the TestRun's runner.env gives the pod: SEGMENT_COUNT, and the Secret's values.
    const podEnv = Object.fromEntries(
      testRun.spec.runner.env.map((entry: { name: string; value?: string }) => [
        entry.name,
        entry.value ?? { USER_PASSWORD: stack.userPassword, REDIS_URL: stack.redisUrl }[entry.name],
      ]),
    );
    const result = await k6({
      command: 'run',
      script,
      env: { ...podEnv, REPORT_DIR: reportDir },
      extraArgs: args.slice(1, -1),
      timeoutMs: 120_000,
    });
    return { result, folder };
  });
  return Promise.all(runners);
}

for (const state of ['redis', 'memory'] as const) {
  describe(`${TEST} split over ${PARALLELISM} operator runners, STATE=${state}`, () => {
    let stack: Stack;
    after(() => stack?.stop());

    it(
      state === 'redis'
        ? 'each runner passes its share and the merged verdict is PASS'
        : 'the merged verdict is FAIL',
      async () => {
        stack = await startStack({ workers: 2, state, userCount: 100, env: { SCRYPT_COST: '10' } });
        const runners = await runLikeTheOperator(stack, `spec-${state}`);
        const expected = state === 'redis' ? 0 : THRESHOLDS_FAILED;
        for (const { result } of runners) {
          assert.equal(result.code, expected, result.output);
          assert.match(
            result.output,
            /this instance\s+execution segment 1 of 2 equal segments \(50% of the load, about 20 users\)/,
          );
        }
        const merged = mergeInstances(
          runners.map(({ folder }) => folder),
          join(workDir, `merged-${state}`),
        );
        assert.equal(merged.record.verdict.target, state === 'redis' ? 'pass' : 'fail');
        if (state === 'memory') {
          const accepted = merged.record.criteria.find((c) => c.key === 'revoked_token_accepted');
          assert.ok((accepted?.measured ?? 0) > 0, 'revoked tokens accepted, summed over the runners');
        }
      },
    );
  });
}
