// Reads the numbers the bench needs from k6's --summary-export JSON. Pure.

export interface ExportedNumbers {
  requests: number | undefined;
  /** Per request name (only names the script declared a sub-metric for), p50 and p95 in ms. */
  latencyMs: Record<string, { p50: number; p95: number }>;
}

type Metrics = Record<string, Record<string, unknown>>;

function numberAt(metric: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = metric?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readSummaryExport(text: string): ExportedNumbers {
  const parsed = JSON.parse(text) as { metrics?: Metrics };
  const metrics = parsed.metrics ?? {};
  const latencyMs: ExportedNumbers['latencyMs'] = {};
  for (const [name, metric] of Object.entries(metrics)) {
    const match = /^http_req_duration\{name:([\w-]+)\}$/.exec(name);
    const p50 = numberAt(metric, 'med');
    const p95 = numberAt(metric, 'p(95)');
    if (match && p50 !== undefined && p95 !== undefined) latencyMs[match[1]] = { p50, p95 };
  }
  return { requests: numberAt(metrics.http_reqs, 'count'), latencyMs };
}
