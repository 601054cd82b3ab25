// What a run with --observe proves about monitoring, recorded in run-info.json for the report's production
// checklist: the alert rules passed promtool, Prometheus scraped every target, and every dashboard panel's
// query returned data for the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../../lib/plan.ts';
import { projectRoot } from '../paths.ts';
import type { ObserveEvidence } from '../run-folder/types.ts';
import { ALERTS_FILE, renderAlertTests } from './alerts-file.ts';
import { concreteQuery, dashboardPanels } from './dashboards.ts';
import { ensureObserveTools } from './observe-tools.ts';
import { queryRange } from './prometheus-api.ts';
import { SCRAPE_INTERVAL_S } from './prometheus-config.ts';

/** `promtool check rules` and `promtool test rules` on the committed rules, with the plan's test cases. */
export function checkAlertRules(plan: Plan): ObserveEvidence['rules'] {
  const promtool = ensureObserveTools().promtool;
  const rulesFile = join(projectRoot, ALERTS_FILE);
  const dir = mkdtempSync(join(tmpdir(), 'alert-rules-'));
  try {
    const testsFile = join(dir, 'alerts.test.yml');
    writeFileSync(testsFile, renderAlertTests(plan, rulesFile));
    const run = (args: string[]) => spawnSync(promtool, args, { encoding: 'utf8', timeout: 60_000 });
    const check = run(['check', 'rules', rulesFile]);
    const test = run(['test', 'rules', testsFile]);
    const found = /SUCCESS: (\d+) rules found/.exec(check.stdout ?? '');
    return {
      file: ALERTS_FILE,
      checked: check.status === 0,
      tested: test.status === 0,
      rules: found ? Number(found[1]) : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Per scrape job, the samples of `up` that were 1 and 0 between `fromS` and `toS` (a job scraped throughout
 * has no 0s; stacks come and go between plan tests, so a few are expected there), and which dashboard
 * panels had no data.
 */
export async function observedData(
  prometheusUrl: string,
  testid: string,
  fromS: number,
  toS: number,
): Promise<Pick<ObserveEvidence, 'targets' | 'panels'>> {
  const up = await queryRange(prometheusUrl, 'up', fromS, toS, SCRAPE_INTERVAL_S);
  const byJob = new Map<string, { job: string; up: number; down: number }>();
  for (const series of up) {
    const job = series.metric.job ?? '?';
    const entry = byJob.get(job) ?? { job, up: 0, down: 0 };
    for (const [, value] of series.values) entry[value === '1' ? 'up' : 'down']++;
    byJob.set(job, entry);
  }
  const targets = [...byJob.values()].sort((a, b) => a.job.localeCompare(b.job));
  const panels = dashboardPanels();
  const empty: string[] = [];
  for (const panel of panels) {
    for (const query of panel.queries) {
      const series = await queryRange(
        prometheusUrl,
        concreteQuery(query.expr, testid),
        fromS,
        toS,
        SCRAPE_INTERVAL_S,
      );
      if (!series.some((s) => s.values.some(([, value]) => Number.isFinite(Number(value))))) {
        empty.push(`${panel.title}: ${query.expr}`);
      }
    }
  }
  return {
    targets,
    panels: { total: panels.length, queries: panels.flatMap((p) => p.queries).length, empty },
  };
}
