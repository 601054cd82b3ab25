// Finds the k6 executable the way docs/installing-k6.md promises: K6_BIN, then `k6` on PATH, then `.tools/`.
// The project never builds or downloads k6; it only finds one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../paths.ts';

export interface K6Binary {
  path: string;
  version: string;
  major: number;
  foundVia: 'K6_BIN' | 'PATH' | '.tools';
}

export const MINIMUM_K6_MAJOR = 1;

export const K6_INSTALL_HELP = `k6 (v1.0 or newer) is required and was not found.
Looked at: $K6_BIN, then "k6" on PATH, then ${join('.tools', 'k6')}.
Install it one of the official ways (https://grafana.com/docs/k6/latest/set-up/install-k6/):
  Debian/Ubuntu: the Grafana apt repository (sudo apt-get install k6 after adding dl.k6.io/deb)
  Fedora/RHEL:   sudo dnf install https://dl.k6.io/rpm/repo.rpm && sudo dnf install k6
  macOS:         brew install k6
  Windows:       winget install k6 --source winget   (or: choco install k6)
  Container:     docker run --rm -v "$PWD/build:/build:ro" grafana/k6 run /build/smoke.js
  Binary:        download a release archive from https://github.com/grafana/k6/releases and put k6 on PATH
Or point K6_BIN at an existing k6 executable. More, with k6 v1 and v2: docs/installing-k6.md`;

function candidates(): Array<{ path: string; foundVia: K6Binary['foundVia'] }> {
  const found: Array<{ path: string; foundVia: K6Binary['foundVia'] }> = [];
  if (process.env.K6_BIN) found.push({ path: process.env.K6_BIN, foundVia: 'K6_BIN' });
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'k6'))) {
      found.push({ path: join(dir, 'k6'), foundVia: 'PATH' });
      break;
    }
  }
  found.push({ path: join(projectRoot, '.tools', 'k6'), foundVia: '.tools' });
  return found;
}

/** Parses `k6 version` output such as "k6 v1.8.1 (commit/devel, go1.26.8, linux/amd64)". */
export function parseK6Version(output: string): { version: string; major: number } | undefined {
  const match = /\bv(\d+)\.(\d+)\.(\d+)\S*/.exec(output);
  if (!match) return undefined;
  return { version: match[0].slice(1), major: Number(match[1]) };
}

/** The first working k6, or undefined. K6_BIN, when set, must work: a wrong K6_BIN is an error, not a fallback. */
export function findK6(): K6Binary | undefined {
  for (const candidate of candidates()) {
    if (!existsSync(candidate.path)) {
      if (candidate.foundVia === 'K6_BIN') throw new Error(`K6_BIN=${candidate.path} does not exist.`);
      continue;
    }
    const run = spawnSync(candidate.path, ['version'], { encoding: 'utf8', timeout: 15_000 });
    const parsed = run.status === 0 ? parseK6Version(run.stdout) : undefined;
    if (!parsed) {
      if (candidate.foundVia === 'K6_BIN')
        throw new Error(`K6_BIN=${candidate.path} did not answer "k6 version".`);
      continue;
    }
    return { path: candidate.path, ...parsed, foundVia: candidate.foundVia };
  }
  return undefined;
}

/** k6, checked to be new enough; exits the process with install instructions otherwise. */
export function requireK6(): K6Binary {
  let k6: K6Binary | undefined;
  try {
    k6 = findK6();
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${K6_INSTALL_HELP}`);
    process.exit(1);
  }
  if (!k6) {
    console.error(`error: ${K6_INSTALL_HELP}`);
    process.exit(1);
  }
  if (k6.major < MINIMUM_K6_MAJOR) {
    console.error(
      `error: ${k6.path} is k6 v${k6.version}; this suite needs v1.0 or newer.\n\n${K6_INSTALL_HELP}`,
    );
    process.exit(1);
  }
  return k6;
}
