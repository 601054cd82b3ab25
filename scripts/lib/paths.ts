// Well-known project folders, resolved from this file so commands work from any working directory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const buildDir = join(projectRoot, 'build');
export const runDir = join(projectRoot, '.run');
export const reportsDir = join(projectRoot, 'reports');
export const thresholdsFile = join(projectRoot, 'thresholds.json');
