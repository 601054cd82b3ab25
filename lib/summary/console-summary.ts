// The text k6 prints at the end of a run (handleSummary "stdout"): what ran, the key k6 numbers, one
// row per criterion and the verdicts. Plain ASCII, no colours, so it reads the same in a CI log.
import { criterionRows, reasonsNotPassed } from './criterion-rows.ts';
import { formatNumber, formatPercent, formatValue } from './format.ts';
import { keyNumbers } from './key-numbers.ts';
import { ABORTED_BEFORE_LOAD, type RunRecord } from './run-record.ts';
import { textTable } from './text-table.ts';
import { whatRan } from './what-ran.ts';

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

function keyNumberLines(record: RunRecord): string[] {
  const numbers = keyNumbers(record.metrics, record.profile.steadyS);
  const steady =
    numbers.steadyRequestsPerS === undefined
      ? ''
      : `, ${formatNumber(numbers.steadyRequestsPerS)} req/s while all users ran`;
  const checksTotal = numbers.checksPassed + numbers.checksFailed;
  return [
    `requests   ${formatValue(numbers.requests, 'count')} (${formatNumber(numbers.requestsPerS)} req/s overall${steady})`,
    `latency    p50 ${formatValue(numbers.p50Ms, 'ms')}, p95 ${formatValue(numbers.p95Ms, 'ms')}, ` +
      `p99 ${formatValue(numbers.p99Ms, 'ms')}, max ${formatValue(numbers.maxMs, 'ms')}`,
    `failures   ${formatValue(numbers.failedRequests, 'count')} wrong answers` +
      (numbers.failureRate === undefined ? '' : ` (${formatPercent(numbers.failureRate)} of requests)`),
    `checks     ${formatValue(numbers.checksPassed, 'count')} passed, ${formatValue(numbers.checksFailed, 'count')} failed` +
      (checksTotal > 0 ? ` (${formatPercent(numbers.checksPassed / checksTotal)} passed)` : ''),
  ];
}

function failedCheckLines(record: RunRecord): string[] {
  return record.checks
    .filter((check) => check.fails > 0)
    .map(
      (check) =>
        `failed check "${check.name}": ${formatValue(check.fails, 'count')} of ${formatValue(check.passes + check.fails, 'count')}`,
    );
}

function criteriaTable(record: RunRecord): string {
  if (record.abortedBeforeLoad) return ABORTED_BEFORE_LOAD;
  const rows = criterionRows(record.criteria).map((row) => [
    row.label,
    row.gating ? row.level : `${row.level} (reported)`,
    row.plannedBound ? `${row.bound} (plan ${row.plannedBound})` : row.bound,
    row.measured,
    row.note === undefined ? row.result : `${row.result} (${row.note})`,
  ]);
  if (rows.length === 0) return 'no criteria for this test';
  return textTable(['criterion', 'level', 'bound', 'measured', 'result'], rows);
}

/** First thing printed: the verdict and, when it is not a pass, each criterion that made it so. */
function headline(record: RunRecord): string {
  if (record.abortedBeforeLoad) return `auth-loadtest ${record.test}: FAIL, ${ABORTED_BEFORE_LOAD}`;
  const reasons = reasonsNotPassed(record.criteria);
  const optOuts = (record.optOuts ?? []).map(
    (optOut) => `opted out: ${optOut.setting} (not judged: ${optOut.criteria.join(', ')})`,
  );
  const word = record.verdict.target === 'pass' && reasons.length === 0 ? 'PASS' : 'FAIL';
  return [`auth-loadtest ${record.test}: ${word}`, ...indent([...reasons, ...optOuts].join('\n')).split('\n')]
    .filter((line) => line.trim() !== '')
    .join('\n');
}

function verdictLine(record: RunRecord): string {
  const word = (verdict: string) => (verdict === 'n/a' ? 'n/a (no stretch goals)' : verdict.toUpperCase());
  const gated = record.gate === 'stretch' ? 'target and stretch gate this run' : 'target gates this run';
  return `verdict    target ${word(record.verdict.target)}, stretch ${word(record.verdict.stretch)} (${gated})`;
}

/**
 * The console summary; `notes` are printed last (where the files went, and why if not the usual place).
 * `k6Metrics` is k6's own end-of-test summary (k6-metrics.ts), printed before the suite's verdict.
 */
export function consoleSummary(record: RunRecord, notes: string[], k6Metrics?: string): string {
  const facts = whatRan(record);
  const width = Math.max(...facts.map(([label]) => label.length));
  const factLines = facts.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  const thresholdLines = record.thresholdsFailed.map((expression) => `k6 threshold crossed: ${expression}`);
  const sections = [
    headline(record),
    ...(k6Metrics === undefined ? [] : [`k6 end-of-test summary\n${indent(k6Metrics)}`]),
    `auth-loadtest: ${record.test}\n${indent(factLines.join('\n'))}`,
    `k6 numbers\n${indent([...keyNumberLines(record), ...failedCheckLines(record)].join('\n'))}`,
    `criteria\n${indent(criteriaTable(record))}`,
    indent([verdictLine(record), ...thresholdLines].join('\n')),
    ...(notes.length > 0 ? [notes.join('\n')] : []),
  ];
  return `\n${sections.join('\n\n')}\n\n`;
}
