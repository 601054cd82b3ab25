// observability/alerts.yml (Prometheus rule groups) and its promtool unit tests, both rendered from the
// rules alert-rules.ts derives from thresholds.json. The rules file is committed, for users to load into
// their own Prometheus; `npm run docs` writes it and a spec fails when the committed file differs. The
// tests are rendered at test time into a temporary folder and point at the committed file.
import { stringify } from 'yaml';
import type { Plan } from '../../../lib/plan.ts';
import { type AlertCase, type AlertRule, alertGroups, EVALUATION_INTERVAL } from './alert-rules.ts';

export const ALERTS_FILE = 'observability/alerts.yml';

const YAML_OPTIONS = { lineWidth: 0 } as const;

const HEADER = [
  '# Prometheus alerting rules for the auth service and its Redis, generated from thresholds.json by',
  '# scripts/lib/observe/alert-rules.ts. Do not edit: change thresholds.json or the generator, then run',
  '# `npm run docs`; spec/ops/alert-rules.test.ts fails when this file differs from what they give.',
  '# What each alert means and where its threshold comes from: docs/observability.md.',
  '',
].join('\n');

export function renderAlertRules(plan: Plan): string {
  const groups = alertGroups(plan).map((group) => ({
    name: group.name,
    rules: group.rules.map((rule) => ({
      alert: rule.alert,
      expr: rule.expr,
      for: rule.for,
      labels: rule.labels,
      annotations: rule.annotations,
    })),
  }));
  return HEADER + stringify({ groups }, YAML_OPTIONS);
}

/** What Prometheus's template engine makes of `{{ $labels.x }}`, the only template the rules use. */
function expand(text: string, labels: Record<string, string>): string {
  return text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '');
}

/** Every label of each instance expected to fire: the case's, the matching rule's, and alertname. */
function expectedAlerts(rules: AlertRule[], alert: string, testCase: AlertCase) {
  return testCase.firing.map((instance) => {
    // The rule whose own labels (a bound, say) agree with the instance's.
    const owner = rules.find(
      (r) =>
        r.alert === alert &&
        Object.entries(instance).every(
          ([key, value]) => r.labels[key] === undefined || r.labels[key] === value,
        ),
    );
    if (owner === undefined) throw new Error(`no ${alert} rule has the labels ${JSON.stringify(instance)}`);
    const labels = { ...instance, ...owner.labels };
    const annotations = Object.fromEntries(
      Object.entries(owner.annotations).map(([key, text]) => [key, expand(text, labels)]),
    );
    return { exp_labels: labels, exp_annotations: annotations };
  });
}

/** promtool's unit-test file: one test per case of every rule, against `rulesFile`. */
export function renderAlertTests(plan: Plan, rulesFile: string): string {
  const rules = alertGroups(plan).flatMap((group) => group.rules);
  const tests = rules.flatMap((rule) =>
    rule.cases.map((testCase) => ({
      name: `${rule.alert} ${JSON.stringify(rule.labels)}: ${testCase.what}`,
      interval: EVALUATION_INTERVAL,
      input_series: Object.entries(testCase.series).map(([series, values]) => ({ series, values })),
      alert_rule_test: [
        {
          eval_time: testCase.at,
          alertname: rule.alert,
          exp_alerts: expectedAlerts(rules, rule.alert, testCase),
        },
      ],
    })),
  );
  return stringify(
    { rule_files: [rulesFile], evaluation_interval: EVALUATION_INTERVAL, tests },
    YAML_OPTIONS,
  );
}

/** Names of the alerts in the rules, once each. */
export function alertNames(plan: Plan): string[] {
  return [...new Set(alertGroups(plan).flatMap((group) => group.rules.map((rule) => rule.alert)))];
}
