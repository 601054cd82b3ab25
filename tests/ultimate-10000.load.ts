// What each load VU of ultimate-10000 evaluates: its workload and the Redis monitor (any VU may run the
// monitor's scenario), with the steady window set; nothing of the plan's gates or reports.
import { defineLoad } from '../lib/k6/load.ts';

defineLoad('ultimate-10000');

export { redisMonitor } from '../lib/k6/redis-monitor.ts';
export { authenticationUser as default } from '../lib/k6/workloads/authentication.ts';
