// junit.xml for CI: one <testsuite> per run, one <testcase> per criterion.
// Gating misses are <failure> (they fail the pipeline's test view, as k6's exit code fails the job);
// missed stretch goals that do not gate are <skipped> with the numbers in the message, which GitHub,
// GitLab and Jenkins all list visibly without turning the run red.
import { type CriterionResult, measuredElsewhere, passesGate } from '../criteria.ts';
import { criterionRow } from './criterion-rows.ts';
import { ABORTED_BEFORE_LOAD, type RunRecord } from './run-record.ts';
import { whatRan } from './what-ran.ts';
import { escapeXml, xmlAttributes } from './xml.ts';

type Outcome = 'passed' | 'failure' | 'skipped';

function outcomeOf(result: CriterionResult): Outcome {
  if (result.pass === true && result.notRun === undefined) return 'passed';
  // Judged by the instance of a split test that measured it (npm run report -- --merge joins them), or
  // opted out of by name: listed, visibly, as skipped.
  if (measuredElsewhere(result) || (passesGate(result) && result.notRun !== undefined)) return 'skipped';
  return result.gating ? 'failure' : 'skipped';
}

function skipMessage(result: CriterionResult, detail: string): string {
  if (result.notRun?.optOut !== undefined)
    return `not run, opted out with ${result.notRun.optOut}: ${detail}`;
  if (measuredElsewhere(result)) return `measured by another instance of this split test: ${detail}`;
  return `stretch goal missed (reported, not gating): ${detail}`;
}

function testcase(record: RunRecord, result: CriterionResult): string {
  const row = criterionRow(result);
  const bound = row.plannedBound ? `${row.bound} (plan ${row.plannedBound})` : row.bound;
  const detail = `${row.label}: measured ${row.measured}, bound ${bound}${row.note === undefined ? '' : ` (${row.note})`}`;
  const open = `    <testcase${xmlAttributes({
    classname: `auth-loadtest.${record.test}.${result.level}`,
    name: `${row.label} ${bound}`,
    time: '0',
  })}>`;
  const out = `      <system-out>${escapeXml(`${detail} (${row.result})`)}</system-out>`;
  switch (outcomeOf(result)) {
    case 'passed':
      return `${open}\n${out}\n    </testcase>`;
    case 'failure': {
      const message =
        result.pass === undefined
          ? `${row.label}: ${row.result}${row.note === undefined ? '' : `, ${row.note}`}`
          : detail;
      return `${open}\n      <failure${xmlAttributes({ message, type: result.level })}>${escapeXml(detail)}</failure>\n${out}\n    </testcase>`;
    }
    case 'skipped':
      return `${open}\n      <skipped${xmlAttributes({ message: skipMessage(result, detail) })}/>\n${out}\n    </testcase>`;
  }
}

function abortedCase(record: RunRecord): string {
  const attributes = xmlAttributes({ classname: `auth-loadtest.${record.test}`, name: 'run', time: '0' });
  const error = xmlAttributes({ message: ABORTED_BEFORE_LOAD, type: 'aborted' });
  return `    <testcase${attributes}>\n      <error${error}/>\n    </testcase>`;
}

export function junitReport(record: RunRecord): string {
  if (record.abortedBeforeLoad)
    return junitDocument(record, abortedCase(record), { tests: 1, failures: 0, errors: 1, skipped: 0 });
  const outcomes = record.criteria.map(outcomeOf);
  const count = (outcome: Outcome) => outcomes.filter((candidate) => candidate === outcome).length;
  const cases = record.criteria.map((result) => testcase(record, result)).join('\n');
  return junitDocument(record, cases, {
    tests: record.criteria.length,
    failures: count('failure'),
    errors: 0,
    skipped: count('skipped'),
  });
}

function junitDocument(
  record: RunRecord,
  cases: string,
  counts: { tests: number; failures: number; errors: number; skipped: number },
): string {
  const totals = { ...counts, time: (record.testRunDurationMs / 1000).toFixed(3) };
  const properties = whatRan(record)
    .map(([name, value]) => `      <property${xmlAttributes({ name, value })}/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes({ name: `auth-loadtest ${record.runId}`, ...totals })}>`,
    `  <testsuite${xmlAttributes({ name: record.test, ...totals, timestamp: record.finishedAt })}>`,
    '    <properties>',
    properties,
    '    </properties>',
    cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
