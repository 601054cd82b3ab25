// `npm run bench [-- --vus 2000 --duration 45 --variants --parts --service]`: the suite's per-VU cost against a
// trivial k6 script (and Locust when installed) at the same load; writes reports/bench-<id>/.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunId } from '../../lib/config.ts';
import { parseBenchArgs } from '../lib/bench/bench-args.ts';
import { benchMarkdown, writeBenchReport } from '../lib/bench/bench-report.ts';
import { findLocust } from '../lib/bench/locust.ts';
import { runBench } from '../lib/bench/run-bench.ts';
import { PROBE_VUS, runInitProbes } from '../lib/bench/run-init-probes.ts';
import { measureServiceLatency } from '../lib/bench/service-latency.ts';
import { reportsDir } from '../lib/paths.ts';
import { requireK6 } from '../lib/stack/k6-binary.ts';
import { banner, requirePrerequisite, runStep } from '../lib/steps.ts';

const { values } = parseArgs({
  options: {
    vus: { type: 'string' },
    duration: { type: 'string' },
    variants: { type: 'boolean', default: false },
    parts: { type: 'boolean', default: false },
    service: { type: 'boolean', default: false },
    'service-vus': { type: 'string' },
  },
});
const args = requirePrerequisite('arguments', () => parseBenchArgs(values));
const k6 = requireK6();
runStep('build', 'npm', ['run', '--silent', 'build']);
const locust = findLocust();
const id = defaultRunId(new Date());
const log = (line: string) => console.log(`   ${line}`);

banner(`bench: ${args.vus} VUs, ${args.durationS} s per generator${locust ? ', with Locust' : ''}`);
const bench = await runBench({
  k6,
  vus: args.vus,
  durationS: args.durationS,
  variants: args.variants,
  locust,
  log,
});
const service = args.service
  ? await measureServiceLatency({
      k6,
      vus: args.serviceVus,
      durationS: args.durationS,
      workers: availableParallelism(),
      log,
    })
  : undefined;
if (args.parts) banner(`bench: each part of a load VU's init, ${PROBE_VUS} VUs`);
const initProbes = args.parts ? await runInitProbes({ k6, log }) : undefined;
const report = { id, k6Version: k6.version, bench, service, initProbes };
const folder = writeBenchReport(join(reportsDir, `bench-${id}`), report);
console.log(`\n${benchMarkdown(report)}\nwritten: ${folder}/bench.md, bench.json`);
const failed = bench.rows.filter((row) => row.exitCode !== 0);
if (failed.length > 0) {
  console.error(
    `error: ${failed.map((row) => row.id).join(', ')} did not exit 0 (their logs are kept; see above)`,
  );
  process.exit(1);
}
