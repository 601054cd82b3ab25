// `npm run report [-- <run-dir>]`: the plan report (HTML and Markdown) of one plan execution folder,
// by default the newest under reports/. Prints the plan verdict and why, then the paths it wrote. It exits
// 0 whenever it wrote the report: the verdict is `npm start`'s exit code, not this renderer's.
// `npm run report -- --merge DIR...`: one verdict for a test split over instances (scripts/lib/merge/).
import { runMergeCommand } from './lib/merge/merge-command.ts';
import { reportsDir } from './lib/paths.ts';
import { newestRunDir } from './lib/report/newest-run.ts';

if (process.argv.includes('--merge')) process.exit(runMergeCommand(process.argv.slice(2)));
// Loaded only for the plan report: its chart renderer is slow to import and --merge does not need it.
const { writePlanReport } = await import('./lib/report/plan-report.ts');
const { verdictLines } = await import('./lib/report/plan-verdict.ts');

const named = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const runDir = named ?? newestRunDir(reportsDir);
if (!runDir) {
  console.error(`error: no run folder given and none under ${reportsDir}; run npm start first, or name one:
  npm run report -- reports/<run-id>`);
  process.exit(1);
}
try {
  const written = await writePlanReport(runDir);
  console.log(`${verdictLines(written.judgement).join('\n')}\n\n${written.html}\n${written.markdown}`);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
