// Smoke: a couple of users walk the whole contract (login, protected, logout, revoked token refused, health).
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
import { defineTest } from '../lib/k6/suite.ts';
import { smokeUser } from '../lib/k6/workloads/smoke.ts';

const test = defineTest('smoke');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export default smokeUser;
export { redisMonitor } from '../lib/k6/redis-monitor.ts';
