// The user pages (README.md and docs/*.md) point only at what exists: relative links at files of the
// repository and anchors at headings of the target page, `npm run <name>` at scripts of package.json, and
// settings at the knob catalogue. Pages come and go; the spec reads whichever are there.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { KNOBS } from '../../lib/knobs/catalogue.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { codeSpans, githubSlug, headingAnchors, isExternal, markdownLinks } from '../helpers/markdown.ts';

const PAGES = [
  'README.md',
  ...readdirSync(join(projectRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

const read = (page: string) => readFileSync(join(projectRoot, page), 'utf8');

/**
 * The reference service's own settings (PORT, WORKERS, LOGIN_WINDOW_S ...), which the pages describe with
 * the service: declared once, as the keys of its TypeBox schema in server/config.ts, read here as text so
 * the spec does not need the schema exported.
 */
function serviceSettings(): string[] {
  const source = readFileSync(join(projectRoot, 'server/config.ts'), 'utf8');
  const start = source.indexOf('const EnvSchema = Type.Object({');
  const end = source.indexOf('\n});', start);
  assert.ok(start >= 0 && end > start, 'server/config.ts: EnvSchema not found');
  return [...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map(
    (match) => match[1] as string,
  );
}

/** Variables the pages may name that are neither suite knobs nor service settings. Keep it short. */
const NOT_KNOBS = new Set([
  'NAME', // the placeholder in `-e NAME=value`
  'EX_CONFIG', // sysexits.h's name for exit 78, which the service uses; not a variable
  'PLAN_ROWS', // the plan's rows in the code (lib/profiles.ts); not a variable
  'API_KEY', // docs/ci.md: an example of a credential-like name the CI settings file refuses
]);
/** Other programs' variables: k6's own options (K6_CLOUD_TOKEN, K6_WEB_DASHBOARD ...), Node's, GitHub's. */
const FOREIGN_PREFIXES = /^(K6_|NODE_|GITHUB_)/;

/**
 * Names a page presents as settings, narrowly so that it can be checked: in an inline code span, every
 * `NAME=` (a setting being given a value, as in `-e NAME=value` or `REDIS_URL=off`), and a span that is
 * nothing but an ALL_CAPS name with an underscore (`LOGIN_LIMIT_PER_ACCOUNT`). A bare word without an
 * underscore (`SCALE`, but also `PASS`, `GET`) is not taken for one: too many are not settings.
 */
function namedSettings(code: string): string[] {
  const names = [...code.matchAll(/(?:^|\s)([A-Z][A-Z0-9_]+)=/g)].map((match) => match[1] as string);
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(code)) names.push(code);
  return names;
}

describe('the user pages', () => {
  it('are README.md and docs/*.md', () => {
    assert.ok(PAGES.length > 1, PAGES.join(', '));
  });

  it('link only to files that exist, and to anchors that exist in them', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const { target, line } of markdownLinks(read(page))) {
        if (isExternal(target)) continue;
        const [pathPart = '', anchor] = target.split('#');
        const path = decodeURIComponent(pathPart);
        const file = path === '' ? join(projectRoot, page) : resolve(projectRoot, dirname(page), path);
        const where = `${page}:${line} -> ${target}`;
        if (!file.startsWith(projectRoot + sep)) {
          broken.push(`${where}: outside the repository`);
        } else if (!existsSync(file)) {
          broken.push(`${where}: no such file`);
        } else if (anchor !== undefined && anchor !== '') {
          if (!statSync(file).isFile() || !file.endsWith('.md')) {
            broken.push(`${where}: an anchor into a file that is not a Markdown page`);
          } else if (!headingAnchors(readFileSync(file, 'utf8')).has(anchor)) {
            broken.push(`${where}: no heading "#${anchor}" in ${relative(projectRoot, file)}`);
          }
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('name only npm scripts that package.json has', () => {
    const scripts = Object.keys(
      (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
    );
    const unknown: string[] = [];
    for (const page of PAGES) {
      // Code blocks included: a command in an example is one a reader runs.
      read(page)
        .split('\n')
        .forEach((text, index) => {
          for (const match of text.matchAll(/\bnpm run(?: --silent)? ([a-z][\w:-]*)/g)) {
            if (!scripts.includes(match[1] as string))
              unknown.push(`${page}:${index + 1}: npm run ${match[1]}`);
          }
        });
    }
    assert.deepEqual(unknown, []);
  });

  it('name only settings the knob catalogue or the reference service has', () => {
    const known = new Set([...KNOBS.map((knob) => knob.name), ...serviceSettings(), ...NOT_KNOBS]);
    assert.ok(known.has('PORT') && known.has('BASE_URL'), 'both the catalogue and the service were read');
    const unknown: string[] = [];
    for (const page of PAGES) {
      for (const { code, line } of codeSpans(read(page))) {
        for (const name of namedSettings(code)) {
          if (!known.has(name) && !FOREIGN_PREFIXES.test(name)) unknown.push(`${page}:${line}: ${name}`);
        }
      }
    }
    assert.deepEqual(unknown, [], 'a setting the code does not read (misspelt, renamed or gone)');
  });

  it('point at nothing outside the repository', () => {
    const outside = PAGES.flatMap((page) =>
      ['../shared/', 'DESIGN.md']
        .filter((forbidden) => read(page).includes(forbidden))
        .map((f) => `${page}: ${f}`),
    );
    assert.deepEqual(
      outside,
      [],
      'the pages describe the product on their own (the contract: docs/contract.md)',
    );
  });

  it('the setting rule catches what it is meant to and nothing else', () => {
    assert.deepEqual(namedSettings('-e BASE_URL=http://127.0.0.1:8080'), ['BASE_URL']);
    assert.deepEqual(namedSettings("REDIS_STOP_CMD='docker stop redis' REDIS_START_CMD=x"), [
      'REDIS_STOP_CMD',
      'REDIS_START_CMD',
    ]);
    assert.deepEqual(namedSettings('LOGIN_LIMIT_PER_ACCOUNT'), ['LOGIN_LIMIT_PER_ACCOUNT']);
    assert.deepEqual(namedSettings('SCALE'), []);
    assert.deepEqual(namedSettings('PASS'), []);
    assert.deepEqual(namedSettings('a == b'), []);
  });
});

describe('spec/helpers/markdown.ts reads pages as GitHub renders them', () => {
  it("gives headings GitHub's anchors, numbering repeats and skipping code blocks", () => {
    assert.equal(githubSlug('Split runs (execution segments)'), 'split-runs-execution-segments');
    assert.equal(githubSlug('k6 exit 108: preflight refused'), 'k6-exit-108-preflight-refused');
    assert.equal(githubSlug('`npm run k8s` and [docs](x.md)'), 'npm-run-k8s-and-docs');
    assert.equal(githubSlug('LOGIN_LIMIT_PER_ACCOUNT, again'), 'login_limit_per_account-again');
    const anchors = headingAnchors('# Usage\n## Usage\n## Usage\n```sh\n# not a heading\n```\n');
    assert.deepEqual([...anchors].sort(), ['usage', 'usage-1', 'usage-2']);
  });

  it('finds links in prose only, and code spans with their lines', () => {
    const page = 'See [ci](docs/ci.md#a) and `[not](x.md)`.\n```\n[nor](y.md)\n```\n[ref]: docs/plan.md\n';
    assert.deepEqual(
      markdownLinks(page).map((link) => `${link.line}:${link.target}`),
      ['1:docs/ci.md#a', '5:docs/plan.md'],
    );
    assert.deepEqual(codeSpans('a `X_Y=1` b ``c`d``'), [
      { code: 'X_Y=1', line: 1 },
      { code: 'c`d', line: 1 },
    ]);
    assert.ok(isExternal('https://k6.io') && isExternal('mailto:a@b') && !isExternal('docs/ci.md'));
  });
});
