// `npm run report -- --merge` as a user runs it after collecting each instance's test folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { runMergeCommand } from '../../scripts/lib/merge/merge-command.ts';
import { projectRoot } from '../../scripts/lib/paths.ts';
import { PLAN_RUN_ID } from '../report/plan-fixture.ts';
import { fixturesDir } from '../report/summary-fixture.ts';

const recorded = join(fixturesDir, 'plan-run', PLAN_RUN_ID);

/** The command in this process (fast); its console output captured rather than printed. */
function merge(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = mock.method(console, 'log', (text: string) => out.push(text));
  const error = mock.method(console, 'error', (text: string) => err.push(text));
  try {
    const code = runMergeCommand(['--merge', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mock.restore();
    error.mock.restore();
  }
}

/** The command as npm runs it, to prove scripts/report.ts hands --merge over. */
function report(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run report -- --merge (one verdict for N instances)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'merge-cli-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  for (const [instance, folder] of [
    ['one', 'stress-5000'],
    ['two', 'stress-5000'],
    ['leaky', 'stress-5000@memory'],
  ] as const) {
    cpSync(join(recorded, folder), join(scratch, instance), { recursive: true });
  }

  it('writes merged.json and merged.md into the named folder and exits 0 on PASS', () => {
    const out = join(scratch, 'merged-pass');
    const { code, out: stdout } = report([
      '--merge',
      join(scratch, 'one'),
      join(scratch, 'two'),
      '--out',
      out,
    ]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /stress-5000, 2 instances, 200 users in all \(plan 5000\): PASS/);
    const merged = JSON.parse(readFileSync(join(out, 'merged.json'), 'utf8'));
    assert.equal(merged.schema, 'auth-loadtest/run@1');
    assert.equal(merged.merged.instances.length, 2);
    assert.match(readFileSync(join(out, 'merged.md'), 'utf8'), /^# Merged verdict: stress-5000/);
  });

  it('exits 1 on FAIL when one instance let revoked tokens through', () => {
    const out = join(scratch, 'merged-fail');
    const { code, out: stdout } = report([
      '--merge',
      join(scratch, 'one'),
      join(scratch, 'leaky'),
      '--out',
      out,
    ]);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /Revoked tokens accepted .* FAIL/);
    assert.ok(existsSync(join(out, 'merged.md')));
  });

  it('exits 2 with a clear error for a folder without a run record or a run folder with several tests', () => {
    const empty = merge([join(scratch, 'one'), scratch, '--out', join(scratch, 'x')]);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /holds 3 tests; name each instance's test folder/);
    const missing = merge([join(scratch, 'nowhere')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nowhere: no such file or folder/);
    assert.ok(!existsSync(join(scratch, 'x')));
  });
});
