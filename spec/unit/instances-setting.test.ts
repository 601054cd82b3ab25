// INSTANCES and LB_AFFINITY parsing, the balancer's configuration and the worker name: the pure parts of
// several instances (the live stack is spec/server/instances.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../../lib/config.ts';
import { instancesTestDecision, planWorkers } from '../../scripts/lib/plan/instances-plan.ts';
import { scheduledFolders } from '../../scripts/lib/plan/plan-runner.ts';
import { planSchedule } from '../../scripts/lib/plan/plan-schedule.ts';
import { instanceScaling } from '../../scripts/lib/report/instances-section.ts';
import { parseShowStat } from '../../scripts/lib/stack/balancer-stats.ts';
import { haproxyConfig } from '../../scripts/lib/stack/haproxy.ts';
import { instancesSetting } from '../../scripts/lib/stack/instances-setting.ts';
import { instanceJwtSecret, instanceRevocationPrefix } from '../../server/defects/instances.ts';
import { workerName } from '../../server/worker-name.ts';

describe('INSTANCES and LB_AFFINITY', () => {
  test('default to one instance, round-robin', () => {
    assert.deepEqual(instancesSetting({}), { instances: 1, affinity: 'none' });
    assert.deepEqual(instancesSetting({ INSTANCES: '3', LB_AFFINITY: 'cookie' }), {
      instances: 3,
      affinity: 'cookie',
    });
  });

  test('bad values name the variable', () => {
    assert.throws(() => instancesSetting({ INSTANCES: '0' }), /INSTANCES must be a whole number >= 1/);
    assert.throws(() => instancesSetting({ INSTANCES: 'two' }), /INSTANCES must be a number/);
    assert.throws(() => instancesSetting({ INSTANCES: '17' }), /INSTANCES must be at most 16/);
    assert.throws(() => instancesSetting({ LB_AFFINITY: 'ip' }), /LB_AFFINITY must be one of none, cookie/);
  });
});

describe('the balancer configuration', () => {
  const backends = [
    { name: 'i1', port: 4001 },
    { name: 'i2', port: 4002 },
  ];

  test('round-robin over every instance, checked without ejecting a fail-closed (503) instance', () => {
    const text = haproxyConfig(4000, backends, 'none', '/tmp/x.sock');
    assert.match(text, /bind 127\.0\.0\.1:4000/);
    assert.match(text, /balance roundrobin/);
    assert.match(text, /server i1 127\.0\.0\.1:4001 check\n/);
    assert.match(text, /server i2 127\.0\.0\.1:4002 check\n/);
    assert.match(text, /http-check expect rstatus \^\(200\|503\)\$/);
    assert.doesNotMatch(text, /cookie/);
  });

  test('cookie affinity names each instance in the cookie', () => {
    const text = haproxyConfig(4000, backends, 'cookie', '/tmp/x.sock');
    assert.match(text, /cookie AUTHLB insert indirect nocache/);
    assert.match(text, /server i2 127\.0\.0\.1:4002 check cookie i2/);
  });
});

describe('instances in the service', () => {
  test('the worker header names instance and worker', () => {
    assert.equal(workerName(2, 3), 'i2-w3');
  });

  test('the multi-instance defects change the secret and the denylist prefix only when injected', () => {
    assert.equal(instanceJwtSecret(undefined, 'given'), 'given');
    const own = instanceJwtSecret({ name: 'per-instance-jwt-secret', size: undefined }, 'given');
    assert.notEqual(own, 'given');
    assert.ok(Buffer.from(own, 'base64url').length >= 32);
    assert.equal(instanceRevocationPrefix(undefined, 'revoked', 2), 'revoked');
    assert.equal(
      instanceRevocationPrefix({ name: 'per-instance-denylist', size: undefined }, 'revoked', 2),
      'revoked-i2',
    );
  });
});

describe('INSTANCE_URLS', () => {
  test('two or more distinct service URLs, trailing slashes dropped', () => {
    assert.deepEqual(parseConfig({ INSTANCE_URLS: 'http://127.0.0.1:1/, http://127.0.0.1:2' }).instanceUrls, [
      'http://127.0.0.1:1',
      'http://127.0.0.1:2',
    ]);
    assert.equal(parseConfig({}).instanceUrls, undefined);
  });

  test('one URL, a repeated URL or a malformed one is refused naming INSTANCE_URLS', () => {
    assert.throws(
      () => parseConfig({ INSTANCE_URLS: 'http://a:1' }),
      /INSTANCE_URLS needs the URLs of at least two/,
    );
    assert.throws(
      () => parseConfig({ INSTANCE_URLS: 'http://a:1,http://a:1/' }),
      /INSTANCE_URLS names an instance twice/,
    );
    assert.throws(() => parseConfig({ INSTANCE_URLS: 'http://a:1,ftp://b' }), /INSTANCE_URLS must look like/);
  });
});

describe("the balancer's per-instance counts", () => {
  test('come from the servers of the instances backend in show stat, by column name', () => {
    const csv = [
      '# pxname,svname,status,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,',
      'auth,FRONTEND,OPEN,0,70,0,6,4,0,',
      'instances,i1,UP,0,30,0,3,1,0,',
      'instances,i2,DOWN,0,40,0,3,3,0,',
      'instances,BACKEND,UP,0,70,0,6,4,0,',
    ].join('\n');
    assert.deepEqual(parseShowStat(csv), [
      { name: 'i1', responses: 34, serverErrors: 1, status: 'UP' },
      { name: 'i2', responses: 46, serverErrors: 3, status: 'DOWN' },
    ]);
  });
});

describe('whether npm start runs the instances test', () => {
  const one = { instances: 1, affinity: 'none' } as const;
  const two = { instances: 2, affinity: 'none' } as const;

  test('against the embedded stack: only with INSTANCES >= 2, and otherwise says why', () => {
    assert.deepEqual(instancesTestDecision(two, false, undefined), { run: true });
    const skipped = instancesTestDecision(one, false, undefined);
    assert.equal(skipped.run, false);
    assert.match(skipped.skipped ?? '', /one instance \(INSTANCES=1\).*INSTANCES=2 npm start runs it/);
  });

  test('against your service: only with INSTANCE_URLS, off or unset said so', () => {
    assert.deepEqual(instancesTestDecision(one, true, 'http://a:1,http://b:2'), { run: true });
    assert.match(instancesTestDecision(one, true, undefined).skipped ?? '', /INSTANCE_URLS is not set/);
    assert.match(instancesTestDecision(one, true, 'off').skipped ?? '', /INSTANCE_URLS=off/);
  });

  test('the default plan keeps its folders; with the test, instances is scheduled and judged', () => {
    const schedule = planSchedule('quick', 0.05);
    assert.ok(!scheduledFolders(schedule, false).tests.includes('instances'));
    assert.ok(scheduledFolders(schedule, false, true).tests.includes('instances'));
    assert.deepEqual(schedule.instances, {
      test: 'instances',
      overrides: { users: 10, spawnRate: 3, runTimeS: 20 },
    });
  });
});

describe('scaling from one instance to two, as the report words it', () => {
  const row = (instances: number, rps: number, machine: number, service: number) => ({
    label: `${instances}x4w-redis`,
    workers: 4,
    ...(instances > 1 ? { instances } : {}),
    state: 'redis' as const,
    requests: rps * 10,
    steadyS: 10,
    throughputRps: rps,
    p95Ms: 50,
    failures: 0,
    failureRate: 0,
    serviceCpuPct: service,
    machineCpuPct: machine,
    rpsPerWorker: rps / (4 * instances),
    efficiency: undefined,
  });
  const file = (machine: number) => ({
    schema: 'auth-loadtest/scalability@1' as const,
    test: 'stress-5000',
    users: 40,
    runTimeS: 15,
    rampS: 2,
    thinkS: [0, 0] as [number, number],
    cores: 2,
    wallS: 60,
    rows: [row(1, 400, machine, 120), row(2, 440, machine, 130)],
  });

  test('names the saturated cores as the reason when the machine was busy', () => {
    const text = instanceScaling(file(195)) ?? '';
    assert.match(text, /400 -> 440 req\/s, x1\.10 for x2 instances/);
    assert.match(text, /2 cores were saturated \(machine CPU 195% and 195% of 200%\)/);
  });

  test('says the limit was elsewhere when the machine had CPU to spare, and nothing without both rows', () => {
    assert.match(instanceScaling(file(120)) ?? '', /CPU to spare \(machine CPU at most 120% of 200%\)/);
    assert.equal(instanceScaling({ ...file(120), rows: [row(1, 400, 120, 100)] }), undefined);
  });
});

describe("npm start's workers per instance", () => {
  test("share out the plan's 4 workers unless --workers says otherwise", () => {
    assert.deepEqual([1, 2, 3, 4, 8].map(planWorkers), [4, 2, 1, 1, 1]);
  });
});
