// `npm run compare -- <baseline> <current> [--tolerance 0.1]`: the regression gate between two runs.
// Each side is a run folder (reports/<run-id>), a test folder or a summary.json. Exit 0: no tier got
// slower (p95, p99) or carried less (steady throughput) by more than the tolerance; 1: one did;
// 2: the input could not be compared (missing path, not a run record, no tier in common, bad tolerance).
import { parseArgs } from 'node:util';
import { compareRuns, parseTolerance } from './lib/compare/compare-runs.ts';
import { formatComparison } from './lib/compare/format-comparison.ts';
import { readRecords } from './lib/compare/read-records.ts';
import { recordsByTier } from './lib/compare/records-by-tier.ts';

const USAGE = 'usage: npm run compare -- <baseline> <current> [--tolerance 0.1]';

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<
  typeof parseArgs<{ options: { tolerance: { type: 'string' } }; allowPositionals: true }>
>;
try {
  parsed = parseArgs({ options: { tolerance: { type: 'string' } }, allowPositionals: true });
} catch (error) {
  fail((error as Error).message);
}
const [baselinePath, currentPath, ...extra] = parsed.positionals;
if (!baselinePath || !currentPath || extra.length > 0)
  fail('name exactly two runs: the baseline, then the current one');

try {
  const tolerance = parseTolerance(parsed.values.tolerance, process.env.COMPARE_TOLERANCE);
  const comparison = compareRuns(
    recordsByTier(readRecords(baselinePath)),
    recordsByTier(readRecords(currentPath)),
    tolerance,
  );
  if (comparison.tiers.length === 0) fail('the two runs have no test in common');
  console.log(formatComparison(comparison, baselinePath, currentPath));
  process.exit(comparison.regressions.length === 0 ? 0 : 1);
} catch (error) {
  fail((error as Error).message);
}
