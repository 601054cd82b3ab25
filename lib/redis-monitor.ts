// The `redisMonitor` scenario: one VU samples Redis INFO every few seconds for the whole run, so the
// report can show memory, clients, rejected connections, evictions and ops/s next to the load.
// lib/suite.ts adds the scenario only when REDIS_URL is set.
import { sleep } from 'k6';
import {
  redisConnectedClients,
  redisEvictedKeys,
  redisOpsPerSec,
  redisRejectedConnections,
  redisUsedMemoryMb,
} from './metrics.ts';
import { type RedisClient, redisClientFor } from './redis-client.ts';
import { baselineOf, parseRedisInfo, type RedisBaseline, sampleOf } from './redis-info.ts';
import { config } from './run-config.ts';

export const MONITOR_INTERVAL_S = 5;

let client: RedisClient | undefined;
let baseline: RedisBaseline | undefined;

export async function redisMonitor(): Promise<void> {
  client ??= redisClientFor(config);
  if (client === undefined) return;
  try {
    const info = parseRedisInfo(String(await client.sendCommand('INFO')));
    baseline ??= baselineOf(info);
    const sample = sampleOf(info, baseline);
    redisUsedMemoryMb.add(sample.usedMemoryMb);
    redisConnectedClients.add(sample.connectedClients);
    redisRejectedConnections.add(sample.rejectedConnections);
    redisEvictedKeys.add(sample.evictedKeys);
    redisOpsPerSec.add(sample.opsPerSec);
  } catch (error) {
    // A missed sample is not a verdict on the service (the failover drill stops Redis on purpose).
    console.warn(`redis monitor: ${String(error)}`);
  }
  sleep(MONITOR_INTERVAL_S);
}
