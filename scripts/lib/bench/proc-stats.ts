// Reads a process's memory high-water mark and CPU time from Linux /proc. Pure parsers plus one sampler:
// the bench polls a running k6 (or Locust) and keeps the last reading taken before the process exited.
import { readFileSync } from 'node:fs';

export interface ProcReading {
  /** Peak resident set size (VmHWM), bytes. */
  peakRssBytes: number;
  /** utime + stime, seconds (all threads). */
  cpuS: number;
}

/** VmHWM from /proc/<pid>/status, in bytes; undefined when the line is missing (kernel thread, zombie). */
export function parseVmHwmBytes(status: string): number | undefined {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * utime + stime from /proc/<pid>/stat, in clock ticks. The command name (field 2) is in parentheses and
 * may itself contain spaces or parentheses, so fields are counted from the last ')'.
 */
export function parseCpuTicks(stat: string): number {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  // After ')': field 3 (state) is index 0, so utime (field 14) is index 11 and stime (15) index 12.
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`no utime/stime in /proc/<pid>/stat: ${stat.slice(0, 80)}`);
  }
  return utime + stime;
}

/** Linux reports /proc times in USER_HZ, which is 100 on every mainstream architecture. */
export const CLOCK_TICKS_PER_S = 100;

/** One reading of a live process, or undefined once it is gone. */
export function readProc(pid: number, procRoot = '/proc'): ProcReading | undefined {
  try {
    const status = readFileSync(`${procRoot}/${pid}/status`, 'utf8');
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    const peak = parseVmHwmBytes(status);
    if (peak === undefined) return undefined;
    return { peakRssBytes: peak, cpuS: parseCpuTicks(stat) / CLOCK_TICKS_PER_S };
  } catch {
    return undefined;
  }
}

/** Polls a process until stop(); the result is the last reading taken while it was alive. */
export function sampleProcess(pid: number, intervalMs = 100): { stop(): ProcReading | undefined } {
  let last = readProc(pid);
  const timer = setInterval(() => {
    last = readProc(pid) ?? last;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return last;
    },
  };
}
