// This run's configuration, parsed from k6's __ENV once per virtual user at init. Importing it is what
// makes a bad variable stop k6 before any load starts (an init exception exits 107).
import { parseConfig, type SuiteConfig } from './config.ts';

export const config: SuiteConfig = parseConfig(__ENV);
