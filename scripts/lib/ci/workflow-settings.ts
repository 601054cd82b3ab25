// A settings file: the contract settings a team keeps in its own repository (perf/auth-service.env), one
// `NAME=value` per line, which the load-test workflow validates and hands to every later step. Every name
// must be a knob of the catalogue (lib/knobs/catalogue.ts) and every value must pass the suite's own parser
// (lib/config.ts), so a typo fails the workflow in seconds instead of the load test in init. Secrets are
// refused: a file in a repository is read by everyone who can read the repository.
import { existsSync, readFileSync } from 'node:fs';
import { parseConfig } from '../../../lib/config.ts';
import { isKnobName, type KnobName, knob } from '../../../lib/knobs/catalogue.ts';

/** Where the workflow looks when no other file is named; a missing file there means "the defaults". */
export const DEFAULT_SETTINGS_PATH = 'perf/auth-service.env';

/** The repository secrets the workflow hands to the load test, by the knob they fill. */
export const SECRET_SOURCES: Partial<Record<KnobName, string>> = {
  USER_PASSWORD: 'the repository secret USER_PASSWORD',
  REDIS_URL: 'the repository secret REDIS_URL (without it the workflow opts out with REDIS_URL=off)',
  REDIS_PASSWORD: 'the repository secret REDIS_PASSWORD',
};

/**
 * Knobs the workflow sets itself, from its inputs or its own layout; a second value in the file would leave
 * which one wins to the CI's precedence rules, so the file may not hold them.
 */
export const WORKFLOW_SETS: Partial<Record<KnobName, string>> = {
  BASE_URL: "the workflow's input base_url",
  SCALE: "the workflow's input scale",
  RUN_ID: 'the workflow (gh-<run id>-<attempt>, the folder its later steps read)',
  REPORT_DIR: 'the workflow: its JUnit, artifact and regression steps read reports/',
  REPORT_NAME: 'the workflow: its JUnit, artifact and regression steps read reports/<run id>/<test>/',
  K6_GENERATION: 'the workflow, with the k6 version it installs (K6_VERSION)',
  COMPARE_TOLERANCE: "the workflow's regression gate",
};

/** Node-side knobs a load-test workflow uses: the build reads the targets file. */
const TOOL_KNOBS_USED: readonly KnobName[] = ['THRESHOLDS_FILE'];

/** Names that look like a credential, for a clearer refusal of a name the catalogue does not know. */
const SECRET_LOOKING = /PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE|API_?KEY/i;

export class SettingsError extends Error {
  constructor(file: string, line: number | undefined, problem: string) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
    this.name = 'SettingsError';
  }
}

export interface Setting {
  name: KnobName;
  value: string;
  /** Where it came from: `<file>:<line>`, or the command-line flag. */
  from: string;
}

/** A value written in matching single or double quotes is taken without them (as a shell would). */
function unquoted(value: string): string {
  const first = value.charAt(0);
  return value.length >= 2 && (first === "'" || first === '"') && value.endsWith(first)
    ? value.slice(1, -1)
    : value;
}

/** Why `name` may not be set in a settings file, or undefined when it may. */
export function refusal(name: string): string | undefined {
  if (!isKnobName(name)) {
    return SECRET_LOOKING.test(name)
      ? `${name} is not a setting of the suite; if it is a secret (a password, a JWT signing key), ` +
          "it belongs in your CI's secret store, never in a file in the repository"
      : `${name} is not a setting of the suite (every setting: docs/configuration.md)`;
  }
  const entry = knob(name);
  if (entry.secret) {
    const store = SECRET_SOURCES[name] ?? "your CI's secret store";
    return `${name} is a secret: keep it out of the repository and in ${store}`;
  }
  const owner = WORKFLOW_SETS[name];
  if (owner !== undefined) return `${name} is set by ${owner}, not by the settings file`;
  if (entry.readBy === 'tools' && !TOOL_KNOBS_USED.includes(name)) {
    return (
      `${name} is read only by Node-side commands this workflow does not run ` +
      '(docs/configuration.md#node-side-commands)'
    );
  }
  return undefined;
}

/**
 * Parses a settings file's text: `NAME=value` lines, blank lines and `#` comment lines. The value is the
 * rest of the line, taken as written (an empty value is a value: `WORKER_HEADER=` says "no worker header"),
 * without surrounding quotes. Throws a SettingsError naming the line of the first problem.
 */
export function parseSettings(text: string, file: string): Setting[] {
  const settings: Setting[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (!match) {
      throw new SettingsError(file, line, `expected NAME=value (no spaces around =), got "${trimmed}"`);
    }
    const name = match[1] as string;
    const problem = refusal(name);
    if (problem !== undefined) throw new SettingsError(file, line, problem);
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new SettingsError(file, line, `${name} is already set on line ${earlier}`);
    }
    seen.set(name, line);
    settings.push({ name: name as KnobName, value: unquoted(match[2] as string), from: `${file}:${line}` });
  });
  return settings;
}

/**
 * The file's settings, or none when the file is missing at the default path (the suite's defaults then
 * hold). A missing file that was named on purpose is an error: a typo in its path must not run the defaults.
 */
export function readSettingsFile(file: string): { settings: Setting[]; found: boolean } {
  if (!existsSync(file)) {
    if (file === DEFAULT_SETTINGS_PATH) return { settings: [], found: false };
    throw new SettingsError(file, undefined, 'no such file');
  }
  return { settings: parseSettings(readFileSync(file, 'utf8'), file), found: true };
}

export interface Overrides {
  /** Win over the file; an empty value leaves the file's (an empty workflow input means "not given"). */
  set: Array<[KnobName, string]>;
  /** Used when neither the file nor `set` gives the knob. */
  defaults: Array<[KnobName, string]>;
}

/** The file's settings with the overrides applied, validated together by the suite's own parser. */
export function resolveSettings(file: string, settings: Setting[], overrides: Overrides): Setting[] {
  const byName = new Map(settings.map((setting) => [setting.name, setting]));
  for (const [name, value] of overrides.set) {
    if (value !== '') byName.set(name, { name, value, from: `--set ${name}` });
  }
  for (const [name, value] of overrides.defaults) {
    if (!byName.has(name)) byName.set(name, { name, value, from: `--default ${name}` });
  }
  const resolved = [...byName.values()];
  try {
    parseConfig(Object.fromEntries(resolved.map((setting) => [setting.name, setting.value])));
  } catch (error) {
    // A ConfigError's message starts with the knob's name: point at the line that set it.
    const message = (error as Error).message;
    const culprit = resolved.find((setting) => message.startsWith(`${setting.name} `));
    throw new SettingsError(culprit?.from ?? file, undefined, message);
  }
  return resolved;
}

/** `NAME=value` lines for $GITHUB_ENV: every later step of the job gets them as environment variables. */
export function exportLines(settings: readonly Setting[]): string {
  return settings.map((setting) => `${setting.name}=${setting.value}\n`).join('');
}

/** A Markdown section for $GITHUB_STEP_SUMMARY: what the run was told about the service. */
export function summaryMarkdown(file: string, found: boolean, settings: readonly Setting[]): string {
  const lines = ['### Contract settings', ''];
  lines.push(
    found
      ? `From \`${file}\`; every other setting has its default (docs/contract.md).`
      : `No settings file at \`${file}\`: the default contract (docs/contract.md) holds.`,
  );
  if (settings.length > 0) {
    lines.push('', '| setting | value | from |', '|---|---|---|');
    for (const setting of settings) {
      const shown = setting.value === '' ? '(empty)' : `\`${setting.value.replace(/\|/g, '\\|')}\``;
      lines.push(`| \`${setting.name}\` | ${shown} | ${setting.from} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
