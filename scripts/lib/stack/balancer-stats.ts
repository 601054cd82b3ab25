// What the embedded balancer counted per instance during a test: HAProxy's own response counters, read from
// its admin socket (`show stat`) when the test ends. Which instances served is information for the report's
// Instances section, not a verdict: balancers differ (cookie affinity may leave an instance idle).
import { adminCommand, type RunningBalancer } from './haproxy.ts';

export interface InstanceTraffic {
  /** "i1", "i2", ... as the balancer names them. */
  name: string;
  /** Answers HAProxy relayed from this instance (hrsp_1xx .. hrsp_other). */
  responses: number;
  /** Of those, 5xx. */
  serverErrors: number;
  /** HAProxy's last health state: UP, DOWN, MAINT, ... */
  status: string;
}

export interface BalancerFile {
  schema: 'auth-loadtest/balancer@1';
  balancer: 'haproxy';
  affinity: 'none' | 'cookie';
  instances: InstanceTraffic[];
}

/** The backend servers' rows of `show stat` CSV (pure). */
export function parseShowStat(csv: string, backend = 'instances'): InstanceTraffic[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = (header ?? '').replace(/^#\s*/, '').split(',');
  const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  const count = (row: string[], name: string) => Number(at(row, name)) || 0;
  return lines
    .map((line) => line.split(','))
    .filter((row) => at(row, 'pxname') === backend && !['BACKEND', 'FRONTEND'].includes(at(row, 'svname')))
    .map((row) => ({
      name: at(row, 'svname'),
      responses: ['hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other'].reduce(
        (sum, name) => sum + count(row, name),
        0,
      ),
      serverErrors: count(row, 'hrsp_5xx'),
      status: at(row, 'status'),
    }));
}

export async function balancerTraffic(balancer: RunningBalancer): Promise<BalancerFile> {
  const csv = await adminCommand(balancer.adminSocket, 'show stat');
  return {
    schema: 'auth-loadtest/balancer@1',
    balancer: 'haproxy',
    affinity: balancer.affinity,
    instances: parseShowStat(csv),
  };
}
