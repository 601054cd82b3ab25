// What each load VU of state-sync evaluates: its workload and the Redis monitor (any VU may run the
// monitor's scenario), with the steady window set; nothing of the plan's gates or reports.
import { defineLoad } from '../lib/k6/load.ts';

defineLoad('state-sync');

export { redisMonitor } from '../lib/k6/redis-monitor.ts';
export { stateSyncUser as default } from '../lib/k6/workloads/state-sync.ts';
