// The glue every entry point uses: config -> profile -> scenarios, and plan -> criteria -> thresholds.
// It runs in the init of k6's __VU 0 instances only (the ones that read options, run setup() and
// handleSummary): the build's stand-in loads tests/<test>.ts there and only tests/<test>.load.ts in load
// VUs. A bad variable or a bad thresholds.json stops k6 with a message (exit 107) before any load starts.
// Init reads nothing secret and needs no BASE_URL, so `k6 inspect` and `k6 archive` work with no
// environment at all; setup() checks what a run needs.
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { defaultRunId, type SuiteConfig } from '../config.ts';
import type { ExpirySource } from '../contract.ts';
import type { KnobState } from '../criteria.ts';
import { logoutPeriod } from '../logout-schedule.ts';
import { type PlanGates, planGates } from '../plan-gates.ts';
import { type EffectiveProfile, profileFor, scenarioFor } from '../profiles.ts';
import { sameShare, segmentShare } from '../segment.ts';
import { summarize } from '../summary/handle-summary.ts';
import { reportFolderReady } from '../summary/report-folder.ts';
import type { ReportPlace, SummaryContext } from '../summary/summary-context.ts';
import { preflight } from './preflight.ts';
import { MONITOR_INTERVAL_S } from './redis-monitor.ts';
import { config } from './run-config.ts';

/** p(99) is a plan target; k6 only keeps the percentiles listed here. */
const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** What setup() hands to handleSummary (k6 passes it as data.setup_data). Nothing secret goes in here. */
export interface SetupData {
  runId: string;
  startedAt: string;
  expirySource: ExpirySource;
}

export interface SuiteTest {
  options: Options;
  setup: () => Promise<SetupData>;
  handleSummary: (data: { setup_data?: SetupData }) => Record<string, string>;
}

/**
 * Whether the Redis probe's criteria are judged, and if not, why: REDIS_URL unset leaves them NOT RUN (a
 * failing gate), REDIS_URL=off opts out by name. The failover drill stops Redis on purpose, so its verdict is
 * revoked_token_accepted alone (undefined: not this test's criteria); its monitor still samples for the time
 * series.
 */
function probeState(profile: EffectiveProfile, suiteConfig: SuiteConfig): KnobState | undefined {
  // The instances test judges answers across instances; the load tests judge the probe.
  if (profile.workload === 'failover' || profile.workload === 'instances') return undefined;
  if (suiteConfig.redis !== undefined) return 'set';
  return suiteConfig.redisOptOut ? 'off' : 'unset';
}

function loginLimitKnob(suiteConfig: SuiteConfig): KnobState {
  if (suiteConfig.loginLimit !== undefined) return 'set';
  return suiteConfig.loginLimitOptOut ? 'off' : 'unset';
}

function instanceUrlsKnob(suiteConfig: SuiteConfig): KnobState {
  if (suiteConfig.instanceUrls !== undefined) return 'set';
  return suiteConfig.instanceUrlsOptOut ? 'off' : 'unset';
}

function scenariosFor(profile: EffectiveProfile, suiteConfig: SuiteConfig): Options['scenarios'] {
  const load = { [profile.workload]: scenarioFor(profile, 'default') };
  if (suiteConfig.redis === undefined) return load;
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

/** Grafana Cloud k6: a name to find the run by, the project, and the load zones (LOAD_ZONES). */
function cloudOptions(test: string, runId: string, suiteConfig: SuiteConfig): Record<string, unknown> {
  const { projectId, loadZones } = suiteConfig.cloud;
  const distribution = Object.fromEntries(
    loadZones.map(({ zone, percent }, index) => [`zone${index + 1}`, { loadZone: zone, percent }]),
  );
  return {
    name: `auth-loadtest ${test} ${runId}`,
    ...(projectId === undefined ? {} : { projectID: projectId }),
    ...(loadZones.length === 0 ? {} : { distribution }),
  };
}

/** One line a person can check before trusting the numbers: what is about to run. */
export function describeRun(profile: EffectiveProfile, suiteConfig: SuiteConfig, runId: string): string {
  const ramp = profile.rampS === 0 ? 'all at once' : `${profile.spawnRate}/s, ramp ${profile.rampS} s`;
  const probe =
    suiteConfig.redis === undefined
      ? 'off'
      : `on (sample ${suiteConfig.probeSample}, ${suiteConfig.redis.display})`;
  const segment = suiteConfig.segment;
  const share =
    segment === undefined
      ? ''
      : ` this instance: ${segment.spec ?? `1 of ${Math.round(1 / segment.share)} equal segments`}, about ` +
        `${Math.round(profile.users * segment.share)} users;`;
  return (
    `${profile.test} [${profile.workload}]: ${profile.users} users (plan ${profile.planned.users}, scale ` +
    `${profile.scale}),${share} ${ramp}, run ${profile.runTimeS} s, steady ${profile.steadyS} s; think ` +
    `${suiteConfig.thinkTimeS.min}-${suiteConfig.thinkTimeS.max} s; gate ${suiteConfig.gate}; redis probe ` +
    `${probe}; ${suiteConfig.baseUrl}; run ${runId}`
  );
}

/** The execution segment k6 runs ("1/2:1"), or undefined for the whole test; not callable in init. */
function runningSegment(): string | undefined {
  const running = exec.test.options.executionSegment as unknown as string | null | undefined;
  return running ? String(running) : undefined;
}

/** Stops the run when k6 runs another segment than the one the thresholds were scaled for. */
function checkSegment(suiteConfig: SuiteConfig): void {
  const running = runningSegment();
  const runningShare = running ? segmentShare(running) : 1;
  const assumed = suiteConfig.segment?.share ?? 1;
  if (!sameShare(runningShare, assumed)) {
    exec.test.abort(
      `k6 runs execution segment ${running ?? '0:1'} (${(runningShare * 100).toFixed(1)}% of the load) but the ` +
        `targets were scaled for ${(assumed * 100).toFixed(1)}%: pass -e EXECUTION_SEGMENT=${running ?? '0:1'} ` +
        '(or -e SEGMENT_COUNT=N when the test is split into N equal parts, as k6-operator does)',
    );
  }
}

/**
 * Where handleSummary can write (k6 cannot create folders): the run's folder when a runner made it, flat
 * files in REPORT_DIR when only that exists, else nowhere (see summary/handle-summary.ts).
 */
function reportPlaceFor(test: string): ReportPlace {
  const folder = `${config.reportDir}/${config.runId}/${config.reportName ?? test}`;
  if (config.runId !== undefined && reportFolderReady(folder)) return 'folder';
  return reportFolderReady(config.reportDir) ? 'reportDir' : 'none';
}

export function defineTest(test: string): SuiteTest {
  const profile = profileFor(test, config.profileOverrides);
  const probe = probeState(profile, config);
  const probeEnabled = probe === 'set';
  const share = config.segment?.share ?? 1;
  // k6 uses the options of one init run; its run id is the one every metric's testid tag carries.
  const initRunId = config.runId ?? defaultRunId(new Date());
  const gates: PlanGates = planGates(
    test,
    {
      gate: config.gate,
      steadySeconds: profile.steadyS,
      loadFactor: profile.loadFactor * share,
      probe,
      segmented: config.segment !== undefined,
      loginLimit: loginLimitKnob(config),
      instanceUrls: instanceUrlsKnob(config),
      // One state-sync round makes SYNC_CHECKS calls with the revoked token: fewer proves too little.
      minRevocationChecks: profile.workload === 'state-sync' ? config.syncChecks : 1,
    },
    {
      workload: profile.workload,
      users: Math.max(1, Math.round(profile.users * share)),
      logoutPeriod: logoutPeriod(config.logoutProbability),
      probeSample: config.probeSample,
      syncChecks: config.syncChecks,
      probe: probeEnabled,
      loginLimit: config.loginLimit !== undefined,
      instanceCount: config.instanceUrls?.length ?? 0,
    },
  );
  const reportPlace = reportPlaceFor(test);

  const options: Options = {
    scenarios: scenariosFor(profile, config),
    thresholds: gates.thresholds,
    summaryTrendStats: SUMMARY_TREND_STATS,
    // Only the login body (the token) is read; it asks for it with responseType 'text'.
    discardResponseBodies: true,
    tags: { testid: initRunId },
    cloud: cloudOptions(test, initRunId, config),
    ...(config.segment?.spec === undefined ? {} : { executionSegment: config.segment.spec }),
    ...(config.segment?.sequence === undefined ? {} : { executionSegmentSequence: config.segment.sequence }),
  } as Options;

  async function setup(): Promise<SetupData> {
    checkSegment(config);
    // The testid tag k6 applies (ours, or one given with --tag) names the run everywhere.
    const runId = exec.test.options.tags?.testid ?? initRunId;
    const findings = await preflight(config, profile.users);
    console.log(describeRun(profile, config, runId));
    if (profile.workload === 'instances' && config.instanceUrls === undefined)
      console.warn(
        `${test}: INSTANCE_URLS is ${config.instanceUrlsOptOut ? 'off' : 'not set'}: tokens are checked through ` +
          'the balancer only, and cross_instance_errors is NOT RUN',
      );
    return { runId, startedAt: new Date().toISOString(), expirySource: findings.expirySource };
  }

  function handleSummary(data: { setup_data?: SetupData }): Record<string, string> {
    const context: SummaryContext = {
      test,
      // No setup data when setup() aborted; the reports of that run still need a home.
      runId: data.setup_data?.runId ?? initRunId,
      baseUrl: config.baseUrl ?? '(not set)',
      gate: config.gate,
      profile,
      thinkTimeS: config.thinkTimeS,
      probeEnabled,
      criteria: gates.criteria,
      reportDir: config.reportDir,
      reportPlace,
      reportName: config.reportName,
      abortedBeforeLoad: data.setup_data === undefined,
      segment:
        config.segment === undefined
          ? undefined
          : {
              // Under SEGMENT_COUNT the script knows only its share; k6 knows which part it ran, and the
              // record must say so for a merge to find a segment missing or given twice.
              spec: config.segment.spec ?? runningSegment(),
              share,
              users: Math.round(profile.users * share),
            },
      tokenExpirySource: data.setup_data?.expirySource,
    };
    return summarize(context, data);
  }

  return { options, setup, handleSummary };
}
