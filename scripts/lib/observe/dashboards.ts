// The dashboards in observability/dashboards/ (Grafana's provisioning format) are the single source of the
// panels: the live page draws their queries and a spec checks that each returns data. This reads them and
// turns a panel's Grafana query into plain PromQL: $testid and Grafana's $__rate_interval filled in.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import { SCRAPE_INTERVAL_S } from './prometheus-config.ts';

export const DASHBOARDS_DIR = join(projectRoot, 'observability', 'dashboards');

export interface PanelQuery {
  expr: string;
  legendFormat: string;
}

export interface DashboardPanel {
  dashboard: string;
  title: string;
  description: string;
  unit: string;
  queries: PanelQuery[];
}

interface GrafanaPanel {
  type: string;
  title: string;
  description?: string;
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: { expr: string; legendFormat?: string }[];
}

export function dashboardFiles(): string[] {
  return readdirSync(DASHBOARDS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(DASHBOARDS_DIR, name));
}

/** Every graph panel (rows left out) of every dashboard, in order. */
export function dashboardPanels(files = dashboardFiles()): DashboardPanel[] {
  return files.flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(file, 'utf8')) as { title: string; panels: GrafanaPanel[] };
    return dashboard.panels
      .filter((panel) => panel.type !== 'row')
      .map((panel) => ({
        dashboard: dashboard.title,
        title: panel.title,
        description: panel.description ?? '',
        unit: panel.fieldConfig?.defaults?.unit ?? 'short',
        queries: (panel.targets ?? []).map((t) => ({ expr: t.expr, legendFormat: t.legendFormat ?? '' })),
      }));
  });
}

/**
 * Grafana's $__rate_interval is at least four scrape intervals; `testid` is a regex, as Grafana's
 * multi-value variable makes it (".*" for All).
 */
export function concreteQuery(expr: string, testid: string): string {
  return expr.replaceAll('$__rate_interval', `${SCRAPE_INTERVAL_S * 4}s`).replaceAll('$testid', testid);
}

/** Fills a legend template ("worker {{worker}}") from a series' labels. */
export function legend(format: string, labels: Record<string, string>): string {
  if (format === '') return JSON.stringify(labels);
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}
