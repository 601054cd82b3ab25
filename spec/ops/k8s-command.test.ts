// `npm run k8s` on a built bundle: both manifests written and readable, no secret from the environment in
// them, and clear errors (exit 2) for what it cannot use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { buildDir, projectRoot } from '../../scripts/lib/paths.ts';

describe('npm run k8s', () => {
  const out = mkdtempSync(join(tmpdir(), 'k8s-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const k8s = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/k8s.ts', ...args, '--out', out], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });

  it('writes both manifests for a built bundle, with no secret from the environment in them', () => {
    const bundle = join(buildDir, 'smoke.js');
    assert.ok(existsSync(bundle), 'npm test builds the bundles before the specs');
    const run = k8s(['smoke', '--parallelism', '2', '--image', 'grafana/k6:1.8.1', '--id', 'spec-1'], {
      BASE_URL: 'http://auth.test.svc:8080',
      USER_PASSWORD: 'not-in-any-manifest',
    });
    assert.equal(run.status, 0, run.stderr);
    const configMap = readFileSync(join(out, 'smoke.configmap.yaml'), 'utf8');
    const testRun = readFileSync(join(out, 'smoke.testrun.yaml'), 'utf8');
    assert.equal(parse(configMap).data['smoke.js'], readFileSync(bundle, 'utf8'));
    assert.equal(parse(testRun).spec.parallelism, 2);
    assert.ok(!`${configMap}${testRun}`.includes('not-in-any-manifest'));
  });

  it('exits 2 for an unknown test or a missing --parallelism', () => {
    const unknown = k8s(['nope', '--parallelism', '2'], { BASE_URL: 'http://a' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown test "nope"; one of: .*stress-5000/);
    const noParallelism = k8s(['smoke'], { BASE_URL: 'http://a' });
    assert.equal(noParallelism.status, 2);
    assert.match(noParallelism.stderr, /--parallelism N is required/);
  });
});
