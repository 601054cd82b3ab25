// What a load VU's init costs, part by part (`npm run bench -- --parts`). Each probe is a k6 script that
// loads one part of ultimate-10000's load VU and does nothing else; k6 runs it with N VUs and one iteration
// each that only sleeps (so the process lives long enough to be sampled), so the peak RSS and CPU above an
// empty script's are that part's start-up cost for N VUs.
// Two synthetic probes show k6's cost model (what a function and a module file cost each VU), which is
// what the build's choices rest on: docs/bench.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { type K6Generation, k6ScriptOptions } from '../bundle/bundle.ts';
import { projectRoot } from '../paths.ts';
import { planFilePath } from '../plan/plan-file.ts';

export interface InitProbe {
  id: string;
  what: string;
  /** TypeScript source of the probe; `keep(...)` makes an import count as used. */
  source?: string;
  /** Plain module files written as they are (no bundling): name -> text; the probe is `main.js`. */
  files?: Record<string, string>;
}

const lib = (file: string) => JSON.stringify(join(projectRoot, 'lib', file));
const tests = (file: string) => JSON.stringify(join(projectRoot, 'tests', file));

/** Long enough for /proc sampling (every 100 ms) to see the process after every VU's init. */
const ITERATION_SLEEP_S = 1;
const SYNTHETIC_FUNCTIONS = 100;
const SYNTHETIC_MODULES = 20;

function functionsProbe(): string {
  const declarations = Array.from(
    { length: SYNTHETIC_FUNCTIONS },
    (_, i) => `function f${i}(a: number) { return a > ${i} ? String(a) : [a, ${i}].join(','); }`,
  );
  return `${declarations.join('\n')}\nkeep(f0);`;
}

function modulesProbe(): Record<string, string> {
  const files: Record<string, string> = {};
  const imports: string[] = [];
  for (let i = 0; i < SYNTHETIC_MODULES; i++) {
    files[`m${i}.js`] = `export function g${i}(a) { return a + ${i}; }\n`;
    imports.push(`import { g${i} } from './m${i}.js';`);
  }
  files['main.js'] =
    `import { sleep } from 'k6';\n${imports.join('\n')}\n` +
    `export default function () { if (!g0) throw new Error('g0'); sleep(${ITERATION_SLEEP_S}); }\n`;
  return files;
}

export const INIT_PROBES: InitProbe[] = [
  { id: 'empty', what: 'an empty script (the baseline)', source: '' },
  {
    id: 'k6-modules',
    what: 'the k6 modules a load VU imports (http, execution, metrics, data, encoding)',
    source: `import http from 'k6/http'; import exec from 'k6/execution'; import { Counter } from 'k6/metrics';
import { SharedArray } from 'k6/data'; import encoding from 'k6/encoding'; keep(http, exec, Counter, SharedArray, encoding);`,
  },
  {
    id: 'metrics',
    what: "the suite's custom metrics (lib/k6/metrics.ts)",
    source: `import * as metrics from ${lib('k6/metrics.ts')}; keep(metrics);`,
  },
  {
    id: 'config',
    what: 'the run configuration, read from the SharedArray __VU 0 parsed it into (lib/k6/run-config.ts)',
    source: `import { config } from ${lib('k6/run-config.ts')}; keep(config);`,
  },
  {
    id: 'auth-client',
    what: 'the configuration and the contract client (lib/k6/auth-client.ts)',
    source: `import { createAuthClient } from ${lib('k6/auth-client.ts')}; import { config } from ${lib('k6/run-config.ts')};
keep(createAuthClient(config));`,
  },
  {
    id: 'redis-monitor',
    what: 'the configuration and the Redis monitor (lib/k6/redis-monitor.ts)',
    source: `import { redisMonitor } from ${lib('k6/redis-monitor.ts')}; keep(redisMonitor);`,
  },
  {
    id: 'load-part',
    what: "ultimate-10000's load part, what a load VU evaluates (tests/ultimate-10000.load.ts)",
    source: `import * as load from ${tests('ultimate-10000.load.ts')}; keep(load.default);`,
  },
  {
    id: 'whole-test',
    what: 'the whole test, what every VU evaluated before the split (tests/ultimate-10000.ts)',
    source: `import * as test from ${tests('ultimate-10000.ts')}; keep(test.default);`,
  },
  {
    id: 'functions',
    what: `${SYNTHETIC_FUNCTIONS} small function declarations, never called (synthetic)`,
    source: functionsProbe(),
  },
  {
    id: 'modules',
    what: `${SYNTHETIC_MODULES} module files of one small function each (synthetic)`,
    files: modulesProbe(),
  },
];

const KEEP = `function keep(...values: unknown[]) { if (values.some((v) => v === undefined)) throw new Error('probe'); }`;

/** Writes the probe's script into `dir`; returns its path. */
export async function buildInitProbe(
  probe: InitProbe,
  generation: K6Generation,
  dir: string,
): Promise<string> {
  const folder = join(dir, probe.id);
  mkdirSync(folder, { recursive: true });
  if (probe.files) {
    for (const [name, text] of Object.entries(probe.files)) writeFileSync(join(folder, name), text);
    return join(folder, 'main.js');
  }
  const outfile = join(folder, 'main.js');
  await esbuild.build({
    ...k6ScriptOptions(generation, planFilePath()),
    stdin: {
      contents: `import { sleep } from 'k6';\n${KEEP}\n${probe.source ?? ''}\nexport default function () { sleep(${ITERATION_SLEEP_S}); }\n`,
      resolveDir: projectRoot,
      loader: 'ts',
    },
    outfile,
  });
  return outfile;
}
