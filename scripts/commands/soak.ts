// `npm run soak [-- --full]`: the sustained mixed-load run with its verdict (memory trend, p95 drift,
// failure rate per window), each criterion PASS, FAIL or NOT MEASURED with the reason. Default: the
// compressed soak of `npm start` (about 3.5 minutes); --full: the plan's 5,000 users for 30 minutes.
// With BASE_URL: your service, its per-worker memory read from METRICS_URL (MEMORY_METRIC).
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { profileFor } from '../../lib/profiles.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan/plan-file.ts';
import { planSchedule, quickScale } from '../lib/plan/plan-schedule.ts';
import { embeddedSoakTarget, runSoak, type SoakTarget, soakServiceEnv } from '../lib/soak/run-soak.ts';
import { ExternalServiceError, externalService, memoryMetrics } from '../lib/stack/external-service.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { type Stack, startStack } from '../lib/stack/stack.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: { full: { type: 'boolean', default: false }, workers: { type: 'string', default: '4' } },
});

/** Your service's soak: refused, naming the knobs, when its memory cannot be read. */
function externalTarget(): SoakTarget | undefined {
  try {
    const service = externalService(process.env);
    if (service === undefined) return undefined;
    const metrics = memoryMetrics(process.env);
    const rssMetric = process.env.RSS_METRIC?.trim();
    return {
      ...service,
      memory: { url: metrics.url, metric: metrics.metric, ...(rssMetric ? { rssMetric } : {}) },
    };
  } catch (error) {
    if (error instanceof ExternalServiceError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const external = externalTarget();
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
if (!external) requirePrerequisite('redis-server', ensureRedisServer);
runStep('build', 'npm', ['run', '--silent', 'build']);

const { soak } = planSchedule(values.full ? 'full' : 'quick', quickScale(cpus().length));
const profile = profileFor('sustained-5000', soak.overrides);
const runId = defaultRunId(new Date());
banner(
  `soak: ${profile.users} users for ${profile.runTimeS} s (warm-up ${profile.rampS}+${soak.warmupS} s)` +
    (external ? ` against ${external.baseUrl}, memory from ${external.memory.url}` : ''),
);
let stack: Stack | undefined;
let verdict: 'pass' | 'fail' = 'fail';
try {
  if (!external)
    stack = await startStack({ workers: Number(values.workers), state: 'redis', env: soakServiceEnv() });
  const target = external ?? embeddedSoakTarget(stack as Stack);
  const result = await runSoak(k6, plan, target, { profile, ...soak, reportDir: reportsDir, runId });
  for (const c of result.criteria) {
    const word = (c.outcome ?? (c.pass ? 'pass' : 'fail')).replace('-', ' ').toUpperCase();
    console.log(
      `   ${c.label}: ${c.measured?.toFixed(3) ?? '-'} (${c.bound.op} ${c.bound.value}) ${word}` +
        (c.reason || c.note ? `\n      ${c.reason ?? c.note}` : ''),
    );
  }
  verdict = result.verdict;
} finally {
  await stack?.stop();
}
console.log(`\nsoak verdict: ${verdict.toUpperCase()}; results: ${join(reportsDir, runId)}`);
process.exit(verdict === 'pass' ? 0 : 1);
