// __ENV -> suite configuration: defaults, and an error naming the variable for each bad value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, defaultRunId, type Env, parseBaseUrl, parseConfig } from '../../lib/config.ts';

const minimal: Env = { BASE_URL: 'http://127.0.0.1:8080', USER_PASSWORD: 's3cret' };

function rejects(env: Env, variable: string, detail?: RegExp): void {
  assert.throws(
    () => parseConfig({ ...minimal, ...env }),
    (error: Error) => {
      assert.ok(error instanceof ConfigError, `${error}`);
      assert.ok(error.message.startsWith(`${variable} `), `"${error.message}" should name ${variable}`);
      if (detail) assert.match(error.message, detail);
      return true;
    },
    JSON.stringify(env),
  );
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = parseConfig(minimal);
    assert.deepEqual(config.contract.login, {
      method: 'POST',
      path: '/auth/login',
      bodyTemplate: '{"email":"{email}","password":"{password}"}',
      contentType: 'json',
    });
    assert.deepEqual(config.contract.protected, { method: 'GET', path: '/api/protected' });
    assert.deepEqual(config.contract.logout, { method: 'POST', path: '/auth/logout' });
    assert.equal(config.contract.healthPath, '/health');
    assert.deepEqual(config.contract.accounts, {
      prefix: 'user',
      domain: 'example.com',
      count: 10000,
      offset: 0,
      file: undefined,
    });
    assert.deepEqual(config.thinkTimeS, { min: 2, max: 6 });
    assert.deepEqual(config.profileOverrides, {});
    assert.equal(config.gate, 'target');
    assert.equal(config.redis, undefined);
    assert.equal(config.contract.revocationKey, 'revoked:{iss}:{jti}');
    assert.equal(config.segment, undefined);
    assert.deepEqual(config.cloud, { projectId: undefined, loadZones: [] });
    assert.equal(config.probeSample, 0.1);
    assert.equal(config.logoutProbability, 0.05);
    assert.equal(config.syncChecks, 10);
    assert.equal(config.reportDir, 'reports');
    assert.equal(config.runId, undefined);
  });

  it('reads every knob', () => {
    const config = parseConfig({
      ...minimal,
      BASE_URL: 'https://auth.example.org/gateway/',
      LOGIN_PATH: '/v2/login',
      USER_COUNT: '500',
      USER_OFFSET: '100',
      THINK_MIN_S: '0.2',
      THINK_MAX_S: '0.5',
      SCALE: '0.1',
      USERS: '40',
      SPAWN_RATE: '2.5',
      DURATION: '1m30s',
      GATE: 'stretch',
      REDIS_URL: 'redis://:pw@127.0.0.1:6380/0',
      PROBE_SAMPLE: '1',
      LOGOUT_PROBABILITY: '0.5',
      SYNC_CHECKS: '20',
      RUN_ID: 'ci-42',
      REPORT_NAME: 'stress-5000@memory',
    });
    assert.equal(config.baseUrl, 'https://auth.example.org/gateway');
    assert.equal(config.contract.login.path, '/v2/login');
    assert.equal(config.contract.accounts.count, 500);
    assert.equal(config.contract.accounts.offset, 100);
    assert.deepEqual(config.thinkTimeS, { min: 0.2, max: 0.5 });
    assert.deepEqual(config.profileOverrides, { scale: 0.1, users: 40, spawnRate: 2.5, runTimeS: 90 });
    assert.equal(config.gate, 'stretch');
    assert.deepEqual(
      config.redis,
      { display: 'redis://***@127.0.0.1:6380/0' },
      'the password never leaves init',
    );
    assert.equal(config.probeSample, 1);
    assert.equal(config.logoutProbability, 0.5);
    assert.equal(config.syncChecks, 20);
    assert.equal(config.runId, 'ci-42');
    assert.equal(config.reportName, 'stress-5000@memory');
  });

  it('treats an empty variable (-e NAME=) as unset', () => {
    assert.equal(parseConfig({ ...minimal, SCALE: '', REDIS_URL: '' }).redis, undefined);
  });

  it('needs nothing at init: k6 inspect and k6 archive run with no environment', () => {
    const config = parseConfig({});
    assert.equal(config.baseUrl, undefined, 'setup() refuses to load without BASE_URL');
    assert.ok(
      !JSON.stringify(parseConfig(minimal)).includes('s3cret'),
      'USER_PASSWORD is read at run time only',
    );
  });

  it('reads the split and the cloud settings', () => {
    assert.deepEqual(parseConfig({ EXECUTION_SEGMENT: '1/2:1' }).segment, { spec: '1/2:1', share: 0.5 });
    assert.deepEqual(parseConfig({ SEGMENT_COUNT: '4' }).segment, { spec: undefined, share: 0.25 });
    assert.equal(parseConfig({ SEGMENT_COUNT: '1' }).segment, undefined);
    assert.deepEqual(
      parseConfig({ K6_CLOUD_PROJECT_ID: '123', LOAD_ZONES: 'amazon:us:ashburn=50, amazon:ie:dublin=50' })
        .cloud,
      {
        projectId: 123,
        loadZones: [
          { zone: 'amazon:us:ashburn', percent: 50 },
          { zone: 'amazon:ie:dublin', percent: 50 },
        ],
      },
    );
    rejects({ EXECUTION_SEGMENT: '1/2:1/2' }, 'EXECUTION_SEGMENT', /empty/);
    rejects({ EXECUTION_SEGMENT: 'half' }, 'EXECUTION_SEGMENT');
    rejects({ EXECUTION_SEGMENT: '0:1/2', SEGMENT_COUNT: '2' }, 'SEGMENT_COUNT');
    rejects({ LOAD_ZONES: 'amazon:us:ashburn=60' }, 'LOAD_ZONES', /add up to 100/);
    rejects({ LOAD_ZONES: 'ashburn' }, 'LOAD_ZONES');
    rejects({ K6_CLOUD_PROJECT_ID: 'abc' }, 'K6_CLOUD_PROJECT_ID');
  });

  it('refuses a malformed BASE_URL', () => {
    for (const bad of [
      'localhost:8080',
      'ftp://host',
      'http://',
      'http://host:99999',
      'http://host:port',
      'http://host/path?x=1',
      'http://host/#top',
      'http://user:pw@host',
      'http://ho st',
      'http://host/a b',
    ]) {
      rejects({ BASE_URL: bad }, 'BASE_URL');
    }
    assert.equal(parseBaseUrl('http://[::1]:8080/'), 'http://[::1]:8080');
    assert.equal(parseBaseUrl('HTTP://host'.toLowerCase()), 'http://host');
  });

  it('never echoes the password', () => {
    assert.throws(
      () => parseConfig({ ...minimal, REDIS_URL: 'redis://:hunter2@host:notaport' }),
      (error: Error) => !error.message.includes('hunter2') && error.message.startsWith('REDIS_URL '),
    );
  });

  it('names each bad number', () => {
    rejects({ USER_COUNT: 'many' }, 'USER_COUNT', /must be a number/);
    rejects({ USER_COUNT: '0' }, 'USER_COUNT', /whole number >= 1/);
    rejects({ USER_COUNT: '0' }, 'USER_COUNT');
    rejects({ USER_COUNT: '1.5' }, 'USER_COUNT');
    rejects({ USER_OFFSET: '-1' }, 'USER_OFFSET');
    rejects({ THINK_MIN_S: 'two' }, 'THINK_MIN_S', /must be a number/);
    rejects({ THINK_MIN_S: '-1' }, 'THINK_MIN_S');
    rejects({ THINK_MAX_S: '1' }, 'THINK_MAX_S', /THINK_MIN_S/);
    rejects({ SCALE: '0' }, 'SCALE', /\(0, 1\]/);
    rejects({ SCALE: '1.5' }, 'SCALE');
    rejects({ SCALE: '1e-1' }, 'SCALE', /must be a number/);
    rejects({ SCALE: '0x1' }, 'SCALE');
    rejects({ USERS: '0' }, 'USERS');
    rejects({ USERS: 'ten' }, 'USERS');
    rejects({ SPAWN_RATE: '0' }, 'SPAWN_RATE');
    rejects({ DURATION: 'soon' }, 'DURATION', /90s, 5m/);
    rejects({ DURATION: '0s' }, 'DURATION');
    rejects({ PROBE_SAMPLE: '0' }, 'PROBE_SAMPLE');
    rejects({ LOGOUT_PROBABILITY: '2' }, 'LOGOUT_PROBABILITY');
    rejects({ LOGOUT_PROBABILITY: '0' }, 'LOGOUT_PROBABILITY');
    rejects({ SYNC_CHECKS: '1' }, 'SYNC_CHECKS');
  });

  it('names other bad values', () => {
    rejects({ GATE: 'strict' }, 'GATE', /"target" or "stretch"/);
    rejects({ LOGIN_PATH: 'auth/login' }, 'LOGIN_PATH', /starting with "\/"/);
    rejects({ HEALTH_PATH: '/health?x' }, 'HEALTH_PATH');
    rejects({ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL');
    rejects({ RUN_ID: '../etc' }, 'RUN_ID');
    rejects({ REPORT_NAME: 'a/b' }, 'REPORT_NAME');
    rejects({ USER_DOMAIN: 'exa mple.com' }, 'USER_DOMAIN');
  });

  it('derives a sortable, path-safe run id', () => {
    assert.equal(defaultRunId(new Date('2026-11-26T16:20:36.123Z')), '20261126-162036');
  });
});
