// Opens plan-report.html in headless Chromium at 1280 px: it must load without console errors or failed
// requests, request nothing beyond itself, fit the width (no horizontal scrolling, no table wider than the
// page), and every section's chart must have drawn marks (not just an empty frame).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, ensureChromium } from '../../scripts/lib/chromium.ts';
import { writePlanReport } from '../../scripts/lib/report/plan-report.ts';
import { copyOfPlanRun } from './plan-fixture.ts';

interface ChartMarks {
  id: string;
  /** path/rect/circle/polyline elements with width and height > 0, the background rect excluded. */
  drawn: number;
  width: number;
  height: number;
}

describe('plan-report.html in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requested: string[] = [];
  let htmlFile = '';

  before(async () => {
    const executablePath = ensureChromium();
    const runDir = copyOfPlanRun();
    // The note a short soak carries: it once widened the criteria table past the page.
    const soakFile = join(runDir, 'soak.json');
    const soak = JSON.parse(readFileSync(soakFile, 'utf8'));
    soak.criteria[0].note =
      'not judged: 30 s after warm-up is too short for a trend (needs 300 s; npm run soak -- --full)';
    writeFileSync(soakFile, JSON.stringify(soak));
    htmlFile = (await writePlanReport(runDir)).html;
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()}`));
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  });

  after(async () => {
    await context?.close();
  });

  it('loads without console errors or failed requests, and requests nothing but itself', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(requested, [pathToFileURL(htmlFile).href]);
  });

  it('draws every chart', async () => {
    const charts: ChartMarks[] = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = svg ? [...svg.querySelectorAll('path, rect, circle, polyline, polygon')].slice(1) : [];
        const drawn = marks.filter((mark) => {
          const rect = mark.getBoundingClientRect();
          return rect.width > 0 && rect.height > 0;
        }).length;
        return { id: figure.id, drawn, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    assert.equal(charts.length, 18);
    for (const chart of charts) {
      assert.ok(chart.width > 200 && chart.height > 150, `${chart.id} is ${chart.width}x${chart.height}`);
      assert.ok(chart.drawn >= 3, `${chart.id} has only ${chart.drawn} drawn marks`);
    }
  });

  it('fits 1280 px: no horizontal overflow of the page or of any table, figure or list', async () => {
    const viewport = page.viewportSize()?.width ?? 0;
    const scrollWidth = await page.$eval('html', (html) => html.scrollWidth);
    const boxes = await page.$$eval('main table, main figure, main ul, main p, main dl', (elements) =>
      elements.map((element) => ({
        what: `${element.closest('section')?.id ?? 'header'} ${element.tagName.toLowerCase()}`,
        right: Math.round(element.getBoundingClientRect().right),
      })),
    );
    const layout = { viewport, scrollWidth, overflowing: boxes.filter((box) => box.right > viewport) };
    assert.equal(layout.viewport, 1280);
    assert.ok(layout.scrollWidth <= layout.viewport, `page is ${layout.scrollWidth} px wide`);
    assert.deepEqual(layout.overflowing, []);
  });

  it('has a drawn chart in every section that plots something', async () => {
    const sections = await page.$$eval('section', (list) =>
      Object.fromEntries(
        list.map((section) => [section.id, section.querySelectorAll('figure.chart svg').length]),
      ),
    );
    for (const id of [
      'tiers',
      'endpoints',
      'errors',
      'resources',
      'redis',
      'scalability',
      'capacity',
      'drill',
      'soak',
      'comparison',
    ])
      assert.ok((sections[id] ?? 0) >= 1, `section ${id} has no chart`);
    for (const id of ['executive-summary', 'bottleneck', 'checklist'])
      assert.ok(id in sections, `section ${id} missing`);
  });

  it('takes a full-page screenshot for a person to look at', async () => {
    const file = process.env.REPORT_SCREENSHOT ?? join(tmpdir(), 'plan-report.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(file);
  });
});
