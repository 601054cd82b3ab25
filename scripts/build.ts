// `npm run build`: bundles tests/*.ts into build/<test>.js and the reference service into build/service/.
// Usage: npm run build [-- --k6=1|2]   (default: the generation of the installed k6, else 2)
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundleK6Tests, bundleService, generationOf, type K6Generation } from './lib/bundle/bundle.ts';
import { reportsDir } from './lib/paths.ts';
import { loadPlan, planFilePath } from './lib/plan/plan-file.ts';
import { findK6 } from './lib/stack/k6-binary.ts';

function chooseGeneration(flag: string | undefined): { generation: K6Generation; why: string } {
  const explicit = flag ?? process.env.K6_GENERATION;
  if (explicit) {
    if (explicit !== '1' && explicit !== '2') throw new Error(`--k6 must be 1 or 2, got "${explicit}"`);
    return { generation: Number(explicit) as K6Generation, why: 'as requested' };
  }
  const k6 = findK6();
  if (!k6) return { generation: 2, why: 'no k6 installed; newest generation' };
  return { generation: generationOf(k6.major), why: `installed k6 v${k6.version}` };
}

const { values } = parseArgs({ options: { k6: { type: 'string' } } });
const started = performance.now();
try {
  loadPlan(); // a broken thresholds.json stops the build with a message, before anything is written
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
const { generation, why } = chooseGeneration(values.k6);
const bundles = await bundleK6Tests({ generation, thresholdsFile: planFilePath() });
await bundleService();
// k6 cannot create folders: with ./reports in place (git-ignored), a standalone `k6 run build/<test>.js` from
// the project root writes its reports there instead of into the source tree.
mkdirSync(reportsDir, { recursive: true });
const ms = Math.round(performance.now() - started);
console.log(
  `built ${bundles.length} k6 tests (build/<test>.js, parts in build/parts/) for k6 v${generation}.x (${why}) and the service in ${ms} ms`,
);
