// `npm run docs`: writes the generated files: docs/configuration.md from the knob catalogue, and
// observability/alerts.yml from thresholds.json. A spec fails when a committed file differs from what this
// writes, so run it after changing lib/knobs/catalogue.ts, thresholds.json or the alert generator.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIGURATION_PAGE, renderConfigurationPage } from './lib/docs/configuration-page.ts';
import { ALERTS_FILE, renderAlertRules } from './lib/observe/alerts-file.ts';
import { projectRoot } from './lib/paths.ts';
import { loadPlan } from './lib/plan/plan-file.ts';

function writeGenerated(relativePath: string, text: string): void {
  const file = join(projectRoot, relativePath);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) {
    console.log(`${relativePath}: up to date`);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`${relativePath}: written`);
  }
}

writeGenerated(CONFIGURATION_PAGE, renderConfigurationPage());
// The project's own thresholds.json, not THRESHOLDS_FILE: the committed rules are the plan's.
writeGenerated(ALERTS_FILE, renderAlertRules(loadPlan(join(projectRoot, 'thresholds.json'))));
