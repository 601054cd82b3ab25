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
import { loadPlan } from '../lib/plan/plan-file.ts';
import { type ExternalTarget, runPlan, scheduledFolders } from '../lib/plan/plan-runner.ts';
import { planSchedule, quickScale } from '../lib/plan/plan-schedule.ts';
import { planCriteriaRows } from '../lib/report/plan-criteria.ts';
import { writePlanReport } from '../lib/report/plan-report.ts';
import { judgePlan, planExitCode, verdictLines } from '../lib/report/plan-verdict.ts';
import { readRunFolder } from '../lib/report/read-run-folder.ts';
import { writeRunFile } from '../lib/run-folder/files.ts';
import type { RunInfo } from '../lib/run-folder/types.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { injectedDefect, planServiceEnv } from '../lib/stack/plan-service-env.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    scale: { type: 'string' },
    workers: { type: 'string', default: '4' },
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

const scale = values.scale === undefined ? quickScale(cpus().length) : Number(values.scale);
if (!(scale > 0 && scale <= 1)) {
  console.error(`error: --scale must be in (0, 1], got ${values.scale}`);
  process.exit(1);
}
const workers = Number(values.workers);
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
console.log(`   target: ${target ? target.baseUrl : `embedded stack, ${workers} workers, STATE=redis`}`);
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
  schedule: scheduledFolders(schedule, target !== undefined),
  ...(defect ? { injectedDefect: defect } : {}),
  k6ExitCodes: {},
  notes: target
    ? [
        `External service ${target.baseUrl}: no failure drill, no soak verdict and no STATE=memory comparison ` +
          "(they need control of the service's Redis and memory).",
      ]
    : [
        `Embedded service: ${workers} workers, STATE=redis, SCRYPT_COST=${planServiceEnv().SCRYPT_COST} (login cost; the service default is 14).`,
        schedule.mode === 'full'
          ? 'Full plan size.'
          : `Quick plan: users and spawn rate x${schedule.scale}, run times compressed to about 5 minutes in total ` +
            '(spawn rate raised by the same factor so ramp-up keeps its share); throughput targets scaled by users.',
        ...(drillNote ? [drillNote] : []),
      ],
};
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
