// The per-run writers (console, summary.json, report.md, junit.xml) against summary data recorded from
// real k6 v1.8.1 runs (spec/fixtures/k6-summary/).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../lib/summary/handle-summary.ts';
import { escapeMarkdown, markdownCode } from '../../lib/summary/markdown.ts';
import { RUN_RECORD_LINE_PREFIX } from '../../lib/summary/record-line.ts';
import type { RunRecord } from '../../lib/summary/run-record.ts';
import { escapeXml } from '../../lib/summary/xml.ts';
import { assertWellFormedXml, recordedSummary, stressContext } from './summary-fixture.ts';

const folder = 'reports/spec-run/stress-5000';

function outputs(which: 'passing' | 'failing', overrides = {}, gate: 'target' | 'stretch' = 'target') {
  const out = summarize(stressContext(overrides, gate), recordedSummary(which));
  return {
    out,
    stdout: out.stdout ?? '',
    record: JSON.parse(out[`${folder}/summary.json`] ?? 'null') as RunRecord,
    markdown: out[`${folder}/report.md`] ?? '',
    junit: out[`${folder}/junit.xml`] ?? '',
  };
}

describe('summarize() on a failing run', () => {
  const { out, stdout, record, markdown, junit } = outputs('failing');

  it('writes stdout and the three files into <reportDir>/<runId>/<test>/', () => {
    assert.deepEqual(Object.keys(out).sort(), [
      `${folder}/junit.xml`,
      `${folder}/report.md`,
      `${folder}/summary.json`,
      'stdout',
    ]);
  });

  it('records measured values, verdicts and the thresholds k6 reported as crossed', () => {
    assert.equal(record.schema, 'auth-loadtest/run@1');
    assert.equal(record.verdict.target, 'fail');
    assert.equal(record.verdict.stretch, 'fail');
    const measured = (key: string, level = 'target') =>
      record.criteria.find((c) => c.key === key && c.level === level)?.measured;
    assert.equal(measured('revoked_token_accepted'), 49);
    assert.ok(Math.abs((measured('p95_ms') ?? 0) - 579.958) < 0.01);
    assert.ok(Math.abs((measured('failure_rate') ?? 0) - 0.02183) < 0.0001);
    // throughput: 706 steady requests over the 14 s steady window
    assert.ok(Math.abs((measured('throughput_rps') ?? 0) - 706 / 14) < 0.001);
    assert.deepEqual(record.thresholdsFailed, [
      'http_req_duration: p(95)<500',
      'http_req_failed: rate<0.01',
      'revoked_token_accepted: count==0',
    ]);
    assert.equal(record.checks.find((c) => c.name === 'revoked token rejected')?.fails, 50);
  });

  it('prints what ran, the key numbers, a row per criterion and the verdicts', () => {
    assert.match(stdout, /users\s+20 \(plan: 5,000\)/);
    assert.match(stdout, /spawn rate\s+2\/s, ramp 10 s \(plan: 100\/s\)/);
    assert.match(stdout, /base URL\s+http:\/\/127\.0\.0\.1:18080/);
    assert.match(stdout, /requests\s+962 \(35\.7 req\/s overall, 50\.4 req\/s while all users ran\)/);
    assert.match(stdout, /p50 61\.5 ms, p95 580 ms, p99 933 ms/);
    assert.match(stdout, /failures\s+21 wrong answers \(2\.18% of requests\)/);
    assert.match(stdout, /checks\s+892 passed, 70 failed/);
    assert.match(stdout, /Latency p95\s+target\s+< 500 ms\s+580 ms\s+FAIL/);
    assert.match(stdout, /Latency p99\s+stretch \(reported\)\s+< 800 ms\s+933 ms\s+FAIL/);
    assert.match(
      stdout,
      /Steady throughput\s+target\s+> 4 req\/s \(plan > 1,000 req\/s\)\s+50\.4 req\/s\s+PASS/,
    );
    assert.match(stdout, /verdict\s+target FAIL, stretch FAIL/);
    // readable without colours: no ANSI escapes
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the ANSI escape character
    assert.doesNotMatch(stdout, /\u001b\[/);
  });

  it('writes Markdown with the criteria table and failures in bold', () => {
    assert.match(markdown, /^# stress-5000: load-test report/);
    assert.match(markdown, /\| Latency p95 \(`p95_ms`\) \| target \| < 500 ms \| 580 ms \| \*\*FAIL\*\* \|/);
    assert.match(
      markdown,
      /\| Latency p50 \(`p50_ms`\) \| stretch \(reported\) \| < 50 ms \| 61\.5 ms \| FAIL \(reported only\) \|/,
    );
  });

  it('writes JUnit: gating misses fail, stretch misses are skipped with their numbers', () => {
    assertWellFormedXml(junit);
    assert.match(junit, /<testsuite name="stress-5000" tests="15" failures="3" errors="0" skipped="4"/);
    assert.match(junit, /<failure message="Latency p95: measured 580 ms, bound &lt; 500 ms" type="target">/);
    assert.match(
      junit,
      /<skipped message="stretch goal missed \(reported, not gating\): Latency p50: measured 61\.5 ms/,
    );
    assert.equal((junit.match(/<testcase /g) ?? []).length, 15);
  });
});

describe('summarize() on a passing run', () => {
  const { record, junit, stdout } = outputs('passing');
  it('passes every level and has no failures in JUnit', () => {
    assert.deepEqual(record.verdict, { target: 'pass', stretch: 'pass' });
    assert.deepEqual(record.thresholdsFailed, []);
    assert.match(junit, /tests="15" failures="0" errors="0" skipped="0"/);
    assert.match(stdout, /verdict\s+target PASS, stretch PASS/);
  });
});

describe('summarize() options and odd input', () => {
  it('makes stretch misses failures when the gate is stretch', () => {
    const { junit } = outputs('failing', {}, 'stretch');
    assert.match(junit, /failures="7" errors="0" skipped="0"/);
  });

  it('falls back to flat files in REPORT_DIR when the run folder is missing, never the working directory', () => {
    const out = summarize(stressContext({ reportPlace: 'reportDir' }), recordedSummary('passing'));
    const dir = stressContext().reportDir.replace(/\/+$/, '');
    assert.deepEqual(Object.keys(out).sort(), [
      `${dir}/stress-5000-spec-run.junit.xml`,
      `${dir}/stress-5000-spec-run.report.md`,
      `${dir}/stress-5000-spec-run.summary.json`,
      'stdout',
    ]);
  });

  it('writes no files, and says how to get them, when REPORT_DIR does not exist either', () => {
    const out = summarize(stressContext({ reportPlace: 'none' }), recordedSummary('passing'));
    assert.deepEqual(Object.keys(out), ['stdout']);
    assert.match(out.stdout ?? '', /none written: .* does not exist and k6 cannot create folders/);
  });

  it("keeps k6's own end-of-test summary beside the criteria: every metric, thresholds marked", () => {
    const out = summarize(stressContext(), recordedSummary('failing'));
    const stdout = out.stdout ?? '';
    assert.ok(stdout.indexOf('k6 end-of-test summary') < stdout.indexOf('criteria\n'));
    assert.match(stdout, /FAIL revoked_token_accepted \.+: \d+ {2}[\d.]+\/s\n +FAIL count==0/);
    assert.match(stdout, /http_req_duration \.+: avg=[\d.]+m?s min=/);
    assert.match(stdout, /http_req_failed \.+: [\d.]+% {2}\d+ out of \d+/);
  });

  it('an aborted run names its abort instead of failing every criterion', () => {
    const out = summarize(stressContext({ abortedBeforeLoad: true }), { metrics: {} });
    const record = JSON.parse(out[`${folder}/summary.json`] ?? '') as RunRecord;
    assert.equal(record.verdict.target, 'fail');
    assert.equal(record.abortedBeforeLoad, true);
    // What a person reads: the text before the record's machine-readable line (which lists every criterion).
    const readable = (out.stdout ?? '').split(RUN_RECORD_LINE_PREFIX)[0] ?? '';
    assert.match(readable, /run aborted before load started/);
    assert.doesNotMatch(readable, /Failed requests/);
    assert.match(out[`${folder}/junit.xml`] ?? '', /tests="1" failures="0" errors="1"/);
  });

  it('writes under REPORT_NAME instead of the test name when one is given', () => {
    const out = summarize(stressContext({ reportName: 'stress-5000@memory' }), recordedSummary('passing'));
    const files = Object.keys(out).filter((key) => key !== 'stdout');
    assert.equal(files.length, 3);
    for (const file of files)
      assert.match(file, /\/spec-run\/stress-5000@memory\/(summary\.json|report\.md|junit\.xml)$/);
  });

  it('never throws on data it does not understand: criteria become NOT MEASURED and the target fails', () => {
    for (const data of [undefined, null, 42, { metrics: 'nope' }, { metrics: { http_req_duration: {} } }]) {
      const out = summarize(stressContext(), data);
      const record = JSON.parse(out[`${folder}/summary.json`] ?? '') as RunRecord;
      assert.equal(record.verdict.target, 'fail');
      assert.match(out.stdout ?? '', /Latency p95\s+target\s+< 500 ms\s+not measured\s+NOT MEASURED/);
      // a correctness counter with no revocation checks behind it proves nothing: not measured, not zero
      const accepted = record.criteria.find((c) => c.key === 'revoked_token_accepted');
      assert.equal(accepted?.measured, undefined);
      assert.equal(accepted?.outcome, 'not-measured');
      assert.match(
        out.stdout ?? '',
        /^auth-loadtest stress-5000: FAIL\n {2}NOT MEASURED Revoked tokens accepted/m,
      );
    }
  });

  it('escapes values from the run in XML and Markdown', () => {
    const hostile = 'http://h/?a=1&b=<script>"x"|_y_*z*`';
    const { junit, markdown } = outputs('failing', { baseUrl: hostile });
    assertWellFormedXml(junit);
    assert.ok(junit.includes('value="http://h/?a=1&amp;b=&lt;script&gt;&quot;x&quot;|_y_*z*`"'));
    assert.ok(markdown.includes('| base URL | http://h/?a=1\\&b=\\<script>"x"\\|\\_y\\_\\*z\\*\\` |'));
    assert.equal(escapeXml('a\u0001b<'), 'ab&lt;');
    assert.equal(escapeMarkdown('1 < 2 & 3 &amp; <b>'), '1 < 2 & 3 \\&amp; \\<b>');
    assert.equal(markdownCode('a`b'), '``a`b``');
  });
});
