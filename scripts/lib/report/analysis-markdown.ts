// The analysis sections of plan-report.md, from the same tables and readings as the HTML page.

import { formatNumber, formatPercent, formatValue } from '../../../lib/summary/format.ts';
import { escapeMarkdown as esc, markdownTable } from '../../../lib/summary/markdown.ts';
import type { AnalysisParts } from './analysis-html.ts';
import {
  capacityTable,
  endpointsTable,
  errorOrigins,
  errorsTable,
  generatorResourcesTable,
  scalabilityTable,
  serviceResourcesTable,
  type TextTable,
} from './analysis-tables.ts';
import type { PlanRunData } from './read-run-folder.ts';
import { verdictMarkdown } from './verdict-block.ts';

function mdTable(text: TextTable): string {
  return markdownTable(
    text.headers.map(esc),
    text.rows.map((row) => row.map(esc)),
    text.numeric,
  );
}

const notRun = (what: string) => `_Not run: ${esc(what)}_`;

export function executiveMarkdown(parts: AnalysisParts): string[] {
  const { summary } = parts;
  const out = ['## Executive summary', verdictMarkdown(summary.verdict, summary.reasons)];
  if (summary.headlines.length)
    out.push(
      markdownTable(
        ['tier', 'users', 'steady throughput', 'p95', 'failure rate', 'verdict'],
        summary.headlines.map((h) => [
          esc(h.test),
          formatNumber(h.users),
          formatValue(h.steadyRps, 'req/s'),
          formatValue(h.p95Ms, 'ms'),
          h.failureRate === undefined ? 'not measured' : formatPercent(h.failureRate),
          h.verdict.toUpperCase(),
        ]),
        [1, 2, 3, 4],
      ),
    );
  if (parts.bottleneck.findings[0]) out.push(esc(parts.bottleneck.findings[0]));
  out.push(
    summary.previous
      ? `Against the previous run \`${summary.previous.runId}\` (verdict ${summary.previous.verdict}):\n\n${summary.previous.changes.map((c) => `- ${esc(c)}`).join('\n')}`
      : 'No earlier run in this reports folder to compare with.',
  );
  return out;
}

export function analysisMarkdown(data: PlanRunData, parts: AnalysisParts): string[] {
  const out: string[] = ['## Endpoints'];
  const endpoints = endpointsTable(data.runs);
  out.push(endpoints.rows.length ? mdTable(endpoints) : notRun('no test folder has an endpoints.csv.'));
  out.push('## Errors by category');
  const errors = errorsTable([...data.runs, ...data.comparisons]);
  out.push(errors.rows.length ? mdTable(errors) : notRun('no test folder has an errors.json.'));
  const origins = errorOrigins([...data.runs, ...data.comparisons]);
  if (origins.length) out.push(origins.map((o) => `- ${esc(o)}`).join('\n'));
  out.push('## Resources');
  const service = serviceResourcesTable(data.runs);
  const generator = generatorResourcesTable(data.runs);
  if (service.rows.length) out.push(mdTable(service));
  if (generator.rows.length) out.push(mdTable(generator));
  if (!service.rows.length && !generator.rows.length)
    out.push(notRun('no test folder has a resources.json.'));
  out.push('## Scalability');
  out.push(
    data.scalability ? mdTable(scalabilityTable(data.scalability)) : notRun('scalability.json is missing.'),
  );
  out.push('## Capacity');
  const capacity = data.capacity;
  if (!capacity) out.push(notRun('capacity.json is not in this folder.'));
  else {
    out.push(
      capacity.breakingPoint
        ? `**Breaking point: ${formatNumber(capacity.breakingPoint.users)} users; first missed: ${esc(capacity.breakingPoint.criteria.join(', '))}.**`
        : `**No step missed a target: capacity is above ${formatNumber(capacity.lastGood?.users ?? 0)} users.**`,
      mdTable(capacityTable(capacity)),
    );
  }
  out.push('## Bottleneck');
  const { bottleneck } = parts;
  if (bottleneck.utilisation.length)
    out.push(
      markdownTable(
        ['resource', 'busy', 'measured'],
        bottleneck.utilisation.map((u) => [esc(u.resource), formatPercent(u.share), esc(u.evidence)]),
        [1],
      ),
    );
  else out.push(notRun('no resource samples for a load tier.'));
  if (bottleneck.findings.length) out.push(bottleneck.findings.map((f) => `- ${esc(f)}`).join('\n'));
  if (bottleneck.recommendations.length)
    out.push('Recommendations:', bottleneck.recommendations.map((r) => `- ${esc(r)}`).join('\n'));
  return out;
}

export function checklistMarkdown(parts: AnalysisParts): string[] {
  return [
    '## Production checklist',
    markdownTable(
      ['area', 'item', 'status', 'evidence', 'source'],
      parts.checklist.map((item) => [
        esc(item.area),
        esc(item.item),
        item.status === 'verified' ? '✓ verified' : item.status === 'failed' ? '**✗ failed**' : item.status,
        esc(item.evidence),
        esc(item.source),
      ]),
    ),
  ];
}
