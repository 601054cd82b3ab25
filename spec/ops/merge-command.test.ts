// `npm run report -- --merge` as a user runs it after collecting each instance's test folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // The recorded plan run's stress-5000 as two runners' records, each naming its half of the load as
  // today's bundles do (the recording ran unsplit and predates the segment field).
  for (const [instance, folder, spec] of [
    ['one', 'stress-5000', '0:1/2'],
    ['two', 'stress-5000', '1/2:1'],
    ['leaky', 'stress-5000@memory', '1/2:1'],
  ] as const) {
    cpSync(join(recorded, folder), join(scratch, instance), { recursive: true });
    const file = join(scratch, instance, 'summary.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    record.segment = { spec, share: 1 / 2, users: record.profile.users / 2 };
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
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
    assert.match(stdout, /stress-5000, 2 instances, 100 users in all \(plan 5000\): PASS/);
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

  it('exits 2 naming the missing half when one of two segment records is merged alone', () => {
    const out = join(scratch, 'merged-half');
    const { code, out: stdout, err } = report(['--merge', join(scratch, 'one'), '--out', out]);
    assert.equal(code, 2, stdout);
    assert.match(err, /not one whole run, so no verdict was merged/);
    assert.match(err, /missing: segment 1\/2:1 \(50% of the load\) is in no record/);
    assert.ok(!existsSync(out), 'no merged verdict written');
  });

  it('exits 2 naming the runner that aborted, and records of another run', () => {
    // Beside the scratch folder's instances, not in it: the last spec counts the tests the scratch folder holds.
    const aborted = join(scratch, 'elsewhere', 'aborted');
    cpSync(join(scratch, 'two'), aborted, { recursive: true });
    const file = join(aborted, 'summary.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...record, abortedBeforeLoad: true, runId: 'another-run' }));
    const result = merge([join(scratch, 'one'), aborted]);
    assert.equal(result.code, 2);
    assert.match(
      result.err,
      /records of different runs \(run ids\): "2026-11-26T16-33-48Z" \(.*one\); "another-run"/,
    );
    assert.match(result.err, /aborted: .*aborted stopped in setup\(\) before its load started/);
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
