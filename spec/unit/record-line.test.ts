// The run record's marked line on k6's stdout: what handleSummary prints, and reading it back from a log
// however it was saved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../lib/summary/handle-summary.ts';
import { RUN_RECORD_LINE_PREFIX, recordLine, recordLinesIn } from '../../lib/summary/record-line.ts';
import { consoleEcho } from '../../scripts/lib/stack/k6-runner.ts';
import { recordedSummary, stressContext } from '../report/summary-fixture.ts';

const out = summarize(stressContext(), recordedSummary('failing'));
const written = out['reports/spec-run/stress-5000/summary.json'] ?? '';
const record = JSON.parse(written);

describe('run record line', () => {
  it("is the last line of handleSummary's stdout and holds the same record as summary.json", () => {
    const stdout = out.stdout ?? '';
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.at(-1)?.startsWith(RUN_RECORD_LINE_PREFIX));
    assert.equal(lines.filter((line) => line.includes(RUN_RECORD_LINE_PREFIX)).length, 1);
    const found = recordLinesIn(stdout);
    assert.deepEqual(JSON.parse(found[0]?.json ?? 'null'), record);
  });

  it('is read back among other output, behind kubectl prefixes, with CRLF, one per runner', () => {
    const log = [
      'time="2026-01-01T00:00:00Z" level=info msg="stress-5000 [authentication]: 20 users" source=console',
      '  criteria',
      `2026-01-01T00:00:30.123456789Z ${recordLine(record).trimEnd()}\r`,
      `[pod/stress-5000-2-abcde/k6] ${recordLine({ ...record, runId: 'second' }).trimEnd()}`,
      '',
    ].join('\n');
    const found = recordLinesIn(log);
    assert.deepEqual(
      found.map(({ line }) => line),
      [3, 4],
    );
    assert.deepEqual(JSON.parse(found[0]?.json ?? 'null'), record);
    assert.equal(JSON.parse(found[1]?.json ?? 'null').runId, 'second');
  });

  it("is read back when k6's logger wrapped it (a script that console.logs it)", () => {
    const escaped = recordLine(record).trimEnd().replaceAll('\\', '\\\\').replaceAll('"', '\\"');
    const log = `time="2026-01-01T00:00:30Z" level=info msg="${escaped}" source=console\n`;
    assert.deepEqual(JSON.parse(recordLinesIn(log)[0]?.json ?? 'null'), record);
  });

  it('finds nothing in a log without the line', () => {
    assert.deepEqual(recordLinesIn(out.stdout?.split(RUN_RECORD_LINE_PREFIX)[0] ?? ''), []);
  });
});

describe("the runner's console echo", () => {
  it('shows everything k6 printed but the record line, even when the line arrives in pieces', () => {
    const shown: string[] = [];
    const echo = consoleEcho((text) => shown.push(text));
    const line = recordLine(record);
    const printed = `verdict    target FAIL\n\n${line}trailing text without newline`;
    for (let at = 0; at < printed.length; at += 1000) echo.push(printed.slice(at, at + 1000));
    echo.end();
    assert.equal(shown.join(''), 'verdict    target FAIL\n\ntrailing text without newline');
  });
});
