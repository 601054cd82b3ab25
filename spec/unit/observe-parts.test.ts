// The observe stack's pure parts: the drill's alert verdicts, the Prometheus configuration, and turning a
// dashboard's Grafana queries into PromQL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { concreteQuery, dashboardPanels, legend } from '../../scripts/lib/observe/dashboards.ts';
import { drillAlerts, outageAlertsSettled } from '../../scripts/lib/observe/drill-alerts.ts';
import { prometheusConfig, serviceTargets } from '../../scripts/lib/observe/prometheus-config.ts';
import { monitoringFromObserve } from '../../scripts/lib/report/observe-checklist.ts';
import type { PlanRunData } from '../../scripts/lib/report/read-run-folder.ts';
import type { AlertEpisode } from '../../scripts/lib/run-folder/types.ts';

const DOWN = 1_000_000;
const UP = DOWN + 30_000;
const episode = (alert: string, firedAt: number, resolvedAt?: number): AlertEpisode => ({
  alert,
  labels: { severity: 'critical' },
  firedAt,
  resolvedAt,
});

describe('drill alerts', () => {
  it('pass when each fires during the outage and resolves after the restart, in seconds from each', () => {
    const alerts = drillAlerts(
      [
        episode('RedisDown', DOWN + 13_900, UP + 8_800),
        episode('AuthFailingClosed', DOWN + 15_000, UP + 35_000),
      ],
      DOWN,
      UP,
    );
    assert.deepEqual(alerts, [
      { alert: 'RedisDown', firedAfterStopS: 13.9, resolvedAfterRestartS: 8.8, pass: true },
      { alert: 'AuthFailingClosed', firedAfterStopS: 15, resolvedAfterRestartS: 35, pass: true },
    ]);
  });

  it('fail when one fired only after the restart, or never resolved', () => {
    const alerts = drillAlerts(
      [episode('RedisDown', UP + 2_000, UP + 9_000), episode('AuthFailingClosed', DOWN + 15_000)],
      DOWN,
      UP,
    );
    assert.deepEqual(
      alerts.map((a) => [a.alert, a.firedAfterStopS, a.resolvedAfterRestartS, a.pass]),
      [
        ['RedisDown', null, null, false],
        ['AuthFailingClosed', 15, null, false],
      ],
    );
  });

  it('are settled only once every outage alert that fired has resolved after the restart', () => {
    const firing = [
      episode('RedisDown', DOWN + 14_000, UP + 9_000),
      episode('AuthFailingClosed', DOWN + 15_000),
    ];
    assert.equal(outageAlertsSettled(firing, DOWN, UP), false);
    firing[1].resolvedAt = UP + 35_000;
    assert.equal(outageAlertsSettled(firing, DOWN, UP), true);
  });
});

describe('prometheus.yml', () => {
  it('scrapes every 5 s: itself, the service from its targets file, both exporters; loads the rules', () => {
    const config = parse(
      prometheusConfig({
        prometheusPort: 9001,
        redisExporterPort: 9002,
        nodeExporterPort: 9003,
        serviceTargetsFile: '/data/auth-service.targets.json',
        rulesFile: '/repo/observability/alerts.yml',
      }),
    );
    assert.deepEqual(config.global, { scrape_interval: '5s', evaluation_interval: '5s' });
    assert.deepEqual(config.rule_files, ['/repo/observability/alerts.yml']);
    assert.deepEqual(
      config.scrape_configs.map((c: { job_name: string }) => c.job_name),
      ['prometheus', 'auth-service', 'redis', 'node'],
    );
    assert.deepEqual(config.scrape_configs[1].file_sd_configs, [
      { files: ['/data/auth-service.targets.json'] },
    ]);
    assert.deepEqual(config.scrape_configs[2].static_configs, [{ targets: ['127.0.0.1:9002'] }]);
    assert.deepEqual(JSON.parse(serviceTargets('http://127.0.0.1:4321')), [
      { targets: ['127.0.0.1:4321'], labels: {} },
    ]);
  });
});

describe('dashboard queries', () => {
  it("fill in Grafana's $__rate_interval and the testid variable", () => {
    assert.equal(
      concreteQuery('sum(rate(k6_http_reqs_total{testid=~"$testid"}[$__rate_interval]))', 'run-1'),
      'sum(rate(k6_http_reqs_total{testid=~"run-1"}[20s]))',
    );
    assert.equal(legend('worker {{worker}}', { worker: '2' }), 'worker 2');
  });

  it('every panel has a title, a description and at least one query; k6 panels filter on testid', () => {
    const panels = dashboardPanels();
    for (const panel of panels) {
      assert.ok(panel.title && panel.description, JSON.stringify(panel));
      assert.ok(panel.queries.length > 0, panel.title);
      for (const { expr } of panel.queries) {
        if (expr.includes('k6_')) assert.match(expr, /testid=~"\$testid"/, `${panel.title}: ${expr}`);
      }
    }
  });
});

describe('production checklist: monitoring from --observe', () => {
  const observed = {
    dataDir: 'observe',
    alerts: [],
    rules: { file: 'observability/alerts.yml', checked: true, tested: true, rules: 11 },
    targets: ['auth-service', 'node', 'prometheus', 'redis'].map((job) => ({ job, up: 100, down: 2 })),
    panels: { total: 13, queries: 20, empty: [] as string[] },
  };
  const drill = (pass: boolean) => ({
    variant: 'sigterm',
    alerts: [
      { alert: 'RedisDown', firedAfterStopS: 14, resolvedAfterRestartS: 9, pass: true },
      { alert: 'AuthFailingClosed', firedAfterStopS: 15, resolvedAfterRestartS: pass ? 35 : null, pass },
    ],
  });
  const items = (observe: unknown, drills: unknown[]) =>
    monitoringFromObserve({ info: { observe }, drills } as unknown as PlanRunData).map((i) => i.status);

  it('are verified only with every job scraped, every query answered, promtool passed and the alerts proven', () => {
    assert.deepEqual(items(observed, [drill(true)]), ['verified', 'verified', 'verified']);
  });

  it('fail on an empty panel, a job never up, or an alert that did not resolve', () => {
    assert.deepEqual(
      items({ ...observed, panels: { ...observed.panels, empty: ['Worker CPU: x'] } }, [drill(true)]),
      ['verified', 'failed', 'verified'],
    );
    const redisNeverUp = observed.targets.map((t) => (t.job === 'redis' ? { ...t, up: 0 } : t));
    assert.equal(items({ ...observed, targets: redisNeverUp }, [drill(true)])[0], 'failed');
    assert.equal(items(observed, [drill(false)])[2], 'failed');
    assert.equal(items(observed, [])[2], 'failed', 'no drill evidence is no proof');
  });

  it('are not verified by a run without --observe, or against an external service', () => {
    assert.deepEqual(items(undefined, [drill(true)]), ['not verified', 'not verified', 'not verified']);
    const external = monitoringFromObserve({
      info: { observe: observed, externalBaseUrl: 'https://auth.example' },
      drills: [],
    } as unknown as PlanRunData);
    assert.deepEqual(
      external.map((i) => i.status),
      ['not verified', 'not verified', 'not verified'],
    );
  });
});
