// Reads thresholds.json for the Node-side tools (build, drill, soak, report).
import { readFileSync } from 'node:fs';
import { type Plan, parsePlanText } from '../../../lib/plan.ts';
import { thresholdsFile } from '../paths.ts';

/** The targets file in use: THRESHOLDS_FILE, else the project's thresholds.json. */
export function planFilePath(): string {
  return process.env.THRESHOLDS_FILE ?? thresholdsFile;
}

export function loadPlan(file = planFilePath()): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parsePlanText(text);
}
