// `npm run k8s` on a built bundle: both manifests written and readable, every suite knob set in the environment
// forwarded, no secret from the environment in them, and clear errors (exit 2) for what it cannot use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { buildDir, projectRoot } from '../../scripts/lib/paths.ts';

describe('npm run k8s', () => {
  const out = mkdtempSync(join(tmpdir(), 'k8s-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const k8s = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/k8s.ts', ...args, '--out', out], {
      cwd: projectRoot,
      encoding: 'utf8',
      // K6_BIN too: the archive must be made by the k6 the bundles were built for.
      env: { PATH: process.env.PATH, K6_BIN: process.env.K6_BIN, ...env },
    });

  it('writes the archive and both manifests for a built test, with no secret from the environment in them', () => {
    assert.ok(existsSync(join(buildDir, 'smoke.js')), 'npm test builds the bundles before the specs');
    const run = k8s(['smoke', '--parallelism', '2', '--image', 'grafana/k6:1.8.1', '--id', 'spec-1'], {
      BASE_URL: 'http://auth.test.svc:8080',
      USERS: '7',
      USER_PASSWORD: 'not-in-any-manifest',
    });
    assert.equal(run.status, 0, run.stderr);
    const archive = readFileSync(join(out, 'smoke.tar'));
    const configMap = readFileSync(join(out, 'smoke.configmap.yaml'), 'utf8');
    const testRun = readFileSync(join(out, 'smoke.testrun.yaml'), 'utf8');
    assert.ok(Buffer.from(parse(configMap).binaryData['smoke.tar'], 'base64').equals(archive));
    assert.deepEqual(parse(testRun).spec.script, {
      configMap: { name: 'auth-loadtest-smoke', file: 'smoke.tar' },
    });
    assert.equal(parse(testRun).spec.parallelism, 2);
    assert.ok(!`${configMap}${testRun}${archive.toString('latin1')}`.includes('not-in-any-manifest'));
    // The archive holds the stand-in and both parts, and the options the runners' settings give.
    const listing = spawnSync('tar', ['-tf', join(out, 'smoke.tar')], { encoding: 'utf8' }).stdout;
    for (const file of ['build/smoke.js', 'build/parts/smoke.js', 'build/parts/smoke.load.js']) {
      assert.ok(listing.includes(file), `${file} in the archive:\n${listing}`);
    }
    const metadata = JSON.parse(
      spawnSync('tar', ['-xOf', join(out, 'smoke.tar'), 'metadata.json'], { encoding: 'utf8' }).stdout,
    );
    assert.deepEqual(metadata.env, {
      BASE_URL: 'http://auth.test.svc:8080',
      USERS: '7',
      RUN_ID: 'spec-1',
      SEGMENT_COUNT: '2',
    });
    assert.equal(metadata.options.scenarios.smoke.stages.at(-1).target, 7);
  });

  it('forwards every suite knob set here, empty ones included, and takes each secret set here from the Secret', () => {
    // An image with the Redis extension: a k6 v2 build refuses the probe on the stock one.
    const image = 'registry.example/k6-redis:2.2.0';
    const run = k8s(['smoke', '--parallelism', '2', '--image', image, '--id', 'spec-2'], {
      BASE_URL: 'http://auth.test.svc:8080',
      HEALTH_PATH: '',
      WORKER_HEADER: '',
      LOGIN_BODY: '{"login":"{username}","secret":"{password}"}',
      LOGIN_LIMIT_PER_ACCOUNT: 'off',
      USER_PASSWORD: 'not-in-any-manifest',
      REDIS_URL: 'redis://:not-in-any-manifest@redis.internal:6379',
    });
    assert.equal(run.status, 0, run.stderr);
    const text = readFileSync(join(out, 'smoke.testrun.yaml'), 'utf8');
    assert.ok(!text.includes('not-in-any-manifest'));
    const { spec } = parse(text);
    for (const argument of ['-e HEALTH_PATH= ', '-e WORKER_HEADER= ', '-e LOGIN_LIMIT_PER_ACCOUNT=off']) {
      assert.ok(`${spec.arguments} `.includes(argument), `${argument} in ${spec.arguments}`);
    }
    const env = new Map(spec.runner.env.map((entry: { name: string }) => [entry.name, entry]));
    assert.deepEqual(env.get('LOGIN_BODY'), {
      name: 'LOGIN_BODY',
      value: '{"login":"{username}","secret":"{password}"}',
    });
    for (const secret of ['USER_PASSWORD', 'REDIS_URL']) {
      assert.deepEqual(env.get(secret), {
        name: secret,
        valueFrom: { secretKeyRef: { name: 'auth-loadtest', key: secret } },
      });
      assert.match(run.stdout, new RegExp(`--from-literal=${secret}=\\.\\.\\.`));
    }
    // Every criterion-bearing knob here is set: nothing to warn about.
    assert.doesNotMatch(run.stderr, /note:/);
  });

  it('says which knob left unset will fail the runners unless opted out', () => {
    const run = k8s(['smoke', '--parallelism', '1', '--image', 'grafana/k6:1.8.1', '--id', 'spec-3'], {
      BASE_URL: 'http://auth.test.svc:8080',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /note: REDIS_URL is not set .* or REDIS_URL=off to opt out/);
    assert.match(
      run.stderr,
      /note: LOGIN_LIMIT_PER_ACCOUNT is not set .* or LOGIN_LIMIT_PER_ACCOUNT=off to opt out/,
    );
    // INSTANCE_URLS enables the instances test's criteria only: no note for smoke, one for instances.
    assert.doesNotMatch(run.stderr, /INSTANCE_URLS/);
    const instances = k8s(
      ['instances', '--parallelism', '1', '--image', 'grafana/k6:1.8.1', '--id', 'spec-4'],
      {
        BASE_URL: 'http://auth.test.svc:8080',
      },
    );
    assert.equal(instances.status, 0, instances.stderr);
    assert.match(instances.stderr, /note: INSTANCE_URLS is not set .* or INSTANCE_URLS=off to opt out/);
  });

  it('exits 2 for an unknown test or a missing --parallelism', () => {
    const unknown = k8s(['nope', '--parallelism', '2'], { BASE_URL: 'http://a' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown test "nope"; one of: .*stress-5000/);
    const noParallelism = k8s(['smoke'], { BASE_URL: 'http://a' });
    assert.equal(noParallelism.status, 2);
    assert.match(noParallelism.stderr, /--parallelism N is required/);
  });
});
