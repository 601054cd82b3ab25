// How the contract check judges answers that must be refusals, and the fix it names: the REVOKED_STATUS
// setting when the knob can name the status, otherwise why no setting helps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isNameableRefusal,
  judgeTokenRefusal,
  judgeWrongPassword,
  type RefusalVerdict,
  revokedStatusSetting,
} from '../../lib/contract.ts';

function failed(verdict: RefusalVerdict): { configurable: boolean; fix: string } {
  assert.equal(verdict.ok, false, 'the answer is outside what the suite accepts');
  if (verdict.ok) throw new Error('unreachable');
  return verdict;
}

describe('revokedStatusSetting', () => {
  it('adds the statuses the service refused with to the current list, once each, in order', () => {
    assert.equal(revokedStatusSetting([401], [422, 401, 422]), 'REVOKED_STATUS=401,422');
    assert.equal(revokedStatusSetting([401, 403], [422, 400]), 'REVOKED_STATUS=401,403,422,400');
  });

  it('is undefined when every observed refusal is already listed', () => {
    assert.equal(revokedStatusSetting([401, 422], [401, 422, 401]), undefined);
    assert.equal(revokedStatusSetting([401], []), undefined);
  });

  it('never names a success, a 429, a 5xx or a missing answer', () => {
    assert.equal(revokedStatusSetting([401], [200, 429, 500, 503, 0, 302]), undefined);
    assert.equal(revokedStatusSetting([401], [200, 422]), 'REVOKED_STATUS=401,422');
  });
});

describe('isNameableRefusal', () => {
  it('is a 4xx other than 429', () => {
    assert.deepEqual(
      [400, 401, 403, 404, 422, 429, 499, 200, 302, 500, 0].filter(isNameableRefusal),
      [400, 401, 403, 404, 422, 499],
    );
  });
});

describe('judgeTokenRefusal', () => {
  it('accepts a status in REVOKED_STATUS', () => {
    assert.deepEqual(judgeTokenRefusal([401, 422], 422, undefined), { ok: true });
  });

  it('names the setting for a 4xx the list lacks', () => {
    const verdict = failed(judgeTokenRefusal([401], 422, 'REVOKED_STATUS=401,422'));
    assert.equal(verdict.configurable, true);
    assert.match(verdict.fix, /^REVOKED_STATUS=401,422\b/);
  });

  it('names no setting when the service accepted the token: that is the defect', () => {
    const verdict = failed(judgeTokenRefusal([401], 200, undefined, 'the revoked token'));
    assert.equal(verdict.configurable, false);
    assert.match(verdict.fix, /^none: the service accepted the revoked token/);
    assert.doesNotMatch(verdict.fix, /REVOKED_STATUS=/);
  });

  it('says why a 5xx, a 429 or no answer cannot be configured as a refusal', () => {
    for (const [status, words] of [
      [500, /a 500 is not one/],
      [429, /a 429 is not one/],
      [0, /no answer is not one/],
    ] as const) {
      const verdict = failed(judgeTokenRefusal([401, 403], status, 'REVOKED_STATUS=401,403,422'));
      assert.equal(verdict.configurable, false);
      assert.match(verdict.fix, words);
      assert.match(verdict.fix, /REVOKED_STATUS, now 401,403/);
      assert.doesNotMatch(verdict.fix, /REVOKED_STATUS=/);
    }
  });
});

describe('judgeWrongPassword', () => {
  it("accepts 400, 401, 403 and the limiter's 429", () => {
    for (const status of [400, 401, 403, 429]) assert.deepEqual(judgeWrongPassword(status), { ok: true });
  });

  it('fails anything else and says what the suite accepts and that it cannot be configured', () => {
    for (const status of [200, 201, 404, 422, 500, 0]) {
      const verdict = failed(judgeWrongPassword(status));
      assert.equal(verdict.configurable, false);
      assert.match(verdict.fix, /400, 401, 403 \(or 429 from a login limiter\)/);
      assert.match(verdict.fix, /cannot be configured/);
    }
    assert.match(failed(judgeWrongPassword(201)).fix, /logged in with a wrong password/);
  });
});
