// Failover: the load the Redis failure drill runs under; only a revoked token accepted fails it.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./failover.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/failover.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('failover');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './failover.load.ts';
