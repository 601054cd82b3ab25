// The knob catalogue is complete and truthful: every name the parsers read is in it (recorded at run time by
// an environment that notes each name asked for, and found statically in the sources), every suite knob in
// it is read somewhere, and what it says about empty values and `off` is what the parser does.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, type Env, parseConfig } from '../../lib/config.ts';
import { isKnobName, KNOB_GROUPS, KNOBS, knob, OPT_OUT_VALUE } from '../../lib/knobs/catalogue.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';

/** parseConfig on `values`, returning every variable name it asked the environment for. */
function namesReadBy(values: Env): Set<string> {
  const asked = new Set<string>();
  const env = new Proxy(values, {
    get(target, property) {
      if (typeof property === 'string') asked.add(property);
      return target[property as string];
    },
    has(target, property) {
      if (typeof property === 'string') asked.add(property);
      return property in target;
    },
  });
  parseConfig(env);
  return asked;
}

// Branches: the split's sequence is read only with a segment; the opt-outs take their own path.
const ENVIRONMENTS: Env[] = [
  {},
  { EXECUTION_SEGMENT: '0:1/2' },
  { REDIS_URL: 'off', LOGIN_LIMIT_PER_ACCOUNT: 'off' },
  { REDIS_URL: 'redis://127.0.0.1:6379', LOGIN_LIMIT_PER_ACCOUNT: '10', HEALTH_PATH: '', WORKER_HEADER: '' },
];
const readByParser = new Set(ENVIRONMENTS.flatMap((env) => [...namesReadBy(env)]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Variables the shell sets, not knobs of this project. */
const SYSTEM_VARIABLES = new Set(['PATH', 'PWD']);

/** Every `NAME` a source file reads from an environment by a literal name, with where. */
function envReadsIn(dirs: string[], patterns: RegExp[]): Array<{ name: string; where: string }> {
  return dirs
    .flatMap((dir) => sourceFiles(join(projectRoot, dir)))
    .flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return patterns.flatMap((pattern) =>
        [...text.matchAll(pattern)].map((match) => ({
          name: match[1] as string,
          where: `${relative(projectRoot, file)}:${text.slice(0, match.index).split('\n').length}`,
        })),
      );
    })
    .filter(({ name }) => !SYSTEM_VARIABLES.has(name));
}

describe('knob catalogue', () => {
  it('holds each name once, with a group, a meaning and a default', () => {
    const names = KNOBS.map((entry) => entry.name);
    assert.equal(new Set(names).size, names.length, 'a name appears twice');
    for (const entry of KNOBS) {
      assert.match(entry.name, /^[A-Z][A-Z0-9_]*$/);
      assert.ok(KNOB_GROUPS[entry.group], `${entry.name}: unknown group ${entry.group}`);
      assert.ok(entry.meaning.trim().length > 0 && entry.default.trim().length > 0, entry.name);
    }
  });

  it('has every name parseConfig reads', () => {
    assert.ok(readByParser.has('BASE_URL') && readByParser.has('LOGIN_BODY'), 'the recording works');
    const missing = [...readByParser].filter((name) => !isKnobName(name));
    assert.deepEqual(missing, [], 'read by parseConfig but not catalogued');
  });

  it('has every name the k6 sources and the Node commands read by a literal name', () => {
    const reads = [
      // k6 side: __ENV.NAME, __ENV['NAME'], secret('NAME'), and reader(env, 'NAME', ...) calls.
      ...envReadsIn(
        ['lib', 'tests'],
        [/__ENV\.([A-Z][A-Z0-9_]*)/g, /__ENV\['([A-Z][A-Z0-9_]*)'\]/g, /\bsecret\('([A-Z][A-Z0-9_]*)'\)/g],
      ),
      ...envReadsIn(['lib', 'tests', 'scripts'], [/\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'/g]),
      // Node side: process.env.NAME and process.env['NAME'].
      ...envReadsIn(
        ['scripts'],
        [/process\.env\.([A-Z][A-Z0-9_]*)/g, /process\.env\['([A-Z][A-Z0-9_]*)'\]/g],
      ),
    ];
    assert.ok(
      reads.some(({ name }) => name === 'REDIS_STOP_CMD'),
      'the scan finds reads',
    );
    const missing = reads
      .filter(({ name }) => !isKnobName(name))
      .map(({ name, where }) => `${name} (${where})`);
    assert.deepEqual(missing, [], 'read by name but not catalogued');
  });

  it('lists no suite knob that nothing reads', () => {
    const secretsSource = readFileSync(join(projectRoot, 'lib', 'k6', 'secrets.ts'), 'utf8');
    const unread = KNOBS.filter((entry) => entry.readBy === 'k6')
      .map((entry) => entry.name)
      .filter((name) => !readByParser.has(name) && !secretsSource.includes(`secret('${name}')`));
    assert.deepEqual(unread, []);
  });

  it('marks exactly the knobs whose explicitly empty value differs from leaving them out', () => {
    const unset = JSON.stringify(parseConfig({}));
    for (const entry of KNOBS.filter((e) => e.readBy === 'k6' && !e.secret)) {
      const empty = JSON.stringify(parseConfig({ [entry.name]: '' }));
      assert.equal(empty !== unset, knob(entry.name).empty !== undefined, `${entry.name}=`);
    }
  });

  it('marks exactly REDIS_URL, LOGIN_LIMIT_PER_ACCOUNT and INSTANCE_URLS as opted out by exactly `off`', () => {
    const optOuts = KNOBS.filter((entry) => knob(entry.name).optOut !== undefined).map((entry) => entry.name);
    assert.deepEqual(optOuts.sort(), ['INSTANCE_URLS', 'LOGIN_LIMIT_PER_ACCOUNT', 'REDIS_URL']);
    const none = parseConfig({});
    assert.equal(none.redisOptOut, false);
    assert.equal(none.loginLimitOptOut, false);
    assert.equal(none.instanceUrlsOptOut, false);
    assert.equal(parseConfig({ INSTANCE_URLS: OPT_OUT_VALUE }).instanceUrlsOptOut, true);
    const off = parseConfig({ REDIS_URL: OPT_OUT_VALUE, LOGIN_LIMIT_PER_ACCOUNT: OPT_OUT_VALUE });
    assert.equal(off.redisOptOut, true);
    assert.equal(off.redis, undefined);
    assert.equal(off.loginLimitOptOut, true);
    assert.equal(off.loginLimit, undefined);
    // Only the exact word: anything else is a malformed value, not a quiet opt-out.
    for (const value of ['OFF', 'Off', 'none', 'false', '0']) {
      assert.throws(() => parseConfig({ REDIS_URL: value }), ConfigError, `REDIS_URL=${value}`);
      assert.throws(() => parseConfig({ LOGIN_LIMIT_PER_ACCOUNT: value }), ConfigError, value);
      assert.throws(() => parseConfig({ INSTANCE_URLS: value }), ConfigError, `INSTANCE_URLS=${value}`);
    }
  });
});
