// prometheus.yml for the observe stack (pure): everything scraped every 5 s, the alert rules loaded, and
// the service found through a file_sd targets file, which the stack rewrites whenever a command starts a
// fresh service (each plan test does), so Prometheus follows it without a reload.
import { stringify } from 'yaml';

export const SCRAPE_INTERVAL_S = 5;

export interface PrometheusConfigInput {
  prometheusPort: number;
  redisExporterPort: number;
  nodeExporterPort: number;
  /** The file_sd file holding the service's host:port. */
  serviceTargetsFile: string;
  rulesFile: string;
}

export function prometheusConfig(input: PrometheusConfigInput): string {
  const local = (port: number) => [{ targets: [`127.0.0.1:${port}`] }];
  return stringify(
    {
      global: { scrape_interval: `${SCRAPE_INTERVAL_S}s`, evaluation_interval: `${SCRAPE_INTERVAL_S}s` },
      rule_files: [input.rulesFile],
      scrape_configs: [
        { job_name: 'prometheus', static_configs: local(input.prometheusPort) },
        { job_name: 'auth-service', file_sd_configs: [{ files: [input.serviceTargetsFile] }] },
        { job_name: 'redis', static_configs: local(input.redisExporterPort) },
        { job_name: 'node', static_configs: local(input.nodeExporterPort) },
      ],
    },
    { lineWidth: 0 },
  );
}

/** The file_sd content naming the service at `baseUrl` (http://127.0.0.1:port). */
export function serviceTargets(baseUrl: string): string {
  return `${JSON.stringify([{ targets: [new URL(baseUrl).host], labels: {} }])}\n`;
}
