// The observe stack: Prometheus (remote-write receiver on, the alert rules loaded), the Redis exporter and
// the node exporter, as child processes on free loopback ports, with their data and logs under the run's
// reports folder. It observes the embedded stacks the command starts (stack-observer.ts): each new service
// becomes Prometheus's scrape target and the Redis exporter is restarted against each new Redis.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import { freePort } from '../stack/free-port.ts';
import { type ObservedStack, type StackObserver, setStackObserver } from '../stack/stack-observer.ts';
import { ALERTS_FILE } from './alerts-file.ts';
import { ensureObserveTools, type ObserveTools } from './observe-tools.ts';
import { type ObservedProcess, startObservedProcess } from './observed-process.ts';
import { prometheusConfig, serviceTargets } from './prometheus-config.ts';

/** The trend statistics k6 remote-writes: the plan's percentiles (p50, p95, p99) and max, plus p90 and avg. */
export const K6_TREND_STATS = 'p(50),p(90),p(95),p(99),max,avg';

export interface ObserveStack {
  prometheusUrl: string;
  /** Where k6's experimental-prometheus-rw output writes. */
  remoteWriteUrl: string;
  redisExporterUrl: string;
  nodeExporterUrl: string;
  dataDir: string;
  /**
   * The testid tag of this run's k6 metrics: the run id, which the suite's bundles set as their testid
   * (RUN_ID, lib/k6/suite.ts), so all tests of one plan run share it, as k6's convention has it.
   */
  testid: string;
  /** The k6 arguments and environment that remote-write here. */
  k6Output: { args: string[]; env: Record<string, string> };
  /** Stops everything; resolves with what observing cost (CPU seconds and peak RSS of each tool). */
  stop(): Promise<ObserveCost>;
}

/** Per tool: CPU seconds used (summed over its restarts) and the highest peak RSS, in MB. */
export type ObserveCost = Record<
  'prometheus' | 'redisExporter' | 'nodeExporter',
  { cpuS: number; peakRssMb: number }
>;

export interface ObserveStackOptions {
  /** Prometheus's TSDB, the config and the logs go here (reports/<run>/observe). */
  dataDir: string;
  runId: string;
}

/**
 * Prometheus watches the targets file and reads it on every change: written in place, it would read a
 * truncated file now and then ("unexpected end of JSON input"). A rename replaces it whole.
 */
function writeTargets(file: string, text: string): void {
  writeFileSync(`${file}.next`, text);
  renameSync(`${file}.next`, file);
}

function exporterEnv(stack: ObservedStack): Record<string, string> {
  return { REDIS_ADDR: `redis://${stack.redisHost}:${stack.redisPort}`, REDIS_PASSWORD: stack.redisPassword };
}

export async function startObserveStack(options: ObserveStackOptions): Promise<ObserveStack> {
  const tools: ObserveTools = ensureObserveTools();
  const { dataDir } = options;
  mkdirSync(join(dataDir, 'tsdb'), { recursive: true });
  const [prometheusPort, redisExporterPort, nodeExporterPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const serviceTargetsFile = join(dataDir, 'auth-service.targets.json');
  writeTargets(serviceTargetsFile, '[]\n');
  const configFile = join(dataDir, 'prometheus.yml');
  writeFileSync(
    configFile,
    prometheusConfig({
      prometheusPort,
      redisExporterPort,
      nodeExporterPort,
      serviceTargetsFile,
      rulesFile: join(projectRoot, ALERTS_FILE),
    }),
  );

  const cost: ObserveCost = {
    prometheus: { cpuS: 0, peakRssMb: 0 },
    redisExporter: { cpuS: 0, peakRssMb: 0 },
    nodeExporter: { cpuS: 0, peakRssMb: 0 },
  };
  const stopCounted = async (tool: keyof ObserveCost, process: ObservedProcess | undefined) => {
    const reading = await process?.stop();
    if (reading === undefined) return;
    cost[tool].cpuS += reading.cpuS;
    cost[tool].peakRssMb = Math.max(cost[tool].peakRssMb, reading.peakRssBytes / 2 ** 20);
  };
  let prometheus: ObservedProcess | undefined;
  let nodeExporter: ObservedProcess | undefined;
  let redisExporter: ObservedProcess | undefined;
  const stopAll = async () => {
    setStackObserver(undefined);
    await stopCounted('redisExporter', redisExporter);
    redisExporter = undefined;
    await stopCounted('prometheus', prometheus);
    await stopCounted('nodeExporter', nodeExporter);
    return cost;
  };

  const redisExporterUrl = `http://127.0.0.1:${redisExporterPort}`;
  const startRedisExporter = (env: Record<string, string>) =>
    startObservedProcess({
      label: `prometheus-redis-exporter :${redisExporterPort}`,
      binary: tools.redisExporter,
      args: [`--web.listen-address=127.0.0.1:${redisExporterPort}`],
      env,
      logFile: join(dataDir, 'redis-exporter.log'),
      readyUrl: `${redisExporterUrl}/metrics`,
    });

  try {
    const nodeExporterUrl = `http://127.0.0.1:${nodeExporterPort}`;
    nodeExporter = await startObservedProcess({
      label: `prometheus-node-exporter :${nodeExporterPort}`,
      binary: tools.nodeExporter,
      // The host's CPU, memory, load, network and disks; the rest of the default collectors is not needed.
      args: [
        `--web.listen-address=127.0.0.1:${nodeExporterPort}`,
        '--collector.disable-defaults',
        ...['cpu', 'meminfo', 'loadavg', 'netdev', 'diskstats', 'filesystem', 'stat'].map(
          (c) => `--collector.${c}`,
        ),
      ],
      logFile: join(dataDir, 'node-exporter.log'),
      readyUrl: `${nodeExporterUrl}/metrics`,
    });
    // The Redis exporter starts with each stack (stackStarted) and stops with it: between stacks there is
    // no Redis to watch, and an exporter pointing at none would raise RedisDown.
    const prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
    prometheus = await startObservedProcess({
      label: `prometheus :${prometheusPort}`,
      binary: tools.prometheus,
      args: [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${prometheusPort}`,
        '--web.enable-remote-write-receiver',
      ],
      logFile: join(dataDir, 'prometheus.log'),
      readyUrl: `${prometheusUrl}/-/ready`,
      readyTimeoutMs: 60_000,
    });

    const remoteWriteUrl = `${prometheusUrl}/api/v1/write`;
    const k6Output = {
      args: ['--out', 'experimental-prometheus-rw'],
      env: {
        K6_PROMETHEUS_RW_SERVER_URL: remoteWriteUrl,
        K6_PROMETHEUS_RW_TREND_STATS: K6_TREND_STATS,
        K6_PROMETHEUS_RW_PUSH_INTERVAL: '5s',
      },
    };
    /** The service Prometheus scrapes now (a stopped older stack must not end the newer one's watch). */
    let currentService: string | undefined;
    const observer: StackObserver = {
      async stackStarted(stack) {
        await stopCounted('redisExporter', redisExporter);
        redisExporter = await startRedisExporter(exporterEnv(stack));
        writeTargets(serviceTargetsFile, serviceTargets(stack.baseUrl));
        currentService = new URL(stack.baseUrl).host;
      },
      async stackStopped(stack) {
        if (!redisExporter || new URL(stack.baseUrl).host !== currentService) return;
        await stopCounted('redisExporter', redisExporter);
        redisExporter = undefined;
        writeTargets(serviceTargetsFile, '[]\n');
      },
      k6Run: () => k6Output,
    };
    setStackObserver(observer);
    return {
      prometheusUrl,
      remoteWriteUrl,
      redisExporterUrl,
      nodeExporterUrl,
      dataDir,
      testid: options.runId,
      k6Output,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
