// Resource use over a run from periodic samples: CPU % from cumulative CPU seconds, peak memory, Redis
// commands per second. Pure: the sampler collects, this summarises, the unit tests feed it series.

/** One reading of a process: cumulative CPU seconds (user + system) and resident memory. */
export interface ProcessSample {
  /** Epoch ms. */
  t: number;
  cpuS: number;
  rssMb: number;
}

/** One reading of the whole machine's CPU (/proc/stat): busy and total time, in clock ticks. */
export interface MachineSample {
  t: number;
  busyTicks: number;
  totalTicks: number;
}

/** One reading of Redis INFO. */
export interface RedisInfoSample {
  t: number;
  /** used_cpu_sys + used_cpu_user, seconds. */
  cpuS: number;
  /** total_commands_processed. */
  commands: number;
  usedMemoryMb: number;
}

export interface ProcessUse {
  label: string;
  /** CPU over the whole sampled span, % of one core (200% = two cores busy). */
  cpuPctMean: number;
  /** Busiest sampling interval, % of one core. */
  cpuPctPeak: number;
  rssMbPeak: number;
  samples: number;
}

export interface RedisUse {
  cpuPctMean: number;
  cpuPctPeak: number;
  opsPerSecMean: number;
  opsPerSecPeak: number;
  usedMemoryMbPeak: number;
  samples: number;
}

/** reports/<run-id>/<test>/resources.json */
export interface ResourcesFile {
  schema: 'auth-loadtest/resources@1';
  sampleEveryS: number;
  /** Cores of the machine, so a reader can tell 100% of one core from a saturated machine. */
  cores: number;
  workers: ProcessUse[];
  /** Sum over the workers. */
  serviceCpuPctMean: number;
  redis?: RedisUse;
  loadGenerator?: ProcessUse;
  /** Every process on the machine (this run's and anything else), % of one core: tells a busy neighbour apart. */
  machineCpuPctMean?: number;
  /** Why a part is missing (no /proc, external service ...). */
  notes: string[];
}

function rates<T extends { t: number }>(samples: T[], value: (sample: T) => number): number[] {
  const out: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i].t - samples[i - 1].t) / 1000;
    if (seconds > 0) out.push((value(samples[i]) - value(samples[i - 1])) / seconds);
  }
  return out;
}

function meanRate<T extends { t: number }>(samples: T[], value: (sample: T) => number): number {
  if (samples.length < 2) return Number.NaN;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const seconds = (last.t - first.t) / 1000;
  return seconds > 0 ? (value(last) - value(first)) / seconds : Number.NaN;
}

const peak = (values: number[]) => (values.length ? Math.max(...values) : Number.NaN);

/** Two decimals are plenty for a percentage or MB read once a second, and keep the JSON readable. */
const round = (value: number) => Math.round(value * 100) / 100;

export function processUse(label: string, samples: ProcessSample[]): ProcessUse {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  return {
    label,
    cpuPctMean: round(meanRate(sorted, (s) => s.cpuS) * 100),
    cpuPctPeak: round(peak(rates(sorted, (s) => s.cpuS)) * 100),
    rssMbPeak: round(peak(sorted.map((s) => s.rssMb))),
    samples: sorted.length,
  };
}

export function redisUse(samples: RedisInfoSample[]): RedisUse {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  return {
    cpuPctMean: round(meanRate(sorted, (s) => s.cpuS) * 100),
    cpuPctPeak: round(peak(rates(sorted, (s) => s.cpuS)) * 100),
    opsPerSecMean: round(meanRate(sorted, (s) => s.commands)),
    opsPerSecPeak: round(peak(rates(sorted, (s) => s.commands))),
    usedMemoryMbPeak: round(peak(sorted.map((s) => s.usedMemoryMb))),
    samples: sorted.length,
  };
}

/** Parses the fields of Redis INFO that the sampler needs; undefined when one is missing. */
export function parseRedisInfo(text: string, t: number): RedisInfoSample | undefined {
  const fields = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), Number(line.slice(colon + 1)));
  }
  const sys = fields.get('used_cpu_sys');
  const user = fields.get('used_cpu_user');
  const commands = fields.get('total_commands_processed');
  const memory = fields.get('used_memory');
  if (sys === undefined || user === undefined || commands === undefined || memory === undefined)
    return undefined;
  return { t, cpuS: sys + user, commands, usedMemoryMb: memory / 2 ** 20 };
}

/**
 * CPU seconds and RSS from /proc/<pid>/stat and /proc/<pid>/status. stat's fields after the command name
 * (which may hold spaces, so split after its closing parenthesis): state, ppid, ..., utime (14th field of
 * the line), stime (15th), in clock ticks.
 */
export function parseProcStat(stat: string): { ppid: number; cpuTicks: number } | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(ppid) || !Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return { ppid, cpuTicks: utime + stime };
}

/** The aggregate "cpu" line of /proc/stat: idle and iowait are not busy, everything else is. */
export function parseProcStatCpu(text: string, t: number): MachineSample | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  if (ticks.length < 4 || ticks.some((tick) => !Number.isFinite(tick))) return undefined;
  const total = ticks.reduce((sum, tick) => sum + tick, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { t, busyTicks: total - idle, totalTicks: total };
}

/** Mean machine CPU over the samples, in % of one core (cores x 100 = every core busy). */
export function machineCpuPct(samples: MachineSample[], cores: number): number {
  if (samples.length < 2) return Number.NaN;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const total = last.totalTicks - first.totalTicks;
  return total > 0 ? round(((last.busyTicks - first.busyTicks) / total) * cores * 100) : Number.NaN;
}

export function parseVmRssMb(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}
