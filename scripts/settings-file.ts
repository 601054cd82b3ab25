// `node --import tsx scripts/settings-file.ts [<file>] [--export FILE] [--summary FILE] [--set NAME=value]...
// [--default NAME=value]...`: checks a settings file (default perf/auth-service.env) against the knob
// catalogue and the suite's own parser, then appends the settings to --export (the workflow passes
// $GITHUB_ENV, so every later step sees them) and a summary to --summary ($GITHUB_STEP_SUMMARY).
// Exit 0: valid (or no file at the default path); 1: a problem, named with its line; 2: bad arguments.
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isKnobName, type KnobName } from '../lib/knobs/catalogue.ts';
import {
  DEFAULT_SETTINGS_PATH,
  exportLines,
  readSettingsFile,
  resolveSettings,
  SettingsError,
  summaryMarkdown,
} from './lib/ci/workflow-settings.ts';

const USAGE =
  'usage: node --import tsx scripts/settings-file.ts [<file>] [--export FILE] [--summary FILE] ' +
  '[--set NAME=value]... [--default NAME=value]...';

function usage(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

function pairs(flag: string, values: string[] | undefined): Array<[KnobName, string]> {
  return (values ?? []).map((text): [KnobName, string] => {
    const at = text.indexOf('=');
    const name = at < 0 ? text : text.slice(0, at);
    if (at < 0 || !isKnobName(name)) usage(`--${flag} takes NAME=value with NAME a setting, got "${text}"`);
    return [name, text.slice(at + 1)];
  });
}

const options = {
  export: { type: 'string' },
  summary: { type: 'string' },
  set: { type: 'string', multiple: true },
  default: { type: 'string', multiple: true },
} as const;

let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
try {
  parsed = parseArgs({ options, allowPositionals: true });
} catch (error) {
  usage((error as Error).message);
}
if (parsed.positionals.length > 1) usage('name at most one settings file');
// An empty path (an empty workflow input) means the default one.
const file = parsed.positionals[0] || DEFAULT_SETTINGS_PATH;

try {
  const { settings, found } = readSettingsFile(file);
  const resolved = resolveSettings(file, settings, {
    set: pairs('set', parsed.values.set),
    defaults: pairs('default', parsed.values.default),
  });
  console.log(found ? `settings from ${file}:` : `no settings file at ${file}: the default contract holds`);
  for (const setting of resolved) console.log(`  ${setting.name}=${setting.value}  (${setting.from})`);
  if (parsed.values.export) appendFileSync(parsed.values.export, exportLines(resolved));
  if (parsed.values.summary) appendFileSync(parsed.values.summary, summaryMarkdown(file, found, resolved));
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
