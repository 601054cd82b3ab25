// `npm run sensitivity -- --limits`: for each graded defect in the run, the smallest size (DEFECT_SIZE)
// the suite catches, found by bisection below the size the matrix ran (whose outcome is the first step),
// each run the same quick-scale case as the matrix's, and how that compares with the bound it relates to.
import type { Plan } from '../../../lib/plan.ts';
import {
  defectServiceEnv,
  GRADED_DEFECTS,
  type GradedDefect,
  isGraded,
} from '../../../server/defects/setting.ts';
import { type CaseOutcome, defectRow } from './case-verdict.ts';
import { type DefectLimit, findings, type LimitStep, nextSize, type SearchBounds } from './limit-search.ts';
import type { SensitivityCase } from './matrix.ts';
import { type CaseContext, runCase, SENSITIVITY_SOAK } from './run-cases.ts';

/** Runs per defect at most: a soak judges memory only after 5 minutes, so its search is shorter. */
const MAX_RUNS = { k6: 5, drill: 5, soak: 3 } as const;

const LIMITED_BY: Record<GradedDefect, string> = {
  'slow-redis':
    'the p50 bound less the healthy p50 on this machine, divided by the Redis calls a request makes (one per protected call): a delay shows only once it pushes the median over the bound',
  'early-logout-ack':
    'the time from the logout answer to the first check of the revoked token, one request on a fresh connection: a write that lands before that check is not seen',
  'revocation-cache':
    'which worker a check of the revoked token reaches, and how long after that worker last answered for the token: the suite checks on fresh connections, spread by the cluster over its workers, and only a worker still remembering the token lets it in',
  'memory-leak':
    "the soak's heap-floor slope over 5 minutes against its bound, at the matrix soak's request rate; a healthy worker's floor moves too (GC timing), which sets the smallest slope that stands out",
};

/** Requests per minute each worker of the matrix's soak serves, from its users and mean think time. */
export function soakRequestsPerWorkerMinute(): number {
  const meanThinkS = (SENSITIVITY_SOAK.thinkMinS + SENSITIVITY_SOAK.thinkMaxS) / 2;
  return (SENSITIVITY_SOAK.users / meanThinkS / SENSITIVITY_SOAK.workers) * 60;
}

function goalFor(defect: GradedDefect, plan: Plan): { size: number; text: string } | undefined {
  if (defect === 'early-logout-ack') return { size: 50, text: 'a revocation written 50 ms late is caught' };
  if (defect !== 'memory-leak') return undefined;
  const bound = plan.soak.target.memory_slope_mb_per_min;
  if (bound === undefined) return undefined;
  const perMinute = soakRequestsPerWorkerMinute();
  const bytes = Math.round((2 * bound.value * 1024 * 1024) / perMinute);
  return {
    size: bytes,
    text: `a leak of twice the soak bound is caught (${2 * bound.value} MB/min per worker: ${bytes} bytes per request at about ${Math.round(perMinute)} requests/min per worker)`,
  };
}

function stepOf(spec: SensitivityCase, size: number, outcome: CaseOutcome): LimitStep {
  const row = defectRow(spec, outcome);
  return {
    size,
    result: row.result,
    measured: row.measured,
    gate: row.gate,
    exitCode: row.exitCode,
    ...(row.why === undefined ? {} : { why: row.why }),
  };
}

/** The case at another size: its own results folder, and the size in its service settings. */
export function sizedCase(spec: SensitivityCase, size: number): SensitivityCase {
  return {
    ...spec,
    id: `${spec.id}@${size}`,
    size,
    serviceEnv: defectServiceEnv(spec.id, size),
    phase: 'sequential',
  };
}

export async function searchLimit(
  spec: SensitivityCase & { id: GradedDefect },
  matrixOutcome: CaseOutcome | undefined,
  context: CaseContext,
  onStart: (spec: SensitivityCase) => void,
): Promise<DefectLimit> {
  const grade = GRADED_DEFECTS[spec.id];
  const goal = goalFor(spec.id, context.plan);
  const bounds: SearchBounds = {
    low: 0,
    high: spec.size ?? grade.default,
    resolution: grade.integer ? 1 : 0.25,
    maxRuns: MAX_RUNS[spec.kind],
    ...(goal === undefined ? {} : { goal: goal.size }),
  };
  const steps: LimitStep[] = matrixOutcome ? [stepOf(spec, bounds.high, matrixOutcome)] : [];
  let bound: string | null = matrixOutcome?.criteria.find((c) => c.key === spec.criterion)?.bound ?? null;
  for (let size = nextSize(bounds, steps); size !== undefined; size = nextSize(bounds, steps)) {
    const sized = sizedCase(spec, size);
    onStart(sized);
    const outcome = await runCase(sized, context);
    bound ??= outcome.criteria.find((c) => c.key === spec.criterion)?.bound ?? null;
    steps.push(stepOf(spec, size, outcome));
  }
  const found = findings(steps);
  const goalStep = goal === undefined ? undefined : steps.find((s) => s.size === goal.size);
  return {
    defect: spec.id,
    unit: grade.unit,
    test: spec.test,
    criterion: spec.criterion ?? '',
    bound,
    steps: [...steps].sort((a, b) => a.size - b.size),
    ...found,
    ...(goal === undefined
      ? {}
      : {
          goal: {
            ...goal,
            met:
              found.smallestCaught !== null && found.smallestCaught <= goal.size
                ? true
                : goalStep
                  ? false
                  : null,
          },
        }),
    limitedBy: LIMITED_BY[spec.id],
  };
}

/** The graded defects among `cases`, searched one after another (never beside other runs: sizes are timings). */
export async function searchLimits(
  cases: readonly SensitivityCase[],
  outcomes: ReadonlyMap<string, CaseOutcome>,
  context: CaseContext,
  onStart: (spec: SensitivityCase) => void,
): Promise<DefectLimit[]> {
  const limits: DefectLimit[] = [];
  for (const spec of cases) {
    if (spec.defect === undefined || !isGraded(spec.id)) continue;
    limits.push(
      await searchLimit(
        spec as SensitivityCase & { id: GradedDefect },
        outcomes.get(spec.id),
        context,
        onStart,
      ),
    );
  }
  return limits;
}
