import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitCsvLine } from '../../lib/csv.ts';
import { parseK6Version } from '../../scripts/lib/stack/k6-binary.ts';
import { parsePrometheus } from '../../scripts/lib/stack/service-client.ts';

describe('k6 tool helpers', () => {
  it('reads the version of both k6 generations', () => {
    assert.deepEqual(parseK6Version('k6 v1.8.1 (commit/devel, go1.26.8, linux/amd64)'), {
      version: '1.8.1',
      major: 1,
    });
    assert.deepEqual(parseK6Version('k6 v2.3.0 (go1.25.12, linux/amd64)\nExtensions: ...'), {
      version: '2.3.0',
      major: 2,
    });
    assert.equal(parseK6Version('command not found'), undefined);
  });

  it('splits CSV lines with and without quoted fields', () => {
    assert.deepEqual(splitCsvLine('a,b,,c'), ['a', 'b', '', 'c']);
    assert.deepEqual(splitCsvLine('http_reqs,"x, ""y""",3'), ['http_reqs', 'x, "y"', '3']);
  });

  it('parses Prometheus text with labels', () => {
    const samples = parsePrometheus('# HELP x\nauth_rss_bytes{worker="2"} 1048576\nup 1\n');
    assert.deepEqual(samples, [
      { name: 'auth_rss_bytes', labels: { worker: '2' }, value: 1048576 },
      { name: 'up', labels: {}, value: 1 },
    ]);
  });
});
