// State sync: a revoked token must be refused by every worker of a clustered service, not just the one that stored it.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./state-sync.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/state-sync.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('state-sync');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './state-sync.load.ts';
