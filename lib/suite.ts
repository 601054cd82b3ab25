// The glue every entry point uses: config -> profile -> scenarios, and plan -> criteria -> thresholds.
// Everything here runs in init (once per VU), so a bad variable or a bad thresholds.json stops k6
// with a message (exit 107) before any load starts.
import type { Options } from 'k6/options';
import planJson from '../thresholds.json';
import { defaultRunId, type SuiteConfig } from './config.ts';
import { type Criterion, criteriaFor, k6Thresholds } from './criteria.ts';
import { parsePlan } from './plan.ts';
import { preflight } from './preflight.ts';
import { type EffectiveProfile, profileFor, scenarioFor } from './profiles.ts';
import { MONITOR_INTERVAL_S } from './redis-monitor.ts';
import { config } from './run-config.ts';
import { setSteadyWindow } from './steady-window.ts';
import { type SummaryContext, summarize } from './summary/handle-summary.ts';
import { reportFolderReady } from './summary/report-folder.ts';

/** p(99) is a plan target; k6 only keeps the percentiles listed here. */
const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** What setup() hands to handleSummary (k6 passes it as data.setup_data). */
export interface SetupData {
  runId: string;
  startedAt: string;
}

export interface SuiteTest {
  options: Options;
  setup: () => SetupData;
  handleSummary: (data: { setup_data?: SetupData }) => Record<string, string>;
}

/**
 * The Redis probe's criteria apply when the probe can run. The failover drill stops Redis on purpose, so
 * its verdict is revoked_token_accepted alone; its monitor still samples for the time series.
 */
function probeJudged(profile: EffectiveProfile, suiteConfig: SuiteConfig): boolean {
  return suiteConfig.redisUrl !== undefined && profile.workload !== 'failover';
}

function scenariosFor(profile: EffectiveProfile, suiteConfig: SuiteConfig): Options['scenarios'] {
  const load = { [profile.workload]: scenarioFor(profile, 'default') };
  if (suiteConfig.redisUrl === undefined) return load;
  return {
    ...load,
    redis_monitor: {
      executor: 'constant-vus',
      vus: 1,
      duration: `${profile.runTimeS}s`,
      gracefulStop: `${MONITOR_INTERVAL_S + 1}s`,
      exec: 'redisMonitor',
    },
  };
}

/** One line a person can check before trusting the numbers: what is about to run. */
export function describeRun(profile: EffectiveProfile, suiteConfig: SuiteConfig, runId: string): string {
  const ramp = profile.rampS === 0 ? 'all at once' : `${profile.spawnRate}/s, ramp ${profile.rampS} s`;
  const probe = suiteConfig.redisUrl === undefined ? 'off' : `on (sample ${suiteConfig.probeSample})`;
  return (
    `${profile.test} [${profile.workload}]: ${profile.users} users (plan ${profile.planned.users}, scale ` +
    `${profile.scale}), ${ramp}, run ${profile.runTimeS} s, steady ${profile.steadyS} s; think ` +
    `${suiteConfig.thinkTimeS.min}-${suiteConfig.thinkTimeS.max} s; gate ${suiteConfig.gate}; redis probe ` +
    `${probe}; ${suiteConfig.baseUrl}; run ${runId}`
  );
}

export function defineTest(test: string): SuiteTest {
  const profile = profileFor(test, config.profileOverrides);
  const plan = parsePlan(planJson);
  const probeEnabled = probeJudged(profile, config);
  const criteria: Criterion[] = criteriaFor(plan, test, {
    gate: config.gate,
    steadySeconds: profile.steadyS,
    loadFactor: profile.loadFactor,
    probeEnabled,
  });
  setSteadyWindow(profile.rampS, profile.runTimeS);
  // k6 cannot create folders: reports go to <REPORT_DIR>/<RUN_ID>/<test>/ when a runner made it (npm start
  // does), else flat into the working directory. Without RUN_ID the id is only made in setup(), after init.
  const folderReady =
    config.runId !== undefined &&
    reportFolderReady(`${config.reportDir}/${config.runId}/${config.reportName ?? test}`);

  const options: Options = {
    scenarios: scenariosFor(profile, config),
    thresholds: k6Thresholds(criteria, profile.steadyS),
    summaryTrendStats: SUMMARY_TREND_STATS,
    // Only the login body (the token) is read; it asks for it with responseType 'text'.
    discardResponseBodies: true,
  };

  function setup(): SetupData {
    // A default run id must be the same for every VU, so it is made once here, not in init.
    const runId = config.runId ?? defaultRunId(new Date());
    preflight(config, profile.users);
    console.log(describeRun(profile, config, runId));
    return { runId, startedAt: new Date().toISOString() };
  }

  function handleSummary(data: { setup_data?: SetupData }): Record<string, string> {
    const context: SummaryContext = {
      test,
      // No setup data when setup() aborted; the reports of that run still need a home.
      runId: data.setup_data?.runId ?? config.runId ?? defaultRunId(new Date()),
      baseUrl: config.baseUrl,
      gate: config.gate,
      profile,
      thinkTimeS: config.thinkTimeS,
      probeEnabled,
      criteria,
      reportDir: config.reportDir,
      reportFolderReady: folderReady,
      reportName: config.reportName,
    };
    return summarize(context, data);
  }

  return { options, setup, handleSummary };
}
