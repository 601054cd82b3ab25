// A cluster worker: build the app with its state backends, listen on the shared port, and drain when
// the primary says so (or the IPC channel to it disappears).
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { createPasswordVerifier } from './auth/passwords.ts';
import { createTokenService } from './auth/tokens.ts';
import { parseConfig } from './config.ts';
import { instanceRevocationPrefix } from './defects/instances.ts';
import { injectRequestDefect } from './defects/requests.ts';
import { parseDefectSetting } from './defects/setting.ts';
import { injectTokenDefect } from './defects/tokens.ts';
import { isPrimaryMessage } from './ipc.ts';
import { createLogger } from './logger.ts';
import { clusterMetricsClient } from './metrics/cluster-metrics.ts';
import { startLiveHeapSampler } from './metrics/live-heap.ts';
import { WorkerMetrics } from './metrics/worker-metrics.ts';
import { createStateBackends } from './state/backends.ts';
import { workerName } from './worker-name.ts';

/**
 * Registers the drain triggers before any slow start-up work, so a shutdown that arrives while the worker
 * is still starting is not lost. `close` is whatever must run to drain; until the app listens it is
 * undefined and the worker simply exits (nothing can be in flight yet).
 */
function drainOn(shutdownTimeoutMs: number, log: Logger): { setClose(close: () => Promise<void>): void } {
  let close: (() => Promise<void>) | undefined;
  let draining = false;
  const drain = async (why: string) => {
    if (draining) return;
    draining = true;
    log.info({ why }, 'draining');
    // In-flight requests get until the deadline; after it the primary would kill us anyway.
    setTimeout(() => process.exit(1), shutdownTimeoutMs).unref();
    await close?.();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (isPrimaryMessage(message) && message.type === 'shutdown') void drain('primary asked');
  });
  process.on('disconnect', () => void drain('primary gone'));
  process.on('SIGTERM', () => void drain('SIGTERM'));
  // Ctrl-C reaches every process of the group; the primary coordinates the drain.
  process.on('SIGINT', () => {});
  return {
    setClose(next) {
      close = next;
    },
  };
}

export async function runWorker(): Promise<void> {
  // The primary validated this environment already and added JWT_SECRET.
  const parsed = parseConfig(process.env);
  // Test-only (server/defects/): validated by the primary already; undefined in every normal run.
  const defect = parseDefectSetting(process.env);
  const config = {
    ...parsed,
    revocationPrefix: instanceRevocationPrefix(defect, parsed.revocationPrefix, parsed.instanceId),
  };
  // Metrics and Redis connections keep the cluster's own id (per-worker series); answers name the instance too.
  const clusterWorkerId = String(cluster.worker?.id ?? process.pid);
  const workerId = workerName(config.instanceId, clusterWorkerId);
  const log = createLogger(config.logLevel, `worker ${workerId}`);
  if (config.jwtSecret === undefined) throw new Error('worker started without JWT_SECRET from the primary');
  const shutdown = drainOn(config.shutdownTimeoutMs, log);

  const metrics = new WorkerMetrics(clusterWorkerId, startLiveHeapSampler(config.liveHeapSampleS));
  const backends = createStateBackends(config, clusterWorkerId, metrics, log, defect);
  shutdown.setClose(() => backends.close());
  const app = buildApp(config, {
    logger: log,
    workerId,
    tokens: injectTokenDefect(
      defect,
      createTokenService({ secret: config.jwtSecret, issuer: config.jwtIssuer, ttlS: config.tokenTtlS }),
      config.jwtIssuer,
    ),
    passwords: await createPasswordVerifier(config.userPassword, config.scryptCost),
    revocations: backends.revocations,
    loginLimiter: backends.loginLimiter,
    storeHealth: backends.storeHealth,
    metrics,
    collectMetrics: clusterMetricsClient(metrics),
  });
  injectRequestDefect(defect, app);
  shutdown.setClose(async () => {
    await app.close();
    await backends.close();
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    log.error({ error: (error as Error).message }, `cannot listen on ${config.host}:${config.port}`);
    process.exit(1);
  }
}
