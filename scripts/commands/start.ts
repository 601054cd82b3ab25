// `npm start [-- --full] [-- --scale 0.1] [-- --workers 4] [-- --run-id ID]`: runs the validation plan and
// reports it. With BASE_URL (and USER_PASSWORD) set, the plan's k6 tests run against that service and
// nothing is started; otherwise each test gets a fresh embedded stack (Redis + the reference service).
// Exit 0 only when the plan verdict is PASS (report/plan-verdict.ts), or INCOMPLETE against an external
// service for the parts that cannot run there; the verdict and its reasons are printed before the table.
// --observe: Prometheus and the exporters run beside the plan (k6 remote-writes to it, each embedded stack is
// scraped), and the report gets the alert timeline. Without it nothing of that starts.
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { ensureObserveTools } from '../lib/observe/observe-tools.ts';
import { lengthenDrillsForAlerts, startPlanObserver } from '../lib/observe/plan-observer.ts';
import { reportsDir } from '../lib/paths.ts';
import { renderCriteriaTable } from '../lib/plan/criteria-table.ts';
import { instancesTestDecision, PLAN_WORKERS, planWorkers } from '../lib/plan/instances-plan.ts';
import { loadPlan } from '../lib/plan/plan-file.ts';
import { type ExternalTarget, runPlan, scheduledFolders } from '../lib/plan/plan-runner.ts';
import { planSchedule, quickScale } from '../lib/plan/plan-schedule.ts';
import { planCriteriaRows } from '../lib/report/plan-criteria.ts';
import { writePlanReport } from '../lib/report/plan-report.ts';
import { judgePlan, planExitCode, verdictLines } from '../lib/report/plan-verdict.ts';
import { readRunFolder } from '../lib/report/read-run-folder.ts';
import { writeRunFile } from '../lib/run-folder/files.ts';
import type { RunInfo } from '../lib/run-folder/types.ts';
import { ensureHaproxy } from '../lib/stack/haproxy.ts';
import { instancesSetting } from '../lib/stack/instances-setting.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { injectedDefect, planServiceEnv } from '../lib/stack/plan-service-env.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    scale: { type: 'string' },
    workers: { type: 'string' },
    'run-id': { type: 'string' },
    observe: { type: 'boolean', default: false },
  },
});

function external(): ExternalTarget | undefined {
  const baseUrl = process.env.BASE_URL;
  if (!baseUrl) return undefined;
  const userPassword = process.env.USER_PASSWORD;
  if (!userPassword) {
    console.error("error: BASE_URL is set, so USER_PASSWORD (the test users' password) must be set too.");
    process.exit(1);
  }
  return { baseUrl, userPassword, redisUrl: process.env.REDIS_URL };
}

const target = external();
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
if (!target) requirePrerequisite('redis-server', ensureRedisServer);
if (values.observe) requirePrerequisite('prometheus and exporters', ensureObserveTools);
const instances = requirePrerequisite('INSTANCES', () => instancesSetting(process.env));
if (!target && instances.instances > 1) requirePrerequisite('haproxy', ensureHaproxy);
const instancesTest = instancesTestDecision(instances, target !== undefined, process.env.INSTANCE_URLS);

const scale = values.scale === undefined ? quickScale(cpus().length) : Number(values.scale);
if (!(scale > 0 && scale <= 1)) {
  console.error(`error: --scale must be in (0, 1], got ${values.scale}`);
  process.exit(1);
}
const workers = values.workers === undefined ? planWorkers(instances.instances) : Number(values.workers);
if (!(Number.isInteger(workers) && workers >= 1)) {
  console.error(`error: --workers must be a whole number >= 1, got ${values.workers}`);
  process.exit(1);
}
const schedule = planSchedule(values.full ? 'full' : 'quick', scale);
const drillNote = values.observe && !target ? lengthenDrillsForAlerts(schedule) : undefined;
const runId = values['run-id'] ?? defaultRunId(new Date());
if (!/^[\w.-]+$/.test(runId)) {
  console.error(`error: --run-id must be a folder name (letters, digits, . _ -), got ${runId}`);
  process.exit(1);
}
const runDir = join(reportsDir, runId);

banner('plan');
console.log(
  `   ${
    schedule.mode === 'full'
      ? 'full plan'
      : `quick plan at scale ${scale} (chosen for ${cpus().length} cores, ` +
        `${Math.round(totalmem() / 2 ** 30)} GiB; --full runs full size, --scale overrides)`
  }`,
);
const several =
  instances.instances > 1
    ? `${instances.instances} instances x ${workers} workers behind HAProxy (${instances.affinity === 'cookie' ? 'cookie affinity' : 'round-robin'})`
    : `${workers} workers`;
console.log(`   target: ${target ? target.baseUrl : `embedded stack, ${several}, STATE=redis`}`);
if (instancesTest.skipped) console.log(`   ${instancesTest.skipped}`);
console.log(`   k6 v${k6.version}; results in ${runDir}`);
runStep('build', 'npm', ['run', '--silent', 'build']);

const defect = target ? undefined : injectedDefect();
if (defect)
  console.log(`   injected defect: DEFECT=${defect.name} (the embedded service is broken on purpose)`);

const runInfo: RunInfo = {
  schema: 'auth-loadtest/run-info@1',
  runId,
  startedAt: new Date().toISOString(),
  machine: { cores: cpus().length, memoryMb: Math.round(totalmem() / 2 ** 20), cpuModel: cpus()[0]?.model },
  k6Version: k6.version,
  nodeVersion: process.versions.node,
  scale: schedule.scale,
  workers,
  ...(target ? {} : { scryptCost: Number(planServiceEnv().SCRYPT_COST) }),
  ...(target ? { externalBaseUrl: target.baseUrl } : {}),
  schedule: scheduledFolders(schedule, target !== undefined, instancesTest.run),
  ...(defect ? { injectedDefect: defect } : {}),
  k6ExitCodes: {},
  notes: target
    ? [
        `External service ${target.baseUrl}: no failure drill, no soak verdict and no STATE=memory comparison ` +
          "(they need control of the service's Redis and memory).",
      ]
    : [
        `Embedded service: ${several}, STATE=redis, SCRYPT_COST=${planServiceEnv().SCRYPT_COST} (login cost; the service default is 14).`,
        ...(instances.instances > 1
          ? [
              `The soak and the Redis failure drills use one instance of ${values.workers === undefined ? PLAN_WORKERS : workers} workers (their counters are read from one /metrics).`,
            ]
          : []),
        schedule.mode === 'full'
          ? 'Full plan size.'
          : `Quick plan: users and spawn rate x${schedule.scale}, run times compressed to about 5 minutes in total ` +
            '(spawn rate raised by the same factor so ramp-up keeps its share); throughput targets scaled by users.',
        ...(drillNote ? [drillNote] : []),
      ],
};
if (instancesTest.skipped)
  runInfo.notes = [...(runInfo.notes ?? []), `${instancesTest.skipped.replace(/^i/, 'I')}.`];
const writeRunInfo = () => {
  writeRunFile('runInfo', join(runDir, 'run-info.json'), runInfo);
};
writeRunInfo();

const observe = values.observe ? await startPlanObserver(runDir, runId, plan) : undefined;
if (observe)
  console.log(
    `   observing: live view ${observe.liveUrl}, prometheus ${observe.prometheusUrl} (alerts ${observe.prometheusUrl}/alerts)`,
  );

await runPlan({
  k6,
  plan,
  schedule,
  reportDir: reportsDir,
  runId,
  external: target,
  workers,
  instances,
  // The soak and the drills run one instance: with the plan's workers unless --workers says otherwise.
  singleInstanceWorkers: values.workers === undefined ? PLAN_WORKERS : workers,
  instancesTest: instancesTest.run,
  onK6Exit: (folder, exitCode) => {
    runInfo.k6ExitCodes = { ...runInfo.k6ExitCodes, [folder]: exitCode };
    writeRunInfo();
  },
});
runInfo.finishedAt = new Date().toISOString();
if (observe) {
  runInfo.observe = await observe.finish();
  const { cost = {}, panels } = runInfo.observe;
  console.log(
    `   observed: ${panels?.queries ?? 0} dashboard queries, ${panels?.empty.length ?? 0} without data`,
  );
  console.log(
    `   observing cost: ${Object.entries(cost)
      .map(([tool, used]) => `${tool} ${used.cpuS.toFixed(1)} CPU-s, peak ${used.peakRssMb.toFixed(0)} MB`)
      .join('; ')}`,
  );
}
writeRunInfo();

banner('success criteria');
const data = readRunFolder(runDir);
const judgement = judgePlan(data);
// The verdict and why come first: a reader should not have to find the one failed criterion in the table.
console.log(verdictLines(judgement).join('\n'));
console.log(`\n${renderCriteriaTable(planCriteriaRows(data, judgement))}`);
for (const part of judgement.parts) if (part.detail) console.log(`\n${part.detail}`);

const report = await writePlanReport(runDir);
banner('report');
console.log(`   ${report.html}\n   ${report.markdown}`);
console.log(
  `\nPLAN VERDICT: ${judgement.verdict}${judgement.reasons.length ? ' (reasons above the criteria table)' : ''}`,
);
process.exit(planExitCode(judgement));
