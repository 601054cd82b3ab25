// `npm run reliability [-- --runs 5] [-- --defect NAME [--defect-size SIZE]] [-- --scale 0.05]`: runs
// `npm start` (the whole plan against the embedded service) N times in a row and records each run's
// verdict, first reason and duration in reports/reliability-<time>.md and .json. Healthy, every run must
// PASS; with a defect injected into the reference service (test-only DEFECT, as `npm run sensitivity`
// uses), every run must FAIL. Exit 0 only when every run reached the expected verdict.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { DEFECTS, defectServiceEnv } from '../../server/defects/setting.ts';
import { projectRoot, reportsDir } from '../lib/paths.ts';
import {
  expectedVerdict,
  RELIABILITY_SCHEMA,
  type ReliabilityRecord,
  reliabilityHeld,
  reliabilitySummary,
  writeReliability,
} from '../lib/reliability/reliability-record.ts';
import { judgePlan } from '../lib/report/plan-verdict.ts';
import { readRunFolder } from '../lib/report/read-run-folder.ts';
import { trackChild } from '../lib/stack/cleanup.ts';
import { banner } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    defect: { type: 'string' },
    'defect-size': { type: 'string' },
    scale: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100)
  fail(`--runs must be an integer from 1 to 100, got ${values.runs}`);
// Against an external service the plan cannot be made to fail on purpose, and its PASS is not ours to count.
if (process.env.BASE_URL) fail('npm run reliability runs the embedded service; unset BASE_URL.');
const defectName = values.defect?.trim();
if (defectName !== undefined && !(DEFECTS as readonly string[]).includes(defectName))
  fail(`--defect must be one of ${DEFECTS.join(', ')}, got "${defectName}"`);
if (values['defect-size'] !== undefined && defectName === undefined) fail('--defect-size needs --defect');

/**
 * The service settings that inject the defect (the sensitivity matrix's own, validated as the service would),
 * which the embedded stacks of npm start read (plan-service-env.ts).
 */
function defectEnv(): Record<string, string> {
  if (defectName === undefined) return { DEFECT: '' };
  const size = values['defect-size'] === undefined ? undefined : Number(values['defect-size']);
  try {
    return defectServiceEnv(defectName, size);
  } catch (error) {
    return fail((error as Error).message);
  }
}
const injected = defectEnv();

const startArgs = values.scale === undefined ? [] : ['--scale', values.scale];
const started = new Date();
mkdirSync(reportsDir, { recursive: true });
const base = join(reportsDir, `reliability-${defaultRunId(started)}`);
const record: ReliabilityRecord = {
  schema: RELIABILITY_SCHEMA,
  startedAt: started.toISOString(),
  machine: { cores: cpus().length, memoryMb: Math.round(totalmem() / 2 ** 20), cpuModel: cpus()[0]?.model },
  startArgs,
  defect:
    defectName === undefined
      ? undefined
      : { name: defectName, ...(values['defect-size'] === undefined ? {} : { size: values['defect-size'] }) },
  runsPlanned: runs,
  runs: [],
};

/** One `npm start`, in its own process as a user runs it; resolves with its exit code. */
function runStart(runId: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'scripts', 'commands', 'start.ts'),
      '--run-id',
      runId,
      ...startArgs,
    ],
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...injected } },
  );
  // Tracked, so Ctrl-C or SIGTERM here stops it, and it stops the stacks it started.
  const untrack = trackChild(child, 'npm start');
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      untrack();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

console.log(
  `npm start ${runs} times in a row, ${defectName ? `DEFECT=${defectName}` : 'the healthy service'}; ` +
    `expected: every run ${expectedVerdict(record)}. Results: ${base}.md`,
);
for (let run = 1; run <= runs; run += 1) {
  // Run ids are timestamps to the second; a run takes minutes, so they never collide.
  const runId = defaultRunId(new Date());
  banner(`reliability run ${run} of ${runs}: reports/${runId}`);
  const runStarted = Date.now();
  const exitCode = await runStart(runId);
  const durationS = Math.round((Date.now() - runStarted) / 1000);
  const runDir = join(reportsDir, runId);
  const judgement = existsSync(join(runDir, 'run-info.json')) ? judgePlan(readRunFolder(runDir)) : undefined;
  record.runs.push({
    run,
    runId,
    exitCode,
    verdict: judgement?.verdict,
    firstReason: judgement?.reasons[0],
    durationS,
  });
  // Written after every run, so an interrupted series keeps what it measured.
  writeReliability(base, record);
  console.log(`   run ${run}: ${judgement?.verdict ?? 'no verdict'} (exit ${exitCode}) in ${durationS} s`);
}

banner('reliability');
console.log(`   ${reliabilitySummary(record)}\n   ${base}.md\n   ${base}.json`);
process.exit(reliabilityHeld(record) ? 0 : 1);
