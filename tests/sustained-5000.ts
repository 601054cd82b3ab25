// Sustained: 5,000 users for 30 minutes on a mix of every call, wrong answers included (the soak).
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
import { defineTest } from '../lib/k6/suite.ts';
import { mixedUser } from '../lib/k6/workloads/mixed.ts';

const test = defineTest('sustained-5000');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export default mixedUser;
export { redisMonitor } from '../lib/k6/redis-monitor.ts';
