// `npm start -- --observe`: the observe stack beside the plan, and what it leaves in the run folder. Before
// the plan: promtool on the alert rules. During it: the alerts API watched. After it: every dashboard
// panel's query checked for data, the drills' alert verdicts written into their failover-<variant>.json, and
// what observing cost. All of it goes to run-info.json's `observe`, which the report reads.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../../lib/plan.ts';
import { DRILL_VARIANTS } from '../../../lib/profiles.ts';
import type { Schedule } from '../plan/plan-schedule.ts';
import { readRunFile, writeRunFile } from '../run-folder/files.ts';
import type { ObserveEvidence } from '../run-folder/types.ts';
import { watchAlerts } from './alert-watch.ts';
import { drillAlerts } from './drill-alerts.ts';
import { startLivePage } from './live-page.ts';
import { checkAlertRules, observedData } from './observe-evidence.ts';
import { startObserveStack } from './observe-stack.ts';

export interface PlanObserver {
  prometheusUrl: string;
  /** The live page: the dashboards' panels redrawn every 5 s while the plan runs. */
  liveUrl: string;
  /** Stops observing; resolves with the evidence for run-info.json. */
  finish(): Promise<ObserveEvidence>;
}

/**
 * An alert needs a scrape, an evaluation and its `for` (about 15 s here) and AuthFailingClosed looks back
 * 30 s: with --observe the drills keep Redis down at least 30 s and load it 60 s after, so both alerts can
 * fire and resolve within the drill. Returns the note for run-info.json.
 */
export function lengthenDrillsForAlerts(schedule: Schedule): string | undefined {
  const { drill } = schedule;
  if (drill.downS >= 30 && drill.tailS >= 60) return undefined;
  drill.downS = Math.max(drill.downS, 30);
  drill.tailS = Math.max(drill.tailS, 60);
  return `--observe: the failure drills keep Redis down ${drill.downS} s and load it ${drill.tailS} s after, so its alerts can fire and resolve.`;
}

export async function startPlanObserver(runDir: string, runId: string, plan: Plan): Promise<PlanObserver> {
  const rules = checkAlertRules(plan);
  const observe = await startObserveStack({ dataDir: join(runDir, 'observe'), runId });
  const watch = watchAlerts(observe.prometheusUrl);
  const live = await startLivePage(observe.prometheusUrl, observe.testid);
  const startedS = Date.now() / 1000;
  return {
    prometheusUrl: observe.prometheusUrl,
    liveUrl: live.url,
    async finish() {
      await live.close();
      const alerts = await watch.stop();
      const data = await observedData(observe.prometheusUrl, observe.testid, startedS, Date.now() / 1000);
      const cost = await observe.stop();
      for (const variant of DRILL_VARIANTS) {
        const file = join(runDir, `failover-${variant}.json`);
        if (!existsSync(file)) continue;
        const drill = readRunFile('drill', file);
        drill.alerts = drillAlerts(alerts, drill.redisDownAt, drill.redisUpAt);
        writeRunFile('drill', file, drill);
      }
      return { dataDir: observe.dataDir, alerts, cost, rules, ...data };
    },
  };
}
