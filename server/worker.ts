// A cluster worker: build the app with its state backends, listen on the shared port, and drain when
// the primary says so (or the IPC channel to it disappears).
import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import { createPasswordVerifier } from './auth/passwords.ts';
import { createTokenService } from './auth/tokens.ts';
import { parseConfig } from './config.ts';
import { isPrimaryMessage } from './ipc.ts';
import { createLog } from './log.ts';
import { clusterMetricsClient } from './metrics/cluster-metrics.ts';
import { WorkerMetrics } from './metrics/worker-metrics.ts';
import { createStateBackends } from './state/backends.ts';

export async function runWorker(): Promise<void> {
  // The primary validated this environment already and added JWT_SECRET.
  const config = parseConfig(process.env);
  const workerId = String(cluster.worker?.id ?? process.pid);
  const log = createLog(config.logLevel, `worker ${workerId}`);
  if (config.jwtSecret === undefined) throw new Error('worker started without JWT_SECRET from the primary');

  const metrics = new WorkerMetrics(workerId);
  const backends = createStateBackends(config, workerId, metrics, log);
  const app = buildApp(config, {
    workerId,
    tokens: createTokenService({
      secret: config.jwtSecret,
      issuer: config.jwtIssuer,
      ttlS: config.tokenTtlS,
    }),
    passwords: await createPasswordVerifier(config.userPassword, config.scryptCost),
    revocations: backends.revocations,
    loginLimiter: backends.loginLimiter,
    storeHealth: backends.storeHealth,
    metrics,
    collectMetrics: clusterMetricsClient(metrics),
  });

  let draining = false;
  const drain = async (why: string) => {
    if (draining) return;
    draining = true;
    log.info('draining', { why });
    // In-flight requests get until the deadline; after it the primary would kill us anyway.
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    await app.close();
    await backends.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (isPrimaryMessage(message) && message.type === 'shutdown') void drain('primary asked');
  });
  process.on('disconnect', () => void drain('primary gone'));
  process.on('SIGTERM', () => void drain('SIGTERM'));
  // Ctrl-C reaches every process of the group; the primary coordinates the drain.
  process.on('SIGINT', () => {});

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    log.error(`cannot listen on ${config.host}:${config.port}`, { error: (error as Error).message });
    process.exit(1);
  }
}
