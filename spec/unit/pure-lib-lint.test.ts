// lib/ outside lib/k6/ is the pure part that Node and the unit tests import; the lint rule in biome.json keeps
// it so. Each probe file is linted in a scratch copy of the project's layout with the project's own
// biome.json (Biome's stdin mode reports no diagnostics), so the source tree gets no file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/paths.ts';

const biome = join(projectRoot, 'node_modules', '.bin', 'biome');
const scratch = mkdtempSync(join(tmpdir(), 'pure-lib-lint-'));
copyFileSync(join(projectRoot, 'biome.json'), join(scratch, 'biome.json'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function lint(path: string, source: string): { ok: boolean; output: string } {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), source);
  const run = spawnSync(biome, ['lint', path], { cwd: scratch, encoding: 'utf8' });
  rmSync(join(scratch, path));
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

const K6_IMPORT = "import http from 'k6/http';\n\nexport const get = http.get;\n";
const K6_EXEC = "import exec from 'k6/execution';\n\nexport const vu = () => exec.vu.idInTest;\n";
const RUNTIME_IMPORT =
  "import { authClient } from './k6/auth-client.ts';\n\nexport const client = authClient;\n";

describe('the pure part of lib/', () => {
  it('fails the lint on an import of k6, a k6 module or lib/k6/', () => {
    for (const [path, source] of [
      ['lib/probe-pure.ts', K6_IMPORT],
      ['lib/summary/probe-pure.ts', K6_EXEC],
      ['lib/probe-pure.ts', RUNTIME_IMPORT],
      ['lib/probe-pure.ts', "import { check } from 'k6';\n\nexport const ok = check;\n"],
    ]) {
      const result = lint(path as string, source as string);
      assert.equal(result.ok, false, `${path} accepted:\n${source}`);
      assert.match(result.output, /noRestrictedImports/, result.output);
    }
  });

  it('lets lib/k6/ import k6, and the pure part import the pure part', () => {
    assert.deepEqual(lint('lib/k6/probe-runtime.ts', K6_IMPORT).ok, true);
    const pure = "import { meets } from './plan.ts';\n\nexport const check = meets;\n";
    const result = lint('lib/probe-pure.ts', pure);
    assert.equal(result.ok, true, result.output);
  });
});
