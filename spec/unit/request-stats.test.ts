// Per-endpoint statistics and error categories from k6 samples: exact percentiles, Locust's CSV columns,
// and one category per kind of wrong answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitCsvLine } from '../../lib/csv.ts';
import { sortedPercentile } from '../../lib/order-statistics.ts';
import {
  ENDPOINTS_CSV_HEADER,
  endpointsCsv,
  parseEndpointsCsv,
} from '../../scripts/lib/analysis/endpoints-csv.ts';
import type { K6Sample } from '../../scripts/lib/analysis/k6-csv.ts';
import { errorCategory, RequestStats } from '../../scripts/lib/analysis/request-stats.ts';

function request(
  name: string,
  method: string,
  timeMs: number,
  durationMs: number,
  answer: { status: string; expected: boolean; errorCode?: string },
): K6Sample[] {
  const tags = {
    name,
    method,
    timeMs,
    status: answer.status,
    expectedResponse: answer.expected,
    errorCode: answer.errorCode ?? '',
    scenario: 'default',
  };
  return [
    { ...tags, metric: 'http_reqs', value: 1 },
    { ...tags, metric: 'http_req_duration', value: durationMs },
    { ...tags, metric: 'http_req_blocked', value: 0.01 },
    { ...tags, metric: 'http_req_failed', value: answer.expected ? 0 : 1 },
  ];
}

describe('sortedPercentile', () => {
  it('returns a sample by nearest rank, never an interpolation', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(sortedPercentile(values, 50), 50);
    assert.equal(sortedPercentile(values, 95), 95);
    assert.equal(sortedPercentile(values, 99.9), 100);
    assert.equal(sortedPercentile([7], 99), 7);
    assert.ok(Number.isNaN(sortedPercentile([], 50)));
  });
});

describe('errorCategory', () => {
  const wrong = (status: string, errorCode = '') =>
    errorCategory({ status, errorCode, expectedResponse: false });
  it('puts every wrong answer in one category and right answers in none', () => {
    assert.equal(errorCategory({ status: '401', errorCode: '1401', expectedResponse: true }), undefined);
    assert.equal(wrong('0', '1212'), 'connection');
    assert.equal(wrong('0', '1220'), 'connection');
    assert.equal(wrong('0', '1050'), 'timeout');
    assert.equal(wrong('0', '1211'), 'timeout');
    assert.equal(wrong('401', '1401'), 'unexpected_auth');
    assert.equal(wrong('403', '1403'), 'unexpected_auth');
    assert.equal(wrong('429', '1429'), 'rate_limited');
    assert.equal(wrong('503', '1503'), 'fail_closed');
    assert.equal(wrong('500', '1500'), 'server_error');
    assert.equal(wrong('502', '1502'), 'server_error');
    assert.equal(wrong('200'), 'other');
    assert.equal(wrong('404', '1404'), 'other');
  });
});

describe('RequestStats', () => {
  const stats = new RequestStats();
  const start = 1_700_000_000_000;
  // 20 logins of 10..200 ms, 100 protected calls of 1..100 ms with 2 wrong (a 503 and a refused connection),
  // 5 revoked-token checks answered 401 (right) and one answered 200 (wrong).
  for (let i = 1; i <= 20; i++)
    for (const s of request('login', 'POST', start + i * 100, i * 10, { status: '200', expected: true }))
      stats.add(s);
  for (let i = 1; i <= 100; i++) {
    const answer =
      i === 50
        ? { status: '503', expected: false, errorCode: '1503' }
        : i === 60
          ? { status: '0', expected: false, errorCode: '1212' }
          : { status: '200', expected: true };
    for (const s of request('protected', 'GET', start + i * 50, i, answer)) stats.add(s);
  }
  for (let i = 1; i <= 5; i++)
    for (const s of request('protected_revoked', 'GET', start + i, 2, {
      status: '401',
      expected: true,
      errorCode: '1401',
    }))
      stats.add(s);
  for (const s of request('protected_revoked', 'GET', start + 4000, 3, { status: '200', expected: false }))
    stats.add(s);

  it('counts requests and failures per endpoint, with exact percentiles, and an Aggregated row last', () => {
    const rows = stats.endpoints();
    assert.deepEqual(
      rows.map((row) => [row.type, row.name, row.requests, row.failures]),
      [
        ['GET', 'protected', 100, 2],
        ['POST', 'login', 20, 0],
        ['GET', 'protected_revoked', 6, 1],
        ['', 'Aggregated', 126, 3],
      ],
    );
    const protectedRow = rows[0];
    assert.equal(protectedRow.p50Ms, 50);
    assert.equal(protectedRow.p95Ms, 95);
    assert.equal(protectedRow.p99Ms, 99);
    assert.equal(protectedRow.maxMs, 100);
    assert.equal(protectedRow.minMs, 1);
    assert.equal(rows[1].p95Ms, 190);
    // span: first request at +1 ms, last at +5000 ms
    assert.equal(stats.spanS(), 4.999);
    assert.equal(protectedRow.requestsPerS, 100 / 4.999);
  });

  it('categorises wrong answers and says where they came from', () => {
    const errors = stats.errors();
    assert.equal(errors.requests, 126);
    assert.equal(errors.wrong, 3);
    assert.equal(errors.byCategory.fail_closed, 1);
    assert.equal(errors.byCategory.connection, 1);
    assert.equal(errors.byCategory.other, 1);
    assert.deepEqual(errors.byEndpoint, {
      protected: { fail_closed: 1, connection: 1 },
      protected_revoked: { other: 1 },
    });
    assert.deepEqual(errors.errorCodes, { '1503': 1, '1212': 1, 'status 200': 1 });
    assert.deepEqual(errors.statusesByEndpoint.protected_revoked, { '401': 5, '200': 1 });
  });

  it('writes Locust stats columns that read back to the same numbers', () => {
    const rows = stats.endpoints();
    const csv = endpointsCsv(rows);
    const [header] = csv.split('\n');
    assert.equal(header, ENDPOINTS_CSV_HEADER.join(','));
    for (const column of [
      'Type',
      'Name',
      'Request Count',
      'Failure Count',
      '50%',
      '95%',
      '99%',
      'Max Response Time',
      'Requests/s',
    ])
      assert.ok(ENDPOINTS_CSV_HEADER.includes(column), column);
    const parsed = parseEndpointsCsv(csv, splitCsvLine);
    assert.deepEqual(
      parsed.map((row) => [row.name, row.requests, row.failures, row.p95Ms, row.maxMs]),
      rows.map((row) => [row.name, row.requests, row.failures, row.p95Ms, row.maxMs]),
    );
    assert.throws(
      () => parseEndpointsCsv('Name,Request Count\nlogin,1\n', splitCsvLine),
      /no "Failure Count" column/,
    );
  });
});
