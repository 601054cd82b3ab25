// The part of k6's handleSummary `data` the reports read, and a tolerant reader for it.
// Tolerant because a report that says "not measured" is more useful than a handleSummary that throws
// and leaves the run with no files at all.

export interface K6Check {
  name: string;
  path: string;
  passes: number;
  fails: number;
}

export interface K6Group {
  name: string;
  path: string;
  groups: K6Group[];
  checks: K6Check[];
}

export interface K6Metric {
  type: string;
  contains: string;
  /** Statistic name to value: "count", "rate", "med", "p(95)", "passes", "fails" ... */
  values: Record<string, number>;
  /** Threshold expression to its outcome, only on metrics that had thresholds. */
  thresholds?: Record<string, { ok: boolean }>;
}

export interface K6SummaryData {
  metrics: Record<string, K6Metric>;
  rootGroup: K6Group;
  testRunDurationMs: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numbersOnly(raw: unknown): Record<string, number> {
  const values: Record<string, number> = {};
  if (!isObject(raw)) return values;
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'number' && Number.isFinite(value)) values[name] = value;
  }
  return values;
}

function readThresholds(raw: unknown): Record<string, { ok: boolean }> | undefined {
  if (!isObject(raw)) return undefined;
  const thresholds: Record<string, { ok: boolean }> = {};
  for (const [expression, outcome] of Object.entries(raw)) {
    thresholds[expression] = { ok: !(isObject(outcome) && outcome.ok === false) };
  }
  return thresholds;
}

function readMetric(raw: unknown): K6Metric | undefined {
  if (!isObject(raw)) return undefined;
  const thresholds = readThresholds(raw.thresholds);
  return {
    type: typeof raw.type === 'string' ? raw.type : 'unknown',
    contains: typeof raw.contains === 'string' ? raw.contains : 'default',
    values: numbersOnly(raw.values),
    ...(thresholds ? { thresholds } : {}),
  };
}

function readGroup(raw: unknown): K6Group {
  const group: K6Group = { name: '', path: '', groups: [], checks: [] };
  if (!isObject(raw)) return group;
  if (typeof raw.name === 'string') group.name = raw.name;
  if (typeof raw.path === 'string') group.path = raw.path;
  if (Array.isArray(raw.groups)) group.groups = raw.groups.map(readGroup);
  if (Array.isArray(raw.checks)) {
    for (const check of raw.checks) {
      if (!isObject(check) || typeof check.name !== 'string') continue;
      group.checks.push({
        name: check.name,
        path: typeof check.path === 'string' ? check.path : '',
        passes: typeof check.passes === 'number' ? check.passes : 0,
        fails: typeof check.fails === 'number' ? check.fails : 0,
      });
    }
  }
  return group;
}

/** Reads k6's summary data (the argument of handleSummary); missing parts become empty, never throw. */
export function readSummaryData(data: unknown): K6SummaryData {
  const raw = isObject(data) ? data : {};
  const metrics: Record<string, K6Metric> = {};
  if (isObject(raw.metrics)) {
    for (const [name, metric] of Object.entries(raw.metrics)) {
      const read = readMetric(metric);
      if (read) metrics[name] = read;
    }
  }
  const state = isObject(raw.state) ? raw.state : {};
  return {
    metrics,
    rootGroup: readGroup(raw.root_group),
    testRunDurationMs: typeof state.testRunDurationMs === 'number' ? state.testRunDurationMs : 0,
  };
}
