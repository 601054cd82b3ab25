// Redis over time for the plan report, from the suite's own measurements in k6's CSV output: the
// monitor's INFO samples (memory, ops/s) and the probe's command latency, bucketed per interval.

import { percentile } from '../../../lib/order-statistics.ts';
import { readK6Csv } from './k6-csv.ts';

export interface RedisTimelinePoint {
  /** Epoch ms at the start of the bucket. */
  t: number;
  usedMemoryMb: number;
  opsPerSec: number;
  probeP95Ms?: number;
}

const METRICS = new Set(['redis_used_memory_mb', 'redis_ops_per_sec', 'redis_probe_duration']);

export async function redisTimeline(csv: string, bucketS = 5): Promise<RedisTimelinePoint[]> {
  const buckets = new Map<number, { memory?: number; ops?: number; probe: number[] }>();
  for await (const sample of readK6Csv(csv, METRICS)) {
    const t = Math.floor(sample.timeMs / (bucketS * 1000)) * bucketS * 1000;
    const bucket = buckets.get(t) ?? { probe: [] };
    if (sample.metric === 'redis_used_memory_mb') bucket.memory = sample.value;
    else if (sample.metric === 'redis_ops_per_sec') bucket.ops = sample.value;
    else bucket.probe.push(sample.value);
    buckets.set(t, bucket);
  }
  // Only buckets with a monitor sample become points; probe latencies between samples join the next one.
  const points: RedisTimelinePoint[] = [];
  let pendingProbe: number[] = [];
  for (const [t, bucket] of [...buckets].sort((a, b) => a[0] - b[0])) {
    pendingProbe = pendingProbe.concat(bucket.probe);
    if (bucket.memory === undefined || bucket.ops === undefined) continue;
    points.push({
      t,
      usedMemoryMb: bucket.memory,
      opsPerSec: bucket.ops,
      ...(pendingProbe.length ? { probeP95Ms: percentile(pendingProbe, 95) } : {}),
    });
    pendingProbe = [];
  }
  return points;
}
