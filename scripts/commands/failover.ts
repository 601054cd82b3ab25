// `npm run failover [-- --variant sigterm|sigkill|both] [-- --full]`: the Redis failure drill on its own.
// Default: both variants at the quick scale against the embedded stack; --full: the plan's 5,000 users and
// 30 s outage. With BASE_URL: your service, its Redis stopped and started by REDIS_STOP_CMD / REDIS_START_CMD.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { DRILL_VARIANTS } from '../../lib/profiles.ts';
import { type DrillVariant, type ExternalDrill, runDrill } from '../lib/drill/failover-drill.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan/plan-file.ts';
import { planSchedule, quickScale } from '../lib/plan/plan-schedule.ts';
import {
  ExternalServiceError,
  externalService,
  memoryMetrics,
  redisCommands,
} from '../lib/stack/external-service.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'both' },
    full: { type: 'boolean', default: false },
    workers: { type: 'string', default: '4' },
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
if (!variants.every((v) => v === 'sigterm' || v === 'sigkill' || v === 'command')) {
  fail(`--variant must be sigterm, sigkill or both, got ${values.variant}`);
}
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
if (!external) requirePrerequisite('redis-server', ensureRedisServer);
runStep('build', 'npm', ['run', '--silent', 'build']);

const schedule = planSchedule(values.full ? 'full' : 'quick', quickScale(cpus().length));
const runId = defaultRunId(new Date());
let failed = 0;
for (const variant of variants) {
  const how = variant === 'command' ? `REDIS_STOP_CMD against ${external?.service.baseUrl}` : variant;
  banner(`failover drill (${how}): ${schedule.drill.users} users, Redis down ${schedule.drill.downS} s`);
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
    },
    external,
  );
  for (const c of result.criteria) {
    console.log(
      `   ${c.label}: ${c.measured ?? 'not measured'} (${c.bound.op} ${c.bound.value}) ${c.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  if (result.workerCrashes === null)
    console.log('   worker crashes: not counted (set RESTARTS_METRIC and METRICS_URL)');
  console.log(`   error window ${result.errorWindowS ?? '-'} s; verdict ${result.verdict.toUpperCase()}`);
  if (result.verdict !== 'pass') failed++;
}
console.log(`\nresults: ${join(reportsDir, runId)}`);
process.exit(failed === 0 ? 0 : 1);
