// The run folder's one reader and writer: every file of a recorded plan run reads back, and a file that is
// not what its name promises is refused with the file and the field that is wrong.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../scripts/lib/paths.ts';
import {
  type RunFileKind,
  RunFolderError,
  readRunFile,
  writeRunFile,
} from '../../scripts/lib/run-folder/files.ts';

const fixtureRoot = join(projectRoot, 'spec', 'fixtures', 'plan-run');
const [fixtureRun] = readdirSync(fixtureRoot).filter((name) => !name.endsWith('.md'));
const fixture = join(fixtureRoot, fixtureRun as string);
const scratch = mkdtempSync(join(tmpdir(), 'run-folder-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Each kind of file, as the plan runner names it, found in the recorded run. */
function recordedFiles(): [RunFileKind, string][] {
  const files: [RunFileKind, string][] = [
    ['runInfo', join(fixture, 'run-info.json')],
    ['soak', join(fixture, 'soak.json')],
    ['scalability', join(fixture, 'scalability.json')],
    ['drill', join(fixture, 'failover-sigterm.json')],
  ];
  for (const entry of readdirSync(fixture, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const names = readdirSync(join(fixture, entry.name));
    if (names.includes('summary.json')) files.push(['summary', join(fixture, entry.name, 'summary.json')]);
    if (names.includes('errors.json')) files.push(['errors', join(fixture, entry.name, 'errors.json')]);
    if (names.includes('resources.json'))
      files.push(['resources', join(fixture, entry.name, 'resources.json')]);
  }
  return files;
}

function refusal(kind: RunFileKind, content: string): string {
  const file = join(scratch, `${kind}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  try {
    readRunFile(kind, file, 'the-file');
  } catch (error) {
    assert.ok(error instanceof RunFolderError, String(error));
    return error.message;
  }
  return assert.fail(`${kind}: ${content} was accepted`);
}

describe('run folder files', () => {
  it('reads every file of a recorded plan run', () => {
    const files = recordedFiles();
    assert.ok(files.filter(([kind]) => kind === 'summary').length >= 4, 'the fixture has its test folders');
    for (const [kind, file] of files) {
      const value = readRunFile(kind, file);
      assert.equal((value as { schema: string }).schema, JSON.parse(readFileSync(file, 'utf8')).schema, file);
    }
  });

  it('refuses bad JSON, another schema and a wrong field, naming the file and the field', () => {
    assert.match(refusal('soak', '{"schema": '), /^the-file: not valid JSON/);
    const drill = readFileSync(join(fixture, 'failover-sigterm.json'), 'utf8');
    assert.match(
      refusal('soak', drill),
      /^the-file: not a soak result \(expected schema "auth-loadtest\/soak@1"/,
    );
    const soak = JSON.parse(readFileSync(join(fixture, 'soak.json'), 'utf8'));
    assert.match(
      refusal('soak', JSON.stringify({ ...soak, criteria: 'none' })),
      /soak result with a wrong field: \/criteria/,
    );
    const { verdict: _, ...noVerdict } = soak;
    assert.match(refusal('soak', JSON.stringify(noVerdict)), /wrong field/);
  });

  it('writes only what its readers accept, with NaN written as null where a value may be missing', () => {
    const soak = JSON.parse(readFileSync(join(fixture, 'soak.json'), 'utf8'));
    const file = join(scratch, 'nested', 'soak.json');
    writeRunFile('soak', file, { ...soak, p95DriftPct: Number.NaN });
    assert.equal(readRunFile('soak', file).p95DriftPct, null);
    assert.throws(
      () => writeRunFile('soak', join(scratch, 'bad.json'), { ...soak, minutes: undefined }),
      /refusing to write/,
    );
  });
});
