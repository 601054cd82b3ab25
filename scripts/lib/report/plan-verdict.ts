// The plan's verdict over every part of an execution: each scheduled k6 test (with k6's exit code), each
// failover drill, the soak and the STATE=memory comparison. PASS only when every part was judged and
// passed; FAIL when any part failed; INCOMPLETE when nothing failed but a part was not run or not judged.
// Against an external service the drills, the soak judgement and the comparison cannot run: they are
// NOT RUN with that reason, and `npm start` accepts INCOMPLETE for them alone.
import { DRILL_VARIANTS, PLAN_ROWS } from '../../../lib/profiles.ts';
import { judgeComparison, judgeJudgedPart, judgeK6Test, type PlanPart } from './plan-parts.ts';
import type { PlanRunData } from './read-run-folder.ts';
import { reasonLines } from './verdict-reasons.ts';

export type PlanVerdict = 'PASS' | 'FAIL' | 'INCOMPLETE';

/**
 * Plan tests run by k6 alone, for run folders that do not record their schedule; "failover" runs inside the
 * drill and is judged there, and "instances" runs only with several instances (its schedule records it).
 */
export const PLAN_TESTS = Object.keys(PLAN_ROWS).filter(
  (test) => test !== 'failover' && test !== 'instances',
);

export interface PlanJudgement {
  verdict: PlanVerdict;
  parts: PlanPart[];
  /** One line per finding of every part that did not pass: failures first, each with measured value and bound. */
  reasons: string[];
  /** Whether `npm start` exits 0: PASS, or INCOMPLETE only for parts an external service cannot run. */
  acceptable: boolean;
  /** The plan ran against this external service (BASE_URL), not the embedded stack. */
  externalBaseUrl: string | undefined;
}

/** The comparison's tier when the run folder does not say (npm start runs stress-5000 against STATE=memory). */
const DEFAULT_COMPARISON = 'stress-5000@memory';

const EXTERNAL_REASON =
  "needs control of the service's Redis; not run against an external service (BASE_URL)";

function notRunExternally(name: string, kind: PlanPart['kind'], what: string): PlanPart {
  return {
    name,
    kind,
    outcome: 'not-run',
    findings: [{ scope: name, word: 'NOT RUN', what, why: EXTERNAL_REASON }],
    cannotRunExternally: true,
  };
}

function exitCodeOf(data: PlanRunData, folder: string): number | undefined {
  const recorded = data.info?.k6ExitCodes?.[folder];
  if (recorded !== undefined) return recorded;
  // Folders from before exit codes were recorded: the soak's JSON carries its k6 exit code.
  return folder === 'sustained-5000' ? data.soak?.k6ExitCode : undefined;
}

function testParts(data: PlanRunData): PlanPart[] {
  const scheduled = data.info?.schedule?.tests ?? PLAN_TESTS;
  // Tests beyond the schedule still count: a failed extra run in the folder is not hidden. "failover@<variant>"
  // is a drill's own k6 run, judged by the drill.
  const extra = data.runs
    .filter((run) => run.test !== 'failover' && !scheduled.includes(run.folder))
    .map((run) => run.folder);
  return [...scheduled, ...extra].map((folder) =>
    judgeK6Test(
      folder,
      data.runs.find((run) => run.folder === folder),
      exitCodeOf(data, folder),
    ),
  );
}

function comparisonParts(data: PlanRunData, external: boolean): PlanPart[] {
  if (external) return [notRunExternally('STATE=memory comparison', 'comparison', 'STATE=memory comparison')];
  const scheduled = data.info?.schedule?.comparison;
  const folders = new Set([...(scheduled ? [scheduled] : []), ...data.comparisons.map((run) => run.folder)]);
  if (folders.size === 0) folders.add(DEFAULT_COMPARISON);
  return [...folders].map((folder) =>
    judgeComparison(
      folder,
      data.comparisons.find((run) => run.folder === folder),
      exitCodeOf(data, folder),
    ),
  );
}

function drillParts(data: PlanRunData, external: boolean): PlanPart[] {
  return DRILL_VARIANTS.map((variant) => {
    const name = `failover drill (${variant})`;
    if (external) return notRunExternally(name, 'drill', 'Redis failure drill');
    const drill = data.drills.find((candidate) => candidate.variant === variant);
    return judgeJudgedPart(name, 'drill', drill, `failover-${variant}.json`);
  });
}

function soakPart(data: PlanRunData, external: boolean): PlanPart {
  if (external) return notRunExternally('soak', 'soak', 'soak verdict (memory, p95 drift)');
  return judgeJudgedPart('soak', 'soak', data.soak, 'soak.json');
}

export function verdictOf(parts: PlanPart[]): PlanVerdict {
  if (parts.some((part) => part.outcome === 'fail')) return 'FAIL';
  if (parts.some((part) => part.outcome !== 'pass')) return 'INCOMPLETE';
  return 'PASS';
}

export function judgePlan(data: PlanRunData): PlanJudgement {
  const externalBaseUrl = data.info?.externalBaseUrl;
  const external = externalBaseUrl !== undefined;
  const parts = [
    ...testParts(data),
    ...drillParts(data, external),
    soakPart(data, external),
    ...comparisonParts(data, external),
  ];
  const verdict = verdictOf(parts);
  const acceptable =
    verdict === 'PASS' ||
    (verdict === 'INCOMPLETE' &&
      parts.every((part) => part.outcome === 'pass' || part.cannotRunExternally === true));
  return {
    verdict,
    parts,
    reasons: reasonLines(parts.flatMap((part) => part.findings)),
    acceptable,
    externalBaseUrl,
  };
}

/** `npm start`'s exit code for a judged plan. */
export function planExitCode(judgement: PlanJudgement): number {
  return judgement.acceptable ? 0 : 1;
}

/** The verdict and why, as the console and the reports open: "PLAN VERDICT: FAIL", then one line per reason. */
export function verdictLines(judgement: PlanJudgement): string[] {
  const allowed =
    judgement.verdict === 'INCOMPLETE' && judgement.acceptable
      ? ` (accepted: the parts not run cannot run against the external service ${judgement.externalBaseUrl})`
      : '';
  return [
    `PLAN VERDICT: ${judgement.verdict}${allowed}`,
    ...judgement.reasons.map((reason) => `- ${reason}`),
  ];
}
