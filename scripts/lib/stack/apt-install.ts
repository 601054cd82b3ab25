// Installing a Debian package the embedded stack needs (redis-server, haproxy) when it is missing: only on
// Debian/Ubuntu and only as root, where a command may do it unasked; elsewhere the caller's message names
// the package to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether this machine lets a command install a package by itself (Debian or Ubuntu, running as root). */
export function canInstallWithApt(): boolean {
  return existsSync('/etc/debian_version') && process.getuid?.() === 0;
}

/** apt-get update and install `debianPackage`; throws `help` with the step that failed. */
export function installWithApt(debianPackage: string, help: string): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', debianPackage]]) {
    const run = spawnSync('apt-get', args, { env, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed. ${help}`);
  }
}
