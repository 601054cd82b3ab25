// Baseline: 1,000 users, the reference numbers the larger runs are compared with.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./baseline-1000.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/baseline-1000.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('baseline-1000');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './baseline-1000.load.ts';
