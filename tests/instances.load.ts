// What each load VU of instances evaluates: its workload and the Redis monitor (any VU may run the
// monitor's scenario), with the steady window set; nothing of the plan's gates or reports.
import { defineLoad } from '../lib/k6/load.ts';

defineLoad('instances');

export { redisMonitor } from '../lib/k6/redis-monitor.ts';
export { instancesUser as default } from '../lib/k6/workloads/instances.ts';
