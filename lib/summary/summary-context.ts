// What a bundle knows about its own run beyond k6's summary data: handed to handleSummary and recorded in
// summary.json. Its own file, so the record builder and handleSummary do not import each other. Pure.
import type { Criterion } from '../criteria.ts';
import type { Level } from '../plan.ts';
import type { EffectiveProfile } from '../profiles.ts';
import type { RunRecord } from './run-record.ts';

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
  /**
   * k6 does not create folders for handleSummary files (v1.8.1: "could not open ...: no such file or
   * directory", the files are lost), so the bundle looks at init (see report-folder.ts): `folder` when
   * `${reportDir}/${runId}/${name}` exists (the runner makes it), `reportDir` when only REPORT_DIR exists
   * (`npm run build` makes ./reports, git-ignored): flat files there; `none`: console only, never the
   * working directory, which is usually the source tree. Left out: `folder`.
   */
  reportPlace?: ReportPlace;
  /** Folder name under the run id (e.g. "stress-5000@memory"); default: the test's name. */
  reportName?: string;
  /** setup() did not finish (an abort, such as an unreachable BASE_URL): no load ran, nothing was judged. */
  abortedBeforeLoad?: boolean;
  /** This instance's share of a test split over several k6 processes. */
  segment?: RunRecord['segment'];
  /** Where session lifetimes came from (EXPIRES_FIELD, the token's exp, or the 15-minute default). */
  tokenExpirySource?: RunRecord['tokenExpirySource'];
}

export type ReportPlace = 'folder' | 'reportDir' | 'none';
