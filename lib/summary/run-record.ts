// The machine-readable record of one k6 run: reports/<run-id>/<test>/summary.json.
// The plan report, `npm start`'s criteria table and CI read this, never k6's console output.
import type { CriterionResult } from '../criteria.ts';
import type { Level } from '../plan.ts';
import type { EffectiveProfile } from '../profiles.ts';

export const RUN_RECORD_SCHEMA = 'auth-loadtest/run@1';

export interface CheckResult {
  name: string;
  /** Group path, "" for checks outside any group. */
  group: string;
  passes: number;
  fails: number;
}

export interface RunRecord {
  schema: typeof RUN_RECORD_SCHEMA;
  test: string;
  runId: string;
  /** ISO time handleSummary ran (the end of the run). */
  finishedAt: string;
  baseUrl: string;
  gate: Level;
  /** What ran: plan row, scale, overrides, ramp and steady windows. */
  profile: EffectiveProfile;
  thinkTimeS: { min: number; max: number };
  probeEnabled: boolean;
  criteria: CriterionResult[];
  verdict: {
    /** "fail" when any target criterion failed or could not be measured. */
    target: 'pass' | 'fail';
    /** "n/a" when the test has no stretch goals. */
    stretch: 'pass' | 'fail' | 'n/a';
  };
  /** k6's summary values per metric (data.metrics[name].values). */
  metrics: Record<string, Record<string, number>>;
  /** Threshold expressions k6 itself reported as failed, as "metric: expression". */
  thresholdsFailed: string[];
  /** Every check of the run (groups flattened), so a reader sees which answers were wrong. */
  checks: CheckResult[];
  /** Wall-clock test duration in ms as k6 measured it. */
  testRunDurationMs: number;
  /** setup() aborted (unreachable service, wrong credentials ...): no load ran, no criterion was judged. */
  abortedBeforeLoad?: boolean;
  /** This instance's part of a test split over several k6 processes (execution segments). */
  segment?: { spec: string | undefined; share: number; users: number };
  /** Where session lifetimes came from: EXPIRES_FIELD, the token's exp claim, or the 15-minute default. */
  tokenExpirySource?: 'field' | 'claim' | 'default';
  /** Explicit opt-outs that turned criteria off (e.g. "REDIS_URL=off"), each with the criteria it removed. */
  optOuts?: OptOut[];
}

export interface OptOut {
  setting: string;
  criteria: string[];
}

/** What an aborted run says in place of its criteria: nothing was judged, and where the reason is. */
export const ABORTED_BEFORE_LOAD =
  'run aborted before load started (in setup); k6 printed the reason above this summary. No criterion was judged.';
