// Diagnostic builds of ultimate-10000 with one part left out or built differently, so `npm run bench --
// --variants` can show where the suite's per-VU cost goes. They are measuring instruments only: a
// variant without the summary or the metrics is not a usable test, and none of them lands in build/.
import { join } from 'node:path';
import type * as esbuild from 'esbuild';
import { bundleK6Tests, type K6Generation } from '../bundle/bundle.ts';
import { projectRoot } from '../paths.ts';
import { planFilePath } from '../plan/plan-file.ts';

export interface BundleVariant {
  id: string;
  what: string;
  /** false: the build before the split by VU role, one file every VU evaluates whole. */
  split?: boolean;
  /** Changes to the production build options. */
  tweak?: (options: esbuild.BuildOptions) => esbuild.BuildOptions;
  /** Source files (relative to the project root) replaced by these module texts. */
  stubs?: Record<string, string>;
  /** Settings given to this variant's run on top of the suite's. */
  env?: Record<string, string>;
}

export const BUNDLE_VARIANTS: BundleVariant[] = [
  { id: 'unsplit', what: 'one file every VU evaluates whole (before the split by VU role)', split: false },
  {
    id: 'minified',
    what: 'minified, external source map',
    tweak: (o) => ({ ...o, minify: true, sourcemap: 'external' }),
  },
  // Per-request work the trivial script does not do (the CPU ratio): each a feature, measured by its absence.
  {
    id: 'no-steady-count',
    what: 'without the steady-window counter (a Counter sample per answer; thresholds off)',
    // Nothing is counted, so the throughput threshold would fail the run: k6 evaluates none here.
    env: { K6_NO_THRESHOLDS: 'true' },
    stubs: {
      'lib/k6/steady-window.ts': 'export function setSteadyWindow() {}\nexport function countIfSteady() {}\n',
    },
  },
  {
    id: 'no-worker-header',
    what: 'without reading the worker header of each answer (WORKER_HEADER=)',
    env: { WORKER_HEADER: '' },
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

/** Builds ultimate-10000 as `variant` into outdir; returns the script k6 runs. */
export async function buildVariant(
  variant: BundleVariant,
  generation: K6Generation,
  outdir: string,
): Promise<string> {
  const stubs = variant.stubs;
  const [script] = await bundleK6Tests({
    generation,
    thresholdsFile: planFilePath(),
    tests: ['ultimate-10000'],
    outdir: join(outdir, variant.id),
    split: variant.split ?? true,
    tweak: (options) => {
      const tweaked = variant.tweak ? variant.tweak(options) : options;
      if (!stubs) return tweaked;
      return { ...tweaked, plugins: [stubPlugin(stubs), ...(tweaked.plugins ?? [])] };
    },
  });
  if (!script) throw new Error(`the ${variant.id} build wrote no script`);
  return script;
}
