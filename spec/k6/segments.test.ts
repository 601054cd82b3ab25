// A test split the way k6-operator splits it (parallelism 2): each runner gets its execution segment from the
// operator and SEGMENT_COUNT from the TestRun, judges its own share, and prints its run record as the last
// line of its output. Each runner runs the test's k6 archive, as `npm run k8s` ships it. As in a pod, no runner has a report folder: each runner's output is saved as
// `kubectl logs <runner-pod> > runner-N.log` would save it, and `npm run report -- --merge` joins the logs
// into one verdict. Real k6 runners, concurrently, against the embedded service.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { archiveTest } from '../../scripts/lib/k8s/archive.ts';
import {
  archiveEnvironment,
  buildManifests,
  needsRedisExtension,
  operatorRunnerArgs,
} from '../../scripts/lib/k8s/manifests.ts';
import { plainKnobsFrom } from '../../scripts/lib/k8s/operator-knobs.ts';
import { mergeInstances } from '../../scripts/lib/merge/merge-command.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { THRESHOLDS_FAILED } from '../../scripts/lib/stack/k6-runner.ts';
import { type Stack, startStack } from '../../scripts/lib/stack/stack.ts';
import { behaviourBundlePath, k6, k6Binary } from '../helpers/k6.ts';

const PARALLELISM = 2;
const TEST = 'stress-5000';
const workDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-segments-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs every runner of the TestRun at once, as the operator starts them; returns exit codes and saved logs. */
async function runLikeTheOperator(stack: Stack, testId: string) {
  const bundle = await behaviourBundlePath(TEST);
  const request = {
    test: TEST,
    redisExtension: needsRedisExtension(readFileSync(bundle, 'utf8')),
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
    // A runner image with the Redis extension, as a k6 v2 probe needs; its name is not used here.
    image: 'registry.example/k6-redis:test',
  };
  // What npm run k8s ships: the test's k6 archive, made with the runners' plain environment.
  const script = join(workDir, `${testId}.tar`);
  archiveTest(k6Binary(), bundle, archiveEnvironment(request), script);
  const { testRun } = buildManifests({ ...request, archive: readFileSync(script) });
  const runners = Array.from({ length: PARALLELISM }, (_, i) => i + 1).map(async (index) => {
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
      // A pod has no report folder; this one does not exist either, so the runner writes no file (k6 runs
      // from the project folder here, which may hold ./reports).
      env: { ...podEnv, REPORT_DIR: join(workDir, 'no-report-folder') },
      extraArgs: args.slice(1, -1),
      timeoutMs: 120_000,
    });
    // kubectl logs carries both of the container's streams.
    const log = join(workDir, `${testId}-runner-${index}.log`);
    writeFileSync(log, result.output);
    return { result, log };
  });
  return Promise.all(runners);
}

/** `npm run report -- --merge` as a user runs it. */
function reportMerge(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', '--merge', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
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
            /this instance\s+execution segment (0:1\/2|1\/2:1) \(50% of the load, about 20 users\)/,
          );
          assert.match(result.output, /reports {4}none written/, 'no file: the log is the only record');
        }
        const logs = runners.map(({ log }) => log);
        const merged = mergeInstances(logs, join(workDir, `merged-${state}`));
        assert.equal(merged.record.verdict.target, state === 'redis' ? 'pass' : 'fail');
        assert.deepEqual(
          merged.record.merged.instances.map(({ source, users }) => [source, users]),
          logs.map((log) => [log, 20]),
        );
        const cli = reportMerge([...logs, '--out', join(workDir, `merged-${state}-cli`)]);
        assert.equal(cli.code, state === 'redis' ? 0 : 1, `${cli.out}\n${cli.err}`);
        assert.match(cli.out, /stress-5000, 2 instances, 40 users in all/);
        const half = reportMerge([logs[0] as string, '--out', join(workDir, `half-${state}`)]);
        assert.equal(half.code, 2, `${half.out}\n${half.err}`);
        assert.match(half.err, /missing: segment 1\/2:1 \(50% of the load\) is in no record/);
        if (state === 'memory') {
          const accepted = merged.record.criteria.find((c) => c.key === 'revoked_token_accepted');
          assert.ok((accepted?.measured ?? 0) > 0, 'revoked tokens accepted, summed over the runners');
        }
      },
    );
  });
}
