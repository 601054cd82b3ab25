// docs/configuration.md is what the knob catalogue generates: a catalogue change without `npm run docs`, or a
// hand edit of the page, fails here. The spec only compares; it writes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KNOB_GROUPS, KNOBS } from '../../lib/knobs/catalogue.ts';
import {
  anchor,
  CONFIGURATION_PAGE,
  renderConfigurationPage,
} from '../../scripts/lib/docs/configuration-page.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';

describe('docs/configuration.md', () => {
  const page = renderConfigurationPage();

  it('is the page the catalogue generates (run npm run docs after changing lib/knobs/catalogue.ts)', () => {
    assert.equal(readFileSync(join(projectRoot, CONFIGURATION_PAGE), 'utf8'), page);
  });

  it('has a row for every knob and a section, linked from the contents, for every group', () => {
    for (const { name } of KNOBS) assert.match(page, new RegExp(`^\\| \`${name}\` \\|`, 'm'), name);
    for (const { title } of Object.values(KNOB_GROUPS)) {
      assert.ok(page.includes(`\n## ${title}\n`), title);
      assert.ok(page.includes(`](#${anchor(title)})`), title);
    }
  });

  it('says what an empty value, `off` and a secret mean where they mean something', () => {
    assert.match(page, /\| `HEALTH_PATH` \|.*\*\*Empty:\*\* the service has none/);
    assert.match(page, /\| `REDIS_URL` \|.*\*\*`off`:\*\* .*\*\*Secret\.\*\*/);
    assert.match(page, /\| `LOGIN_LIMIT_PER_ACCOUNT` \|.*\*\*`off`:\*\*/);
    assert.doesNotMatch(page, /\| `SCALE` \|.*\*\*(Empty|Secret)/);
  });
});
