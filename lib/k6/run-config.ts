// This run's configuration, parsed from k6's __ENV once per test run rather than once per VU: the first
// init (k6's __VU 0) runs the parser inside a SharedArray, and every other VU reads the parsed result.
// Parsing in every VU cost each about 40 KB at init (the init probes' method, docs/bench.md) for a result
// that is the same everywhere. A bad variable still stops k6 in that first init, before load (exit 107).
import { SharedArray } from 'k6/data';
import { parseConfig, type SuiteConfig } from '../config.ts';

// A SharedArray holds JSON: undefined fields read back as absent, which every reader treats alike.
const parsedOnce = new SharedArray<SuiteConfig>('auth-loadtest config', () => [parseConfig(__ENV)]);

export const config: SuiteConfig = parsedOnce[0] as SuiteConfig;
