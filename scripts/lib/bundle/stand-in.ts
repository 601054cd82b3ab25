// The file a user runs, build/<test>.js, for a test split by VU role. k6 evaluates a script's modules
// separately in every virtual user, and a VU's memory and start-up CPU grow with the code it evaluates
// (docs/bench.md). Only k6's __VU 0 instances read options, run setup() and handleSummary, so they load the
// whole test (tests/<test>.ts); a load VU loads only tests/<test>.load.ts, its workload. __VU 0 holds two
// copies of the modules both parts use, which k6 allows: a metric or SharedArray declared again under the
// same name is the same one.
//
// `require` rather than `import`, because only require can choose at init. k6 lets a VU load only the
// files __VU 0 loaded during its init (that is also what `k6 archive` packs), so __VU 0 loads both parts.
import { type K6Generation, REDIS_MODULE_SOURCE } from './redis-module.ts';

/** Where the two parts of a split test are written, relative to the stand-in. */
export function partPaths(test: string): { full: string; load: string } {
  return { full: `parts/${test}.js`, load: `parts/${test}.load.js` };
}

/** The directive that lets k6 v2 provision the Redis extension; it must be the file's first statement. */
export function redisDirective(generation: K6Generation): string {
  return generation === 2 ? `"use k6 with ${REDIS_MODULE_SOURCE}";\n` : '';
}

/** The stand-in's text: each export of the whole test, taken from whichever part this VU loaded. */
export function standInSource(test: string, exportNames: string[], generation: K6Generation): string {
  const { full, load } = partPaths(test);
  const names = [...exportNames].sort();
  const lines = names.map((name) =>
    name === 'default' ? 'export default test.default;' : `export const ${name} = test.${name};`,
  );
  return [
    `${redisDirective(generation)}// ${test}: written by npm run build (scripts/lib/bundle/stand-in.ts). k6's __VU 0 instances`,
    '// (options, setup, handleSummary) load the whole test; a load VU loads only its workload.',
    `const load = require('./${load}');`,
    `const test = __VU === 0 ? require('./${full}') : load;`,
    ...lines,
    '',
  ].join('\n');
}
