// The production checklist's "Prometheus metrics exported", "Grafana dashboards deployed" and "Alerting rules
// configured", ticked only from what a run with --observe recorded: Prometheus scraped every job, every
// dashboard query returned data, the rules passed promtool and the drills' alerts fired and resolved.
import type { PlanRunData } from './read-run-folder.ts';

/** A checklist row (checklist.ts's ChecklistItem, restated so that module can import this one). */
interface ChecklistItem {
  area: 'Monitoring';
  item: string;
  status: 'verified' | 'failed' | 'not verified';
  evidence: string;
  source: string;
}

const notObserved = (item: string): ChecklistItem => ({
  area: 'Monitoring',
  item,
  status: 'not verified',
  evidence: 'not verified by this run (run without --observe)',
  source: '-',
});

const METRICS = 'Prometheus metrics exported (service, Redis, host, k6)';
const DASHBOARDS = 'Grafana dashboards deployed (every panel has data)';
const ALERTS =
  'Alerting rules configured (promtool passed; Redis-down and fail-closed alerts fired and resolved)';

export function monitoringFromObserve(data: PlanRunData): ChecklistItem[] {
  const observe = data.info?.observe;
  if (observe === undefined) return [METRICS, DASHBOARDS, ALERTS].map(notObserved);
  if (data.info?.externalBaseUrl !== undefined) {
    // Nothing scraped the external service or its Redis, and it has no drill: no evidence either way.
    return [METRICS, DASHBOARDS, ALERTS].map((item) => ({
      ...notObserved(item),
      evidence: `not verified by this run (--observe scrapes only the embedded stack, not ${data.info?.externalBaseUrl})`,
    }));
  }
  const items: ChecklistItem[] = [];
  const targets = observe.targets ?? [];
  const neverUp = targets.filter((t) => t.up === 0).map((t) => t.job);
  const expected = ['auth-service', 'node', 'prometheus', 'redis'];
  const missing = expected.filter((job) => !targets.some((t) => t.job === job));
  items.push({
    area: 'Monitoring',
    item: METRICS,
    status: targets.length > 0 && neverUp.length === 0 && missing.length === 0 ? 'verified' : 'failed',
    evidence:
      targets.map((t) => `${t.job} up in ${t.up} of ${t.up + t.down} scrapes`).join(', ') +
      (missing.length ? `; never scraped: ${missing.join(', ')}` : ''),
    source: 'run-info.json (observe.targets)',
  });
  const panels = observe.panels;
  items.push(
    panels === undefined
      ? { ...notObserved(DASHBOARDS), evidence: 'not recorded' }
      : {
          area: 'Monitoring',
          item: DASHBOARDS,
          status: panels.empty.length === 0 && panels.queries > 0 ? 'verified' : 'failed',
          evidence:
            panels.empty.length === 0
              ? `all ${panels.queries} queries of ${panels.total} panels returned data`
              : `no data: ${panels.empty.join('; ')}`,
          source: 'run-info.json (observe.panels), observability/dashboards/',
        },
  );
  const rules = observe.rules;
  const drillAlerts = data.drills.flatMap((drill) =>
    (drill.alerts ?? []).map((a) => ({ variant: drill.variant, ...a })),
  );
  const rulesOk = rules?.checked === true && rules.tested;
  const alertsOk = drillAlerts.length > 0 && drillAlerts.every((a) => a.pass);
  items.push({
    area: 'Monitoring',
    item: ALERTS,
    status: rulesOk && alertsOk ? 'verified' : 'failed',
    evidence:
      `${rules ? `${rules.file}: ${rules.rules} rules, promtool check ${rules.checked ? 'passed' : 'FAILED'}, unit tests ${rules.tested ? 'passed' : 'FAILED'}` : 'rules not checked'}; ` +
      (drillAlerts.length === 0
        ? 'no drill recorded its alerts'
        : drillAlerts
            .map(
              (a) =>
                `${a.variant} ${a.alert} ${a.firedAfterStopS === null ? 'never fired' : `fired +${a.firedAfterStopS} s`}, ` +
                `${a.resolvedAfterRestartS === null ? 'never resolved' : `resolved +${a.resolvedAfterRestartS} s`}`,
            )
            .join('; ')),
    source: 'run-info.json (observe.rules), failover-*.json (alerts)',
  });
  return items;
}
