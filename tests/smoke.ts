// Smoke: a couple of users walk the whole contract (login, protected, logout, revoked token refused, health).
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./smoke.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/smoke.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('smoke');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './smoke.load.ts';
