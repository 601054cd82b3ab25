#!/usr/bin/env node
// Entry for every `npm start` / `npm test` / `npm run <command>` written in TypeScript.
// Plain JavaScript on purpose: it runs before TypeScript tooling exists on a fresh clone. Its only jobs
// are to check Node, make node_modules match package-lock.json, and hand over to the TypeScript command.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const commands = {
  start: 'scripts/commands/start.ts',
  test: 'scripts/commands/test.ts',
  failover: 'scripts/commands/failover.ts',
  observe: 'scripts/commands/observe.ts',
  soak: 'scripts/commands/soak.ts',
  contract: 'scripts/commands/contract.ts',
  capacity: 'scripts/commands/capacity.ts',
  sensitivity: 'scripts/commands/sensitivity.ts',
  bench: 'scripts/commands/bench.ts',
  reliability: 'scripts/commands/reliability.ts',
  build: 'scripts/build.ts',
  docs: 'scripts/docs.ts',
  report: 'scripts/report.ts',
  compare: 'scripts/compare.ts',
  k8s: 'scripts/k8s.ts',
  service: 'scripts/service.ts',
  'measure-redis-timeout': 'scripts/measure-redis-timeout.ts',
};

function fail(message) {
  console.error(`\nerror: ${message}`);
  process.exit(1);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20)
    fail(`Node.js ${process.versions.node} is too old; install Node.js 20 or newer (https://nodejs.org).`);
}

/**
 * A user who ran `npm ci` by hand has no stamp yet: npm's own record of what it installed
 * (node_modules/.package-lock.json) matching the lock file's versions counts as installed from it. Optional
 * packages for other platforms are in the lock but never installed.
 */
function installedByHand() {
  const hidden = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return false;
  try {
    const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
    const installed = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
    return Object.entries(wanted).every(
      ([path, entry]) =>
        path === '' ||
        installed[path]?.version === entry.version ||
        (entry.optional === true && installed[path] === undefined),
    );
  } catch {
    return false;
  }
}

// node_modules is "fresh" when it was installed from exactly this package-lock.json.
function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.installed-lock-sha256');
  const wanted = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (have === wanted) return;
  if (have === '' && installedByHand()) {
    writeFileSync(stamp, `${wanted}\n`);
    return;
  }
  console.log(
    existsSync(join(root, 'node_modules'))
      ? 'node_modules is stale: running npm ci'
      : 'installing dependencies: npm ci',
  );
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0)
    fail('npm ci failed (see above). Check that the npm registry is reachable, then run the command again.');
  writeFileSync(stamp, `${wanted}\n`);
}

const [name, ...args] = process.argv.slice(2);
const script = commands[name];
if (!script) fail(`unknown command "${name}"; expected one of: ${Object.keys(commands).join(', ')}`);
checkNode();
ensureDependencies();
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [join(root, script), ...args], { cwd: root, stdio: 'inherit' });
// A supervisor (CI, systemd, `kill <npm pid>`) stops the command with SIGTERM or SIGHUP, which reach this
// process alone: pass them on, so the command runs its own cleanup (it stops the Redis, services and k6 it
// started) instead of being orphaned. Ctrl-C reaches the whole process group; passing SIGINT on is harmless.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
// The shell's convention for a command killed by a signal: 128 + its number.
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
