// State sync: a revoked token must be refused by every worker of a clustered service, not just the one that stored it.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
import { defineTest } from '../lib/k6/suite.ts';
import { stateSyncUser } from '../lib/k6/workloads/state-sync.ts';

const test = defineTest('state-sync');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export default stateSyncUser;
export { redisMonitor } from '../lib/k6/redis-monitor.ts';
