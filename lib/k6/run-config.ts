// This run's configuration, parsed from k6's __ENV once per test run rather than once per VU: the first
// init (k6's __VU 0) runs the parser inside a SharedArray, and every other VU reads the parsed result.
// Parsing compiles dozens of regular expressions, which cost each of 10,000 VUs memory for nothing
// (docs/bench.md). A bad variable still stops k6 in that first init, before any load (exit 107).
import { SharedArray } from 'k6/data';
import { parseConfig, type SuiteConfig } from '../config.ts';

// A SharedArray holds JSON: undefined fields read back as absent, which every reader treats alike.
const parsedOnce = new SharedArray<SuiteConfig>('auth-loadtest config', () => [parseConfig(__ENV)]);

export const config: SuiteConfig = parsedOnce[0] as SuiteConfig;
