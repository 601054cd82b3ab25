// `npm run failover [-- --variant sigterm|sigkill|both] [-- --full]`: the Redis failure drill on its own.
// Default: both variants at the quick scale; --full: the plan's 5,000 users and 30 s outage.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { type DrillVariant, runDrill } from '../lib/failover-drill.ts';
import { requireK6 } from '../lib/k6-binary.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan-file.ts';
import { planSchedule, quickScale } from '../lib/plan-schedule.ts';
import { ensureRedisServer } from '../lib/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'both' },
    full: { type: 'boolean', default: false },
    workers: { type: 'string', default: '4' },
  },
});
const variants: DrillVariant[] =
  values.variant === 'both' ? ['sigterm', 'sigkill'] : [values.variant as DrillVariant];
if (!variants.every((v) => v === 'sigterm' || v === 'sigkill')) {
  console.error(`error: --variant must be sigterm, sigkill or both, got ${values.variant}`);
  process.exit(1);
}
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
requirePrerequisite('redis-server', ensureRedisServer);
runStep('build', 'npm', ['run', '--silent', 'build']);

const schedule = planSchedule(values.full ? 'full' : 'quick', quickScale(cpus().length));
const runId = defaultRunId(new Date());
let failed = 0;
for (const variant of variants) {
  banner(`failover drill (${variant}): ${schedule.drill.users} users, Redis down ${schedule.drill.downS} s`);
  const result = await runDrill(k6, plan, {
    variant,
    ...schedule.drill,
    workers: Number(values.workers),
    revocations: 20,
    reportDir: reportsDir,
    runId,
  });
  for (const c of result.criteria) {
    console.log(
      `   ${c.label}: ${c.measured ?? 'not measured'} (${c.bound.op} ${c.bound.value}) ${c.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  console.log(`   error window ${result.errorWindowS ?? '-'} s; verdict ${result.verdict.toUpperCase()}`);
  if (result.verdict !== 'pass') failed++;
}
console.log(`\nresults: ${join(reportsDir, runId)}`);
process.exit(failed === 0 ? 0 : 1);
