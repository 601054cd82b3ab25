// The merged verdict as Markdown (merged.md) and console text: instances, then every criterion with the
// instances it was measured on and how their values were combined.
import { formatBoundValue, formatValue } from '../../../lib/summary/format.ts';
import { escapeMarkdown, markdownTable } from '../../../lib/summary/markdown.ts';
import { textTable } from '../../../lib/summary/text-table.ts';
import type { MergedCriterion } from './merge-criteria.ts';
import type { MergedRecord } from './merged-record.ts';

function result(criterion: MergedCriterion): string {
  if (criterion.pass === undefined)
    return criterion.level === 'target' ? 'NOT MEASURED (FAIL)' : 'NOT MEASURED';
  return criterion.pass ? 'PASS' : 'FAIL';
}

function how(criterion: MergedCriterion): string {
  const on = criterion.measuredOn.map((index) => `#${index + 1}`).join(', ');
  return criterion.method === 'not measured' ? 'measured on no instance' : `${criterion.method} (${on})`;
}

function criterionCells(criterion: MergedCriterion): string[] {
  return [
    criterion.label,
    criterion.level,
    formatBoundValue(criterion.bound, criterion.unit),
    formatValue(criterion.measured, criterion.unit),
    result(criterion),
    how(criterion),
  ];
}

const CRITERION_HEADERS = ['criterion', 'level', 'bound', 'measured', 'result', 'how'];
const INSTANCE_HEADERS = ['#', 'source', 'run id', 'users', 'own verdict'];

function instanceCells(record: MergedRecord): string[][] {
  return record.merged.instances.map((instance, index) => [
    `#${index + 1}`,
    instance.source,
    instance.runId,
    String(instance.users),
    instance.verdict.toUpperCase(),
  ]);
}

function headline(record: MergedRecord): string {
  const stretch = record.verdict.stretch === 'n/a' ? '' : `, stretch ${record.verdict.stretch.toUpperCase()}`;
  return `${record.test}, ${record.merged.instances.length} instances, ${record.profile.users} users in all (plan ${record.profile.planned.users}): ${record.verdict.target.toUpperCase()}${stretch}`;
}

export function mergedMarkdown(record: MergedRecord): string {
  const escapeRow = (cells: string[]) => cells.map(escapeMarkdown);
  return [
    `# Merged verdict: ${escapeMarkdown(record.test)}`,
    `**${escapeMarkdown(headline(record))}**`,
    '## Instances',
    markdownTable(INSTANCE_HEADERS, instanceCells(record).map(escapeRow), [3]),
    '## Criteria',
    markdownTable(CRITERION_HEADERS, record.criteria.map(criterionCells).map(escapeRow)),
    ...record.merged.notes.map((note) => `> ${escapeMarkdown(note)}`),
    '',
  ].join('\n\n');
}

export function mergedConsole(record: MergedRecord): string {
  return [
    headline(record),
    textTable(INSTANCE_HEADERS, instanceCells(record)),
    textTable(CRITERION_HEADERS, record.criteria.map(criterionCells)),
    ...record.merged.notes.map((note) => `note: ${note}`),
  ].join('\n\n');
}
