// Pure configuration parsing: defaults, and a message naming the variable for every bad value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig } from '../../server/config.ts';

const minimal = { USER_PASSWORD: 'pw' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('parseConfig', () => {
  test('defaults', () => {
    const config = parseConfig(minimal);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.ok(config.workers >= 1);
    assert.equal(config.state, 'redis');
    assert.equal(config.redisUrl, 'redis://127.0.0.1:6379');
    assert.equal(config.jwtSecret, undefined);
    assert.equal(config.jwtIssuer, 'auth-loadtest');
    assert.equal(config.tokenTtlS, 900);
    assert.equal(config.userCount, 10_000);
    assert.equal(config.scryptCost, 14);
    assert.equal(config.loginLimitPerAccount, 10);
    assert.equal(config.loginLimitPerIp, 1_000_000);
    assert.equal(config.loginWindowS, 60);
    assert.equal(config.revocationPrefix, 'revoked');
    assert.equal(config.redisCommandTimeoutMs, 500);
    assert.equal(config.redisAutoPipelining, false);
    assert.equal(config.logLevel, 'warn');
  });

  test('reads every variable', () => {
    const config = parseConfig({
      ...minimal,
      PORT: '9000',
      WORKERS: '4',
      STATE: 'memory',
      REDIS_URL: 'redis://:pw@127.0.0.1:7000',
      JWT_SECRET: 'x'.repeat(32),
      TOKEN_TTL_S: '60',
      SCRYPT_COST: '12',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
      REDIS_AUTO_PIPELINING: 'true',
      LOG_LEVEL: 'silent',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.workers, 4);
    assert.equal(config.state, 'memory');
    assert.equal(config.jwtSecret, 'x'.repeat(32));
    assert.equal(config.scryptCost, 12);
    assert.equal(config.loginLimitPerAccount, 3);
    assert.equal(config.redisAutoPipelining, true);
    assert.equal(config.logLevel, 'silent');
  });

  test('USER_PASSWORD is required', () => {
    assert.deepEqual(problemsOf({}), ['USER_PASSWORD is required (no default on purpose)']);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['PORT', '70000', /^PORT must be an integer from 1 to 65535, got "70000"$/],
    ['WORKERS', 'many', /^WORKERS must be an integer/],
    ['WORKERS', '0', /^WORKERS must be an integer from 1/],
    ['STATE', 'postgres', /^STATE must be one of redis, memory/],
    ['REDIS_URL', 'http://x', /^REDIS_URL must be a redis:\/\//],
    ['TOKEN_TTL_S', '1.5', /^TOKEN_TTL_S must be an integer/],
    ['SCRYPT_COST', '30', /^SCRYPT_COST must be an integer from 4 to 18/],
    ['LOGIN_WINDOW_S', '-1', /^LOGIN_WINDOW_S must be an integer/],
    ['REDIS_COMMAND_TIMEOUT_MS', '9000', /^REDIS_COMMAND_TIMEOUT_MS must be an integer from 10 to 5000/],
    ['REDIS_AUTO_PIPELINING', 'maybe', /^REDIS_AUTO_PIPELINING must be true or false/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of/],
    ['REVOCATION_PREFIX', 'has space', /^REVOCATION_PREFIX must be/],
  ];
  for (const [name, value, message] of bad) {
    test(`${name}=${value} is refused with a message naming ${name}`, () => {
      const problems = problemsOf({ ...minimal, [name]: value });
      assert.equal(problems.length, 1, problems.join('; '));
      assert.match(problems[0], message);
    });
  }

  test('secrets are never echoed back', () => {
    const shortSecret = 'short-secret-value';
    const problems = problemsOf({ ...minimal, JWT_SECRET: shortSecret, REDIS_URL: 'ftp://:hunter2@host' });
    assert.deepEqual(problems, [
      'REDIS_URL must be a redis:// or rediss:// URL',
      'JWT_SECRET must be at least 32 bytes long',
    ]);
    assert.ok(!problems.join(' ').includes(shortSecret));
  });

  test('every problem is reported at once', () => {
    assert.equal(problemsOf({ PORT: 'x', WORKERS: 'y' }).length, 3);
  });
});
