// The executive summary: the verdict and why, the headline numbers per load tier, and what changed against the
// previous run in the same reports folder (the run folder whose name sorts just before this one: run ids
// are timestamps).
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatNumber, formatPercent, formatValue } from '../../../lib/summary/format.ts';
import { judgePlan, type PlanJudgement, type PlanVerdict } from './plan-verdict.ts';
import { type PlanRunData, readRunFolder } from './read-run-folder.ts';
import { loadTiers, type TierRow } from './tiers.ts';

export interface Headline {
  test: string;
  users: number;
  steadyRps: number | undefined;
  p95Ms: number | undefined;
  failureRate: number | undefined;
  verdict: 'pass' | 'fail';
}

export interface PreviousRun {
  runId: string;
  verdict: PlanVerdict;
  /** One sentence per change worth a reader's attention. */
  changes: string[];
}

export interface ExecutiveSummary {
  verdict: PlanVerdict;
  /** Why the plan did not pass, one line per finding; said before any table. Empty on PASS. */
  reasons: string[];
  headlines: Headline[];
  /** Undefined when no earlier run is in the same reports folder. */
  previous: PreviousRun | undefined;
}

function headline(tier: TierRow): Headline {
  return {
    test: tier.test,
    users: tier.users,
    steadyRps: tier.steadyRps,
    p95Ms: tier.p95Ms,
    failureRate: tier.failureRate,
    verdict: tier.verdict,
  };
}

/** The newest run folder before this one that has at least one run record. */
export function previousRunDir(runDir: string): string | undefined {
  const parent = dirname(runDir);
  const current = basename(runDir);
  if (!existsSync(parent)) return undefined;
  const candidates = readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name < current && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .reverse();
  for (const name of candidates) {
    const dir = join(parent, name);
    const hasRecord = readdirSync(dir, { withFileTypes: true }).some(
      (entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'summary.json')),
    );
    if (hasRecord) return dir;
  }
  return undefined;
}

function relative(now: number | undefined, before: number | undefined): string | undefined {
  if (now === undefined || before === undefined || before === 0) return undefined;
  const change = (now - before) / before;
  return `${change >= 0 ? '+' : ''}${formatNumber(change * 100)}%`;
}

/** Changes of 10% or more in p95 or throughput, any change of verdict or of failure rate above 0.1 point. */
export function tierChanges(now: TierRow[], before: TierRow[]): string[] {
  const changes: string[] = [];
  for (const tier of now) {
    const old = before.find((candidate) => candidate.test === tier.test);
    if (!old) {
      changes.push(`${tier.test}: not in the previous run`);
      continue;
    }
    const parts: string[] = [];
    if (old.users !== tier.users)
      parts.push(`users ${formatNumber(old.users)} -> ${formatNumber(tier.users)}`);
    const p95 = relative(tier.p95Ms, old.p95Ms);
    if (
      p95 &&
      tier.p95Ms !== undefined &&
      old.p95Ms !== undefined &&
      Math.abs(tier.p95Ms / old.p95Ms - 1) >= 0.1
    )
      parts.push(`p95 ${formatValue(old.p95Ms, 'ms')} -> ${formatValue(tier.p95Ms, 'ms')} (${p95})`);
    const rps = relative(tier.steadyRps, old.steadyRps);
    if (
      rps &&
      tier.steadyRps !== undefined &&
      old.steadyRps !== undefined &&
      Math.abs(tier.steadyRps / old.steadyRps - 1) >= 0.1
    )
      parts.push(
        `throughput ${formatValue(old.steadyRps, 'req/s')} -> ${formatValue(tier.steadyRps, 'req/s')} (${rps})`,
      );
    if (
      tier.failureRate !== undefined &&
      old.failureRate !== undefined &&
      Math.abs(tier.failureRate - old.failureRate) >= 0.001
    )
      parts.push(`failure rate ${formatPercent(old.failureRate)} -> ${formatPercent(tier.failureRate)}`);
    if (old.verdict !== tier.verdict)
      parts.push(`verdict ${old.verdict.toUpperCase()} -> ${tier.verdict.toUpperCase()}`);
    if (parts.length) changes.push(`${tier.test}: ${parts.join(', ')}`);
  }
  return changes;
}

export function executiveSummary(data: PlanRunData, judgement: PlanJudgement): ExecutiveSummary {
  const { verdict } = judgement;
  const tiers = loadTiers(data.runs);
  const previousDir = previousRunDir(data.runDir);
  let previous: PreviousRun | undefined;
  if (previousDir) {
    const before = readRunFolder(previousDir);
    const beforeVerdict = judgePlan(before).verdict;
    const changes = tierChanges(tiers, loadTiers(before.runs));
    if (beforeVerdict !== verdict) changes.unshift(`plan verdict ${beforeVerdict} -> ${verdict}`);
    previous = {
      runId: before.runId,
      verdict: beforeVerdict,
      changes: changes.length
        ? changes
        : ['no change of verdict, and p95 and throughput within 10% in every tier'],
    };
  }
  return { verdict, reasons: judgement.reasons, headlines: tiers.map(headline), previous };
}
