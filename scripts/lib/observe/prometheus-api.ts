// The few Prometheus HTTP API reads the observe tools need: a range query and the scrape targets' health.

export interface RangeSeries {
  metric: Record<string, string>;
  /** [unix seconds, value as text] */
  values: [number, string][];
}

async function api<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`${url}: ${body.error ?? response.status}`);
  return body.data;
}

export async function queryRange(
  prometheusUrl: string,
  expr: string,
  fromS: number,
  toS: number,
  stepS: number,
): Promise<RangeSeries[]> {
  const params = new URLSearchParams({
    query: expr,
    start: String(fromS),
    end: String(toS),
    step: String(stepS),
  });
  const data = await api<{ result: RangeSeries[] }>(`${prometheusUrl}/api/v1/query_range?${params}`);
  return data.result;
}

export interface TargetHealth {
  job: string;
  health: string;
  lastError: string;
}

export async function targetHealth(prometheusUrl: string): Promise<TargetHealth[]> {
  const data = await api<{ activeTargets: { labels: { job: string }; health: string; lastError: string }[] }>(
    `${prometheusUrl}/api/v1/targets?state=active`,
  );
  return data.activeTargets.map((t) => ({ job: t.labels.job, health: t.health, lastError: t.lastError }));
}
