// Samples resource use while a test runs: each service worker and the load generator from /proc (Linux),
// Redis from INFO. /proc rather than the service's /metrics, so the reading does not depend on the
// service's metric names and costs the service nothing; on a system without /proc the process parts are
// left out and the report says so.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import {
  type MachineSample,
  machineCpuPct,
  type ProcessSample,
  parseProcStat,
  parseProcStatCpu,
  parseRedisInfo,
  parseVmRssMb,
  processUse,
  type RedisInfoSample,
  type ResourcesFile,
  redisUse,
} from '../analysis/resources.ts';

export interface SamplerTargets {
  /** PID of the service's cluster primary, or of each instance's: their children are the workers. */
  servicePid?: number | number[];
  redisUrl?: string;
  sampleEveryS?: number;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const value = Number(answer.stdout?.trim());
    ticksPerSecond = value > 0 ? value : 100;
  }
  return ticksPerSecond;
}

function readProcess(pid: number, t: number): (ProcessSample & { ppid: number }) | undefined {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const rssMb = parseVmRssMb(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!stat || rssMb === undefined) return undefined;
    return { t, cpuS: stat.cpuTicks / clockTicks(), rssMb, ppid: stat.ppid };
  } catch {
    return undefined; // the process has exited
  }
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat?.ppid === parent) pids.push(Number(entry));
    } catch {
      // gone between readdir and read
    }
  }
  return pids;
}

export interface ResourceSampler {
  /** The load generator's PID, once k6 has started. */
  setLoadGenerator(pid: number): void;
  /** Stops sampling and summarises; calling it again returns the same summary. */
  stop(): Promise<ResourcesFile>;
}

export function startResourceSampler(targets: SamplerTargets): ResourceSampler {
  const everyS = targets.sampleEveryS ?? 1;
  const hasProc = existsSync('/proc/self/stat');
  const workers = new Map<number, ProcessSample[]>();
  const generator: ProcessSample[] = [];
  const redisSamples: RedisInfoSample[] = [];
  const machine: MachineSample[] = [];
  let generatorPid: number | undefined;
  const redis = targets.redisUrl
    ? new Redis(targets.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : undefined;
  redis?.on('error', () => {}); // a missed INFO sample is not a failure of the run
  const connected = redis?.connect().catch(() => {});

  const primaries = targets.servicePid === undefined ? [] : [targets.servicePid].flat();
  const tick = async () => {
    const t = Date.now();
    // Workers are re-listed every tick so a worker the primary restarts is followed too.
    for (const primary of hasProc ? primaries : []) {
      for (const pid of childrenOf(primary)) {
        const sample = readProcess(pid, t);
        if (sample) workers.set(pid, [...(workers.get(pid) ?? []), sample]);
      }
    }
    if (hasProc) {
      const sample = parseProcStatCpu(readFileSync('/proc/stat', 'utf8'), t);
      if (sample) machine.push(sample);
    }
    if (hasProc && generatorPid !== undefined) {
      const sample = readProcess(generatorPid, t);
      if (sample) generator.push(sample);
    }
    if (redis) {
      await connected;
      const info = await redis.info().catch(() => undefined);
      const sample = info ? parseRedisInfo(info, Date.now()) : undefined;
      if (sample) redisSamples.push(sample);
    }
  };
  // Ticks run one after another (never two INFO calls at once); a failed tick is a missed sample.
  const safeTick = () => tick().catch(() => {});
  let pending: Promise<void> = safeTick();
  const timer = setInterval(() => {
    pending = pending.then(safeTick);
  }, everyS * 1000);

  const summarise = async (): Promise<ResourcesFile> => {
    clearInterval(timer);
    await pending.then(safeTick);
    redis?.disconnect();
    const notes: string[] = [];
    if (!hasProc) notes.push('no /proc on this system: worker and load-generator CPU and memory not sampled');
    if (primaries.length === 0) notes.push('external service: its workers are not visible from here');
    if (!redis) notes.push('no REDIS_URL: Redis CPU and ops/s not sampled');
    const workerUse = [...workers.entries()]
      .filter(([, samples]) => samples.length >= 2)
      .map(([pid, samples]) => processUse(`worker ${pid}`, samples));
    return {
      schema: 'auth-loadtest/resources@1',
      sampleEveryS: everyS,
      cores: cpus().length,
      workers: workerUse,
      serviceCpuPctMean:
        Math.round(workerUse.reduce((sum, use) => sum + (use.cpuPctMean || 0), 0) * 100) / 100,
      ...(redisSamples.length >= 2 ? { redis: redisUse(redisSamples) } : {}),
      ...(generator.length >= 2 ? { loadGenerator: processUse('k6', generator) } : {}),
      ...(machine.length >= 2 ? { machineCpuPctMean: machineCpuPct(machine, cpus().length) } : {}),
      notes,
    };
  };
  let stopped: Promise<ResourcesFile> | undefined;

  return {
    setLoadGenerator(pid) {
      // Means cover the load from here on, not the idle time before k6 started.
      pending = pending.then(() => {
        generatorPid = pid;
        workers.clear();
        redisSamples.length = 0;
        machine.length = 0;
        return safeTick();
      });
    },
    stop() {
      stopped ??= summarise();
      return stopped;
    },
  };
}
