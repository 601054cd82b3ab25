// The cluster primary: validates the configuration, holds the JWT secret every worker must share,
// forks the workers, replaces any that die, answers /metrics aggregation rounds, and drains on
// SIGTERM/SIGINT (workers stop accepting, finish in-flight requests, exit; then the primary exits).
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { ConfigError, parseConfig, type ServiceConfig } from './config.ts';
import { instanceJwtSecret } from './defects/instances.ts';
import { parseDefectSetting } from './defects/setting.ts';
import { refuseUnsafeDefect } from './defects/startup.ts';
import { isWorkerMessage, sendToWorker } from './ipc.ts';
import { createLogger } from './logger.ts';
import { MetricsCollector } from './metrics/cluster-metrics.ts';
import { PrimaryMetrics } from './metrics/primary-metrics.ts';
import { readyLine } from './ready-line.ts';

/** sysexits.h EX_CONFIG: the configuration is wrong, retrying will not help. */
export const EXIT_CONFIG = 78;

function loadConfigOrExit(): ServiceConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`auth service: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
}

/** Waits longer between restarts while workers keep dying young, so a crash loop does not spin. */
class RestartPolicy {
  private recentDeaths: number[] = [];

  delayMs(now: number): number {
    this.recentDeaths = this.recentDeaths.filter((at) => now - at < 30_000);
    this.recentDeaths.push(now);
    return Math.min(5_000, 100 * 2 ** (this.recentDeaths.length - 1));
  }
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
}

/** Workers that are listening, i.e. have finished start-up and can answer a metrics round. */
function trackServingWorkers(): Set<Worker> {
  const serving = new Set<Worker>();
  cluster.on('listening', (worker) => serving.add(worker));
  cluster.on('disconnect', (worker) => serving.delete(worker));
  cluster.on('exit', (worker) => serving.delete(worker));
  return serving;
}

function answerMetricsRequests(serving: Set<Worker>, metrics: PrimaryMetrics, log: Logger): void {
  const collector = new MetricsCollector(metrics.registry);
  cluster.on('message', (worker, message) => {
    if (!isWorkerMessage(message)) return;
    if (message.type === 'metrics:snapshot') {
      collector.accept(message.collectionId, message.snapshot);
    } else if (message.type === 'metrics:request') {
      collector.collect([...serving]).then(
        (text) => sendToWorker(worker, { type: 'metrics:response', requestId: message.requestId, text }),
        // The asking worker falls back to its own numbers after its timeout.
        (error: Error) => log.error({ error: error.message }, 'metrics aggregation failed'),
      );
    }
  });
}

function drainOnSignals(config: ServiceConfig, log: Logger, onStopping: () => void): void {
  let stopping = false;
  const drain = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    onStopping();
    log.info({ signal }, 'draining workers');
    for (const worker of liveWorkers()) sendToWorker(worker, { type: 'shutdown' });
    // A worker still starting may have missed that message; it is told again once it listens.
    cluster.on('listening', (worker) => sendToWorker(worker, { type: 'shutdown' }));
    setTimeout(() => {
      log.warn('drain deadline passed; killing remaining workers');
      for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs + 1_000).unref();
    const exitWhenEmpty = () => {
      if (liveWorkers().length === 0) process.exit(0);
    };
    cluster.on('exit', exitWhenEmpty);
    exitWhenEmpty();
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
}

export async function runPrimary(): Promise<void> {
  const config = loadConfigOrExit();
  refuseUnsafeDefect(EXIT_CONFIG);
  const log = createLogger(config.logLevel, 'primary');
  // Generated once here and handed to every worker, so a token signed by one verifies on all. Several
  // instances must be given one JWT_SECRET (the embedded stack does): each would make up its own otherwise.
  const workerEnv = { JWT_SECRET: instanceJwtSecret(parseDefectSetting(process.env), config.jwtSecret) };

  let started = false;
  let stopping = false;
  const restartPolicy = new RestartPolicy();

  const serving = trackServingWorkers();
  const metrics = new PrimaryMetrics(() => serving.size, config.workers);
  answerMetricsRequests(serving, metrics, log);
  drainOnSignals(config, log, () => {
    stopping = true;
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!started) {
      log.error({ worker: worker.id, code, signal }, 'a worker failed to start; stopping');
      for (const other of liveWorkers()) other.process.kill('SIGTERM');
      process.exit(1);
    }
    metrics.workerRestarted();
    const delayMs = restartPolicy.delayMs(Date.now());
    log.warn({ worker: worker.id, code, signal, delayMs }, 'worker died; starting a replacement');
    setTimeout(() => {
      if (!stopping) cluster.fork(workerEnv);
    }, delayMs);
  });

  const listening = Array.from(
    { length: config.workers },
    () => new Promise<void>((resolve) => cluster.fork(workerEnv).once('listening', () => resolve())),
  );
  await Promise.all(listening);
  started = true;
  const baseUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  process.stdout.write(`${readyLine(baseUrl, config.workers, config.state)}\n`);
}
