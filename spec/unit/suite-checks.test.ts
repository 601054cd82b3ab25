// The pure parts of two suite checks: the forged alg:none token and the shared login limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgedToken, NONE_ALG_HEADER, unsignedToken } from '../../lib/forged-tokens.ts';
import { limitEnforced, loginLimitState, parseLoginLimit } from '../../lib/login-limit-setting.ts';
import { tamperedToken } from '../../lib/tampered-token.ts';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const payload = b64({ sub: 'user1@example.com', jti: 'j1', iss: 'auth-loadtest', iat: 1, exp: 2 });
const token = `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.c2lnbmF0dXJl`;

describe('forged tokens', () => {
  it('re-labels the same claims as alg none with an empty signature', () => {
    assert.deepEqual(JSON.parse(Buffer.from(NONE_ALG_HEADER, 'base64url').toString()), {
      alg: 'none',
      typ: 'JWT',
    });
    assert.equal(unsignedToken(token), `${NONE_ALG_HEADER}.${payload}.`);
  });

  it('picks a tampered or an unsigned token', () => {
    assert.equal(forgedToken(token, 0.1), tamperedToken(token));
    assert.equal(forgedToken(token, 0.9), unsignedToken(token));
  });
});

describe('login limit setting', () => {
  it('is unset (NOT RUN) unless told, and opts out only with exactly "off"', () => {
    assert.equal(parseLoginLimit(undefined), undefined, 'not told: not checked');
    assert.equal(loginLimitState(undefined), 'unset');
    assert.equal(parseLoginLimit(''), undefined);
    assert.equal(loginLimitState(''), 'unset');
    assert.equal(parseLoginLimit('25'), 25);
    assert.equal(loginLimitState('25'), 'set');
    assert.equal(parseLoginLimit('off'), undefined);
    assert.equal(loginLimitState('off'), 'off');
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['0', '-1', '2.5', 'ten', '1001', 'None', 'OFF']) {
      assert.throws(() => parseLoginLimit(bad), /LOGIN_LIMIT_PER_ACCOUNT must be an integer from 1 to 1000/);
    }
  });

  it('counts the limit as enforced only when a 429 came back', () => {
    assert.equal(limitEnforced([401, 401, 429]), true);
    assert.equal(limitEnforced([401, 401, 401]), false);
    assert.equal(limitEnforced([503, 503]), false);
  });
});
