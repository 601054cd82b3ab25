// Baseline: 1,000 users, the reference numbers the larger runs are compared with.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
import { defineTest } from '../lib/k6/suite.ts';
import { authenticationUser } from '../lib/k6/workloads/authentication.ts';

const test = defineTest('baseline-1000');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export default authenticationUser;
export { redisMonitor } from '../lib/k6/redis-monitor.ts';
