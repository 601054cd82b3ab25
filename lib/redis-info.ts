// Turns Redis INFO text into the numbers the monitor records. Pure TypeScript.

export type RedisInfo = Record<string, string>;

/** "key:value" lines into a map; section headers ("# Memory") and blank lines are skipped. */
export function parseRedisInfo(text: string): RedisInfo {
  const info: RedisInfo = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return info;
}

export interface RedisSample {
  usedMemoryMb: number;
  connectedClients: number;
  /** Since the run's first sample. */
  rejectedConnections: number;
  /** Since the run's first sample. */
  evictedKeys: number;
  opsPerSec: number;
}

/** The cumulative counters at the run's first sample, so a sample reports only this run's growth. */
export interface RedisBaseline {
  rejectedConnections: number;
  evictedKeys: number;
}

function field(info: RedisInfo, name: string): number {
  const value = Number(info[name]);
  if (info[name] === undefined || !Number.isFinite(value))
    throw new Error(`redis INFO has no numeric ${name}`);
  return value;
}

export function baselineOf(info: RedisInfo): RedisBaseline {
  return {
    rejectedConnections: field(info, 'rejected_connections'),
    evictedKeys: field(info, 'evicted_keys'),
  };
}

export function sampleOf(info: RedisInfo, baseline: RedisBaseline): RedisSample {
  return {
    usedMemoryMb: field(info, 'used_memory') / (1024 * 1024),
    connectedClients: field(info, 'connected_clients'),
    rejectedConnections: field(info, 'rejected_connections') - baseline.rejectedConnections,
    evictedKeys: field(info, 'evicted_keys') - baseline.evictedKeys,
    opsPerSec: field(info, 'instantaneous_ops_per_sec'),
  };
}
