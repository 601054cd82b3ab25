// The embedded stack's load balancer for INSTANCES >= 2: a private HAProxy on a free 127.0.0.1 port in
// front of the service instances, round-robin per request, or with cookie affinity (LB_AFFINITY=cookie).
//
// Health checks ask each instance's GET /health and accept 200 and 503. The service answers 503 "degraded"
// when it cannot reach Redis, and then every instance answers 503: it fails closed (logins and token checks
// answer 503 with Retry-After) on purpose. Ejecting instances for that would turn the service's own
// fail-closed answers into HAProxy's "no server available", and the balancer would lag Redis's return by
// its rise checks. So the check asks only "is this process answering HTTP"; an instance that is stopped,
// crashed or hung (no answer within the check timeout) is taken out, one that answers anything is kept.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runDir } from '../paths.ts';
import { canInstallWithApt, installWithApt } from './apt-install.ts';
import { stopChild, trackChild } from './cleanup.ts';
import { freePort } from './free-port.ts';

export type Affinity = 'none' | 'cookie';

export interface Backend {
  /** The server's name in HAProxy and its affinity cookie value: "i1", "i2", ... */
  name: string;
  port: number;
}

export interface RunningBalancer {
  baseUrl: string;
  port: number;
  pid: number;
  affinity: Affinity;
  /** HAProxy's admin socket (drain, disable, enable servers), for the instance-loss drill. */
  adminSocket: string;
  dir: string;
  /** `drain`: no new requests (those in flight finish); `ready`: back in rotation. */
  setState(server: string, state: 'drain' | 'ready'): Promise<void>;
  stop(): Promise<void>;
}

/** The affinity cookie HAProxy sets with LB_AFFINITY=cookie; its value names the instance. */
export const AFFINITY_COOKIE = 'AUTHLB';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

const INSTALL_HELP =
  'haproxy is required for INSTANCES >= 2 and was not found. Install it: Debian/Ubuntu: sudo apt-get install -y ' +
  'haproxy; Fedora/RHEL: sudo dnf install haproxy; macOS: brew install haproxy; or point HAPROXY_BIN at one.';

function findHaproxy(): string | undefined {
  if (process.env.HAPROXY_BIN) return process.env.HAPROXY_BIN;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/usr/local/sbin'];
  return dirs.map((dir) => join(dir, 'haproxy')).find((path) => path !== 'haproxy' && existsSync(path));
}

/** Path of a usable haproxy; installs Debian's package when missing on Debian/Ubuntu as root. */
export function ensureHaproxy(): string {
  let binary = findHaproxy();
  if (!binary && canInstallWithApt()) {
    installWithApt('haproxy', INSTALL_HELP);
    binary = findHaproxy();
  }
  if (!binary || !existsSync(binary)) throw new Error(INSTALL_HELP);
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8', timeout: 10_000 });
  if (!/HAProxy version \d+\.\d+/i.test(version.stdout ?? ''))
    throw new Error(`${binary} did not answer "haproxy -v". ${INSTALL_HELP}`);
  return binary;
}

/**
 * Connections HAProxy may hold: each takes two descriptors (client and server side), and HAProxy refuses to
 * start when the global maxconn needs more than the process's descriptor limit.
 */
export function maxConnections(descriptorLimit: number): number {
  return Math.max(256, Math.min(30_000, Math.floor((descriptorLimit - 200) / 2)));
}

function descriptorLimit(): number {
  const answer = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const limit = Number(answer.stdout?.trim());
  // "unlimited", or no answer: the cap in maxConnections applies.
  return Number.isInteger(limit) && limit > 0 ? limit : 65_536;
}

/** The configuration text (pure, so a unit spec reads it). */
export function haproxyConfig(
  port: number,
  backends: Backend[],
  affinity: Affinity,
  adminSocket: string,
  maxconn = 10_000,
): string {
  const servers = backends.map(
    ({ name, port: backendPort }) =>
      `  server ${name} ${HOST}:${backendPort} check${affinity === 'cookie' ? ` cookie ${name}` : ''}`,
  );
  return [
    'global',
    `  maxconn ${maxconn}`,
    // One thread: on a small machine the service instances and k6 need the cores more than the balancer.
    '  nbthread 1',
    `  stats socket ${adminSocket} mode 600 level admin`,
    'defaults',
    '  mode http',
    `  maxconn ${maxconn}`,
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-keep-alive 60s',
    // A connection refused by a stopped instance is retried once on another; a request already sent never is.
    '  retries 1',
    '  option redispatch',
    'frontend auth',
    `  bind ${HOST}:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /health',
    // 200 ok, 503 degraded (Redis down, failing closed): both mean the process serves; see the note above.
    '  http-check expect rstatus ^(200|503)$',
    '  default-server inter 1s fall 2 rise 1',
    ...(affinity === 'cookie' ? [`  cookie ${AFFINITY_COOKIE} insert indirect nocache`] : []),
    ...servers,
    '',
  ].join('\n');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function launch(
  binary: string,
  configFile: string,
  port: number,
  child: ChildProcess,
  log: () => string,
) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`haproxy (${binary} -f ${configFile}) exited before it listened:\n${log().trim()}`);
    if (await accepts(port)) return;
    await sleep(50);
  }
  throw new Error(`haproxy did not listen on ${HOST}:${port} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** One admin-socket command and its whole answer (HAProxy closes the socket after it). */
export function adminCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error(`${command}: no answer from HAProxy`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
    socket.write(`${command}\n`);
  });
}

export async function startBalancer(backends: Backend[], affinity: Affinity): Promise<RunningBalancer> {
  const binary = ensureHaproxy();
  const port = await freePort();
  const dir = join(runDir, `haproxy-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const adminSocket = join(dir, 'admin.sock');
  const configFile = join(dir, 'haproxy.cfg');
  const maxconn = maxConnections(descriptorLimit());
  writeFileSync(configFile, haproxyConfig(port, backends, affinity, adminSocket, maxconn));
  const check = spawnSync(binary, ['-c', '-q', '-f', configFile], { encoding: 'utf8', timeout: 10_000 });
  if (check.status !== 0)
    throw new Error(`haproxy refused its configuration:\n${check.stderr || check.stdout}`);

  // -db: stay in the foreground, so the process is ours to stop by PID.
  const child = spawn(binary, ['-db', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const untrack = trackChild(child, `haproxy :${port}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(untrack);
  child.once('error', () => {});
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const stop = async () => {
    await stopChild(child, exited, STOP_TIMEOUT_MS);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await launch(binary, configFile, port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  const setState = async (server: string, state: 'drain' | 'ready') => {
    const answer = await adminCommand(adminSocket, `set server instances/${server} state ${state}`);
    if (answer.trim() !== '')
      throw new Error(`haproxy: set server ${server} state ${state}: ${answer.trim()}`);
  };
  return {
    baseUrl: `http://${HOST}:${port}`,
    port,
    pid: child.pid ?? 0,
    affinity,
    adminSocket,
    dir,
    setState,
    stop,
  };
}
