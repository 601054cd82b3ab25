// Prometheus, promtool and the two exporters, from Debian's packages: found on PATH (or /usr/bin, where the
// packages put them), installed with apt-get when missing on Debian as root, the way redis-server is, and
// otherwise a message naming the packages. They are run as child processes, never as system services.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ObserveTools {
  prometheus: string;
  promtool: string;
  redisExporter: string;
  nodeExporter: string;
}

/** Each binary and the Debian package that provides it. */
const BINARIES: Record<keyof ObserveTools, { binary: string; pkg: string }> = {
  prometheus: { binary: 'prometheus', pkg: 'prometheus' },
  promtool: { binary: 'promtool', pkg: 'prometheus' },
  redisExporter: { binary: 'prometheus-redis-exporter', pkg: 'prometheus-redis-exporter' },
  nodeExporter: { binary: 'prometheus-node-exporter', pkg: 'prometheus-node-exporter' },
};

function installHelp(packages: string[]): string {
  return (
    `${packages.join(', ')} ${packages.length === 1 ? 'is' : 'are'} required for --observe and the alert-rule specs. ` +
    `Install: Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}; ` +
    'elsewhere put prometheus, promtool, prometheus-redis-exporter and prometheus-node-exporter (the ' +
    'upstream redis_exporter and node_exporter binaries under those names) on PATH.'
  );
}

function find(binary: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  return dirs.map((dir) => join(dir, binary)).find((path) => path !== binary && existsSync(path));
}

function missingPackages(): string[] {
  const missing = Object.values(BINARIES).filter(({ binary }) => find(binary) === undefined);
  return [...new Set(missing.map(({ pkg }) => pkg))];
}

function installWithApt(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // On a host with systemd the packages also enable their system services on the default ports; the
  // project never uses those, it runs its own copies on private loopback ports.
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const run = spawnSync('apt-get', args, { env, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed. ${installHelp(packages)}`);
  }
}

/** Paths of the four binaries; installs the missing packages with apt on Debian as root. */
export function ensureObserveTools(): ObserveTools {
  let missing = missingPackages();
  if (missing.length > 0 && existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    installWithApt(missing);
    missing = missingPackages();
  }
  if (missing.length > 0) throw new Error(installHelp(missing));
  const path = (key: keyof ObserveTools) => find(BINARIES[key].binary) as string;
  return {
    prometheus: path('prometheus'),
    promtool: path('promtool'),
    redisExporter: path('redisExporter'),
    nodeExporter: path('nodeExporter'),
  };
}
