// Instances: a token issued through the balancer is accepted by every instance, and once revoked through one
// instance it is refused by all; the login limit holds across instances. Needs INSTANCE_URLS.
// Profile: lib/profiles.ts; targets: thresholds.json; knobs: docs/suite.md.
// A load VU loads only ./instances.load.ts; this file adds what k6's __VU 0 instances need (the build's
// stand-in build/instances.js chooses by __VU; scripts/lib/bundle/stand-in.ts).
import { defineTest } from '../lib/k6/suite.ts';

const test = defineTest('instances');

export const options = test.options;
export const setup = test.setup;
export const handleSummary = test.handleSummary;

export { default, redisMonitor } from './instances.load.ts';
