// The comparison as console text: one table per tier (baseline, current, change), then the verdict.
import { formatNumber, formatPercent } from '../../../lib/summary/format.ts';
import { textTable } from '../../../lib/summary/text-table.ts';
import { type GatedMeasure, measureLabel, type RunComparison, type TierNumbers } from './compare-runs.ts';

type Row = { label: string; pick: (numbers: TierNumbers) => string; gated?: GatedMeasure };

const ms = (value: number | undefined) =>
  value === undefined ? 'not measured' : `${formatNumber(value)} ms`;

const ROWS: Row[] = [
  { label: 'users', pick: (n) => String(n.users) },
  { label: 'p50', pick: (n) => ms(n.p50Ms) },
  { label: 'p95', pick: (n) => ms(n.p95Ms), gated: 'p95Ms' },
  { label: 'p99', pick: (n) => ms(n.p99Ms), gated: 'p99Ms' },
  {
    label: 'failure rate',
    pick: (n) => (n.failureRate === undefined ? 'not measured' : formatPercent(n.failureRate)),
  },
  {
    label: 'steady throughput',
    pick: (n) => (n.steadyRps === undefined ? 'not measured' : `${formatNumber(n.steadyRps)} req/s`),
    gated: 'steadyRps',
  },
  { label: 'verdict', pick: (n) => n.verdict.toUpperCase() },
];

function change(baseline: number | undefined, current: number | undefined): string {
  if (baseline === undefined || current === undefined || baseline === 0) return '';
  const ratio = current / baseline - 1;
  return `${ratio >= 0 ? '+' : ''}${formatNumber(ratio * 100)}%`;
}

export function formatComparison(
  comparison: RunComparison,
  baselineName: string,
  currentName: string,
): string {
  const blocks: string[] = [];
  for (const tier of comparison.tiers) {
    const regressed = new Set(tier.regressions.map((regression) => regression.measure));
    const rows = ROWS.map((row) => [
      row.label,
      row.pick(tier.baseline),
      row.pick(tier.current),
      row.gated ? change(tier.baseline[row.gated], tier.current[row.gated]) : '',
      row.gated ? (regressed.has(row.gated) ? 'REGRESSION' : 'ok') : '',
    ]);
    const notes = tier.notes.map((note) => `  note: ${note}`);
    blocks.push(
      [`${tier.tier}`, textTable(['', 'baseline', 'current', 'change', 'gate'], rows), ...notes].join('\n'),
    );
  }
  const unmatched = [
    ...(comparison.onlyInBaseline.length > 0
      ? [`only in the baseline: ${comparison.onlyInBaseline.join(', ')}`]
      : []),
    ...(comparison.onlyInCurrent.length > 0
      ? [`only in the current run: ${comparison.onlyInCurrent.join(', ')}`]
      : []),
  ];
  if (unmatched.length > 0) blocks.push(`not compared (${unmatched.join('; ')})`);
  const tolerance = formatPercent(comparison.tolerance);
  const verdict =
    comparison.regressions.length === 0
      ? `no regression beyond ${tolerance} (p95, p99 up; steady throughput down)`
      : [
          `REGRESSION beyond ${tolerance}:`,
          ...comparison.regressions.map(
            (r) =>
              `  ${r.tier}: ${measureLabel(r.measure)} ${formatNumber(r.baseline)} -> ${formatNumber(r.current)} (${change(r.baseline, r.current)})`,
          ),
        ].join('\n');
  const header = `baseline: ${baselineName}\ncurrent:  ${currentName}`;
  return [header, ...blocks, verdict].join('\n\n');
}
