// `npm run soak [-- --full]`: the sustained mixed-load run with its verdict (memory trend, p95 drift,
// failure rate per window). Default: a compressed soak; --full: the plan's 5,000 users for 30 minutes.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { profileFor } from '../../lib/profiles.ts';
import { requireK6 } from '../lib/k6-binary.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan-file.ts';
import { planSchedule, quickScale } from '../lib/plan-schedule.ts';
import { planServiceEnv } from '../lib/plan-service-env.ts';
import { ensureRedisServer } from '../lib/redis-server.ts';
import { runSoak } from '../lib/soak.ts';
import { startStack } from '../lib/stack.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: { full: { type: 'boolean', default: false }, workers: { type: 'string', default: '4' } },
});
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
requirePrerequisite('redis-server', ensureRedisServer);
runStep('build', 'npm', ['run', '--silent', 'build']);

const { soak } = planSchedule(values.full ? 'full' : 'quick', quickScale(cpus().length));
const profile = profileFor('sustained-5000', soak.overrides);
const runId = defaultRunId(new Date());
banner(`soak: ${profile.users} users for ${profile.runTimeS} s (warm-up ${profile.rampS}+${soak.warmupS} s)`);
const stack = await startStack({ workers: Number(values.workers), state: 'redis', env: planServiceEnv() });
let verdict: 'pass' | 'fail' = 'fail';
try {
  const result = await runSoak(k6, plan, stack, { profile, ...soak, reportDir: reportsDir, runId });
  for (const c of result.criteria) {
    const verdict = c.note ?? (c.pass ? 'PASS' : 'FAIL');
    console.log(
      `   ${c.label}: ${c.measured?.toFixed(3) ?? 'not measured'} (${c.bound.op} ${c.bound.value}) ${verdict}`,
    );
  }
  verdict = result.verdict;
} finally {
  await stack.stop();
}
console.log(`\nsoak verdict: ${verdict.toUpperCase()}; results: ${join(reportsDir, runId)}`);
process.exit(verdict === 'pass' ? 0 : 1);
