// plan-report.html: one self-contained page (inline CSS and SVG, no script, no external request).
import { DRILL_VARIANTS } from '../../../lib/profiles.ts';
import type { SoakBlocks } from '../run-folder/types.ts';
import { alertTimelineHtml } from './alert-timeline-section.ts';
import {
  type AnalysisParts,
  bottleneckSection,
  capacitySection,
  checklistSection,
  endpointsSection,
  errorsSection,
  executiveSection,
  resourcesSection,
  scalabilitySection,
} from './analysis-html.ts';
import { comparisonCorrectness, comparisonLatency } from './charts/comparison-chart.ts';
import { drillTimeline } from './charts/drill-chart.ts';
import { redisCharts } from './charts/redis-charts.ts';
import { type Chart, DEFAULT_CHART_WIDTH, renderSvg } from './charts/render-svg.ts';
import { soakBlocks, soakMemory, soakWindows } from './charts/soak-charts.ts';
import { failureRateVsUsers, latencyVsUsers, throughputVsUsers } from './charts/tier-charts.ts';
import type { ComparisonPair } from './comparison.ts';
import type { Header } from './header.ts';
import { badge, type Cell, escapeHtml, type Html, notRun, raw, table } from './html.ts';
import { instancesHtmlSection } from './instances-section.ts';
import { PAGE_STYLE } from './page-style.ts';
import type { LevelCell, PlanCriterionRow } from './plan-criteria.ts';
import type { PlanJudgement } from './plan-verdict.ts';
import type { PlanRunData } from './read-run-folder.ts';
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
import { sensitivityHtmlSection } from './sensitivity-section.ts';
import type { TierRow } from './tiers.ts';
import { verdictHtml } from './verdict-block.ts';

export interface PlanPage {
  data: PlanRunData;
  header: Header;
  rows: PlanCriterionRow[];
  judgement: PlanJudgement;
  tiers: TierRow[];
  pairs: ComparisonPair[];
  analysis: AnalysisParts;
  generatedAt: string;
}

function figure(chart: Chart): string {
  // The figure is as wide as its chart, so a long caption wraps instead of widening it.
  const width = (chart.width ?? DEFAULT_CHART_WIDTH) + 18;
  return `<figure class="chart" id="${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}" style="width: ${width}px">
<figcaption>${escapeHtml(chart.title)}</figcaption>
${renderSvg(chart)}
<p>${escapeHtml(chart.caption)}</p>
</figure>`;
}

function charts(list: Chart[]): string {
  return `<div class="charts">\n${list.map(figure).join('\n')}\n</div>`;
}

function facts(list: Fact[]): string {
  const items = list.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}

function headerSection(page: PlanPage): string {
  const notes =
    page.header.notes.length === 0
      ? ''
      : `<ul class="notes">${page.header.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
  return `<header>
<h1>Authentication load test: plan report</h1>
<p class="lede">The validation plan's criteria, measured values and charts for one execution of the plan.</p>
${verdictHtml(page.judgement.verdict, page.judgement.reasons)}
${facts(page.header.facts)}
${notes}
</header>`;
}

function levelCell(level: LevelCell | undefined): Cell {
  if (!level) return { value: '—' };
  const bound = level.bound ? `<span class="bound">${escapeHtml(level.bound)}</span>` : '';
  const note = level.gating ? '' : ' <small>(reported)</small>';
  return { value: raw(`${bound}${badge(level.result, !level.gating).html}${note}`) };
}

function criteriaSection(page: PlanPage): string {
  const body: Array<Array<string | Html | Cell>> = [];
  page.rows.forEach((row, index) => {
    const first = index === 0 || page.rows[index - 1]?.scope !== row.scope;
    const span = page.rows.filter((candidate) => candidate.scope === row.scope).length;
    body.push([
      ...(first ? [{ value: row.scope, className: 'scope', rowSpan: span }] : []),
      row.criterion,
      row.note
        ? {
            value: raw(`${escapeHtml(row.measured)}<div class="cell-note">${escapeHtml(row.note)}</div>`),
            className: 'num',
          }
        : { value: row.measured, className: 'num' },
      levelCell(row.target),
      levelCell(row.stretch),
    ]);
  });
  return `<section id="criteria">
<h2>Success criteria</h2>
<p>Every criterion of every test, the failure drills and the soak. Targets gate the plan; stretch goals are reported
(greyed when they do not gate). A criterion that could not be measured counts as failed; parts of the plan that did not
run are listed as not run, never as passed. The last rows ask whether the suite caught the shared-state defect
(the same tier against <code>STATE=memory</code>): it must.</p>
${table(['test', 'criterion', { value: 'measured', className: 'num' }, 'target', 'stretch'], body, 'criteria')}
</section>`;
}

function tiersSection(page: PlanPage): string {
  const rows = page.data.runs.map((run) =>
    tierTableRow(run).map((value, column) =>
      column >= 1 && column <= 6 ? { value, className: 'num' } : value,
    ),
  );
  const tableHtml =
    rows.length === 0
      ? notRun('no k6 test left a summary.json in this folder.')
      : table(
          TIER_HEADERS.map((header, column) =>
            column >= 1 && column <= 6 ? { value: header, className: 'num' } : header,
          ),
          rows,
        );
  const chartsHtml =
    page.tiers.length === 0
      ? notRun('no load tier (authentication workload) ran, so there is nothing to plot against users.')
      : charts([latencyVsUsers(page.tiers), failureRateVsUsers(page.tiers), throughputVsUsers(page.tiers)]);
  return `<section id="tiers">
<h2>Load tiers</h2>
<p>Per test: latency percentiles of every request, the share of wrong answers and the throughput while all users ran.
The charts plot the load tiers (the authentication workload) against the users that actually ran.</p>
${tableHtml}
${chartsHtml}
</section>`;
}

function redisSection(page: PlanPage): string {
  const timelines = page.data.runs
    .filter((run) => run.redisTimeline && run.redisTimeline.length > 0)
    .map((run) => ({ test: run.folder, samples: run.redisTimeline ?? [] }));
  const list = redisCharts(timelines);
  return `<section id="redis">
<h2>Redis during the tests</h2>
${list.length === 0 ? notRun('no test folder has a redis-timeline.json (Redis INFO was not sampled).') : charts(list)}
</section>`;
}

function drillSection(page: PlanPage): string {
  const parts = DRILL_VARIANTS.map((variant) => {
    const drill = page.data.drills.find((candidate) => candidate.variant === variant);
    if (!drill) return `<h3>${variant.toUpperCase()}</h3>\n${notRun(`failover-${variant}.json is missing.`)}`;
    const chart =
      drill.timeline.length > 0 ? charts([drillTimeline(drill)]) : notRun('the drill recorded no timeline.');
    return `<h3>${variant.toUpperCase()}: Redis ${variant === 'sigkill' ? 'crashes' : 'shuts down cleanly'}</h3>\n${facts(drillFacts(drill))}\n${chart}`;
  });
  return `<section id="drill">
<h2>Redis failure drill</h2>
<p>Under load, Redis is stopped and started again. The service must fail closed while Redis is down (503, never a
revoked token accepted), keep every revocation it acknowledged, and answer correctly again within the recovery target.</p>
${parts.join('\n')}
</section>`;
}

function soakBlockTable(blocks: SoakBlocks): string {
  const numeric = new Set([2, 3, 5, 6]);
  return `<h3>Latency blocks compared</h3>
${table(
  SOAK_BLOCK_HEADERS.map((header, column) =>
    numeric.has(column) ? { value: header, className: 'num' } : header,
  ),
  soakBlockRows(blocks).map((row) =>
    row.map((cell, column) => (numeric.has(column) ? { value: cell, className: 'num' } : cell)),
  ),
)}`;
}

function soakSection(page: PlanPage): string {
  const soak = page.data.soak;
  const body = !soak
    ? notRun('soak.json is missing.')
    : `${facts(soakFacts(soak))}\n${charts([
        ...(soak.memory.length > 0 ? [soakMemory(soak)] : []),
        ...(soak.minutes.length > 0 ? [soakWindows(soak)] : []),
        ...(soak.p95Blocks ? [soakBlocks(soak.p95Blocks)] : []),
      ])}${soak.p95Blocks ? `\n${soakBlockTable(soak.p95Blocks)}` : ''}`;
  return `<section id="soak">
<h2>Soak</h2>
<p>The mixed workload held for a long time: memory must not keep growing and latency must not drift.</p>
${body}
</section>`;
}

function comparisonSection(page: PlanPage): string {
  const parts = page.pairs.map((pair) => {
    const rows = comparisonLines(pair).map((line) => [
      line.highlight ? { value: line.metric, className: 'highlight' } : line.metric,
      { value: line.redis, className: `num${line.highlight ? ' highlight' : ''}` },
      {
        value: line.memory,
        className: `num${line.highlight ? ' highlight' : ''}${line.memoryBad ? ' bad' : ''}`,
      },
    ]);
    return `<h3>${escapeHtml(pair.test)}</h3>
${table(['', { value: 'STATE=redis', className: 'num' }, { value: 'STATE=memory', className: 'num' }], rows)}
${charts([comparisonCorrectness(pair), comparisonLatency(pair)])}`;
  });
  return `<section id="comparison">
<h2>Shared state vs per-worker memory</h2>
<p>The same tier against the same service started with <code>STATE=memory</code> (each worker keeps its own denylist).
The suite must catch it: a token revoked on one worker is still accepted by the others.</p>
${parts.length === 0 ? notRun('no <test>@memory run with a matching Redis run in this folder.') : parts.join('\n')}
</section>`;
}

function filesSection(page: PlanPage): string {
  const runs = [...page.data.runs, ...page.data.comparisons].filter((run) => run.files.length > 0);
  if (runs.length === 0) return '';
  const items = runs.map((run) => {
    const links = run.files.map(
      (file) => `<a href="${escapeHtml(encodeURI(file))}">${escapeHtml(file.split('/').pop() ?? file)}</a>`,
    );
    return `<li><strong>${escapeHtml(run.folder)}</strong>: ${links.join(', ')}</li>`;
  });
  return `<section id="files">
<h2>Per-test files</h2>
<p>Beside this page: each test's own report, JUnit file and, for runs over 30 s, k6's web dashboard export.</p>
<ul>${items.join('')}</ul>
</section>`;
}

export function planHtml(page: PlanPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plan report ${escapeHtml(page.data.runId)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${headerSection(page)}
${executiveSection(page.analysis)}
${criteriaSection(page)}
${tiersSection(page)}
${endpointsSection(page.data, charts)}
${errorsSection(page.data, charts)}
${resourcesSection(page.data, charts)}
${redisSection(page)}
${scalabilitySection(page.data, charts)}
${capacitySection(page.data, charts)}
${bottleneckSection(page.analysis)}
${drillSection(page)}
${soakSection(page)}
${alertTimelineHtml(page.data.info)}
${comparisonSection(page)}
${instancesHtmlSection(page.data)}
${sensitivityHtmlSection(page.data.runDir)}
${checklistSection(page.analysis)}
${filesSection(page)}
<footer>Generated ${escapeHtml(page.generatedAt)} by <code>npm run report</code> from ${escapeHtml(page.data.runDir)}.</footer>
</main>
</body>
</html>
`;
}
