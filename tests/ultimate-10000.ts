// Ultimate: 10,000 users, the plan's largest load.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
import { defineTest } from '../lib/k6/suite.ts';
import { authenticationUser } from '../lib/k6/workloads/authentication.ts';

const test = defineTest('ultimate-10000');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export default authenticationUser;
export { redisMonitor } from '../lib/k6/redis-monitor.ts';
