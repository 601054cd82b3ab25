// esbuild configuration for the k6 bundles and the reference service.
//
// Each test of the plan is split by VU role (stand-in.ts): build/<test>.js is a stand-in that loads
// build/parts/<test>.js (the whole test) in k6's __VU 0 instances and build/parts/<test>.load.js (the
// workload) in load VUs. Each part is one self-contained file: every module file costs each VU about 9 KB
// of its own, so sharing code between the parts through esbuild's chunks would cost a load VU more than it
// saves (docs/bench.md). An entry point without a tests/<name>.load.ts sibling (the contract check, one
// VU) is one plain file.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { buildDir, projectRoot } from '../paths.ts';
import { type K6Generation, REDIS_MODULE_SOURCE, REDIS_MODULE_V1 } from './redis-module.ts';
import { partPaths, redisDirective, standInSource } from './stand-in.ts';

export { generationOf, type K6Generation } from './redis-module.ts';

const testsDir = join(projectRoot, 'tests');
const LOAD_SUFFIX = '.load.ts';

/** The entry points in tests/: every `<name>.ts` except the load parts, by name. */
export function k6TestNames(): string[] {
  return readdirSync(testsDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith(LOAD_SUFFIX))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/** Whether `test` has a load part, so its build is split by VU role. */
function hasLoadPart(test: string): boolean {
  return existsSync(join(testsDir, `${test}${LOAD_SUFFIX}`));
}

function redisModulePlugin(generation: K6Generation): esbuild.Plugin {
  return {
    name: 'k6-redis-module',
    setup(build) {
      build.onResolve({ filter: /^k6\/x\/redis$/ }, () => ({
        path: generation === 1 ? REDIS_MODULE_V1 : REDIS_MODULE_SOURCE,
        external: true,
      }));
    },
  };
}

/** Points the bundles' `import ... from '../thresholds.json'` at the targets file the build was given. */
function thresholdsFilePlugin(file: string): esbuild.Plugin {
  return {
    name: 'thresholds-file',
    setup(build) {
      build.onResolve({ filter: /(^|\/)thresholds\.json$/ }, () => ({ path: resolve(file) }));
    },
  };
}

export interface K6BuildRequest {
  generation: K6Generation;
  /** The targets file the bundles inline in place of thresholds.json. */
  thresholdsFile: string;
  /** Entry point names (default: all of tests/). */
  tests?: string[];
  outdir?: string;
  /** false: one file per test that every VU evaluates whole (the bench's "before" row). */
  split?: boolean;
  /** The bench's diagnostic variants change the esbuild options here. */
  tweak?: (options: esbuild.BuildOptions) => esbuild.BuildOptions;
}

/**
 * esbuild's entry points (output name without .js -> source), as two builds: the whole tests, and the load
 * parts. Each build bundles every entry into one file; two builds keep a load part free of the rest.
 */
function entryPointsFor(tests: string[], split: boolean): Array<Record<string, string>> {
  const whole: Record<string, string> = {};
  const load: Record<string, string> = {};
  for (const test of tests) {
    const full = join(testsDir, `${test}.ts`);
    if (split && hasLoadPart(test)) {
      const parts = partPaths(test);
      whole[parts.full.slice(0, -'.js'.length)] = full;
      load[parts.load.slice(0, -'.js'.length)] = join(testsDir, `${test}${LOAD_SUFFIX}`);
    } else {
      whole[test] = full;
    }
  }
  return Object.keys(load).length === 0 ? [whole] : [whole, load];
}

/** What every k6 script the project bundles shares: ES module, k6 external, the generation's Redis module. */
export function k6ScriptOptions(generation: K6Generation, thresholdsFile: string): esbuild.BuildOptions {
  return {
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    // k6 and its modules are provided by the k6 binary at run time.
    external: ['k6', 'k6/*'],
    plugins: [redisModulePlugin(generation), thresholdsFilePlugin(thresholdsFile)],
    // Harmless in the parts; what k6 v2 reads is the directive atop the file it runs.
    banner: { js: redisDirective(generation) },
    logLevel: 'warning',
  };
}

function buildOptions(
  request: Required<Omit<K6BuildRequest, 'tweak'>>,
  entryPoints: Record<string, string>,
): esbuild.BuildOptions & { metafile: true } {
  return {
    ...k6ScriptOptions(request.generation, request.thresholdsFile),
    entryPoints,
    outdir: request.outdir,
    sourcemap: 'linked',
    // A VU's cost follows the code it evaluates, not its bytes: minifying buys nothing (docs/bench.md), and
    // readable code gives readable stack traces.
    treeShaking: true,
    minify: false,
    legalComments: 'none',
    metafile: true,
  };
}

/** Bundles the tests into outdir; returns the scripts k6 runs (build/<test>.js), one per test. */
export async function bundleK6Tests(request: K6BuildRequest): Promise<string[]> {
  const full = {
    generation: request.generation,
    thresholdsFile: request.thresholdsFile,
    tests: request.tests ?? k6TestNames(),
    outdir: request.outdir ?? buildDir,
    split: request.split ?? true,
  };
  // No part of a test that is no longer built is left to be loaded.
  rmSync(join(full.outdir, 'parts'), { recursive: true, force: true });
  const outputs: esbuild.Metafile['outputs'] = {};
  for (const entryPoints of entryPointsFor(full.tests, full.split)) {
    const options = buildOptions(full, entryPoints);
    const result = await esbuild.build(request.tweak ? request.tweak(options) : options);
    Object.assign(outputs, result.metafile?.outputs);
  }
  return full.tests.map((test) => {
    const script = join(full.outdir, `${test}.js`);
    if (!full.split || !hasLoadPart(test)) return script;
    const wholeTest = join(full.outdir, partPaths(test).full);
    const output = outputs[relative(process.cwd(), wholeTest)];
    if (!output) throw new Error(`esbuild wrote no ${wholeTest}`);
    writeFileSync(script, standInSource(test, output.exports, full.generation));
    return script;
  });
}

export async function bundleService(): Promise<string> {
  const outfile = join(buildDir, 'service', 'main.js');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'server', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // npm dependencies stay in node_modules; only our code is bundled.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}
