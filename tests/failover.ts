// Failover: the load the Redis failure drill runs under; only a revoked token accepted fails it.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
import { defineTest } from '../lib/k6/suite.ts';
import { failoverUser } from '../lib/k6/workloads/failover.ts';

const test = defineTest('failover');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export default failoverUser;
export { redisMonitor } from '../lib/k6/redis-monitor.ts';
