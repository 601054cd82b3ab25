// docs/troubleshooting.md must explain every message the suite stops a run with. The messages are read from
// the source (spec/helpers/source-messages.ts), not listed here: a new exec.test.abort, a new ConfigError or
// a new error class with a prefix fails this spec until the page has an entry quoting its fixed start.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { type SourceMessage, sourceMessages } from '../helpers/source-messages.ts';

const PAGE = 'docs/troubleshooting.md';
/** lib/ and tests/ are the k6 side, which aborts and parses knobs; scripts/ and server/ add error classes. */
const FOLDERS = ['lib', 'tests', 'scripts', 'server'];

// Line breaks in the page and runs of spaces in the source carry no meaning.
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

/** At least two words: a lone knob name or `GET` is not something a reader can look up. */
const lookable = (phrase: string) => (phrase.match(/[A-Za-z]{2,}/g) ?? []).length >= 2;

describe(PAGE, () => {
  const raw = readFileSync(join(projectRoot, PAGE), 'utf8');
  const page = squeeze(raw);
  const messages = sourceMessages(projectRoot, FOLDERS);
  const ofKind = (kind: SourceMessage['kind']) => messages.filter((message) => message.kind === kind);

  it('finds the messages it checks (the extraction still matches the code)', () => {
    // Known from the code today: the preflight aborts, the segment abort, dozens of knob checks, and the
    // prefixes of thresholds.json's and the service's errors. Fewer means the extraction broke.
    assert.ok(ofKind('abort').length >= 8, `aborts found: ${ofKind('abort').length}`);
    assert.ok(ofKind('config-error').length >= 30, `ConfigErrors found: ${ofKind('config-error').length}`);
    const prefixes = ofKind('error-prefix').map((message) => message.stablePhrase);
    assert.ok(prefixes.includes('thresholds.json:'), `error prefixes found: ${prefixes.join(' | ')}`);
    assert.ok(prefixes.includes('invalid configuration:'), `error prefixes found: ${prefixes.join(' | ')}`);
  });

  it('every message starts with a fixed phrase a reader can look up', () => {
    const vague = messages.filter(
      (message) => message.stablePhrase === undefined || !lookable(message.stablePhrase),
    );
    assert.deepEqual(
      vague.map((message) => `${message.where}: ${message.stablePhrase ?? '(no literal start)'}`),
      [],
      'start these messages with a fixed phrase: literal text before the first placeholder',
    );
  });

  it('quotes the fixed start of every abort, ConfigError and error prefix', () => {
    const missing = messages.filter(
      (message) => message.stablePhrase !== undefined && !page.includes(squeeze(message.stablePhrase)),
    );
    assert.deepEqual(
      missing.map((message) => `${message.where} (${message.kind}): "${message.stablePhrase}"`),
      [],
      `add an entry to ${PAGE} (message as printed, cause, fix) for each of these`,
    );
  });

  it('has a section for each exit code the suite documents', () => {
    for (const code of ['99', '107', '108']) {
      assert.match(raw, new RegExp(`^## .*\\b${code}\\b`, 'm'), `k6 exit ${code}`);
    }
  });
});
