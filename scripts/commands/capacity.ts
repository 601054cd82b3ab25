// `npm run capacity [-- --start 100 --factor 1.5 --steps 6 --step-s 30 --max-users 5000 --into reports/<id>]`:
// raises the users in steps against the embedded service (or BASE_URL with USER_PASSWORD) until a step
// misses a target of stress-5000's thresholds, and reports the breaking point. Bounded: at most --steps
// steps of --step-s seconds each.
import { cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { runCapacity } from '../lib/capacity/run-capacity.ts';
import { reportsDir } from '../lib/paths.ts';
import { writePlanReport } from '../lib/report/plan-report.ts';
import { ensureHaproxy } from '../lib/stack/haproxy.ts';
import { instancesSetting } from '../lib/stack/instances-setting.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { planServiceEnv } from '../lib/stack/plan-service-env.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { type Stack, startStack } from '../lib/stack/stack.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    start: { type: 'string' },
    factor: { type: 'string', default: '1.5' },
    steps: { type: 'string', default: '6' },
    'step-s': { type: 'string', default: '30' },
    'max-users': { type: 'string', default: '10000' },
    workers: { type: 'string', default: '4' },
    into: { type: 'string' },
  },
});

function positive(name: string, text: string | undefined, integer = true): number {
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    console.error(`error: --${name} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`);
    process.exit(1);
  }
  return value;
}

// Default start: the quick plan's stress-5000 users for this machine (250 per core at the largest tier).
const startUsers = positive('start', values.start ?? String(Math.max(10, Math.round(cpus().length * 125))));
const factor = positive('factor', values.factor, false);
if (factor <= 1) {
  console.error(`error: --factor must be above 1, got ${factor}`);
  process.exit(1);
}
const maxSteps = positive('steps', values.steps);
const stepS = positive('step-s', values['step-s']);
const maxUsers = positive('max-users', values['max-users']);
const workers = positive('workers', values.workers);

const baseUrl = process.env.BASE_URL;
if (baseUrl && !process.env.USER_PASSWORD) {
  console.error("error: BASE_URL is set, so USER_PASSWORD (the test users' password) must be set too.");
  process.exit(1);
}
const k6 = requireK6();
if (!baseUrl) requirePrerequisite('redis-server', ensureRedisServer);
const instances = requirePrerequisite('INSTANCES', () => instancesSetting(process.env));
if (!baseUrl && instances.instances > 1) requirePrerequisite('haproxy', ensureHaproxy);
runStep('build', 'npm', ['run', '--silent', 'build']);

// --into adds the result to an existing plan run folder, so its plan report shows it.
const runFolder = values.into ? resolve(values.into) : join(reportsDir, defaultRunId(new Date()));
banner(
  `capacity: from ${startUsers} users, x${factor} per step, ${stepS} s per step, at most ${maxSteps} steps`,
);
let stack: Stack | undefined;
try {
  if (!baseUrl) stack = await startStack({ workers, state: 'redis', env: planServiceEnv(), ...instances });
  const target = stack
    ? {
        baseUrl: stack.baseUrl,
        userPassword: stack.userPassword,
        label:
          `embedded service, ${instances.instances > 1 ? `${instances.instances} instances x ` : ''}${workers} workers, ` +
          `STATE=redis, SCRYPT_COST=${planServiceEnv().SCRYPT_COST}`,
        workers,
      }
    : {
        baseUrl: baseUrl ?? '',
        userPassword: process.env.USER_PASSWORD ?? '',
        label: baseUrl ?? '',
      };
  const result = await runCapacity({
    k6,
    reportDir: dirname(runFolder),
    runId: basename(runFolder),
    target,
    test: 'stress-5000',
    startUsers,
    factor,
    maxSteps,
    maxUsers,
    stepS,
  });
  banner('capacity');
  console.log(
    result.breakingPoint
      ? `   breaking point: ${result.breakingPoint.users} users (${result.breakingPoint.steadyRps?.toFixed(1) ?? '-'} req/s); ` +
          `first missed: ${result.breakingPoint.criteria.join(', ')}`
      : `   no step missed a target; capacity is above ${result.lastGood?.users} users (${result.stoppedBecause})`,
  );
  if (result.lastGood)
    console.log(
      `   last step that held: ${result.lastGood.users} users, ${result.lastGood.steadyRps?.toFixed(1)} req/s`,
    );
} finally {
  await stack?.stop();
}
const report = await writePlanReport(runFolder);
console.log(`   ${join(runFolder, 'capacity.json')}\n   ${report.html}`);
