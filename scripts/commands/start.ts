// `npm start [-- --full] [-- --scale 0.1] [-- --workers 4]`: runs the validation plan and reports it.
// With BASE_URL (and USER_PASSWORD) set, the plan's k6 tests run against that service and nothing is
// started; otherwise each test gets a fresh embedded stack (Redis + the reference service).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { renderCriteriaTable } from '../lib/criteria-table.ts';
import { requireK6 } from '../lib/k6-binary.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan-file.ts';
import { type ExternalTarget, runPlan } from '../lib/plan-runner.ts';
import { planSchedule, quickScale } from '../lib/plan-schedule.ts';
import { planServiceEnv } from '../lib/plan-service-env.ts';
import { ensureRedisServer } from '../lib/redis-server.ts';
import type { RunInfo } from '../lib/report/inputs.ts';
import { planCriteriaRows, planVerdict } from '../lib/report/plan-criteria.ts';
import { writePlanReport } from '../lib/report/plan-report.ts';
import { readRunFolder } from '../lib/report/read-run-folder.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    scale: { type: 'string' },
    workers: { type: 'string', default: '4' },
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

const scale = values.scale === undefined ? quickScale(cpus().length) : Number(values.scale);
if (!(scale > 0 && scale <= 1)) {
  console.error(`error: --scale must be in (0, 1], got ${values.scale}`);
  process.exit(1);
}
const workers = Number(values.workers);
const schedule = planSchedule(values.full ? 'full' : 'quick', scale);
const runId = defaultRunId(new Date());
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
  notes: target
    ? [`External service ${target.baseUrl}: no failure drill and no STATE=memory comparison.`]
    : [
        `Embedded service: ${workers} workers, STATE=redis, SCRYPT_COST=${planServiceEnv().SCRYPT_COST} (login cost; the service default is 14).`,
        schedule.mode === 'full'
          ? 'Full plan size.'
          : `Quick plan: users and spawn rate x${schedule.scale}, run times compressed to about 5 minutes in total ` +
            '(spawn rate raised by the same factor so ramp-up keeps its share); throughput targets scaled by users.',
      ],
};
const writeRunInfo = () => {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'run-info.json'), `${JSON.stringify(runInfo, null, 2)}\n`);
};
writeRunInfo();

const outcome = await runPlan({
  k6,
  plan,
  schedule,
  reportDir: reportsDir,
  runId,
  external: target,
  workers,
});

banner('success criteria');
const data = readRunFolder(runDir);
const rows = planCriteriaRows(data);
console.log(renderCriteriaTable(rows));
for (const run of data.comparisons) {
  const accepted = run.record.criteria.find((c) => c.key === 'revoked_token_accepted')?.measured ?? 0;
  console.log(
    `\n${run.folder} (STATE=memory): revoked tokens accepted = ${accepted} ` +
      `(${accepted > 0 ? 'the suite caught the shared-state defect' : 'the defect went unnoticed'})`,
  );
}

const report = await writePlanReport(runDir);
banner('report');
console.log(`   ${report.html}\n   ${report.markdown}`);

const crashedK6 = Object.entries(outcome.k6ExitCodes).filter(
  ([name, code]) => !name.includes('@') && code !== 0 && code !== 99,
);
for (const [name, code] of crashedK6)
  console.log(`warning: k6 exited ${code} for ${name} (not a threshold verdict; see its k6.log)`);
const verdict = planVerdict(rows);
// Against an external service the drill and the comparison cannot run: INCOMPLETE is expected there.
const passed =
  crashedK6.length === 0 && (verdict === 'PASS' || (target !== undefined && verdict === 'INCOMPLETE'));
console.log(`\nPLAN VERDICT: ${verdict}${crashedK6.length ? ' (k6 did not finish every test)' : ''}`);
process.exit(passed ? 0 : 1);
