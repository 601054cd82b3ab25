// The `redisMonitor` scenario: one VU samples Redis INFO every few seconds for the whole run, so the
// report can show memory, clients, rejected connections, evictions and ops/s next to the load.
// lib/k6/suite.ts adds the scenario only when REDIS_URL is set.
import { sleep } from 'k6';
import { baselineOf, parseRedisInfo, type RedisBaseline, sampleOf } from '../redis-info.ts';
import {
  redisConnectedClients,
  redisEvictedKeys,
  redisMonitorSamples,
  redisOpsPerSec,
  redisRejectedConnections,
  redisUsedMemoryMb,
} from './metrics.ts';
import { type RedisClient, redisClient } from './redis-client.ts';

export const MONITOR_INTERVAL_S = 5;

let client: RedisClient | undefined;
let baseline: RedisBaseline | undefined;

export async function redisMonitor(): Promise<void> {
  client ??= await redisClient();
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
    redisMonitorSamples.add(1);
  } catch (error) {
    // A missed sample is not a verdict on the service (the failover drill stops Redis on purpose); a run in
    // which no sample succeeded fails its Redis criteria as not measured.
    console.warn(`redis monitor: ${String(error)}`);
  }
  sleep(MONITOR_INTERVAL_S);
}
