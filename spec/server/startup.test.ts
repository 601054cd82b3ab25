// The built service refuses to start on bad configuration: non-zero exit, and a message on stderr that
// names the variable (and never prints a secret).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { ensureServiceBundle } from '../../scripts/lib/stack/service-process.ts';

let bundle: string;

function startWith(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [bundle], {
    // No inherited variables: only what the case sets (plus PATH).
    env: { PATH: process.env.PATH ?? '', WORKERS: '1', PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { code: run.status, stderr: run.stderr, stdout: run.stdout };
}

describe('service start-up validation', () => {
  before(async () => {
    bundle = await ensureServiceBundle();
  });

  test('missing USER_PASSWORD stops the service', () => {
    const run = startWith({});
    assert.equal(run.code, 78);
    assert.match(run.stderr, /USER_PASSWORD is required/);
    assert.equal(run.stdout, '');
  });

  for (const [name, value] of [
    ['WORKERS', 'lots'],
    ['STATE', 'sql'],
    ['SCRYPT_COST', '99'],
    ['PORT', 'http'],
  ]) {
    test(`${name}=${value} stops the service with a message naming ${name}`, () => {
      const run = startWith({ USER_PASSWORD: 'pw', [name]: value });
      assert.equal(run.code, 78);
      assert.match(run.stderr, new RegExp(`${name} must be`));
    });
  }

  test('a short JWT_SECRET is refused without being printed', () => {
    const run = startWith({ USER_PASSWORD: 'pw', JWT_SECRET: 'tiny-secret' });
    assert.equal(run.code, 78);
    assert.match(run.stderr, /JWT_SECRET must be at least 32 bytes/);
    assert.ok(!run.stderr.includes('tiny-secret'));
  });
});
