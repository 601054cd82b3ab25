// Diagnostic builds of ultimate-10000 with one part left out or built differently, so `npm run bench --
// --variants` can show where the suite's per-VU cost goes. They are measuring instruments only: a
// variant without the summary or the metrics is not a usable test, and none of them lands in build/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { type K6Generation, k6BuildOptions } from '../bundle/bundle.ts';
import { projectRoot } from '../paths.ts';
import { planFilePath } from '../plan/plan-file.ts';

export interface BundleVariant {
  id: string;
  what: string;
  /** Changes to the production build options. */
  tweak?: (options: esbuild.BuildOptions) => esbuild.BuildOptions;
  /** Source files (relative to the project root) replaced by these module texts. */
  stubs?: Record<string, string>;
  /** A build of its own instead of a tweak of the production one; returns the script to run. */
  custom?: (generation: K6Generation, outdir: string) => Promise<string>;
}

// What a load VU (__VU >= 1) needs of ultimate-10000: the user's code and the steady window. Options,
// plan, criteria, setup and handleSummary are only ever used in k6's __VU 0 instances (the options,
// setup and summary VUs).
const LOAD_ONLY_ENTRY = `
import { profileFor } from '../../../lib/profiles.ts';
import { config } from '../../../lib/run-config.ts';
import { setSteadyWindow } from '../../../lib/k6/steady-window.ts';
const profile = profileFor('ultimate-10000', config.profileOverrides);
setSteadyWindow(profile.rampS, profile.runTimeS);
export { authenticationUser as default } from '../../../lib/k6/workloads/authentication.ts';
export { redisMonitor } from '../../../lib/k6/redis-monitor.ts';
`;

const SPLIT_STAND_IN = `
// k6 only lets a VU require what __VU 0 required during its init: __VU 0 loads both.
const load = require('./load.js');
const m = __VU === 0 ? require('./full.js') : load;
export const options = m.options;
export const setup = m.setup;
export const handleSummary = m.handleSummary;
export const redisMonitor = m.redisMonitor;
export default m.default;
`;

/** The bundle split by VU role: __VU 0 loads the whole suite, load VUs only what they run. */
async function buildSplitByRole(generation: K6Generation, outdir: string): Promise<string> {
  const dir = join(outdir, 'split-vu0');
  const entry = join(projectRoot, 'tests', 'ultimate-10000.ts');
  const full = k6BuildOptions(generation, planFilePath(), [entry], dir);
  await esbuild.build({ ...full, entryPoints: { full: entry } });
  await esbuild.build({
    ...full,
    entryPoints: undefined,
    outdir: undefined,
    outfile: join(dir, 'load.js'),
    stdin: { contents: LOAD_ONLY_ENTRY, resolveDir: join(projectRoot, 'tests'), loader: 'ts' },
  });
  const standIn = join(dir, 'ultimate-10000.js');
  writeFileSync(standIn, SPLIT_STAND_IN);
  return standIn;
}

/** The production build without the lazy summary: what every VU evaluated before it. */
const eagerSummary = (o: esbuild.BuildOptions): esbuild.BuildOptions => ({
  ...o,
  plugins: (o.plugins ?? []).filter((plugin) => plugin.name !== 'lazy-module'),
});

export const BUNDLE_VARIANTS: BundleVariant[] = [
  {
    id: 'minified',
    what: 'minified, external source map',
    tweak: (o) => ({ ...o, minify: true, sourcemap: 'external' }),
  },
  {
    id: 'no-summary',
    what: 'handleSummary code left out',
    tweak: eagerSummary,
    stubs: { 'lib/summary/handle-summary.ts': 'export function summarize() { return {}; }' },
  },
  {
    id: 'no-redis',
    what: 'Redis module import left out',
    stubs: { 'lib/k6/redis-client.ts': 'export async function redisClient() { return undefined; }' },
  },
  { id: 'eager-summary', what: 'summary code evaluated in every VU (before)', tweak: eagerSummary },
  { id: 'commonjs', what: 'CommonJS instead of ES module', tweak: (o) => ({ ...o, format: 'cjs' }) },
  {
    id: 'split-vu0',
    what: 'split by VU role (whole suite in __VU 0 only)',
    custom: buildSplitByRole,
  },
];

function stubPlugin(stubs: Record<string, string>): esbuild.Plugin {
  const byPath = new Map(Object.entries(stubs).map(([file, text]) => [join(projectRoot, file), text]));
  return {
    name: 'bench-stubs',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = byPath.get(args.path);
        return text === undefined ? undefined : { contents: text, loader: 'ts' };
      });
    },
  };
}

/** Builds ultimate-10000 as `variant` into outdir; returns the bundle's path. */
export async function buildVariant(
  variant: BundleVariant,
  generation: K6Generation,
  outdir: string,
): Promise<string> {
  if (variant.custom) return variant.custom(generation, outdir);
  const entry = join(projectRoot, 'tests', 'ultimate-10000.ts');
  const base = k6BuildOptions(generation, planFilePath(), [entry], join(outdir, variant.id));
  const options = variant.tweak ? variant.tweak(base) : base;
  const plugins = [...(options.plugins ?? [])];
  if (variant.stubs) plugins.unshift(stubPlugin(variant.stubs));
  await esbuild.build({ ...options, plugins });
  return join(outdir, variant.id, 'ultimate-10000.js');
}
