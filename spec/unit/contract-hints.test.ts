// The contract check's hints: a header that may name the serving process, and a field that looks like the token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jwtShapedFields } from '../../lib/contract/token-field-guess.ts';
import { workerHeaderCandidates } from '../../lib/contract/worker-header.ts';

describe('worker header candidates', () => {
  it('offers headers named like a worker, instance or backend, with their values', () => {
    assert.deepEqual(
      workerHeaderCandidates({
        'Content-Type': 'application/json',
        'X-Served-By': '3440',
        Server: 'nginx',
        'X-Instance-Id': 'i-2',
        Date: 'Wed, 02 Dec 2026 01:40:00 GMT',
      }),
      ['X-Served-By: 3440', 'X-Instance-Id: i-2'],
    );
  });

  it('offers nothing for standard headers or empty values', () => {
    assert.deepEqual(workerHeaderCandidates({ Server: 'nginx', Host: 'a', 'X-Worker': '' }), []);
  });
});

describe('token field guess', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMSJ9.c2lnbmF0dXJlLWJ5dGVz';

  it('finds the dotted path of a JWT-shaped string, shallowest first', () => {
    assert.deepEqual(jwtShapedFields(JSON.stringify({ data: { token: jwt, ttl: 600 } })), ['data.token']);
    assert.deepEqual(jwtShapedFields(JSON.stringify({ jwt, meta: { refresh: jwt } })), [
      'jwt',
      'meta.refresh',
    ]);
  });

  it('finds nothing in a body without one, or one that is not JSON', () => {
    assert.deepEqual(jwtShapedFields(JSON.stringify({ token: 'opaque-session-id', n: 1 })), []);
    assert.deepEqual(jwtShapedFields('<html>'), []);
  });
});
