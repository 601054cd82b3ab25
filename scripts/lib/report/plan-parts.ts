// Judges each part of a plan execution from typed results: a k6 test from its run record and k6's exit
// code, a drill or the soak from its JSON, the STATE=memory comparison from whether the suite caught the
// defect. Never from display words: outcomeOf/passesGate decide a k6 criterion, `pass`/`note` a judged one.
import { type CriterionResult, measuredElsewhere, outcomeOf, passesGate } from '../../../lib/criteria.ts';
import { unitOf } from '../../../lib/criteria-catalogue.ts';
import { criterionRow } from '../../../lib/summary/criterion-rows.ts';
import { formatBoundValue, formatValue } from '../../../lib/summary/format.ts';
import type { JudgedCriterion } from '../run-folder/types.ts';
import type { TestRun } from './read-run-folder.ts';
import type { Finding } from './verdict-reasons.ts';

/** pass and fail are judgements; unjudged: it ran but could not be judged; not-run: it left nothing. */
export type PartOutcome = 'pass' | 'fail' | 'unjudged' | 'not-run';

export interface PlanPart {
  /** "stress-5000", "stress-5000@memory", "failover drill (sigkill)", "soak". */
  name: string;
  kind: 'k6 test' | 'comparison' | 'drill' | 'soak';
  outcome: PartOutcome;
  /** What kept the part from passing; empty when it passed. */
  findings: Finding[];
  /** Not run because the plan ran against an external service, where this part cannot run. */
  cannotRunExternally?: boolean;
  /** A sentence on what the part showed, for parts whose pass is not obvious (the comparison). */
  detail?: string;
}

const K6_EXIT_MEANING: Record<number, string> = {
  99: 'a target of thresholds.json was missed or not measured',
  107: 'a script or configuration error stopped it',
  108: 'setup() aborted the run before load',
};

function k6Exit(code: number): string {
  return `k6 exited ${code}: ${K6_EXIT_MEANING[code] ?? 'the run did not finish; see its k6.log'}`;
}

function criterionFinding(scope: string, result: CriterionResult): Finding {
  const row = criterionRow(result);
  const outcome = outcomeOf(result);
  return {
    scope,
    word: outcome === 'not-run' ? 'NOT RUN' : outcome === 'not-measured' ? 'NOT MEASURED' : 'FAIL',
    what: `${row.label} (${row.key}, ${row.level})`,
    measured: row.measured,
    bound: row.plannedBound ? `${row.bound} (plan ${row.plannedBound})` : row.bound,
    ...(row.note === undefined ? {} : { why: row.note }),
  };
}

/**
 * A k6 test: its gating criteria must pass (or be opted out of by name) and k6 must exit 0. A test with no
 * summary.json did not run, unless k6's exit code says it did: then exit 0 is unjudged, any other a FAIL.
 */
export function judgeK6Test(
  folder: string,
  run: TestRun | undefined,
  exitCode: number | undefined,
): PlanPart {
  const part = (findings: Finding[], outcome: PartOutcome): PlanPart => ({
    name: folder,
    kind: 'k6 test',
    outcome,
    findings,
  });
  const k6Finding = (code: number, why: string): Finding => ({
    scope: folder,
    word: 'FAIL',
    what: k6Exit(code),
    why,
  });
  if (!run) {
    if (exitCode === undefined)
      return part(
        [{ scope: folder, word: 'NOT RUN', what: 'k6 test', why: 'no summary.json: the test did not run' }],
        'not-run',
      );
    if (exitCode === 0)
      return part(
        [{ scope: folder, word: 'NOT JUDGED', what: 'k6 test', why: 'k6 exited 0 but left no summary.json' }],
        'unjudged',
      );
    return part([k6Finding(exitCode, 'and it left no summary.json')], 'fail');
  }
  if (run.record.abortedBeforeLoad) {
    return part(
      [
        {
          scope: folder,
          word: 'FAIL',
          what: 'k6 test',
          why: `aborted before load (setup); no criterion was judged${exitCode === undefined ? '' : ` (k6 exit ${exitCode})`}`,
        },
      ],
      'fail',
    );
  }
  const findings = run.record.criteria
    .filter((result) => result.gating && !measuredElsewhere(result) && !passesGate(result))
    .map((result) => criterionFinding(folder, result));
  // Exit 99 with a failed criterion says nothing more; any other non-zero exit, or 99 with every criterion
  // passed, is a fact of its own (the run broke, or the gate and the record disagree).
  if (exitCode !== undefined && exitCode !== 0 && (exitCode !== 99 || findings.length === 0))
    findings.push(
      k6Finding(
        exitCode,
        exitCode === 99 ? 'though every criterion of summary.json passed' : 'see its k6.log',
      ),
    );
  // Every finding here failed k6's gate, a NOT RUN criterion without an opt-out included (it still gates).
  return part(findings, findings.length > 0 ? 'fail' : 'pass');
}

/** A drill or soak criterion's outcome from its typed result (results written before `outcome` included). */
function judgedCriterionOutcome(criterion: JudgedCriterion): PartOutcome {
  if (criterion.outcome === 'pass') return 'pass';
  if (criterion.outcome === 'fail') return 'fail';
  if (criterion.outcome === 'not-measured') return 'unjudged';
  // Older results: a note set a measured value aside; measured null without one could not be measured (a fail).
  if (criterion.note !== undefined) return 'unjudged';
  return criterion.pass === true ? 'pass' : 'fail';
}

function judgedFinding(scope: string, criterion: JudgedCriterion, outcome: PartOutcome): Finding {
  const unit = unitOf(criterion.key);
  const base = {
    scope,
    what: `${criterion.label} (${criterion.key})`,
    measured: formatValue(criterion.measured ?? undefined, unit),
    bound: formatBoundValue(criterion.bound, unit),
  };
  if (outcome === 'unjudged')
    return { ...base, word: 'NOT JUDGED', why: criterion.reason ?? criterion.note ?? 'not measured' };
  if (criterion.outcome === undefined && criterion.pass === null) return { ...base, word: 'NOT MEASURED' };
  return { ...base, word: 'FAIL' };
}

/** The worst of several outcomes: a fail decides, then anything not judged. */
function worst(outcomes: PartOutcome[]): PartOutcome {
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.some((outcome) => outcome !== 'pass')) return 'unjudged';
  return 'pass';
}

/** A drill or the soak: every criterion judged and passed, its own verdict pass, its k6 run exited 0. */
export function judgeJudgedPart(
  name: string,
  kind: 'drill' | 'soak',
  result: { criteria: JudgedCriterion[]; verdict: 'pass' | 'fail'; k6ExitCode?: number } | undefined,
  missingFile: string,
): PlanPart {
  if (!result) {
    return {
      name,
      kind,
      outcome: 'not-run',
      findings: [
        {
          scope: name,
          word: 'NOT RUN',
          what: kind === 'drill' ? 'Redis failure drill' : 'soak verdict',
          why: `${missingFile} is missing`,
        },
      ],
    };
  }
  const findings: Finding[] = [];
  const outcomes: PartOutcome[] = [];
  for (const criterion of result.criteria) {
    const outcome = judgedCriterionOutcome(criterion);
    outcomes.push(outcome);
    if (outcome !== 'pass') findings.push(judgedFinding(name, criterion, outcome));
  }
  if (result.verdict === 'fail' && !outcomes.includes('fail')) {
    outcomes.push('fail');
    findings.push({
      scope: name,
      word: 'FAIL',
      what: `the ${kind}'s own verdict`,
      why: 'fail, though no criterion failed (see its JSON)',
    });
  }
  // The soak's k6 run is the sustained-5000 test, judged there; the drill's k6 run has no folder of its own.
  if (kind === 'drill' && result.k6ExitCode !== undefined && result.k6ExitCode !== 0) {
    outcomes.push('fail');
    findings.push({ scope: name, word: 'FAIL', what: k6Exit(result.k6ExitCode), why: 'during the drill' });
  }
  return { name, kind, outcome: worst(outcomes), findings };
}

/**
 * The STATE=memory comparison passes only when the suite caught the defect it exists to catch: revoked
 * tokens were accepted, that criterion failed its gate, and k6 exited 99 (when its exit code is known).
 */
export function judgeComparison(
  folder: string,
  run: TestRun | undefined,
  exitCode: number | undefined,
): PlanPart {
  const name = folder;
  if (!run && exitCode === undefined) {
    return {
      name,
      kind: 'comparison',
      outcome: 'not-run',
      findings: [
        {
          scope: folder,
          word: 'NOT RUN',
          what: 'STATE=memory comparison',
          why: 'no summary.json: it did not run',
        },
      ],
    };
  }
  const accepted = run?.record.criteria.find(
    (result) => result.key === 'revoked_token_accepted' && result.level === 'target',
  );
  const count = accepted?.measured;
  const gateFailed = accepted !== undefined && outcomeOf(accepted) === 'fail';
  const caught =
    count !== undefined && count > 0 && gateFailed && (exitCode === undefined || exitCode === 99);
  const exitText = exitCode === undefined ? 'k6 exit not recorded' : `k6 exit ${exitCode}`;
  const measured = `${count === undefined ? 'no summary.json' : `${formatValue(count, 'count')} revoked tokens accepted`}, ${exitText}`;
  if (caught) {
    return {
      name,
      kind: 'comparison',
      outcome: 'pass',
      findings: [],
      detail: `${folder} (STATE=memory): ${measured}: the suite caught the shared-state defect`,
    };
  }
  return {
    name,
    kind: 'comparison',
    outcome: 'fail',
    findings: [
      {
        scope: folder,
        word: 'FAIL',
        what: 'the suite did not catch the shared-state defect (STATE=memory)',
        measured,
        bound: 'revoked tokens accepted > 0, failing revoked_token_accepted, k6 exit 99',
      },
    ],
    detail: `${folder} (STATE=memory): ${measured}: the suite did not catch the shared-state defect`,
  };
}
