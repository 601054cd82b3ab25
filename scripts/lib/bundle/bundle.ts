// esbuild configuration for the k6 bundles and the reference service.
//
// k6 generations differ in one import: k6 v1.x ships the Redis client as `k6/experimental/redis`,
// k6 v2.x removed it in favour of the xk6-redis extension `k6/x/redis`. The sources always import
// REDIS_MODULE_SOURCE (in lib/k6/redis-client.ts only); the build rewrites it for v1 and, for v2, puts the
// "use k6 with" directive at the very top of the bundle so auto-extension-resolution provisions it.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { buildDir, projectRoot } from '../paths.ts';
import { lazyModulePlugin } from './lazy-module-plugin.ts';

export const REDIS_MODULE_SOURCE = 'k6/x/redis';
export const REDIS_MODULE_V1 = 'k6/experimental/redis';
export type K6Generation = 1 | 2;

export function k6TestEntries(): string[] {
  const testsDir = join(projectRoot, 'tests');
  return readdirSync(testsDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => join(testsDir, file));
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

/** The k6 bundles' esbuild options; the bench builds diagnostic variants from the same base. */
export function k6BuildOptions(
  generation: K6Generation,
  thresholdsFile: string,
  entries = k6TestEntries(),
  outdir = buildDir,
): esbuild.BuildOptions & { metafile: true } {
  return {
    entryPoints: entries,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    // k6 and its modules are provided by the k6 binary at run time.
    external: ['k6', 'k6/*'],
    plugins: [
      // Code only k6's __VU 0 instance runs is evaluated on its first call, not in every VU's init
      // (docs/bench.md): the summary writers (about 37 MB less per 1,000 VUs) and the plan's gates. Only
      // pure modules qualify: a deferred copy of a module that declares metrics or a SharedArray would
      // declare them again outside the init stage, which k6 refuses.
      lazyModulePlugin([
        { path: join(projectRoot, 'lib', 'summary', 'handle-summary.ts'), functions: ['summarize'] },
        { path: join(projectRoot, 'lib', 'plan-gates.ts'), functions: ['planGates'] },
      ]),
      redisModulePlugin(generation),
      thresholdsFilePlugin(thresholdsFile),
    ],
    banner: generation === 2 ? { js: `"use k6 with ${REDIS_MODULE_SOURCE}";` } : {},
    sourcemap: 'linked',
    // Each VU evaluates the whole bundle: keep it lean, but readable in stack traces.
    treeShaking: true,
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
}

export async function bundleK6Tests(
  generation: K6Generation,
  thresholdsFile: string,
  entries = k6TestEntries(),
  outdir = buildDir,
): Promise<string[]> {
  const result = await esbuild.build(k6BuildOptions(generation, thresholdsFile, entries, outdir));
  return Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
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
