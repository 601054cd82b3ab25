// `npm run observe [-- --workers N] [-- --run-id ID]`: the embedded stack (Redis + reference service) with
// Prometheus, the Redis exporter and the node exporter beside it, until Ctrl-C. Prints their URLs, the live
// view's (the dashboards drawn from Prometheus every 5 s) and the k6 command line that remote-writes a run to
// this Prometheus. Data and logs: reports/<run-id>/observe/.
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { REFERENCE_LOGIN_LIMIT } from '../../lib/login-limit-setting.ts';
import { startLivePage } from '../lib/observe/live-page.ts';
import { startObserveStack } from '../lib/observe/observe-stack.ts';
import { ensureObserveTools } from '../lib/observe/observe-tools.ts';
import { projectRoot, reportsDir, runDir } from '../lib/paths.ts';
import { planServiceEnv } from '../lib/stack/plan-service-env.ts';
import { ensureRedisServer } from '../lib/stack/redis-server.ts';
import { startStack } from '../lib/stack/stack.ts';
import { requirePrerequisite } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: String(Math.min(4, availableParallelism())) },
    'run-id': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1)
  fail(`--workers must be a positive integer, got "${values.workers}"`);
const runId = values['run-id'] ?? defaultRunId(new Date());
if (!/^[\w.-]+$/.test(runId)) fail(`--run-id must be a folder name (letters, digits, . _ -), got ${runId}`);
requirePrerequisite('redis-server', ensureRedisServer);
requirePrerequisite('prometheus and exporters', ensureObserveTools);

const dataDir = join(reportsDir, runId, 'observe');
const observe = await startObserveStack({ dataDir, runId }).catch((error: Error) => fail(error.message));
const stack = await startStack({ workers, state: 'redis', env: planServiceEnv() }).catch((error: Error) =>
  fail(error.message),
);

const live = await startLivePage(observe.prometheusUrl, observe.testid);

// Secrets for k6 in a 0600 file, as `npm run service` does, never on the console or in a process listing.
const output = observe.k6Output;
const envFile = join(runDir, `observe-${runId}.env`);
// RUN_ID is the bundles' testid; the login limit is the reference service's, so smoke checks it is shared.
const settings = {
  BASE_URL: stack.baseUrl,
  REDIS_URL: stack.redisUrl,
  USER_PASSWORD: stack.userPassword,
  RUN_ID: runId,
  LOGIN_LIMIT_PER_ACCOUNT: REFERENCE_LOGIN_LIMIT,
};
writeFileSync(
  envFile,
  `${Object.entries({ ...settings, ...output.env })
    .map(([key, value]) => `${key}='${value}'`)
    .join('\n')}\n`,
  { mode: 0o600 },
);
process.on('exit', () => rmSync(envFile, { force: true }));

console.log(`observe stack is up (${workers} workers, STATE=redis); Ctrl-C stops everything

  live view:       ${live.url}   (the dashboards' panels, redrawn every 5 s)
  service:         ${stack.baseUrl}   (metrics ${stack.baseUrl}/metrics)
  prometheus:      ${observe.prometheusUrl}   (alerts ${observe.prometheusUrl}/alerts)
  remote write:    ${observe.remoteWriteUrl}
  redis exporter:  ${observe.redisExporterUrl}/metrics
  node exporter:   ${observe.nodeExporterUrl}/metrics
  data and logs:   ${relative(projectRoot, dataDir)}
  settings for k6: ${relative(projectRoot, envFile)} (mode 0600, removed on exit)

run a test that remote-writes to it (npm run build first):
  set -a; . ${relative(projectRoot, envFile)}; set +a
  k6 run ${output.args.join(' ')} --tag testid=${observe.testid} build/smoke.js

  (K6_PROMETHEUS_RW_SERVER_URL=${output.env.K6_PROMETHEUS_RW_SERVER_URL}
   K6_PROMETHEUS_RW_TREND_STATS='${output.env.K6_PROMETHEUS_RW_TREND_STATS}' are in the settings file)`);

// Ctrl-C and SIGTERM reach cleanup.ts, which stops every process started here by PID; until then, wait.
setInterval(() => {}, 1 << 30);
