import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import {
  archiveEnvironment,
  buildManifests,
  CONFIGMAP_MAX_BYTES,
  K8sInputError,
  needsRedisExtension,
  operatorRunnerArgs,
  type TestRunRequest,
} from '../../scripts/lib/k8s/manifests.ts';
import { plainKnobsFrom, secretKnobsFrom } from '../../scripts/lib/k8s/operator-knobs.ts';

// Bytes a YAML writer could mangle if they travelled as text: NUL, a newline, high bytes, a colon.
const ARCHIVE = Uint8Array.from([0, 10, 255, 254, 58, 32, 35, 0x75, 0x73, 0x74, 0x61, 0x72]);

const request = (overrides: Partial<TestRunRequest> = {}): TestRunRequest => ({
  test: 'stress-5000',
  archive: ARCHIVE,
  redisExtension: true,
  parallelism: 4,
  testId: 'ci-42',
  knobs: { BASE_URL: 'http://auth.test.svc:8080', SCALE: '0.5' },
  secretName: 'auth-secrets',
  probe: false,
  image: 'grafana/k6:2.2.0',
  ...overrides,
});

/** The manifests as kubectl would read them: written to YAML and parsed back. */
const roundTrip = (manifest: object) => parse(stringify(manifest, { lineWidth: 0 }));

describe('k6-operator manifests', () => {
  it('writes a TestRun with N runners, the testid tag, the knobs as -e and the secrets from the Secret', () => {
    const { testRun } = buildManifests(request());
    const parsed = roundTrip(testRun);
    assert.equal(parsed.apiVersion, 'k6.io/v1alpha1');
    assert.equal(parsed.kind, 'TestRun');
    assert.equal(parsed.metadata.name, 'stress-5000-ci-42');
    assert.equal(parsed.spec.parallelism, 4);
    assert.deepEqual(parsed.spec.script, {
      configMap: { name: 'auth-loadtest-stress-5000', file: 'stress-5000.tar' },
    });
    assert.equal(
      parsed.spec.arguments,
      '--tag testid=ci-42 -e RUN_ID=ci-42 -e BASE_URL=http://auth.test.svc:8080 -e SCALE=0.5',
    );
    assert.equal(parsed.spec.runner.image, 'grafana/k6:2.2.0');
    assert.deepEqual(parsed.spec.runner.env, [
      { name: 'SEGMENT_COUNT', value: '4' },
      { name: 'USER_PASSWORD', valueFrom: { secretKeyRef: { name: 'auth-secrets', key: 'USER_PASSWORD' } } },
    ]);
  });

  it('takes REDIS_URL from the Secret only with the probe, and refuses the stock image for a v2 probe', () => {
    const withProbe = buildManifests(request({ probe: true, image: 'registry.example/k6-redis:2.2.0' }));
    assert.deepEqual(withProbe.testRun.spec.runner.env.at(-1), {
      name: 'REDIS_URL',
      valueFrom: { secretKeyRef: { name: 'auth-secrets', key: 'REDIS_URL' } },
    });
    assert.throws(() => buildManifests(request({ probe: true })), /needs k6\/x\/redis/);
    // A k6 v1 build uses the Redis module built into k6 v1: the stock image serves.
    const v1 = request({ probe: true, redisExtension: false, image: 'grafana/k6:1.8.1' });
    assert.equal(buildManifests(v1).testRun.spec.runner.env.length, 3);
  });

  it('carries the archive byte for byte in the ConfigMap, and refuses one above the 1 MiB cap', () => {
    const { configMap } = buildManifests(request());
    const parsed = roundTrip(configMap);
    assert.equal(parsed.kind, 'ConfigMap');
    assert.equal(parsed.metadata.name, 'auth-loadtest-stress-5000');
    assert.deepEqual(new Uint8Array(Buffer.from(parsed.binaryData['stress-5000.tar'], 'base64')), ARCHIVE);
    const big = new Uint8Array(CONFIGMAP_MAX_BYTES);
    assert.throws(() => buildManifests(request({ archive: big })), /above the 1048576-byte ConfigMap limit/);
  });

  it("archives with the runners' plain environment, so the options k6 freezes in the archive are theirs", () => {
    assert.deepEqual(archiveEnvironment(request({ knobs: { BASE_URL: 'http://a', USERS: '40' } })), {
      BASE_URL: 'http://a',
      USERS: '40',
      RUN_ID: 'ci-42',
      SEGMENT_COUNT: '4',
    });
  });

  it('knows a k6 v2 script by the directive at its top', () => {
    assert.equal(needsRedisExtension('"use k6 with k6/x/redis";\nconst load = 1;'), true);
    assert.equal(needsRedisExtension('// v1\nconst load = 1;'), false);
  });

  it('rejects secrets among the knobs, knobs the manifests set, unknown names, no BASE_URL, and a bad parallelism', () => {
    const rejects = (overrides: Partial<TestRunRequest>, message: RegExp) =>
      assert.throws(
        () => buildManifests(request(overrides)),
        (e: Error) => e instanceof K8sInputError && message.test(e.message),
      );
    rejects({ knobs: { BASE_URL: 'http://a', USER_PASSWORD: 'pw' } }, /USER_PASSWORD is a secret/);
    rejects({ knobs: { BASE_URL: 'http://a', REDIS_URL: 'redis://x' } }, /REDIS_URL is a secret/);
    rejects({ knobs: { BASE_URL: 'http://a', SEGMENT_COUNT: '2' } }, /SEGMENT_COUNT is set by the manifests/);
    rejects({ knobs: { BASE_URL: 'http://a', HOME: '/root' } }, /HOME is not a knob the suite reads/);
    rejects({ knobs: { BASE_URL: 'http://a' }, secrets: ['BASE_URL'] }, /BASE_URL is not a secret/);
    rejects({ knobs: { BASE_URL: 'http://a', REDIS_URL: 'off' }, probe: true }, /REDIS_URL=off .* --probe/);
    rejects({ knobs: { SCALE: '0.5' } }, /BASE_URL is required/);
    rejects({ knobs: { BASE_URL: '', SCALE: '0.5' } }, /BASE_URL is required/);
    rejects({ parallelism: 0 }, /--parallelism must be a whole number/);
    rejects({ parallelism: 2.5 }, /--parallelism must be a whole number/);
    rejects({ testId: 'a b' }, /test id may only hold/);
  });

  it('passes every suite knob set in the environment, empty ones included, and no secret value', () => {
    const env = {
      BASE_URL: 'http://a',
      USERS: '40',
      HEALTH_PATH: '',
      WORKER_HEADER: '',
      LOGIN_BODY: '{"user":"{username}","pass":"{password}"}',
      REVOKED_STATUS: '401,422',
      LOGIN_LIMIT_PER_ACCOUNT: 'off',
      USER_PASSWORD: 'pw',
      REDIS_URL: 'redis://:pw@x:6379',
      REDIS_PASSWORD: '',
      RUN_ID: 'becomes-the-test-id',
      K6_BIN: '/usr/local/bin/k6',
      HOME: '/root',
    };
    assert.deepEqual(plainKnobsFrom(env), {
      BASE_URL: 'http://a',
      HEALTH_PATH: '',
      LOGIN_BODY: '{"user":"{username}","pass":"{password}"}',
      REVOKED_STATUS: '401,422',
      WORKER_HEADER: '',
      LOGIN_LIMIT_PER_ACCOUNT: 'off',
      USERS: '40',
    });
    // Only the names of secrets, so the runners read them from the Secret; an empty secret is unset.
    assert.deepEqual(secretKnobsFrom(env), ['USER_PASSWORD', 'REDIS_URL']);
    // REDIS_URL=off is the opt-out, not a secret: it travels as a plain knob.
    assert.deepEqual(plainKnobsFrom({ REDIS_URL: 'off' }), { REDIS_URL: 'off' });
    assert.deepEqual(secretKnobsFrom({ REDIS_URL: 'off' }), []);
  });

  it('puts argument-safe values in the arguments (empty ones too) and the others in the runner env', () => {
    const knobs = plainKnobsFrom({
      BASE_URL: 'http://auth.test.svc:8080',
      HEALTH_PATH: '',
      LOGIN_BODY: '{"user":"{username}","pass":"{password}"}',
      REDIS_URL: 'off',
    });
    const { testRun } = buildManifests(request({ knobs, secrets: ['REDIS_PASSWORD'] }));
    const parsed = roundTrip(testRun);
    assert.equal(
      parsed.spec.arguments,
      '--tag testid=ci-42 -e RUN_ID=ci-42 -e BASE_URL=http://auth.test.svc:8080 -e HEALTH_PATH= -e REDIS_URL=off',
    );
    assert.deepEqual(parsed.spec.runner.env, [
      { name: 'SEGMENT_COUNT', value: '4' },
      { name: 'LOGIN_BODY', value: '{"user":"{username}","pass":"{password}"}' },
      { name: 'USER_PASSWORD', valueFrom: { secretKeyRef: { name: 'auth-secrets', key: 'USER_PASSWORD' } } },
      {
        name: 'REDIS_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'auth-secrets', key: 'REDIS_PASSWORD' } },
      },
    ]);
  });

  it('takes REDIS_URL from the Secret when it is set here, as with --probe', () => {
    const { testRun } = buildManifests(
      request({ secrets: ['REDIS_URL'], image: 'registry.example/k6-redis:2.2.0' }),
    );
    assert.deepEqual(testRun.spec.runner.env.at(-1), {
      name: 'REDIS_URL',
      valueFrom: { secretKeyRef: { name: 'auth-secrets', key: 'REDIS_URL' } },
    });
    assert.throws(() => buildManifests(request({ secrets: ['REDIS_URL'] })), /needs k6\/x\/redis/);
  });

  it('gives runner i of N the segment k6-operator gives it, then the arguments and the script', () => {
    const { testRun } = buildManifests(request({ parallelism: 3 }));
    assert.deepEqual(operatorRunnerArgs(testRun, 2, '/test/stress-5000.tar'), [
      'run',
      '--quiet',
      '--execution-segment=1/3:2/3',
      '--execution-segment-sequence=0,1/3,2/3,1',
      '--tag',
      'testid=ci-42',
      '-e',
      'RUN_ID=ci-42',
      '-e',
      'BASE_URL=http://auth.test.svc:8080',
      '-e',
      'SCALE=0.5',
      '/test/stress-5000.tar',
    ]);
    assert.equal(operatorRunnerArgs(testRun, 3, 'x.js')[2], '--execution-segment=2/3:1');
    assert.throws(() => operatorRunnerArgs(testRun, 4, 'x.js'), RangeError);
  });
});
