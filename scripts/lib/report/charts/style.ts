// Colours and shared axis settings, so every chart in the report speaks the same visual language.
import type { ChartOption } from './render-svg.ts';

export const COLORS = {
  p50: '#7aa6d6',
  p95: '#1f5fa8',
  p99: '#0b2f5c',
  failure: '#c0392b',
  throughput: '#2e8b57',
  target: '#888888',
  ok: '#3a9d5d',
  failClosed: '#e6a23c',
  wrong: '#d64545',
  other: '#9e9e9e',
  redis: '#1f5fa8',
  memory: '#d9822b',
  outage: 'rgba(214, 69, 69, 0.12)',
};

/** A palette for series that are just "one per thing" (workers, tests). */
export const SERIES_PALETTE = [
  '#1f5fa8',
  '#d9822b',
  '#3a9d5d',
  '#8e44ad',
  '#c0392b',
  '#16a085',
  '#7f8c8d',
  '#b8860b',
];

export const GRID = { left: 64, right: 24, top: 48, bottom: 52, containLabel: false };

export const LEGEND_TOP: ChartOption['legend'] = { top: 8, left: 'center', itemGap: 16 };

export function valueAxis(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: 44,
    splitLine: { lineStyle: { color: '#e6e6e6' } },
    axisLine: { show: true, lineStyle: { color: '#999' } },
    ...extra,
  };
}

export function bottomAxisName(name: string): Record<string, unknown> {
  return { name, nameLocation: 'middle', nameGap: 30 };
}

/** Axis label for time axes relative to a start: "0:00", "1:30", "12:05" (minutes:seconds). */
export function minutesSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(Math.abs(whole) / 60);
  const rest = String(Math.abs(whole) % 60).padStart(2, '0');
  return `${whole < 0 ? '-' : ''}${minutes}:${rest}`;
}
