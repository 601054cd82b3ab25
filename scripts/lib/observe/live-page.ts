// The live view `npm run observe` serves, for machines without Grafana: one page drawing every panel of the
// dashboards in observability/dashboards/ (their JSON is the single source of titles, queries, units and
// legends) with ECharts, redrawn every 5 s from Prometheus. The server proxies the range queries, so the
// page needs nothing but this origin; it listens on loopback only.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import { concreteQuery, type DashboardPanel, dashboardPanels } from './dashboards.ts';
import { SCRAPE_INTERVAL_S } from './prometheus-config.ts';

const ECHARTS = join(projectRoot, 'node_modules', 'echarts', 'dist', 'echarts.min.js');
/** How much of the past each chart shows. */
const WINDOW_S = 15 * 60;

export interface LivePage {
  url: string;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The panels as the page script gets them: queries with the testid filled in. */
function pagePanels(panels: DashboardPanel[], testid: string) {
  return panels.map((panel) => ({
    title: panel.title,
    unit: panel.unit,
    queries: panel.queries.map((q) => ({
      expr: concreteQuery(q.expr, testid),
      legendFormat: q.legendFormat,
    })),
  }));
}

// Runs in the browser: fetch each query through /api/query_range, draw, mark the panel when it has data.
const PAGE_SCRIPT = `
const panels = JSON.parse(document.getElementById('panels').textContent);
const charts = panels.map((_, i) => echarts.init(document.getElementById('chart-' + i), null, { renderer: 'svg' }));
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
const legend = (format, labels) =>
  format ? format.replace(/\\{\\{\\s*(\\w+)\\s*\\}\\}/g, (_, n) => labels[n] ?? '') : JSON.stringify(labels);
function formatter(unit) {
  if (unit === 's') return (v) => (v * 1000).toFixed(v < 0.01 ? 2 : 0) + ' ms';
  if (unit === 'bytes') return (v) => (v / 1048576).toFixed(0) + ' MB';
  if (unit === 'percentunit') return (v) => (v * 100).toFixed(0) + '%';
  if (unit === 'reqps' || unit === 'ops') return (v) => v.toFixed(v < 10 ? 1 : 0) + '/s';
  return (v) => (Math.abs(v) < 10 ? v.toFixed(2) : v.toFixed(0));
}
async function refresh() {
  const end = Date.now() / 1000;
  await Promise.all(panels.map(async (panel, i) => {
    const series = [];
    for (const q of panel.queries) {
      const params = new URLSearchParams({ query: q.expr, start: end - ${WINDOW_S}, end, step: ${SCRAPE_INTERVAL_S} });
      const body = await fetch('/api/query_range?' + params).then((r) => r.json()).catch(() => undefined);
      for (const s of body?.data?.result ?? []) {
        const points = s.values.map(([t, v]) => [t * 1000, Number(v)]).filter(([, v]) => Number.isFinite(v));
        series.push({ name: legend(q.legendFormat, s.metric), type: 'line', showSymbol: false, data: points });
      }
    }
    const element = document.getElementById('panel-' + i);
    const points = series.reduce((n, s) => n + s.data.length, 0);
    element.dataset.points = String(points);
    element.classList.toggle('empty', points === 0);
    charts[i].setOption({
      animation: false,
      grid: { left: 64, right: 12, top: 12, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: formatter(panel.unit) },
      legend: { bottom: 0, type: 'scroll' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', axisLabel: { formatter: formatter(panel.unit) } },
      series,
    }, { replaceMerge: ['series'] });
  }));
  document.getElementById('updated').textContent = new Date().toLocaleTimeString();
}
refresh();
setInterval(refresh, ${SCRAPE_INTERVAL_S * 1000});
`;

function pageHtml(panels: DashboardPanel[], testid: string): string {
  const cells = panels
    .map(
      (panel, i) => `<section class="panel" id="panel-${i}" data-points="0">
<h2>${escapeHtml(panel.title)}</h2>
<p>${escapeHtml(panel.description)}</p>
<div class="chart" id="chart-${i}"></div>
</section>`,
    )
    .join('\n');
  // JSON inside <script type="application/json">: only "</" could end it early.
  const data = JSON.stringify(pagePanels(panels, testid)).replaceAll('</', '<\\/');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Auth load test: live</title>
<style>
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1d2433; background: #f5f6f8; }
header { padding: 12px 16px; }
h1 { font-size: 18px; margin: 0 0 4px; }
header p { margin: 0; color: #555; overflow-wrap: anywhere; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 12px; padding: 0 16px 16px; }
.panel { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 8px 10px; min-width: 0; }
.panel h2 { font-size: 15px; margin: 0; }
.panel p { font-size: 12px; color: #666; margin: 2px 0 4px; min-height: 32px; }
.panel.empty h2::after { content: ' (no data yet)'; color: #b35c00; font-weight: normal; }
.chart { width: 100%; height: 240px; }
</style>
</head>
<body>
<header>
<h1>Auth load test: live</h1>
<p>testid <code>${escapeHtml(testid)}</code>; the panels of observability/dashboards/, redrawn every ${SCRAPE_INTERVAL_S} s
from Prometheus (last ${WINDOW_S / 60} minutes); updated <span id="updated">-</span>.</p>
</header>
<main>
${cells}
</main>
<script type="application/json" id="panels">${data}</script>
<script src="/echarts.min.js"></script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** Serves the page on a free loopback port; `testid` is a regex (".*": every run). */
export async function startLivePage(prometheusUrl: string, testid: string): Promise<LivePage> {
  const html = pageHtml(dashboardPanels(), testid);
  const echarts = readFileSync(ECHARTS);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET') {
      response.writeHead(405).end();
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (url.pathname === '/echarts.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(echarts);
    } else if (url.pathname === '/api/query_range') {
      fetch(`${prometheusUrl}/api/v1/query_range${url.search}`, { signal: AbortSignal.timeout(10_000) })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
        })
        .catch(() => response.writeHead(502).end());
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser left open keeps its connection: closing must not wait for it.
        server.closeAllConnections();
      }),
  };
}
