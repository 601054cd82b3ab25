// `npm run sensitivity [-- --workers 4] [-- --only alg-none-accepted,healthy-smoke] [-- --limits]`: proves the
// suite catches what it exists to catch. Runs the reference service healthy and then with one injected
// defect at a time (DEFECT, test-only), each under the suite run expected to catch it, at the quick scale;
// prints the matrix and exits 0 only when every defect was caught by a failed gate and the healthy service
// passed its gate and every criterion. --limits: then searches each graded defect's smallest caught size.
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { reportsDir } from '../lib/paths.ts';
import { loadPlan } from '../lib/plan/plan-file.ts';
import { planSchedule, quickScale } from '../lib/plan/plan-schedule.ts';
import { SENSITIVITY_SCHEMA } from '../lib/run-folder/types.ts';
import { sensitivityMatrix } from '../lib/sensitivity/case-verdict.ts';
import { searchLimits } from '../lib/sensitivity/limits.ts';
import { SENSITIVITY_CASES, type SensitivityCase } from '../lib/sensitivity/matrix.ts';
import { runCases } from '../lib/sensitivity/run-cases.ts';
import { sensitivityConsole, writeSensitivity } from '../lib/sensitivity/sensitivity-record.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '4' },
    only: { type: 'string' },
    limits: { type: 'boolean', default: false },
  },
});
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 2 || workers > 64) {
  // One worker cannot show an unshared denylist or limiter: there is nothing to share with.
  console.error(`error: --workers must be an integer from 2 to 64, got ${values.workers}`);
  process.exit(1);
}
// --only: a subset of cases by id, for looking at one defect; the verdict then covers that subset only.
const only = values.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !SENSITIVITY_CASES.some((c) => c.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(
    `error: --only: no case ${unknown.join(', ')} (cases: ${SENSITIVITY_CASES.map((c) => c.id).join(', ')})`,
  );
  process.exit(1);
}
const cases = SENSITIVITY_CASES.filter((c) => only === undefined || only.includes(c.id));
const plan = requirePrerequisite('thresholds.json', () => loadPlan());
const k6 = requireK6();
requirePrerequisite('redis-server', ensureRedisServer);
runStep('build', 'npm', ['run', '--silent', 'build']);

const started = new Date();
const runId = defaultRunId(started);
const runDir = join(reportsDir, runId);
const caseDir = join(runDir, 'sensitivity');
mkdirSync(caseDir, { recursive: true });
const scale = quickScale(cpus().length);
const context = { k6, plan, schedule: planSchedule('quick', scale), workers, reportDir: caseDir };
const announce = (spec: SensitivityCase) =>
  banner(
    `${spec.defect ? `defect ${spec.defect}${spec.size === undefined ? '' : ` at ${spec.size}`}` : 'healthy service'}: ${spec.test} (${spec.kind})`,
  );
const outcomes = await runCases(cases, context, announce);
const matrix = sensitivityMatrix(cases, outcomes);
const limits = values.limits ? await searchLimits(cases, outcomes, context, announce) : undefined;
const durationS = Math.round((Date.now() - started.getTime()) / 1000);
writeSensitivity(runDir, {
  schema: SENSITIVITY_SCHEMA,
  runId,
  startedAt: started.toISOString(),
  durationS,
  workers,
  scale,
  matrix,
  outcomes: cases.flatMap((spec) => outcomes.get(spec.id) ?? []),
  ...(limits === undefined ? {} : { limits }),
});

banner('sensitivity matrix');
console.log(sensitivityConsole(matrix, limits));
for (const outcome of outcomes.values()) {
  if (outcome.error) console.log(`   ${outcome.id} could not run: ${outcome.error}`);
}
console.log(`\nresults: ${runDir} (${durationS} s)`);
console.log(matrix.summary);
process.exit(matrix.ok ? 0 : 1);
