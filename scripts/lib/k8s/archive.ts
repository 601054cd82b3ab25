// `k6 archive`: one .tar holding a test's stand-in, both parts and their chunks, which is what Grafana
// Cloud and k6-operator take. k6 freezes the test's options (scenarios, thresholds) in the archive as the
// archiving environment made them, and `k6 run archive.tar -e ...` does not recompute them: the archive
// must be made with the knobs the runners get. Secrets are never given: init reads none, and k6 archive
// packs no system environment unless asked to.
import { spawnSync } from 'node:child_process';
import type { K6Binary } from '../stack/k6-binary.ts';

export class ArchiveError extends Error {}

/** Writes `k6 archive` of `script` to `outFile`, with `env` as `-e NAME=value` each. */
export function archiveTest(
  k6: K6Binary,
  script: string,
  env: Record<string, string>,
  outFile: string,
): void {
  const args = ['archive', '--quiet', '--archive-out', outFile];
  for (const [name, value] of Object.entries(env)) args.push('-e', `${name}=${value}`);
  const result = spawnSync(k6.path, [...args, script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new ArchiveError(`k6 archive ${script} failed (exit ${result.status}):\n${output}`);
  }
}
