// report.md for one run: the same facts as the console summary, for people reading a CI artifact or a PR.
import { criterionRows, type ResultWord, reasonsNotPassed } from './criterion-rows.ts';
import { formatNumber, formatPercent, formatValue } from './format.ts';
import { keyNumbers } from './key-numbers.ts';
import { escapeMarkdown as esc, markdownCode, markdownTable } from './markdown.ts';
import { ABORTED_BEFORE_LOAD, type RunRecord } from './run-record.ts';
import { whatRan } from './what-ran.ts';

function resultCell(result: ResultWord, gating: boolean): string {
  if (result === 'PASS') return 'PASS';
  return gating ? `**${result}**` : `${result} (reported only)`;
}

function verdictWord(verdict: string): string {
  return verdict === 'fail' ? '**FAIL**' : verdict === 'pass' ? 'PASS' : 'n/a';
}

function keyNumbersTable(record: RunRecord): string {
  const numbers = keyNumbers(record.metrics, record.profile.steadyS);
  const rows: string[][] = [
    ['requests', formatValue(numbers.requests, 'count')],
    ['requests per second (whole run)', formatNumber(numbers.requestsPerS)],
    ['requests per second (all users running)', formatValue(numbers.steadyRequestsPerS, '')],
    ['latency p50', formatValue(numbers.p50Ms, 'ms')],
    ['latency p95', formatValue(numbers.p95Ms, 'ms')],
    ['latency p99', formatValue(numbers.p99Ms, 'ms')],
    ['latency max', formatValue(numbers.maxMs, 'ms')],
    [
      'failed requests',
      `${formatValue(numbers.failedRequests, 'count')}${numbers.failureRate === undefined ? '' : ` (${formatPercent(numbers.failureRate)})`}`,
    ],
    ['checks passed / failed', `${numbers.checksPassed} / ${numbers.checksFailed}`],
    ['iterations', formatValue(numbers.iterations, 'count')],
  ];
  return markdownTable(
    ['number', 'value'],
    rows.map(([name, value]) => [esc(name ?? ''), esc(value ?? '')]),
    [1],
  );
}

function criteriaTable(record: RunRecord): string {
  if (record.abortedBeforeLoad) return esc(ABORTED_BEFORE_LOAD);
  const rows = criterionRows(record.criteria).map((row) => [
    `${esc(row.label)} (${markdownCode(row.key)})`,
    row.gating ? row.level : `${row.level} (reported)`,
    esc(row.plannedBound ? `${row.bound} (plan ${row.plannedBound})` : row.bound),
    esc(row.measured),
    row.note === undefined
      ? resultCell(row.result, row.gating)
      : `${resultCell(row.result, row.gating)}: ${esc(row.note)}`,
  ]);
  if (rows.length === 0) return '_No criteria for this test._';
  return markdownTable(['criterion', 'level', 'bound', 'measured', 'result'], rows);
}

/** Said before anything else: the criteria that stopped the run from passing, and the opt-outs. */
function whySection(record: RunRecord): string[] {
  if (record.abortedBeforeLoad) return [];
  const reasons = reasonsNotPassed(record.criteria).map((reason) => `- ${esc(reason)}`);
  const optOuts = (record.optOuts ?? []).map(
    (optOut) =>
      `- opted out with ${markdownCode(optOut.setting)}: ${optOut.criteria.map(markdownCode).join(', ')} not judged`,
  );
  return [
    ...(reasons.length === 0 ? [] : [`**Why it did not pass**\n\n${reasons.join('\n')}`]),
    ...(optOuts.length === 0 ? [] : [`**Opt-outs**\n\n${optOuts.join('\n')}`]),
  ];
}

function checksSection(record: RunRecord): string {
  if (record.checks.length === 0) return '_No checks ran._';
  const rows = record.checks.map((check) => [
    esc(check.group ? `${check.group} › ${check.name}` : check.name),
    String(check.passes),
    check.fails > 0 ? `**${check.fails}**` : '0',
  ]);
  return markdownTable(['check', 'passed', 'failed'], rows, [1, 2]);
}

export function markdownReport(record: RunRecord): string {
  const facts = markdownTable(
    ['what', 'value'],
    whatRan(record).map(([label, value]) => [esc(label), esc(value)]),
  );
  const crossed =
    record.thresholdsFailed.length === 0
      ? 'k6 reported no crossed thresholds.'
      : `k6 thresholds crossed: ${record.thresholdsFailed.map(markdownCode).join(', ')}.`;
  return [
    `# ${esc(record.test)}: load-test report`,
    `Target: ${verdictWord(record.verdict.target)} · Stretch: ${verdictWord(record.verdict.stretch)} · ${crossed}`,
    ...whySection(record),
    '## What ran',
    facts,
    '## Criteria',
    criteriaTable(record),
    'Targets gate the run (k6 exits 99 when one is missed); stretch goals are reported, and gate only with `GATE=stretch`. ' +
      'A criterion that could not be measured (NOT MEASURED) or did not run (NOT RUN) counts as missed, unless ' +
      'it was opted out of by name (`REDIS_URL=off`, `LOGIN_LIMIT_PER_ACCOUNT=off`).',
    '## Key k6 numbers',
    keyNumbersTable(record),
    '## Checks',
    checksSection(record),
    '',
  ].join('\n\n');
}
