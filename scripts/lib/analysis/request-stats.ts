// Per-endpoint statistics and error categories from k6's per-request samples. A request's samples share
// its tags: `http_reqs` (one per request: status, error code, expected or not), `http_req_duration` and
// `http_req_failed`. Pure: the tier analysis feeds it a CSV stream, the unit tests feed it samples.
import { sortedPercentile } from '../../../lib/order-statistics.ts';
import type { K6Sample } from './k6-csv.ts';

export interface EndpointStats {
  /** HTTP method, as Locust's "Type" column. */
  type: string;
  /** The request's `name` tag (login, protected, logout ...). */
  name: string;
  requests: number;
  failures: number;
  meanMs: number;
  minMs: number;
  p50Ms: number;
  p66Ms: number;
  p75Ms: number;
  p80Ms: number;
  p90Ms: number;
  p95Ms: number;
  p98Ms: number;
  p99Ms: number;
  p999Ms: number;
  p9999Ms: number;
  maxMs: number;
  requestsPerS: number;
  failuresPerS: number;
}

/** Categories of wrong answers, as the plan's analysis names them. */
export const ERROR_CATEGORIES = [
  'connection', // refused, reset, broken pipe: no HTTP answer
  'timeout', // request or dial timeout
  'unexpected_auth', // 401/403 where 200 was the right answer
  'rate_limited', // 429 where it was not the right answer
  'fail_closed', // 503: the service refused because its state store was unreachable
  'server_error', // any other 5xx
  'other', // any other wrong answer (e.g. 200 for a revoked token, a 4xx that was not expected)
] as const;

export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export const ERROR_CATEGORY_LABELS: Record<ErrorCategory, string> = {
  connection: 'connection refused/reset',
  timeout: 'timeout',
  unexpected_auth: 'unexpected 401/403',
  rate_limited: 'rate-limited (429)',
  fail_closed: 'fail-closed (503)',
  server_error: 'other 5xx',
  other: 'other wrong answer',
};

/** Column headers short enough for a table of every category side by side. */
export const ERROR_CATEGORY_SHORT: Record<ErrorCategory, string> = {
  connection: 'refused/reset',
  timeout: 'timeout',
  unexpected_auth: '401/403',
  rate_limited: '429',
  fail_closed: '503',
  server_error: 'other 5xx',
  other: 'other',
};

// k6's error codes for requests that got no HTTP answer (k6 docs, "Error codes").
const TIMEOUT_CODES = new Set(['1050', '1211']);

/** The category of a wrong answer; right answers (expected_response true) have none. */
export function errorCategory(
  sample: Pick<K6Sample, 'status' | 'errorCode' | 'expectedResponse'>,
): ErrorCategory | undefined {
  if (sample.expectedResponse) return undefined;
  const status = Number(sample.status);
  if (!(status > 0)) return TIMEOUT_CODES.has(sample.errorCode) ? 'timeout' : 'connection';
  if (status === 401 || status === 403) return 'unexpected_auth';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'fail_closed';
  if (status >= 500) return 'server_error';
  return 'other';
}

export interface ErrorBreakdown {
  requests: number;
  wrong: number;
  byCategory: Record<ErrorCategory, number>;
  /** Wrong answers per endpoint name and category, so a reader sees where they came from. */
  byEndpoint: Record<string, Partial<Record<ErrorCategory, number>>>;
  /** k6 error codes of wrong answers, raw, so nothing hides in a category. */
  errorCodes: Record<string, number>;
  /** Every answer by endpoint and HTTP status, right or wrong (e.g. the 429s of the login limiter). */
  statusesByEndpoint: Record<string, Record<string, number>>;
}

interface Accumulator {
  type: string;
  name: string;
  requests: number;
  failures: number;
  durations: number[];
}

const METRICS = new Set(['http_reqs', 'http_req_duration', 'http_req_failed']);

/** Collects samples of one run; endpoints() and errors() read the result. */
export class RequestStats {
  static readonly METRICS: ReadonlySet<string> = METRICS;
  private readonly byEndpoint = new Map<string, Accumulator>();
  private readonly all: Accumulator = {
    type: '',
    name: 'Aggregated',
    requests: 0,
    failures: 0,
    durations: [],
  };
  private readonly breakdown: ErrorBreakdown = {
    requests: 0,
    wrong: 0,
    byCategory: Object.fromEntries(ERROR_CATEGORIES.map((c) => [c, 0])) as Record<ErrorCategory, number>,
    byEndpoint: {},
    errorCodes: {},
    statusesByEndpoint: {},
  };
  private firstMs = Number.POSITIVE_INFINITY;
  private lastMs = Number.NEGATIVE_INFINITY;

  add(sample: K6Sample): void {
    if (!METRICS.has(sample.metric)) return;
    const name = sample.name || '(untagged)';
    const key = `${sample.method} ${name}`;
    let endpoint = this.byEndpoint.get(key);
    if (!endpoint) {
      endpoint = { type: sample.method, name, requests: 0, failures: 0, durations: [] };
      this.byEndpoint.set(key, endpoint);
    }
    if (sample.metric === 'http_req_duration') {
      endpoint.durations.push(sample.value);
      this.all.durations.push(sample.value);
    } else if (sample.metric === 'http_req_failed') {
      endpoint.failures += sample.value;
      this.all.failures += sample.value;
    } else {
      endpoint.requests++;
      this.all.requests++;
      this.firstMs = Math.min(this.firstMs, sample.timeMs);
      this.lastMs = Math.max(this.lastMs, sample.timeMs);
      this.count(sample, name);
    }
  }

  private count(sample: K6Sample, name: string): void {
    this.breakdown.requests++;
    const statuses = this.breakdown.statusesByEndpoint[name] ?? {};
    statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
    this.breakdown.statusesByEndpoint[name] = statuses;
    const category = errorCategory(sample);
    if (!category) return;
    this.breakdown.wrong++;
    this.breakdown.byCategory[category]++;
    const perEndpoint = this.breakdown.byEndpoint[name] ?? {};
    perEndpoint[category] = (perEndpoint[category] ?? 0) + 1;
    this.breakdown.byEndpoint[name] = perEndpoint;
    const code = sample.errorCode || `status ${sample.status}`;
    this.breakdown.errorCodes[code] = (this.breakdown.errorCodes[code] ?? 0) + 1;
  }

  /** Seconds from the first to the last completed request (at least 1). */
  spanS(): number {
    return Number.isFinite(this.firstMs) ? Math.max(1, (this.lastMs - this.firstMs) / 1000) : 1;
  }

  /** One row per method and name, by request count, then the "Aggregated" row (as Locust writes it). */
  endpoints(): EndpointStats[] {
    const spanS = this.spanS();
    const rows = [...this.byEndpoint.values()]
      .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name))
      .map((endpoint) => stats(endpoint, spanS));
    return this.all.requests === 0 ? rows : [...rows, stats(this.all, spanS)];
  }

  errors(): ErrorBreakdown {
    return this.breakdown;
  }
}

function stats(endpoint: Accumulator, spanS: number): EndpointStats {
  const sorted = Float64Array.from(endpoint.durations).sort();
  const at = (p: number) => sortedPercentile(sorted, p);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    type: endpoint.type,
    name: endpoint.name,
    requests: endpoint.requests,
    failures: endpoint.failures,
    meanMs: sorted.length ? sum / sorted.length : Number.NaN,
    minMs: sorted.length ? sorted[0] : Number.NaN,
    p50Ms: at(50),
    p66Ms: at(66),
    p75Ms: at(75),
    p80Ms: at(80),
    p90Ms: at(90),
    p95Ms: at(95),
    p98Ms: at(98),
    p99Ms: at(99),
    p999Ms: at(99.9),
    p9999Ms: at(99.99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    requestsPerS: endpoint.requests / spanS,
    failuresPerS: endpoint.failures / spanS,
  };
}
