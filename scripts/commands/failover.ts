// `npm run failover [-- --variant sigterm|sigkill|both|instance] [-- --full]`: the Redis failure drill on its own.
// Default: both variants at the quick scale against the embedded stack; --full: the plan's 5,000 users and
// 30 s outage. With BASE_URL: your service, its Redis stopped and started by REDIS_STOP_CMD / REDIS_START_CMD.
// --observe: Prometheus and the exporters watch the embedded stack, and the drill asserts from Prometheus's
// alerts API that RedisDown and AuthFailingClosed fire during the outage and resolve after it.
// `--variant instance` (INSTANCES >= 2, embedded stack): one instance drained and stopped under load instead,
// then started again, judged on thresholds.json's instanceLoss targets.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { DRILL_VARIANTS } from '../../lib/profiles.ts';
import { type DrillVariant, type ExternalDrill, runDrill } from '../lib/drill/failover-drill.ts';
import { watchAlerts } from '../lib/observe/alert-watch.ts';
import { drillAlerts, OUTAGE_ALERTS, outageAlertsSettled } from '../lib/observe/drill-alerts.ts';
import { type ObserveStack, startObserveStack } from '../lib/observe/observe-stack.ts';
import { ensureObserveTools } from '../lib/observe/observe-tools.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan/plan-file.ts';
import { planSchedule, quickScale } from '../lib/plan/plan-schedule.ts';
import { writeRunFile } from '../lib/run-folder/files.ts';
import {
  ExternalServiceError,
  externalService,
  memoryMetrics,
  redisCommands,
} from '../lib/stack/external-service.ts';
import { ensureHaproxy } from '../lib/stack/haproxy.ts';
import { instancesSetting } from '../lib/stack/instances-setting.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'both' },
    full: { type: 'boolean', default: false },
    workers: { type: 'string', default: '4' },
    observe: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

/** Your service's drill: refused, naming the knobs, when the commands to stop and start its Redis are missing. */
function externalDrill(): ExternalDrill | undefined {
  try {
    const service = externalService(process.env);
    if (service === undefined) return undefined;
    const restartsMetric = process.env.RESTARTS_METRIC?.trim();
    return {
      service,
      commands: redisCommands(process.env),
      restarts: restartsMetric ? { url: memoryMetrics(process.env).url, metric: restartsMetric } : undefined,
    };
  } catch (error) {
    if (error instanceof ExternalServiceError) fail(error.message);
    throw error;
  }
}

const external = externalDrill();
const variants: DrillVariant[] = external
  ? ['command']
  : values.variant === 'both'
    ? [...DRILL_VARIANTS]
    : [values.variant as DrillVariant];
if (!variants.every((v) => v === 'sigterm' || v === 'sigkill' || v === 'command' || v === 'instance')) {
  fail(`--variant must be sigterm, sigkill, both or instance, got ${values.variant}`);
}
const instances = requirePrerequisite('INSTANCES', () => instancesSetting(process.env));
if (variants.includes('instance')) {
  if (external) fail('--variant instance runs against the embedded stack only (unset BASE_URL)');
  if (instances.instances < 2)
    fail('--variant instance needs INSTANCES=2 or more: one instance is stopped while the others serve');
  // --observe asserts that the Redis outage alerts fire and resolve; this variant stops no Redis.
  if (values.observe)
    fail('--observe asserts the Redis outage alerts, and --variant instance stops no Redis: run them apart');
  requirePrerequisite('haproxy', ensureHaproxy);
}
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
if (!external) requirePrerequisite('redis-server', ensureRedisServer);
runStep('build', 'npm', ['run', '--silent', 'build']);

const schedule = planSchedule(values.full ? 'full' : 'quick', quickScale(cpus().length));
const runId = defaultRunId(new Date());
let observe: ObserveStack | undefined;
if (values.observe) {
  if (external) fail('--observe watches the embedded stack; it cannot be combined with BASE_URL');
  requirePrerequisite('prometheus and exporters', ensureObserveTools);
  observe = await startObserveStack({ dataDir: join(reportsDir, runId, 'observe'), runId });
  // An alert needs a scrape, an evaluation and its `for` to fire (about 15 s here), and AuthFailingClosed
  // looks back 30 s: the outage and the load after it are long enough for both to fire and resolve.
  schedule.drill.downS = Math.max(schedule.drill.downS, 30);
  schedule.drill.tailS = Math.max(schedule.drill.tailS, 60);
  console.log(
    `   prometheus ${observe.prometheusUrl}; outage ${schedule.drill.downS} s, then ${schedule.drill.tailS} s of load`,
  );
}
let failed = 0;
for (const variant of variants) {
  const how = variant === 'command' ? `REDIS_STOP_CMD against ${external?.service.baseUrl}` : variant;
  const down =
    variant === 'instance'
      ? `instance ${instances.instances} of ${instances.instances} down ${schedule.drill.downS} s (${instances.affinity === 'cookie' ? 'cookie affinity' : 'round-robin'})`
      : `Redis down ${schedule.drill.downS} s`;
  banner(`failover drill (${how}): ${schedule.drill.users} users, ${down}`);
  const watch = observe && watchAlerts(observe.prometheusUrl);
  const result = await runDrill(
    k6,
    plan,
    {
      variant,
      ...schedule.drill,
      workers: Number(values.workers),
      revocations: 20,
      reportDir: reportsDir,
      runId,
      instances,
    },
    external,
  );
  for (const c of result.criteria) {
    console.log(
      `   ${c.label}: ${c.measured ?? 'not measured'} (${c.bound.op} ${c.bound.value}) ${c.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  if (watch) {
    // Normally settled during the drill's tail already; the wait covers a slow resolution.
    await watch.until((e) => outageAlertsSettled(e, result.redisDownAt, result.redisUpAt), 30_000);
    result.alerts = drillAlerts(await watch.stop(), result.redisDownAt, result.redisUpAt);
    writeRunFile('drill', join(reportsDir, runId, `failover-${variant}.json`), result);
    for (const a of result.alerts) {
      console.log(
        `   alert ${a.alert}: fired ${a.firedAfterStopS ?? 'never'} s after the stop, resolved ` +
          `${a.resolvedAfterRestartS ?? 'never'} s after the restart ${a.pass ? 'PASS' : 'FAIL'}`,
      );
    }
    if (result.alerts.some((a) => !a.pass)) {
      console.log(`   FAIL: ${OUTAGE_ALERTS.join(' and ')} must fire during the outage and resolve after it`);
      failed++;
    }
  }
  if (result.workerCrashes === null)
    console.log('   worker crashes: not counted (set RESTARTS_METRIC and METRICS_URL)');
  if (result.sessionsLost !== undefined)
    console.log(`   users who had to log in again: ${result.sessionsLost}`);
  console.log(`   error window ${result.errorWindowS ?? '-'} s; verdict ${result.verdict.toUpperCase()}`);
  if (result.verdict !== 'pass') failed++;
}
await observe?.stop();
console.log(`\nresults: ${join(reportsDir, runId)}`);
process.exit(failed === 0 ? 0 : 1);
