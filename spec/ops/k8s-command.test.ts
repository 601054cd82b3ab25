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
      env: { PATH: process.env.PATH, ...env },
    });

  it('writes both manifests for a built bundle, with no secret from the environment in them', () => {
    const bundle = join(buildDir, 'smoke.js');
    assert.ok(existsSync(bundle), 'npm test builds the bundles before the specs');
    const run = k8s(['smoke', '--parallelism', '2', '--image', 'grafana/k6:1.8.1', '--id', 'spec-1'], {
      BASE_URL: 'http://auth.test.svc:8080',
      USER_PASSWORD: 'not-in-any-manifest',
    });
    assert.equal(run.status, 0, run.stderr);
    const configMap = readFileSync(join(out, 'smoke.configmap.yaml'), 'utf8');
    const testRun = readFileSync(join(out, 'smoke.testrun.yaml'), 'utf8');
    assert.equal(parse(configMap).data['smoke.js'], readFileSync(bundle, 'utf8'));
    assert.equal(parse(testRun).spec.parallelism, 2);
    assert.ok(!`${configMap}${testRun}`.includes('not-in-any-manifest'));
  });

  it('forwards every suite knob set here, empty ones included, and takes each secret set here from the Secret', () => {
    const run = k8s(['smoke', '--parallelism', '2', '--image', 'grafana/k6:1.8.1', '--id', 'spec-2'], {
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
