// Ultimate: 10,000 users, the plan's largest load.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./ultimate-10000.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/ultimate-10000.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('ultimate-10000');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './ultimate-10000.load.ts';
