// The load-test workflow's settings file (scripts/settings-file.ts): real files in a temp folder, read by
// the library and by the command as the workflow runs it, with $GITHUB_ENV and $GITHUB_STEP_SUMMARY
// stand-ins. A setting the suite does not know, a value its parser refuses, a secret, or a file named on
// purpose and missing must stop the workflow; a missing default file means the default contract.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { KNOBS } from '../../lib/knobs/catalogue.ts';
import {
  DEFAULT_SETTINGS_PATH,
  exportLines,
  parseSettings,
  readSettingsFile,
  refusal,
  resolveSettings,
  SettingsError,
} from '../../scripts/lib/ci/workflow-settings.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'settings-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** A settings file with these lines, in a folder of its own. */
function settingsFile(...lines: string[]): string {
  const path = join(dir, `settings-${++files}.env`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const none = { set: [], defaults: [] };
const names = (settings: Array<{ name: string }>) => settings.map((setting) => setting.name);

describe('a settings file', () => {
  it('gives each line its value as written: empty is a value, quotes are dropped, comments skipped', () => {
    const file = settingsFile(
      '# the service at staging',
      '',
      'LOGIN_PATH=/api/v1/sessions',
      'LOGIN_BODY=\'{"username":"{username}","password":"{password}"}\'',
      'WORKER_HEADER=',
      'REVOKED_STATUS="401,422"',
      'REVOCATION_KEY=blacklist:{token}',
    );
    const { settings, found } = readSettingsFile(file);
    assert.equal(found, true);
    assert.deepEqual(
      settings.map(({ name, value }) => [name, value]),
      [
        ['LOGIN_PATH', '/api/v1/sessions'],
        ['LOGIN_BODY', '{"username":"{username}","password":"{password}"}'],
        ['WORKER_HEADER', ''],
        ['REVOKED_STATUS', '401,422'],
        ['REVOCATION_KEY', 'blacklist:{token}'],
      ],
    );
    assert.equal(settings[0]?.from, `${file}:3`);
    const resolved = resolveSettings(file, settings, none);
    assert.equal(
      exportLines(resolved),
      'LOGIN_PATH=/api/v1/sessions\nLOGIN_BODY={"username":"{username}","password":"{password}"}\n' +
        'WORKER_HEADER=\nREVOKED_STATUS=401,422\nREVOCATION_KEY=blacklist:{token}\n',
    );
  });

  it('names the line of an unknown name, a repeated name, or a line that is no setting', () => {
    const cases: Array<[string[], RegExp]> = [
      [['LOGIN_PATH=/login', 'TOKEN_FEILD=token'], /:2: TOKEN_FEILD is not a setting of the suite/],
      [['LOGIN_PATH=/login', 'LOGIN_PATH=/auth'], /:2: LOGIN_PATH is already set on line 1/],
      [['LOGIN_PATH = /login'], /:1: expected NAME=value/],
      [['just words'], /:1: expected NAME=value/],
    ];
    for (const [lines, message] of cases) {
      const file = settingsFile(...lines);
      assert.throws(
        () => readSettingsFile(file),
        (error: Error) => {
          assert.ok(error instanceof SettingsError);
          assert.match(error.message, message);
          assert.ok(error.message.startsWith(file));
          return true;
        },
      );
    }
  });

  it('refuses secrets, naming the secret store they belong in', () => {
    for (const entry of KNOBS.filter((knob) => knob.secret)) {
      const file = settingsFile(`${entry.name}=hunter2`);
      assert.throws(() => readSettingsFile(file), new RegExp(`${entry.name} is a secret: .*secret`));
    }
    assert.match(String(refusal('USER_PASSWORD')), /repository secret USER_PASSWORD/);
    // Names outside the catalogue that look like credentials get the same advice.
    assert.match(String(refusal('JWT_SECRET')), /secret store, never in a file/);
    assert.match(String(refusal('API_KEY')), /secret store/);
  });

  it('refuses what the workflow sets itself and Node-side settings the workflow never reads', () => {
    assert.match(String(refusal('BASE_URL')), /input base_url/);
    assert.match(String(refusal('RUN_ID')), /set by the workflow/);
    assert.match(String(refusal('DEFECT')), /Node-side commands/);
    assert.match(String(refusal('REDIS_STOP_CMD')), /Node-side commands/);
    assert.equal(refusal('THRESHOLDS_FILE'), undefined);
    assert.equal(refusal('LOGIN_LIMIT_PER_ACCOUNT'), undefined);
  });

  it("checks values with the suite's own parser, pointing at the line", () => {
    const cases: Array<[string[], RegExp]> = [
      [['LOGIN_PATH=/login', 'REVOKED_STATUS=forbidden'], /:2: REVOKED_STATUS must be HTTP statuses/],
      [['LOGIN_BODY={"user":"{user}"}'], /:1: LOGIN_BODY uses unknown placeholder\(s\) \{user\}/],
      [['REVOCATION_TTL=forever'], /:1: REVOCATION_TTL must be "token", "any" or a number of seconds/],
      [['LOGIN_LIMIT_PER_ACCOUNT=ten'], /:1: LOGIN_LIMIT_PER_ACCOUNT must be an integer/],
      [['THINK_MIN_S=5', 'THINK_MAX_S=3'], /:2: THINK_MAX_S must be >= THINK_MIN_S/],
    ];
    for (const [lines, message] of cases) {
      const file = settingsFile(...lines);
      const { settings } = readSettingsFile(file);
      assert.throws(() => resolveSettings(file, settings, none), message);
    }
  });

  it('lets --set win over the file unless empty, and --default fill only what nobody set', () => {
    const file = settingsFile('LOGIN_LIMIT_PER_ACCOUNT=5', 'GATE=stretch');
    const { settings } = readSettingsFile(file);
    const value = (resolved: Array<{ name: string; value: string }>, name: string) =>
      resolved.find((setting) => setting.name === name)?.value;
    const overridden = resolveSettings(file, settings, {
      set: [['LOGIN_LIMIT_PER_ACCOUNT', '20']],
      defaults: [['LOGIN_LIMIT_PER_ACCOUNT', 'off']],
    });
    assert.equal(value(overridden, 'LOGIN_LIMIT_PER_ACCOUNT'), '20');
    const fromFile = resolveSettings(file, settings, {
      set: [['LOGIN_LIMIT_PER_ACCOUNT', '']],
      defaults: [['LOGIN_LIMIT_PER_ACCOUNT', 'off']],
    });
    assert.equal(value(fromFile, 'LOGIN_LIMIT_PER_ACCOUNT'), '5');
    const defaulted = resolveSettings(file, parseSettings('GATE=stretch\n', file), {
      set: [['LOGIN_LIMIT_PER_ACCOUNT', '']],
      defaults: [['LOGIN_LIMIT_PER_ACCOUNT', 'off']],
    });
    assert.deepEqual(names(defaulted), ['GATE', 'LOGIN_LIMIT_PER_ACCOUNT']);
    assert.equal(value(defaulted, 'LOGIN_LIMIT_PER_ACCOUNT'), 'off');
  });

  it('treats a missing file as the defaults only at the default path', () => {
    assert.throws(() => readSettingsFile(join(dir, 'perf', 'typo.env')), /typo\.env: no such file/);
  });
});

describe('scripts/settings-file.ts, as the workflow runs it', () => {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const script = join(projectRoot, 'scripts', 'settings-file.ts');

  /** Runs the command in `cwd` with fresh stand-ins for $GITHUB_ENV and $GITHUB_STEP_SUMMARY. */
  function run(cwd: string, ...args: string[]) {
    const githubEnv = join(cwd, 'github-env');
    const summary = join(cwd, 'step-summary.md');
    rmSync(githubEnv, { force: true });
    rmSync(summary, { force: true });
    const result = spawnSync(
      process.execPath,
      ['--import', tsx, script, ...args, '--export', githubEnv, '--summary', summary],
      { cwd, encoding: 'utf8' },
    );
    const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    return { status: result.status, stderr: result.stderr, env: read(githubEnv), summary: read(summary) };
  }

  it('exports a valid file to $GITHUB_ENV and summarises it', () => {
    const repo = mkdtempSync(join(dir, 'repo-'));
    mkdirSync(join(repo, 'perf'));
    writeFileSync(
      join(repo, DEFAULT_SETTINGS_PATH),
      '# alt shape\nLOGIN_PATH=/api/v1/sessions\nHEALTH_PATH=\nREVOKED_STATUS=403\n',
    );
    const limit = ['--set', 'LOGIN_LIMIT_PER_ACCOUNT=', '--default', 'LOGIN_LIMIT_PER_ACCOUNT=off'];
    const result = run(repo, '', ...limit);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.env,
      'LOGIN_PATH=/api/v1/sessions\nHEALTH_PATH=\nREVOKED_STATUS=403\nLOGIN_LIMIT_PER_ACCOUNT=off\n',
    );
    assert.match(String(result.summary), /From `perf\/auth-service\.env`/);
    assert.match(String(result.summary), /\| `HEALTH_PATH` \| \(empty\) \| perf\/auth-service\.env:3 \|/);
    assert.match(
      String(result.summary),
      /\| `LOGIN_LIMIT_PER_ACCOUNT` \| `off` \| --default LOGIN_LIMIT_PER_ACCOUNT \|/,
    );
  });

  it('runs the default contract when the default file is missing, and fails on a missing named file', () => {
    const repo = mkdtempSync(join(dir, 'repo-'));
    const defaults = run(repo, DEFAULT_SETTINGS_PATH);
    assert.equal(defaults.status, 0, defaults.stderr);
    assert.equal(defaults.env, '');
    assert.match(
      String(defaults.summary),
      /No settings file at `perf\/auth-service\.env`: the default contract/,
    );
    const named = run(repo, 'perf/staging.env');
    assert.equal(named.status, 1);
    assert.match(named.stderr, /perf\/staging\.env: no such file/);
    assert.equal(named.env, undefined, 'nothing exported');
  });

  it('exports nothing from a file with a secret in it', () => {
    const repo = mkdtempSync(join(dir, 'repo-'));
    writeFileSync(join(repo, 'service.env'), 'LOGIN_PATH=/login\nUSER_PASSWORD=hunter2\n');
    const result = run(repo, 'service.env');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /service\.env:2: USER_PASSWORD is a secret/);
    assert.doesNotMatch(result.stderr, /hunter2/);
    assert.equal(result.env, undefined);
    assert.equal(result.summary, undefined);
  });

  it('refuses a --set that names no setting, as a usage error', () => {
    const repo = mkdtempSync(join(dir, 'repo-'));
    const result = run(repo, '--set', 'NOT_A_KNOB=1');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--set takes NAME=value/);
  });
});
