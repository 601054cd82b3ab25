// `npm run docs`: writes the generated pages (docs/configuration.md from the knob catalogue). A spec fails when
// a committed page differs from what this writes, so run it after changing lib/knobs/catalogue.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_PAGE, renderConfigurationPage } from './lib/docs/configuration-page.ts';
import { projectRoot } from './lib/paths.ts';

const file = join(projectRoot, CONFIGURATION_PAGE);
const page = renderConfigurationPage();
let current: string | undefined;
try {
  current = readFileSync(file, 'utf8');
} catch {
  current = undefined;
}
if (current === page) {
  console.log(`${CONFIGURATION_PAGE}: up to date`);
} else {
  writeFileSync(file, page);
  console.log(`${CONFIGURATION_PAGE}: written`);
}
