// Finds the Chromium the browser checks drive through playwright-core, installing Debian's package when
// we can (Debian/Ubuntu as root); anywhere else it stops with the command that fixes it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine without network: without them Chromium spends its start-up
 * waiting on component updates, sync and QUIC probes. The caller adds a fresh --user-data-dir (with
 * playwright: launchPersistentContext(freshDir, …)) so no profile state leaks between runs.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HELP = `Chromium is needed for the browser check of the plan report and was not found at ${CHROMIUM_PATH}.
Install it, then run the tests again:
  Debian:        sudo apt-get update && sudo apt-get install -y chromium
  Ubuntu:        sudo apt-get install -y chromium-browser (a snap; or use Debian's chromium package)
  Fedora/RHEL:   sudo dnf install chromium, then link it to ${CHROMIUM_PATH}
  macOS:         not supported by this check (it expects ${CHROMIUM_PATH})`;

function isDebianLike(): boolean {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

function aptGet(args: string[]): boolean {
  const run = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return run.status === 0;
}

/** The Chromium executable's path; installs it via apt when missing on Debian/Ubuntu as root. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const root = process.getuid?.() === 0;
  if (!(root && isDebianLike())) {
    throw new Error(`${INSTALL_HELP}\n(Automatic install needs Debian/Ubuntu and root.)`);
  }
  console.log(`Chromium missing: installing Debian's package (apt-get install -y chromium)`);
  if (!aptGet(['update']) || !aptGet(['install', '-y', 'chromium']) || !existsSync(CHROMIUM_PATH)) {
    throw new Error(`apt-get could not install chromium (see its output above).\n${INSTALL_HELP}`);
  }
  return CHROMIUM_PATH;
}
