// The observe stack's pure parts: the drill's alert verdicts, the Prometheus configuration, and turning a
// dashboard's Grafana queries into PromQL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { concreteQuery, dashboardPanels, legend } from '../../scripts/lib/observe/dashboards.ts';
import { drillAlerts, outageAlertsSettled } from '../../scripts/lib/observe/drill-alerts.ts';
import { prometheusConfig, serviceTargets } from '../../scripts/lib/observe/prometheus-config.ts';
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
