// observability/alerts.yml is what thresholds.json gives, Prometheus's own promtool accepts it, and its unit
// tests (input series for every alert, firing and not) pass. promtool comes from Debian's prometheus
// package, installed on demand like redis-server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { alertGroups } from '../../scripts/lib/observe/alert-rules.ts';
import { ALERTS_FILE, renderAlertRules, renderAlertTests } from '../../scripts/lib/observe/alerts-file.ts';
import { ensureObserveTools } from '../../scripts/lib/observe/observe-tools.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { loadPlan } from '../../scripts/lib/plan/plan-file.ts';

const rulesFile = join(projectRoot, ALERTS_FILE);
const plan = loadPlan(join(projectRoot, 'thresholds.json'));

function promtool(args: string[]): { status: number | null; output: string } {
  const run = spawnSync(ensureObserveTools().promtool, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('alert rules (observability/alerts.yml)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'alert-rules-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is what thresholds.json gives (run npm run docs after changing it or the generator)', () => {
    assert.equal(readFileSync(rulesFile, 'utf8'), renderAlertRules(plan));
  });

  it('covers what the plan alerts on, each with for, severity, summary and description', () => {
    const rules = parse(readFileSync(rulesFile, 'utf8')).groups.flatMap(
      (group: { rules: Record<string, unknown>[] }) => group.rules,
    );
    const names = new Set(rules.map((rule: { alert: string }) => rule.alert));
    for (const name of [
      'AuthErrorRatioOverPlan',
      'AuthLatencyOverP95Bound',
      'RedisDown',
      'AuthFailingClosed',
      'AuthWorkerRestarted',
      'AuthWorkerMemoryGrowing',
      'RedisEvictingKeys',
      'RedisRejectingConnections',
    ]) {
      assert.ok(names.has(name), `${name} is missing`);
    }
    for (const rule of rules) {
      assert.match(String(rule.for), /^\d+[smh]$/, `${rule.alert}: for`);
      assert.match(String(rule.labels?.severity), /^(warning|critical)$/, `${rule.alert}: severity`);
      assert.ok(rule.annotations?.summary && rule.annotations?.description, `${rule.alert}: annotations`);
    }
  });

  it("takes its thresholds from the plan: a changed p95 bound moves the alert's bucket", () => {
    const changed = structuredClone(plan);
    changed.tests['baseline-1000'].target.p95_ms = { op: '<=', value: 250 };
    const latency = alertGroups(changed)[0].rules.filter((rule) => rule.alert === 'AuthLatencyOverP95Bound');
    assert.ok(latency.some((rule) => rule.expr.includes('le="0.25"')));
    assert.ok(!latency.some((rule) => rule.expr.includes('le="0.18"')));
    changed.tests['baseline-1000'].target.p95_ms = { op: '<=', value: 123 };
    assert.throws(() => alertGroups(changed), /no bucket there: add it to DURATION_BUCKETS_S/);
  });

  it('gives every alert a unit test that makes it fire and one that keeps it quiet', () => {
    for (const rule of alertGroups(plan).flatMap((group) => group.rules)) {
      const own = (labels: Record<string, string>) =>
        Object.entries(labels).every(([key, value]) => (rule.labels[key] ?? value) === value);
      assert.ok(
        rule.cases.some((c) => c.firing.some(own)),
        `${rule.alert} ${JSON.stringify(rule.labels)}`,
      );
      assert.ok(
        rule.cases.some((c) => !c.firing.some(own)),
        `${rule.alert} ${JSON.stringify(rule.labels)}`,
      );
    }
  });

  it('passes promtool check rules', () => {
    const check = promtool(['check', 'rules', rulesFile]);
    assert.equal(check.status, 0, check.output);
    assert.match(check.output, /SUCCESS: \d+ rules found/);
  });

  it('passes promtool test rules', () => {
    const tests = join(dir, 'alerts.test.yml');
    writeFileSync(tests, renderAlertTests(plan, rulesFile));
    const run = promtool(['test', 'rules', tests]);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /SUCCESS/);
  });
});
