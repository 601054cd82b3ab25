// The drill and the soak against a service the project does not run: they refuse clearly without the knobs
// they need, and the drill runs against a fixture service (DELETE logout, nested token, 403 refusals, no
// health endpoint, its own cluster) whose Redis it stops and starts only through REDIS_STOP_CMD and
// REDIS_START_CMD, as it would a staging stack's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runDrill } from '../../scripts/lib/drill/failover-drill.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { loadPlan } from '../../scripts/lib/plan/plan-file.ts';
import { externalService } from '../../scripts/lib/stack/external-service.ts';
import { requireK6 } from '../../scripts/lib/stack/k6-binary.ts';
import { FIXTURE_KNOBS, type FixtureService, startFixtureService } from '../helpers/fixture-services.ts';

function command(name: 'failover' | 'soak', env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', `scripts/commands/${name}.ts`], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 60_000,
  });
}

describe('against BASE_URL, without the knobs they need', () => {
  const service = { BASE_URL: 'http://127.0.0.1:9', USER_PASSWORD: 'x' };

  it('takes REDIS_URL=off as no Redis to reach (the opt-out reaches k6 through the environment)', () => {
    assert.equal(externalService({ ...service, REDIS_URL: 'off' })?.redisUrl, undefined);
    assert.equal(externalService({ ...service, REDIS_URL: 'redis://r:6379' })?.redisUrl, 'redis://r:6379');
  });

  it('the drill refuses, naming REDIS_STOP_CMD and REDIS_START_CMD', () => {
    const run = command('failover', service);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /set REDIS_STOP_CMD and REDIS_START_CMD/);
  });

  it('the soak refuses, naming METRICS_URL', () => {
    const run = command('soak', service);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /set METRICS_URL .* and MEMORY_METRIC/);
  });
});

describe('the failover drill against a fixture service, Redis stopped and started by shell commands', () => {
  let fixture: FixtureService;
  const reportDir = mkdtempSync(join(tmpdir(), 'auth-loadtest-external-'));
  after(async () => {
    // The restarted redis-server is a daemon the start command made: stop it by its pidfile.
    const pidFile = fixture?.redis && join(fixture.redis.dir, 'external.pid');
    if (pidFile && existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    await fixture?.stop();
    rmSync(reportDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged revocation, accepts no revoked token, and recovers', async () => {
    fixture = await startFixtureService('alt-shape', { processes: 2 });
    const redis = fixture.redis;
    assert.ok(redis, 'the fixture runs its own Redis');
    // The drill's k6 run and its bookkeeping calls read alt-shape's contract from the environment.
    Object.assign(process.env, FIXTURE_KNOBS['alt-shape']);
    const result = await runDrill(
      requireK6(),
      loadPlan(),
      {
        variant: 'command',
        users: 20,
        spawnRate: 10,
        settleS: 3,
        downS: 4,
        tailS: 10,
        workers: 2,
        revocations: 5,
        reportDir,
        runId: 'spec-external',
        thinkMinS: 0.2,
        thinkMaxS: 0.5,
      },
      {
        service: { baseUrl: fixture.baseUrl, userPassword: fixture.userPassword, redisUrl: fixture.redisUrl },
        commands: {
          stop: `kill -TERM ${redis.pid}`,
          start: `redis-server ${join(redis.dir, 'redis.conf')} --daemonize yes --pidfile ${join(redis.dir, 'external.pid')}`,
        },
        restarts: undefined,
      },
    );
    assert.equal(result.variant, 'command');
    assert.equal(result.revocationsBefore, 5, 'five logouts acknowledged before the outage');
    assert.equal(result.revocationsEnforcedAfter, 5, 'all five still refused after the restart');
    assert.equal(result.revokedAccepted, 0);
    assert.ok(
      result.timeline.some((second) => second.failClosed > 0),
      'the outage was seen: 503s while Redis was down',
    );
    assert.notEqual(result.recoveryS, null, 'right answers came back after Redis did');
    assert.equal(result.workerCrashes, null, 'the fixture counts no restarts: left out, and said so');
    assert.ok(!result.criteria.some((c) => c.key === 'worker_crashes'));
    console.log(
      `external drill: recovery ${result.recoveryS} s, error window ${result.errorWindowS} s, verdict ${result.verdict}`,
    );
  });
});
