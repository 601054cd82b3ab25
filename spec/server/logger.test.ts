// The service's logger never writes a secret in clear, whichever shape the caller logs it in.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from '../../server/logger.ts';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

test('bearer tokens, cookies, passwords, the JWT secret and the Redis URL are redacted', () => {
  const out = capture();
  const log = createLogger('info', 'spec', out.stream);
  const secrets = [
    'eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
    'session=abc123',
    'hunter2-password',
    'jwt-secret-value',
    'redis-pw',
  ];
  log.info({ req: { headers: { authorization: `Bearer ${secrets[0]}`, cookie: secrets[1] } } }, 'request');
  log.info({ headers: { authorization: `Bearer ${secrets[0]}` } }, 'headers');
  log.warn({ password: secrets[2], login: { password: secrets[2] } }, 'login');
  log.error(
    { config: { jwtSecret: secrets[3], userPassword: secrets[2], redisUrl: `redis://:${secrets[4]}@h:1` } },
    'cfg',
  );
  const text = out.text();
  assert.equal(text.trim().split('\n').length, 4, text);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  assert.match(text, /\[redacted\]/);
  assert.match(text, /"source":"spec"/);
});

test('the level filters', () => {
  const out = capture();
  const log = createLogger('warn', 'spec', out.stream);
  log.info('hidden');
  log.warn('shown');
  assert.doesNotMatch(out.text(), /hidden/);
  assert.match(out.text(), /shown/);
});
