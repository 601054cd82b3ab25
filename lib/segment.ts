// Execution segments: one instance's share of a test split over several k6 processes (k6-operator's
// `parallelism`, or `--execution-segment` by hand). Pure TypeScript.
// k6 scales every scenario's users by the segment, but thresholds are fixed at init, where a script cannot ask
// k6 for its segment (exec.test.options is not available in init). So the script is told: EXECUTION_SEGMENT
// (which it also sets as options.executionSegment) or SEGMENT_COUNT (N equal shares, as the operator gives);
// setup() then checks the segment k6 actually runs against what the thresholds assumed.
import { ConfigError, type Env, read } from './env.ts';

export interface Segment {
  /** As k6 spells it, e.g. "0:1/2"; undefined when only SEGMENT_COUNT was given. */
  spec: string | undefined;
  /** Fraction of the whole test this instance runs. */
  share: number;
  /** EXECUTION_SEGMENT_SEQUENCE, passed on to k6 as options.executionSegmentSequence. */
  sequence?: string;
}

/** "1/3", "0.5", "50%" or "1" as a number in [0, 1]. */
export function parseSegmentPoint(text: string): number {
  const trimmed = text.trim();
  let value: number;
  if (/^\d+\/\d+$/.test(trimmed)) {
    const [numerator, denominator] = trimmed.split('/').map(Number) as [number, number];
    value = denominator === 0 ? Number.NaN : numerator / denominator;
  } else if (/^\d+(\.\d+)?%$/.test(trimmed)) {
    value = Number(trimmed.slice(0, -1)) / 100;
  } else if (/^\d+(\.\d+)?$/.test(trimmed)) {
    value = Number(trimmed);
  } else {
    value = Number.NaN;
  }
  if (!(value >= 0 && value <= 1)) throw new Error(`"${text}" is not a fraction between 0 and 1`);
  return value;
}

/** The share of a k6 segment spec: "a:b" is b - a; a lone value "x" means "0:x" as in k6. */
export function segmentShare(spec: string): number {
  const parts = spec.split(':');
  if (parts.length > 2) throw new Error(`"${spec}" is not a segment like 0:1/2`);
  const [from, to] =
    parts.length === 2 ? [parts[0] as string, parts[1] as string] : ['0', parts[0] as string];
  const share = parseSegmentPoint(to) - parseSegmentPoint(from);
  if (!(share > 0)) throw new Error(`"${spec}" is an empty segment`);
  return share;
}

export function parseSegment(env: Env): Segment | undefined {
  const spec = read(env, 'EXECUTION_SEGMENT');
  const count = read(env, 'SEGMENT_COUNT');
  if (spec !== undefined && count !== undefined) {
    throw new ConfigError('SEGMENT_COUNT', 'and EXECUTION_SEGMENT both describe the split; set one');
  }
  if (spec !== undefined) {
    const sequence = read(env, 'EXECUTION_SEGMENT_SEQUENCE');
    try {
      return { spec, share: segmentShare(spec), ...(sequence === undefined ? {} : { sequence }) };
    } catch (error) {
      throw new ConfigError('EXECUTION_SEGMENT', `must be a segment like 0:1/2: ${(error as Error).message}`);
    }
  }
  if (count !== undefined) {
    if (!/^\d+$/.test(count) || Number(count) < 1) {
      throw new ConfigError('SEGMENT_COUNT', `must be a whole number >= 1, got "${count}"`);
    }
    return Number(count) === 1 ? undefined : { spec: undefined, share: 1 / Number(count) };
  }
  return undefined;
}

/** Shares are compared with a little slack: "1/3" written as 0.333 is the same split. */
export function sameShare(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.002;
}
