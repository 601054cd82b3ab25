// The observe stack for real: Prometheus, the Redis exporter and the node exporter beside the embedded
// stack, a short k6 smoke run remote-writing to Prometheus with its testid, and then every panel query of
// every dashboard in observability/dashboards/ must return data from Prometheus. A panel whose query names a
// metric nothing exports, or is not valid PromQL, fails here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, ensureChromium } from '../../scripts/lib/chromium.ts';
import { concreteQuery, dashboardPanels } from '../../scripts/lib/observe/dashboards.ts';
import { startLivePage } from '../../scripts/lib/observe/live-page.ts';
import { type ObserveStack, startObserveStack } from '../../scripts/lib/observe/observe-stack.ts';
import { queryRange, targetHealth } from '../../scripts/lib/observe/prometheus-api.ts';
import { SCRAPE_INTERVAL_S } from '../../scripts/lib/observe/prometheus-config.ts';
import { runK6 } from '../../scripts/lib/stack/k6-runner.ts';
import { planServiceEnv } from '../../scripts/lib/stack/plan-service-env.ts';
import { type Stack, startStack } from '../../scripts/lib/stack/stack.ts';
import { buildBundles, k6Binary } from '../helpers/k6.ts';

describe('observe stack: k6 remote write, exporters, every dashboard panel has data', () => {
  let dir: string;
  let observe: ObserveStack;
  let stack: Stack;
  let startedS: number;
  let k6Exit: number;
  let k6Output: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'observe-stack-'));
    await buildBundles();
    observe = await startObserveStack({ dataDir: join(dir, 'observe'), runId: 'spec' });
    stack = await startStack({ workers: 2, state: 'redis', env: planServiceEnv() });
    startedS = Date.now() / 1000;
    const run = await runK6(k6Binary(), {
      test: 'smoke',
      echo: false,
      env: {
        BASE_URL: stack.baseUrl,
        USER_PASSWORD: stack.userPassword,
        REDIS_URL: stack.redisUrl,
        REPORT_DIR: dir,
        RUN_ID: 'spec',
        REPORT_NAME: 'smoke',
        LOGIN_LIMIT_PER_ACCOUNT: 10,
      },
    });
    k6Exit = run.exitCode;
    k6Output = run.output;
    // One more scrape and evaluation after k6's last push, so the last seconds are in.
    await sleep(SCRAPE_INTERVAL_S * 1000 + 1000);
  });

  after(async () => {
    await stack?.stop();
    await observe?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('k6 ran, remote-writing with its testid', () => {
    assert.ok(k6Exit === 0 || k6Exit === 99, `k6 exit ${k6Exit}:\n${k6Output.slice(-2000)}`);
    assert.equal(observe.testid, 'spec');
  });

  it('Prometheus scrapes the service, both exporters and itself, all up', async () => {
    const targets = await targetHealth(observe.prometheusUrl);
    assert.deepEqual(targets.map((t) => t.job).sort(), ['auth-service', 'node', 'prometheus', 'redis']);
    for (const target of targets) assert.equal(target.health, 'up', `${target.job}: ${target.lastError}`);
  });

  it("every panel's every query returns data for this run's testid", async () => {
    const panels = dashboardPanels();
    assert.ok(panels.length >= 10, `dashboards have ${panels.length} panels`);
    const empty: string[] = [];
    for (const panel of panels) {
      for (const query of panel.queries) {
        const expr = concreteQuery(query.expr, observe.testid);
        const series = await queryRange(
          observe.prometheusUrl,
          expr,
          startedS,
          Date.now() / 1000,
          SCRAPE_INTERVAL_S,
        );
        const points = series.flatMap((s) => s.values).filter(([, value]) => Number.isFinite(Number(value)));
        if (points.length === 0) empty.push(`${panel.title}: ${expr}`);
      }
    }
    assert.deepEqual(empty, [], 'panel queries without data');
  });

  it('the live page draws every panel with data and fits 1280 px', async () => {
    const live = await startLivePage(observe.prometheusUrl, observe.testid);
    const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: ensureChromium(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(live.url, { waitUntil: 'load' });
      const panelCount = dashboardPanels().length;
      // Every panel drawn, each with points; the first refresh runs at load, then every 5 s.
      const pointsPerPanel = () =>
        page.$$eval('.panel', (panels) => panels.map((panel) => Number(panel.getAttribute('data-points'))));
      const deadline = Date.now() + 30_000;
      let points = await pointsPerPanel();
      while (!(points.length === panelCount && points.every((n) => n > 0)) && Date.now() < deadline) {
        await sleep(500);
        points = await pointsPerPanel();
      }
      assert.equal(points.length, panelCount);
      const titles = await page.$$eval('.panel h2', (headings) => headings.map((h) => h.textContent));
      assert.deepEqual(
        titles.filter((_, i) => !(points[i] > 0)),
        [],
        'panels without data on the live page',
      );
      const viewport = page.viewportSize()?.width ?? 0;
      const scrollWidth = await page.$eval('html', (html) => html.scrollWidth);
      const boxes = await page.$$eval('.panel, .panel svg', (elements) =>
        elements.map((element) => ({
          what: element.closest('.panel')?.querySelector('h2')?.textContent ?? '?',
          right: Math.round(element.getBoundingClientRect().right),
        })),
      );
      const layout = {
        scrollWidth,
        overflowing: boxes.filter((box) => box.right > viewport),
        drawn: await page.$$eval('.panel svg path', (paths) => paths.length),
      };
      assert.equal(viewport, 1280);
      assert.ok(layout.scrollWidth <= 1280, `page is ${layout.scrollWidth} px wide`);
      assert.deepEqual(layout.overflowing, []);
      assert.ok(layout.drawn >= panelCount, `${layout.drawn} SVG paths for ${panelCount} panels`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await live.close();
    }
  });
});
