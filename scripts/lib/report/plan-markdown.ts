// plan-report.md: the same tables as the HTML page, for a PR comment or a terminal; charts stay in the HTML.

import { DRILL_VARIANTS } from '../../../lib/profiles.ts';
import { escapeMarkdown as esc, markdownTable } from '../../../lib/summary/markdown.ts';
import { alertTimelineMarkdown } from './alert-timeline-section.ts';
import { analysisMarkdown, checklistMarkdown, executiveMarkdown } from './analysis-markdown.ts';
import { instancesMarkdownSection } from './instances-section.ts';
import type { LevelCell } from './plan-criteria.ts';
import type { PlanPage } from './plan-html.ts';
import {
  comparisonLines,
  drillFacts,
  type Fact,
  SOAK_BLOCK_HEADERS,
  soakBlockRows,
  soakFacts,
  TIER_HEADERS,
  tierTableRow,
} from './report-tables.ts';
import { sensitivityMarkdownSection } from './sensitivity-section.ts';
import { verdictMarkdown } from './verdict-block.ts';

function level(cell: LevelCell | undefined): string {
  if (!cell) return '—';
  const word =
    cell.result === 'PASS' || cell.result === 'NOT RUN' || cell.result === 'NOT JUDGED'
      ? cell.result
      : `**${cell.result}**`;
  const reported = cell.gating ? '' : ' (reported)';
  return `${esc(cell.bound)} ${cell.gating ? word : cell.result}${reported}`.trim();
}

function factsTable(facts: Fact[]): string {
  return markdownTable(
    ['what', 'value'],
    facts.map(([label, value]) => [esc(label), esc(value)]),
  );
}

function notRun(what: string): string {
  return `_Not run: ${esc(what)}_`;
}

export function planMarkdown(page: PlanPage): string {
  const { data } = page;
  const out: string[] = [
    `# Authentication load test: plan report (${esc(data.runId)})`,
    verdictMarkdown(page.judgement.verdict, page.judgement.reasons),
    factsTable(page.header.facts),
  ];
  if (page.header.notes.length > 0) out.push(page.header.notes.map((note) => `- ${esc(note)}`).join('\n'));
  out.push(...executiveMarkdown(page.analysis));
  out.push(
    '## Success criteria',
    markdownTable(
      ['test', 'criterion', 'measured', 'target', 'stretch'],
      page.rows.map((row) => [
        esc(row.scope),
        esc(row.criterion),
        esc(row.note ? `${row.measured} (${row.note})` : row.measured),
        level(row.target),
        level(row.stretch),
      ]),
    ),
    '## Load tiers',
    data.runs.length === 0
      ? notRun('no k6 test left a summary.json.')
      : markdownTable(
          TIER_HEADERS,
          data.runs.map((run) => tierTableRow(run).map(esc)),
          [1, 2, 3, 4, 5, 6],
        ),
    'Charts (latency, failure rate and throughput against users; Redis over time; the drill timeline; soak memory) are in `plan-report.html`.',
    ...analysisMarkdown(data, page.analysis),
    '## Redis failure drill',
  );
  for (const variant of DRILL_VARIANTS) {
    const drill = data.drills.find((candidate) => candidate.variant === variant);
    out.push(
      `### ${variant.toUpperCase()}`,
      drill ? factsTable(drillFacts(drill)) : notRun(`failover-${variant}.json is missing.`),
    );
  }
  out.push('## Soak', data.soak ? factsTable(soakFacts(data.soak)) : notRun('soak.json is missing.'));
  if (data.soak?.p95Blocks)
    out.push(
      'Latency blocks compared (first and last stretch of the steady part):',
      markdownTable(
        SOAK_BLOCK_HEADERS,
        soakBlockRows(data.soak.p95Blocks).map((row) => row.map(esc)),
        [2, 3, 5, 6],
      ),
    );
  out.push('## Shared state vs per-worker memory');
  if (page.pairs.length === 0) out.push(notRun('no <test>@memory run with a matching Redis run.'));
  for (const pair of page.pairs) {
    out.push(
      `### ${esc(pair.test)}`,
      markdownTable(
        ['', 'STATE=redis', 'STATE=memory'],
        comparisonLines(pair).map((line) => [
          line.highlight ? `**${esc(line.metric)}**` : esc(line.metric),
          esc(line.redis),
          line.memoryBad ? `**${esc(line.memory)}**` : esc(line.memory),
        ]),
        [1, 2],
      ),
    );
  }
  out.push(...alertTimelineMarkdown(data.info));
  out.push(...instancesMarkdownSection(data));
  out.push(...sensitivityMarkdownSection(data.runDir));
  out.push(...checklistMarkdown(page.analysis));
  out.push(`_Generated ${esc(page.generatedAt)} by \`npm run report\`._`, '');
  return out.join('\n\n');
}
