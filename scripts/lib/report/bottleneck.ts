// Which resource saturated first, read from the measurements of the largest load tier (CPU of the
// workers, Redis and k6 against the machine's cores; wrong answers by category; the scalability runs),
// and recommendations drawn from the same numbers. Nothing here is a guess: every line quotes what it
// is based on, and a part with no measurement says so.
import { formatNumber, formatPercent } from '../../../lib/summary/format.ts';
import type { ResourcesFile } from '../analysis/resources.ts';
import type { PlanRunData, TestRun } from './read-run-folder.ts';

export interface Utilisation {
  resource: string;
  /** Share of what the resource can give (1 = saturated). */
  share: number;
  evidence: string;
}

export interface Bottleneck {
  /** The tier the reading is based on. */
  basis: string | undefined;
  /** Highest share first. */
  utilisation: Utilisation[];
  /** The first resource at or above SATURATED, if any. */
  saturated: Utilisation | undefined;
  findings: string[];
  recommendations: string[];
}

/** A resource this busy on average leaves no room for bursts: queueing grows faster than load. */
export const SATURATED = 0.8;

const pct = (value: number) => `${formatNumber(value)}%`;

function utilisation(resources: ResourcesFile): Utilisation[] {
  const out: Utilisation[] = [];
  const machine = resources.cores * 100;
  const workers = resources.workers;
  if (workers.length > 0) {
    // A worker is one Node event loop: one core at most. Workers beyond the cores share them.
    const usable = Math.min(workers.length, resources.cores) * 100;
    out.push({
      resource: 'service CPU (all workers)',
      share: resources.serviceCpuPctMean / usable,
      evidence: `${pct(resources.serviceCpuPctMean)} of one core over ${workers.length} workers (at most ${pct(usable)} usable on ${resources.cores} cores)`,
    });
    const busiest = workers.reduce((a, b) => (b.cpuPctMean > a.cpuPctMean ? b : a));
    out.push({
      resource: 'busiest worker (one event loop)',
      share: busiest.cpuPctMean / 100,
      evidence: `${busiest.label} at ${pct(busiest.cpuPctMean)} of one core (peak second ${pct(busiest.cpuPctPeak)})`,
    });
  }
  if (resources.redis) {
    out.push({
      resource: 'Redis (single-threaded)',
      share: resources.redis.cpuPctMean / 100,
      evidence: `${pct(resources.redis.cpuPctMean)} of one core at ${formatNumber(resources.redis.opsPerSecMean)} ops/s`,
    });
  }
  if (resources.loadGenerator) {
    out.push({
      resource: 'load generator (k6)',
      share: resources.loadGenerator.cpuPctMean / machine,
      evidence: `${pct(resources.loadGenerator.cpuPctMean)} of one core, ${formatPercent(resources.loadGenerator.cpuPctMean / machine)} of the machine`,
    });
  }
  const total =
    resources.serviceCpuPctMean +
    (resources.redis?.cpuPctMean ?? 0) +
    (resources.loadGenerator?.cpuPctMean ?? 0);
  if (resources.machineCpuPctMean !== undefined) {
    // Everything that ran on the machine, this run's processes and any other: a busy neighbour shows here.
    const others = Math.max(0, resources.machineCpuPctMean - total);
    out.push({
      resource: 'machine CPU (every process)',
      share: resources.machineCpuPctMean / machine,
      evidence: `${pct(resources.machineCpuPctMean)} of ${pct(machine)} (${resources.cores} cores): service + Redis + k6 ${pct(total)}, other processes ${pct(others)}`,
    });
  } else if (workers.length > 0 || resources.loadGenerator) {
    out.push({
      resource: 'machine CPU (service + Redis + k6)',
      share: total / machine,
      evidence: `${pct(total)} of ${pct(machine)} (${resources.cores} cores)`,
    });
  }
  return out.sort((a, b) => b.share - a.share);
}

function largestTier(runs: TestRun[]): TestRun | undefined {
  return runs
    .filter((run) => run.record.profile.workload === 'authentication' && run.resources)
    .sort((a, b) => b.record.profile.users - a.record.profile.users)[0];
}

function scryptCost(data: PlanRunData): string | undefined {
  if (data.info?.scryptCost !== undefined) return String(data.info.scryptCost);
  const note = data.info?.notes?.map((n) => /SCRYPT_COST=(\d+)/.exec(n)).find(Boolean);
  return note?.[1];
}

export function bottleneck(data: PlanRunData): Bottleneck {
  const tier = largestTier(data.runs);
  const findings: string[] = [];
  const recommendations: string[] = [];
  const list = tier?.resources ? utilisation(tier.resources) : [];
  const saturated = list.find((u) => u.share >= SATURATED);

  if (tier) {
    findings.push(
      saturated
        ? `At ${tier.folder} (${formatNumber(tier.record.profile.users)} users) ${saturated.resource} was saturated first: ${saturated.evidence}.`
        : list.length
          ? `At ${tier.folder} (${formatNumber(tier.record.profile.users)} users) no resource reached ${formatPercent(SATURATED)}; the busiest was ${list[0].resource}: ${list[0].evidence}.`
          : `No resource samples for ${tier.folder}.`,
    );
    const login = tier.endpoints?.find((row) => row.name === 'login');
    const others = tier.endpoints?.filter((row) => row.name !== 'login' && row.name !== 'Aggregated') ?? [];
    const service = tier.resources?.serviceCpuPctMean;
    if (login && service !== undefined && service > 0) {
      const cost = scryptCost(data);
      const otherRps = others.reduce((sum, row) => sum + (row.requestsPerS || 0), 0);
      // Every request's CPU is counted against logins: a ceiling on the CPU per login, a floor on logins per core.
      const perCore = login.requestsPerS / (service / 100);
      const cpuMsPerLogin = (service / 100 / login.requestsPerS) * 1000;
      findings.push(
        `Password hashing: ${formatNumber(login.requestsPerS)} logins/s (p50 ${formatNumber(login.p50Ms)} ms, p95 ${formatNumber(login.p95Ms)} ms) beside ${formatNumber(otherRps)} other req/s used ${pct(service)} of one core in the workers${cost ? ` at SCRYPT_COST=${cost}` : ''}.`,
      );
      recommendations.push(
        `Size login capacity from the CPU a login costs: at most ${formatNumber(cpuMsPerLogin)} ms of worker CPU per login (all worker CPU counted against logins), so one worker core serves at least ${formatNumber(perCore)} logins/s${cost ? ` at SCRYPT_COST=${cost}` : ''}. Each +1 of SCRYPT_COST doubles the hashing work: about half the logins per core.`,
      );
    }
    const errors = tier.errors;
    if (errors && errors.wrong > 0) {
      const top = Object.entries(errors.byCategory)
        .filter(([, count]) => count > 0)
        .map(([category, count]) => `${category} ${count}`)
        .join(', ');
      findings.push(`Wrong answers at ${tier.folder}: ${errors.wrong} (${top}).`);
      if (errors.byCategory.connection + errors.byCategory.timeout > 0)
        recommendations.push(
          'Connection errors or timeouts appeared: check the listen backlog and file-descriptor limits before adding workers.',
        );
    }
  }

  const generator = list.find((u) => u.resource.startsWith('load generator'));
  if (generator && generator.share >= 0.3)
    recommendations.push(
      `k6 used ${formatPercent(generator.share)} of the machine it shared with the service: run the load generator on its own machine for numbers that are the service's alone.`,
    );
  const redis = list.find((u) => u.resource.startsWith('Redis'));
  if (redis && redis.share < SATURATED) findings.push(`Redis was not the limit: ${redis.evidence}.`);
  const machine = list.find((u) => u.resource === 'machine CPU (every process)');
  if (machine && machine.share >= SATURATED)
    recommendations.push(
      `The machine's CPU was ${formatPercent(machine.share)} busy (${machine.evidence}): latency here includes waiting for a CPU; rerun on an idle machine or with fewer users before reading it as the service's.`,
    );

  const scaling = data.scalability;
  if (scaling) {
    const best = scaling.rows.filter((row) => row.state === 'redis' && row.efficiency !== undefined);
    const widest = best.sort((a, b) => b.workers - a.workers)[0];
    if (widest?.efficiency !== undefined) {
      findings.push(
        `Scaling: ${widest.workers} workers gave ${formatNumber(widest.throughputRps)} req/s, efficiency ${formatNumber(widest.efficiency)} against one worker (1.0 = linear) on ${scaling.cores} cores.`,
      );
      if (widest.workers > scaling.cores)
        recommendations.push(
          `${widest.workers} workers on ${scaling.cores} cores share CPUs (and share them with k6 here): run one worker per free core; measure scaling on a machine with at least ${widest.workers} cores for the service alone.`,
        );
    }
    const memory = scaling.rows.find((row) => row.state === 'memory');
    const redis4 = scaling.rows.find((row) => row.state === 'redis' && row.workers === memory?.workers);
    if (memory && redis4 && redis4.throughputRps > 0)
      findings.push(
        `Shared state cost: ${memory.workers} workers with Redis gave ${formatPercent(redis4.throughputRps / memory.throughputRps)} of the throughput of per-worker memory (${formatNumber(redis4.throughputRps)} vs ${formatNumber(memory.throughputRps)} req/s), and memory state answered ${memory.failures} requests wrongly.`,
      );
  }
  if (data.capacity?.breakingPoint)
    findings.push(
      `Capacity: the first step to miss a target had ${formatNumber(data.capacity.breakingPoint.users)} users (${data.capacity.breakingPoint.criteria.join(', ')}).`,
    );
  return { basis: tier?.folder, utilisation: list, saturated, findings, recommendations };
}
