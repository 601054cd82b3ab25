// The analysis sections of plan-report.html: executive summary, endpoints, errors by category, resources,
// scalability, capacity, bottleneck and the production checklist.
import { formatNumber, formatPercent, formatValue } from '../../../lib/summary/format.ts';
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
import type { Bottleneck } from './bottleneck.ts';
import {
  capacityChart,
  cpuByComponent,
  endpointP95VsUsers,
  errorsByCategory,
  scalabilityChart,
} from './charts/analysis-charts.ts';
import type { Chart } from './charts/render-svg.ts';
import type { ChecklistItem, ChecklistStatus } from './checklist.ts';
import type { ExecutiveSummary } from './executive-summary.ts';
import { type Cell, escapeHtml, notRun, table } from './html.ts';
import type { PlanRunData } from './read-run-folder.ts';
import { verdictHtml } from './verdict-block.ts';

export interface AnalysisParts {
  summary: ExecutiveSummary;
  bottleneck: Bottleneck;
  checklist: ChecklistItem[];
}

type Figures = (charts: Chart[]) => string;

function htmlTable(text: TextTable, className = ''): string {
  const cell = (value: string, column: number): Cell =>
    text.numeric.includes(column) ? { value, className: 'num' } : { value };
  return `<div class="table-scroll">${table(
    text.headers.map((header, column) => cell(header, column)),
    text.rows.map((row) => row.map((value, column) => cell(value, column))),
    className,
  )}</div>`;
}

function section(id: string, title: string, intro: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(title)}</h2>\n<p>${escapeHtml(intro)}</p>\n${body}\n</section>`;
}

export function executiveSection(parts: AnalysisParts): string {
  const { summary, bottleneck } = parts;
  const rows = summary.headlines.map((h) => [
    h.test,
    formatNumber(h.users),
    formatValue(h.steadyRps, 'req/s'),
    formatValue(h.p95Ms, 'ms'),
    h.failureRate === undefined ? 'not measured' : formatPercent(h.failureRate),
    h.verdict.toUpperCase(),
  ]);
  const headlineTable = rows.length
    ? htmlTable({
        headers: ['tier', 'users', 'steady throughput', 'p95', 'failure rate', 'verdict'],
        rows,
        numeric: [1, 2, 3, 4],
      })
    : notRun('no load tier ran.');
  const counts = (status: ChecklistStatus) => parts.checklist.filter((item) => item.status === status).length;
  const previous = summary.previous
    ? `<p>Against the previous run in this reports folder, <code>${escapeHtml(summary.previous.runId)}</code> (verdict ${summary.previous.verdict}):</p>
<ul>${summary.previous.changes.map((change) => `<li>${escapeHtml(change)}</li>`).join('')}</ul>`
    : '<p>No earlier run in this reports folder to compare with.</p>';
  const headlineFinding = bottleneck.findings[0] ? `<p>${escapeHtml(bottleneck.findings[0])}</p>` : '';
  return `<section id="executive-summary">
<h2>Executive summary</h2>
${verdictHtml(summary.verdict, summary.reasons)}
${headlineTable}
${headlineFinding}
<p>Production checklist: ${counts('verified')} verified, ${counts('failed')} failed, ${counts('reported')} reported without a bound, ${counts('not verified')} not verified by this run.</p>
${previous}
</section>`;
}

export function endpointsSection(data: PlanRunData, figures: Figures): string {
  const text = endpointsTable(data.runs);
  const tiers = data.runs
    .filter((run) => run.record.profile.workload === 'authentication' && run.endpoints)
    .sort((a, b) => a.record.profile.users - b.record.profile.users);
  const body = text.rows.length
    ? `${htmlTable(text)}\n${tiers.length ? figures([endpointP95VsUsers(tiers)]) : notRun('no load tier has endpoints.csv to plot.')}`
    : notRun('no test folder has an endpoints.csv.');
  return section(
    'endpoints',
    'Endpoints',
    'Per test and request kind (the k6 name tag), from every request of the run: exact percentiles, not estimates. Each test folder has the same numbers as endpoints.csv, in the columns of Locust\u2019s --csv stats file.',
    body,
  );
}

export function errorsSection(data: PlanRunData, figures: Figures): string {
  // The STATE=memory comparison belongs here too: its wrong answers are the defect the suite must catch.
  const runs = [...data.runs, ...data.comparisons];
  const text = errorsTable(runs);
  const origins = errorOrigins(runs);
  const list = origins.length ? `<ul>${origins.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>` : '';
  const body = text.rows.length
    ? `${htmlTable(text)}\n${list}\n${figures([errorsByCategory(runs)])}`
    : notRun('no test folder has an errors.json.');
  return section(
    'errors',
    'Errors by category',
    'Wrong answers only (an expected 401 for a revoked token or 429 from the login limiter is right): no answer (connection refused or reset), timeouts, 401/403 where 200 was right, 429 where it was not expected, 503 fail-closed, other 5xx.',
    body,
  );
}

export function resourcesSection(data: PlanRunData, figures: Figures): string {
  const service = serviceResourcesTable(data.runs);
  const generator = generatorResourcesTable(data.runs);
  const sampled = data.runs.filter((run) => run.resources);
  const notes = [...new Set(sampled.flatMap((run) => run.resources?.notes ?? []))];
  const body =
    service.rows.length || generator.rows.length
      ? `<h3>Service and Redis</h3>\n${htmlTable(service)}\n<h3>Load generator and network</h3>\n${htmlTable(generator)}\n${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}\n${sampled.length ? figures([cpuByComponent(data.runs)]) : ''}`
      : notRun('no test folder has a resources.json.');
  return section(
    'resources',
    'Resources',
    'Sampled every second while k6 ran: each service worker and k6 from /proc (CPU in % of one core, resident memory), Redis from INFO (CPU, commands per second, memory); network from k6\u2019s own data counters.',
    body,
  );
}

export function scalabilitySection(data: PlanRunData, figures: Figures): string {
  const file = data.scalability;
  const body = file
    ? `${htmlTable(scalabilityTable(file))}\n${figures([scalabilityChart(file)])}\n<p>Took ${formatNumber(file.wallS)} s in all (${file.rows.length} runs of ${file.runTimeS} s, each with a fresh stack).</p>`
    : notRun('scalability.json is missing (npm start runs it against the embedded service).');
  return section(
    'scalability',
    'Scalability',
    'The same closed-loop load (no think time, so throughput is what the service delivers) against 1, 2 and 4 workers with Redis, and 4 workers with per-worker memory state. Scaling efficiency = throughput / (workers x single-worker throughput); 1.0 is linear.',
    body,
  );
}

export function capacitySection(data: PlanRunData, figures: Figures): string {
  const file = data.capacity;
  if (!file)
    return section(
      'capacity',
      'Capacity',
      'npm run capacity raises users step by step until a target breaks.',
      notRun('capacity.json is not in this folder (npm run capacity -- --into <this folder>).'),
    );
  const verdict = file.breakingPoint
    ? `Breaking point: ${formatNumber(file.breakingPoint.users)} users (${formatValue(file.breakingPoint.steadyRps, 'req/s')}); first missed: ${file.breakingPoint.criteria.join(', ')}.`
    : `No step missed a target: capacity is above ${formatNumber(file.lastGood?.users ?? 0)} users (${file.stoppedBecause}).`;
  return section(
    'capacity',
    'Capacity',
    `${file.test}'s targets judged each step of ${file.stepS} s (users x${file.factor} per step) against ${file.target}.`,
    `<p><strong>${escapeHtml(verdict)}</strong></p>\n${htmlTable(capacityTable(file))}\n${figures([capacityChart(file)])}`,
  );
}

export function bottleneckSection(parts: AnalysisParts): string {
  const { bottleneck } = parts;
  const rows = bottleneck.utilisation.map((u) => [u.resource, formatPercent(u.share), u.evidence]);
  const body = [
    rows.length
      ? htmlTable({ headers: ['resource', 'busy', 'measured'], rows, numeric: [1] })
      : notRun('no resource samples for a load tier.'),
    bottleneck.findings.length
      ? `<h3>Findings</h3><ul>${bottleneck.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`
      : '',
    bottleneck.recommendations.length
      ? `<h3>Recommendations</h3><ul>${bottleneck.recommendations.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
      : '',
  ].join('\n');
  return section(
    'bottleneck',
    'Bottleneck',
    `Which resource was busiest at the largest load tier${bottleneck.basis ? ` (${bottleneck.basis})` : ''}, as a share of what it can give: the workers of the cores they can use, Redis of its one thread, k6 and everything together of the machine. At 80% or more a resource counts as saturated.`,
    body,
  );
}

const STATUS_WORD: Record<ChecklistStatus, { word: string; className: string }> = {
  verified: { word: '\u2713 verified', className: 'pass' },
  failed: { word: '\u2717 failed', className: 'fail' },
  reported: { word: 'reported', className: 'notrun' },
  'not verified': { word: 'not verified', className: 'notrun' },
};

export function checklistSection(parts: AnalysisParts): string {
  const rows = parts.checklist.map((item) => [
    { value: item.area, className: 'nowrap' },
    item.item,
    { value: STATUS_WORD[item.status].word, className: `status ${STATUS_WORD[item.status].className}` },
    item.evidence,
    item.source,
  ]);
  return `<section id="checklist">
<h2>Production checklist</h2>
<p>The plan's deployment checklist, filled from this run only: an item is verified with the measurement that proves it and the file it came from, failed with the number that broke it, and otherwise not verified by this run. Nothing is ticked without evidence.</p>
<div class="table-scroll">${table(['area', 'item', 'status', 'evidence', 'source'], rows, 'checklist')}</div>
</section>`;
}
