// What each real bundle tells k6 before anything runs: thresholds and scenarios as thresholds.json and the
// profiles say (full size and scaled), and a clear stop, before any request, for a bad plan or BASE_URL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { criteriaFor, k6Thresholds } from '../../lib/criteria.ts';
import { parsePlanText } from '../../lib/plan.ts';
import { type ProfileOverrides, profileFor, scenarioFor } from '../../lib/profiles.ts';
import { RUN_RECORD_LINE_PREFIX } from '../../lib/summary/record-line.ts';
import { projectRoot, thresholdsFile } from '../../scripts/lib/paths.ts';
import { buildBundles, bundlePath, bundleWithThresholds, inspect, k6, PLAN_TESTS } from '../helpers/k6.ts';

const planText = readFileSync(thresholdsFile, 'utf8');
const plan = parsePlanText(planText);
// Nothing listens there; inspect never connects, and the run tests below must stop before trying.
const env = { BASE_URL: 'http://127.0.0.1:9', USER_PASSWORD: 'x' };

function expectedThresholds(test: string, overrides: ProfileOverrides, probeEnabled: boolean) {
  const profile = profileFor(test, overrides);
  const criteria = criteriaFor(plan, test, {
    gate: 'target',
    steadySeconds: profile.steadyS,
    loadFactor: profile.loadFactor,
    // The failover drill judges revocation itself, and instances judges answers across instances: neither
    // carries the probe's criteria.
    probe: test === 'failover' || test === 'instances' ? undefined : probeEnabled ? 'set' : 'unset',
    loginLimit: 'unset',
    minRevocationChecks: test === 'state-sync' ? 10 : 1,
  });
  return k6Thresholds(criteria, profile.steadyS);
}

/** k6 prints stage durations normalised ("250s" becomes "4m10s"); compare in seconds. */
function seconds(duration: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(duration);
  assert.ok(match, duration);
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

before(() => buildBundles());

describe('k6 inspect of every bundle', () => {
  for (const test of PLAN_TESTS) {
    it(`${test}: thresholds and scenario at full plan size`, async () => {
      const { result, options } = await inspect(bundlePath(test), env);
      assert.equal(result.code, 0, result.output);
      assert.deepEqual(options?.thresholds, expectedThresholds(test, {}, false));
      const profile = profileFor(test);
      const load = options?.scenarios?.[profile.workload];
      const planned = scenarioFor(profile);
      assert.equal(load.executor, 'ramping-vus');
      assert.equal(load.startVUs, planned.startVUs);
      assert.deepEqual(
        load.stages.map((s: { duration: string; target: number }) => [seconds(s.duration), s.target]),
        planned.stages.map((s) => [seconds(s.duration), s.target]),
      );
      assert.equal(options?.scenarios?.redis_monitor, undefined, 'no monitor without REDIS_URL');
      assert.equal(options?.discardResponseBodies, true);
      assert.ok(options?.summaryTrendStats.includes('p(99)'));
    });

    it(`${test}: thresholds with SCALE=0.1 (throughput scaled, the rest unchanged)`, async () => {
      const { result, options } = await inspect(bundlePath(test), { ...env, SCALE: '0.1' });
      assert.equal(result.code, 0, result.output);
      assert.deepEqual(options?.thresholds, expectedThresholds(test, { scale: 0.1 }, false));
    });
  }

  it('stress-5000 gates on the plan numbers themselves', async () => {
    const full = await inspect(bundlePath('stress-5000'), env);
    assert.deepEqual(full.options?.thresholds.steady_requests, ['count>250000']);
    assert.deepEqual(full.options?.thresholds.http_req_duration, ['p(95)<500']);
    const scaled = await inspect(bundlePath('stress-5000'), { ...env, SCALE: '0.1' });
    // 500 users at 10/s: the same 50 s ramp and 250 s steady window, a tenth of the requests.
    assert.deepEqual(scaled.options?.thresholds.steady_requests, ['count>25000']);
    assert.equal(scaled.options?.scenarios.authentication.stages[0].target, 500);
  });

  it('adds the monitor scenario and the Redis criteria with REDIS_URL (but not to failover)', async () => {
    const withRedis = { ...env, REDIS_URL: 'redis://127.0.0.1:9' };
    const smoke = await inspect(bundlePath('smoke'), withRedis);
    assert.equal(smoke.result.code, 0, smoke.result.output);
    assert.deepEqual(smoke.options?.thresholds, expectedThresholds('smoke', {}, true));
    assert.equal(smoke.options?.scenarios.redis_monitor.exec, 'redisMonitor');
    assert.equal(smoke.options?.scenarios.redis_monitor.duration, '15s');
    const failover = await inspect(bundlePath('failover'), withRedis);
    assert.deepEqual(failover.options?.thresholds, expectedThresholds('failover', {}, false));
    assert.equal(failover.options?.scenarios.redis_monitor.exec, 'redisMonitor');
  });

  it('needs no environment at all: the plan, a cloud name and the run id tag, and no secret in an archive', async () => {
    const { result, options } = await inspect(bundlePath('stress-5000'), {});
    assert.equal(result.code, 0, result.output);
    assert.deepEqual(options?.thresholds, expectedThresholds('stress-5000', {}, false));
    assert.match(options?.cloud?.name ?? '', /^auth-loadtest stress-5000 \d{8}-\d{6}$/);
    assert.match(options?.tags?.testid ?? '', /^\d{8}-\d{6}$/);
    const dir = mkdtempSync(join(tmpdir(), 'auth-loadtest-archive-'));
    try {
      const archive = join(dir, 'stress.tar');
      const made = await k6({
        command: 'archive',
        script: bundlePath('stress-5000'),
        extraArgs: ['-O', archive],
      });
      assert.equal(made.code, 0, made.output);
      const listing = spawnSync('tar', ['-xOf', archive], {
        encoding: 'latin1',
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.equal(listing.status, 0);
      assert.doesNotMatch(listing.stdout, /USER_PASSWORD"\s*:/, 'no password in metadata');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('LOAD_ZONES and K6_CLOUD_PROJECT_ID become options.cloud', async () => {
    const { options } = await inspect(bundlePath('smoke'), {
      LOAD_ZONES: 'amazon:us:ashburn=60,amazon:ie:dublin=40',
      K6_CLOUD_PROJECT_ID: '4242',
      RUN_ID: 'ci-7',
    });
    assert.deepEqual(options?.cloud, {
      name: 'auth-loadtest smoke ci-7',
      projectID: 4242,
      distribution: {
        zone1: { loadZone: 'amazon:us:ashburn', percent: 60 },
        zone2: { loadZone: 'amazon:ie:dublin', percent: 40 },
      },
    });
    assert.deepEqual(options?.tags, { testid: 'ci-7' });
  });

  it('a split test scales its throughput target to the instance share', async () => {
    const half = await inspect(bundlePath('stress-5000'), { EXECUTION_SEGMENT: '0:1/2' });
    assert.equal(half.result.code, 0, half.result.output);
    assert.equal(half.options?.executionSegment, '0:1/2');
    assert.deepEqual(half.options?.thresholds.steady_requests, ['count>125000']);
    const quarter = await inspect(bundlePath('stress-5000'), { SEGMENT_COUNT: '4' });
    assert.deepEqual(quarter.options?.thresholds.steady_requests, ['count>62500']);
  });

  it('GATE=stretch turns the stretch goals into thresholds too', async () => {
    const { options } = await inspect(bundlePath('ultimate-10000'), { ...env, GATE: 'stretch' });
    assert.deepEqual(options?.thresholds.steady_requests, ['count>300000', 'count>400000']);
  });
});

describe('bad input stops k6 before any load', () => {
  it('a thresholds.json with an unknown criterion or operator: PlanError, exit 107', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the cases edit parsed JSON in place
    const cases: Array<[(raw: any) => void, RegExp]> = [
      [
        (raw) => (raw.tests['stress-5000'].target.p95 = '< 500'),
        /tests\.stress-5000\.target\.p95 is not a known criterion/,
      ],
      [
        (raw) => (raw.tests['stress-5000'].target.p95_ms = '=< 500'),
        /tests\.stress-5000\.target\.p95_ms is \\?"=< 500\\?"/,
      ],
    ];
    for (const [edit, message] of cases) {
      const raw = JSON.parse(planText);
      edit(raw);
      const broken = await bundleWithThresholds('stress-5000', JSON.stringify(raw));
      try {
        const { result } = await inspect(broken.bundle, env);
        assert.equal(result.code, 107, result.output);
        assert.match(result.output, /thresholds\.json: /);
        assert.match(result.output, message);
      } finally {
        broken.remove();
      }
    }
  });

  it('a thresholds.json that is not JSON stops the build with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-loadtest-plan-'));
    const broken = join(dir, 'thresholds.json');
    writeFileSync(broken, '{ "tests": { "smoke": ');
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
        cwd: projectRoot,
        env: { ...process.env, THRESHOLDS_FILE: broken },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, /thresholds\.json: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('k6 run', () => {
    let server: Server;
    let requests = 0;
    let port = 0;

    before(async () => {
      server = createServer((_request, response) => {
        requests++;
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('a malformed BASE_URL: exit 107 naming BASE_URL, and not one request', async () => {
      for (const bad of [
        `http://127.0.0.1:${port}/health?probe=1`,
        `127.0.0.1:${port}`,
        `ftp://127.0.0.1:${port}`,
      ]) {
        const result = await k6({
          command: 'run',
          script: bundlePath('smoke'),
          env: { ...env, BASE_URL: bad },
        });
        assert.equal(result.code, 107, result.output);
        assert.match(result.output, /BASE_URL must look like http:\/\/host:port/);
      }
      assert.equal(requests, 0);
    });

    it('a missing USER_PASSWORD: setup stops the run (exit 108) naming it, before one request', async () => {
      const result = await k6({
        command: 'run',
        script: bundlePath('smoke'),
        env: { BASE_URL: `http://127.0.0.1:${port}` },
      });
      assert.equal(result.code, 108, result.output);
      assert.match(result.output, /USER_PASSWORD is required/);
      assert.match(result.output, /run aborted before load started/);
      // The criteria table is left out; only the record's machine-readable line (after it) lists them.
      assert.doesNotMatch(result.output.split(RUN_RECORD_LINE_PREFIX)[0] ?? '', /Failed requests/);
      assert.equal(requests, 0);
    });

    it('a missing BASE_URL: setup stops the run (exit 108) naming it', async () => {
      const result = await k6({ command: 'run', script: bundlePath('smoke'), env: { USER_PASSWORD: 'x' } });
      assert.equal(result.code, 108, result.output);
      assert.match(result.output, /BASE_URL is required/);
    });

    it('a bad knob: exit 107 naming the variable', async () => {
      const result = await k6({
        command: 'run',
        script: bundlePath('stress-5000'),
        env: { ...env, SCALE: '2' },
      });
      assert.equal(result.code, 107, result.output);
      assert.match(result.output, /SCALE must be in \(0, 1\], got \\?"2\\?"/);
    });

    it('a configuration that could not measure revocation: exit 107 naming the knob, before any load', async () => {
      const result = await k6({
        command: 'run',
        script: bundlePath('baseline-1000'),
        env: { ...env, SCALE: '0.01', LOGOUT_PROBABILITY: '0' },
      });
      assert.equal(result.code, 107, result.output);
      assert.match(result.output, /LOGOUT_PROBABILITY must be in \(0, 1\]/);
    });
  });
});
