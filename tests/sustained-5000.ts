// Sustained: 5,000 users for 30 minutes on a mix of every call, wrong answers included (the soak).
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./sustained-5000.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/sustained-5000.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('sustained-5000');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './sustained-5000.load.ts';
