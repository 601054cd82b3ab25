// Resource readings: /proc parsing, CPU % from cumulative CPU seconds, Redis INFO deltas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  machineCpuPct,
  parseProcStat,
  parseProcStatCpu,
  parseRedisInfo,
  parseVmRssMb,
  processUse,
  redisUse,
} from '../../scripts/lib/analysis/resources.ts';

describe('/proc parsing', () => {
  it('reads ppid and utime+stime after a command name holding spaces and parentheses', () => {
    const stat =
      '4242 (node (worker) 2) S 4200 4242 4200 0 -1 4194560 900 0 0 0 1234 567 0 0 20 0 11 0 500 0 0';
    assert.deepEqual(parseProcStat(stat), { ppid: 4200, cpuTicks: 1801 });
    assert.equal(parseProcStat('garbage'), undefined);
  });

  it('reads VmRSS in MB', () => {
    assert.equal(parseVmRssMb('Name:\tnode\nVmRSS:\t   102400 kB\nThreads: 11\n'), 100);
    assert.equal(parseVmRssMb('Name:\tkthread\n'), undefined);
  });

  it('reads the machine CPU from /proc/stat: idle and iowait are not busy', () => {
    const before = parseProcStatCpu('cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n', 0);
    const after = parseProcStatCpu('cpu  400 0 200 900 100 0 0 0 0 0\ncpu0 1 2 3 4\n', 1000);
    assert.deepEqual(before, { t: 0, busyTicks: 200, totalTicks: 1000 });
    assert.ok(before && after);
    // 400 busy ticks of 600 on 2 cores: two-thirds of 200%
    assert.equal(machineCpuPct([before, after], 2), 133.33);
  });
});

describe('processUse and redisUse', () => {
  it('turns cumulative CPU seconds into mean and peak % of one core', () => {
    const use = processUse('worker 1', [
      { t: 0, cpuS: 10, rssMb: 80 },
      { t: 1000, cpuS: 10.5, rssMb: 90 },
      { t: 2000, cpuS: 11.4, rssMb: 85 },
      { t: 4000, cpuS: 11.6, rssMb: 88 },
    ]);
    assert.equal(use.cpuPctMean, 40); // 1.6 s of CPU over 4 s
    assert.equal(use.cpuPctPeak, 90); // 0.9 s in the second second
    assert.equal(use.rssMbPeak, 90);
    assert.equal(use.samples, 4);
  });

  it('reads Redis CPU and commands per second from INFO deltas', () => {
    const info = (sys: number, user: number, commands: number) =>
      `# CPU\r\nused_cpu_sys:${sys}\r\nused_cpu_user:${user}\r\n# Stats\r\ntotal_commands_processed:${commands}\r\nused_memory:${2 * 1024 * 1024}\r\n`;
    const first = parseRedisInfo(info(1, 1, 1000), 0);
    const second = parseRedisInfo(info(1.1, 1.2, 3000), 2000);
    assert.ok(first && second);
    const use = redisUse([first, second]);
    assert.equal(use.cpuPctMean, 15);
    assert.equal(use.opsPerSecMean, 1000);
    assert.equal(use.usedMemoryMbPeak, 2);
    assert.equal(parseRedisInfo('used_cpu_sys:1\r\n', 0), undefined);
  });
});
