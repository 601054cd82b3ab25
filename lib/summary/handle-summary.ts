// Entry point for every bundle's handleSummary: turns k6's end-of-test data into the run's reports.
// Pure TypeScript (no k6 imports) so spec/ can feed it recorded summary data.
import type { Criterion } from '../criteria.ts';
import type { Level } from '../plan.ts';
import type { EffectiveProfile } from '../profiles.ts';

/** What the bundle knows about its own run, beyond what k6 puts into the summary data. */
export interface SummaryContext {
  test: string;
  runId: string;
  baseUrl: string;
  gate: Level;
  profile: EffectiveProfile;
  thinkTimeS: { min: number; max: number };
  probeEnabled: boolean;
  criteria: Criterion[];
  reportDir: string;
}

/** k6 handleSummary outputs: "stdout" plus report files under `${reportDir}/${runId}/${test}/`. */
export function summarize(context: SummaryContext, data: unknown): Record<string, string> {
  // Placeholder until the writers land: keeps the signature stable for lib/suite.ts.
  return {
    stdout: `${context.test}: run ${context.runId} finished\n`,
    [`${context.reportDir}/${context.runId}/${context.test}/summary.json`]: JSON.stringify(data),
  };
}
