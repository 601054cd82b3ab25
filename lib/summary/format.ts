// How measured values and bounds read in every report: one place, so the console, Markdown, JUnit and
// the plan report never disagree about what "0.004" means.
import type { Bound } from '../plan.ts';

/** Three significant digits for small numbers, whole numbers with thousands separators for large ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return groupThousands(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

function groupThousands(whole: number): string {
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return whole < 0 ? `-${digits}` : digits;
}

/** A value in a criterion's unit; ratios read as percentages because that is how targets are discussed. */
export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined) return 'not measured';
  switch (unit) {
    case 'ratio':
      return `${formatNumber(value * 100)}%`;
    case 'count':
      return Number.isInteger(value) ? groupThousands(value) : formatNumber(value);
    case '%':
      return `${formatNumber(value)}%`;
    case 'ms':
    case 'req/s':
    case 'MB':
    case 's':
      return `${formatNumber(value)} ${unit}`;
    default:
      return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  }
}

export function formatBoundValue(bound: Bound, unit: string): string {
  return `${bound.op} ${formatValue(bound.value, unit)}`;
}

export function formatDurationS(seconds: number): string {
  if (seconds < 120) return `${formatNumber(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export function formatPercent(ratio: number): string {
  return `${formatNumber(ratio * 100)}%`;
}
