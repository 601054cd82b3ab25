// The report's tables as plain strings, shared by the HTML page and the Markdown file so both say
// exactly the same thing.
import { formatDurationS, formatNumber, formatPercent, formatValue } from '../../../lib/summary/format.ts';
import type { DrillResult, SoakBlock, SoakBlocks, SoakResult } from '../run-folder/types.ts';
import { minutesSeconds } from './charts/style.ts';
import type { ComparisonPair } from './comparison.ts';
import type { TestRun } from './read-run-folder.ts';
import { type TierRow, tierRow } from './tiers.ts';

export type Fact = [label: string, value: string];

export const TIER_HEADERS = [
  'test',
  'users',
  'p50',
  'p95',
  'p99',
  'failure rate',
  'steady throughput',
  'target verdict',
];

function usersCell(row: TierRow): string {
  return row.users === row.plannedUsers
    ? formatNumber(row.users)
    : `${formatNumber(row.users)} (plan ${formatNumber(row.plannedUsers)})`;
}

export function tierTableRow(run: TestRun): string[] {
  const row = tierRow(run);
  return [
    row.test,
    usersCell(row),
    formatValue(row.p50Ms, 'ms'),
    formatValue(row.p95Ms, 'ms'),
    formatValue(row.p99Ms, 'ms'),
    row.failureRate === undefined ? 'not measured' : formatPercent(row.failureRate),
    formatValue(row.steadyRps, 'req/s'),
    row.verdict.toUpperCase(),
  ];
}

export interface ComparisonLine {
  metric: string;
  redis: string;
  memory: string;
  /** The correctness lines: the reason the comparison exists. */
  highlight: boolean;
  /** The memory value breaks the plan (non-zero count of something that must be zero). */
  memoryBad: boolean;
}

export function comparisonLines(pair: ComparisonPair): ComparisonLine[] {
  const { redis, memory } = pair;
  const latency = (label: string, pick: (row: TierRow) => number | undefined): ComparisonLine => ({
    metric: label,
    redis: formatValue(pick(redis), 'ms'),
    memory: formatValue(pick(memory), 'ms'),
    highlight: false,
    memoryBad: false,
  });
  const count = (label: string, pick: (row: TierRow) => number): ComparisonLine => ({
    metric: label,
    redis: formatValue(pick(redis), 'count'),
    memory: formatValue(pick(memory), 'count'),
    highlight: true,
    memoryBad: pick(memory) > 0,
  });
  return [
    count('revoked tokens accepted (must be 0)', (row) => row.revokedAccepted),
    count('state-sync errors (must be 0)', (row) => row.stateSyncErrors),
    latency('latency p50', (row) => row.p50Ms),
    latency('latency p95', (row) => row.p95Ms),
    latency('latency p99', (row) => row.p99Ms),
    {
      metric: 'failure rate',
      redis: redis.failureRate === undefined ? 'not measured' : formatPercent(redis.failureRate),
      memory: memory.failureRate === undefined ? 'not measured' : formatPercent(memory.failureRate),
      highlight: false,
      memoryBad: false,
    },
    {
      metric: 'steady throughput',
      redis: formatValue(redis.steadyRps, 'req/s'),
      memory: formatValue(memory.steadyRps, 'req/s'),
      highlight: false,
      memoryBad: false,
    },
    {
      metric: 'users',
      redis: formatNumber(redis.users),
      memory: formatNumber(memory.users),
      highlight: false,
      memoryBad: false,
    },
    {
      metric: 'target verdict',
      redis: redis.verdict.toUpperCase(),
      memory: memory.verdict.toUpperCase(),
      highlight: false,
      memoryBad: memory.verdict === 'fail',
    },
  ];
}

function orNever(seconds: number | null, never: string): string {
  return seconds === null ? never : formatValue(seconds, 's');
}

export function drillFacts(drill: DrillResult): Fact[] {
  return [
    ['verdict', drill.verdict.toUpperCase()],
    ['users', formatNumber(drill.users)],
    ['Redis down', `${formatDurationS(drill.downS)} (stopped with ${drill.variant.toUpperCase()})`],
    ['recovery after Redis was back', orNever(drill.recoveryS, 'never recovered within the run')],
    ['seconds with non-right answers', orNever(drill.errorWindowS, 'none')],
    ['revoked tokens accepted', formatValue(drill.revokedAccepted, 'count')],
    [
      'revocations kept through the outage',
      `${formatNumber(drill.revocationsEnforcedAfter)} of ${formatNumber(drill.revocationsBefore)}`,
    ],
    ['wrong answers after recovery', formatValue(drill.wrongAfterRecovery, 'count')],
    [
      'worker crashes',
      drill.workerCrashes === null
        ? 'not counted (the service gives no RESTARTS_METRIC)'
        : formatValue(drill.workerCrashes, 'count'),
    ],
    // With --observe: when Prometheus's alerts fired and resolved, from its alerts API.
    ...(drill.alerts ?? []).map(
      (a): Fact => [
        `alert ${a.alert}`,
        `${a.pass ? 'PASS' : 'FAIL'}: fired ${a.firedAfterStopS === null ? 'never' : `${a.firedAfterStopS} s after the stop`}, ` +
          `resolved ${a.resolvedAfterRestartS === null ? 'never' : `${a.resolvedAfterRestartS} s after the restart`}`,
      ],
    ),
  ];
}

/** Each worker's memory trend, with its interval when the soak measured one. */
function memoryTrendText(soak: SoakResult): string {
  if (soak.memoryTrend === undefined) {
    return Object.entries(soak.memorySlopeMbPerMin)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([worker, slope]) => `worker ${worker}: ${formatNumber(slope)}`)
      .join(', ');
  }
  return Object.entries(soak.memoryTrend)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([worker, fit]) => {
      const interval =
        fit.low === null || fit.high === null || !Number.isFinite(fit.low)
          ? ''
          : ` (${formatNumber(fit.low)} to ${formatNumber(fit.high)})`;
      return `worker ${worker}: ${formatNumber(fit.slope)}${interval}`;
    })
    .join(', ');
}

function signed(pct: number): string {
  return `${pct >= 0 ? '+' : ''}${formatNumber(pct)}%`;
}

export function soakFacts(soak: SoakResult): Fact[] {
  const facts: Fact[] = [['verdict', soak.verdict.toUpperCase()]];
  if (soak.users !== undefined) facts.push(['users', formatNumber(soak.users)]);
  if (soak.runTimeS !== undefined) facts.push(['run time', formatDurationS(soak.runTimeS)]);
  const source = soak.memoryTrend ? Object.values(soak.memoryTrend)[0]?.source : undefined;
  facts.push(
    ['warm-up (not judged)', formatDurationS(soak.warmupS)],
    [
      `${source ?? 'heap-floor'} growth after warm-up (MB/min${soak.memoryTrend ? ', 90% interval' : ''})`,
      memoryTrendText(soak) || 'not measured',
    ],
  );
  const blocks = soak.p95Blocks;
  if (blocks === undefined) {
    facts.push([
      'p95 first window → last window',
      `${formatValue(soak.p95FirstMs, 'ms')} → ${formatValue(soak.p95LastMs, 'ms')} (${signed(soak.p95DriftPct)})`,
    ]);
  } else {
    facts.push(
      [
        `median block p95, first ${blocks.first.length} → last ${blocks.last.length} blocks of ${formatDurationS(blocks.blockS)}`,
        `${formatValue(soak.p95FirstMs, 'ms')} → ${formatValue(soak.p95LastMs, 'ms')} (${signed(soak.p95DriftPct)})`,
      ],
      [
        'rise significant? (one-sided Mann-Whitney U)',
        blocks.pValue === null || !Number.isFinite(blocks.pValue)
          ? 'not tested'
          : `${blocks.pValue < blocks.significance ? 'yes' : 'no'}: p = ${formatNumber(blocks.pValue)} (level ${blocks.significance})`,
      ],
    );
  }
  facts.push(['failure rate of the worst window', formatPercent(soak.worstMinuteFailureRate)]);
  return facts;
}

export const SOAK_BLOCK_HEADERS = [
  'block',
  'first: start',
  'first: requests',
  'first: p95',
  'last: start',
  'last: requests',
  'last: p95',
];

/**
 * The compared blocks side by side, block i of the first stretch beside block i of the last; start times
 * in minutes:seconds after the first block.
 */
export function soakBlockRows(blocks: SoakBlocks): string[][] {
  const origin = blocks.first[0]?.startMs ?? blocks.last[0]?.startMs ?? 0;
  const cells = (block: SoakBlock | undefined) =>
    block === undefined
      ? ['', '', '']
      : [
          minutesSeconds((block.startMs - origin) / 1000),
          formatNumber(block.requests),
          formatValue(block.p95Ms, 'ms'),
        ];
  return Array.from({ length: Math.max(blocks.first.length, blocks.last.length) }, (_, i) => [
    String(i + 1),
    ...cells(blocks.first[i]),
    ...cells(blocks.last[i]),
  ]);
}
