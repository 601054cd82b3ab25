// Whether N run records can be merged into one verdict for one load: the same test, gate and run, no
// runner that aborted before its load, and segments that cover the whole load exactly once. A verdict
// merged from one of two runners, or from two different runs, would judge load that never ran together.
// Pure: returns every problem found, each naming the records it concerns; empty when the merge is sound.
import { parseSegmentPoint, sameShare } from '../../../lib/segment.ts';
import type { RunRecord } from '../../../lib/summary/run-record.ts';

export interface MergeInput {
  /** Where the record came from, as the user named it (folder, file, or "file, line N"). */
  source: string;
  record: RunRecord;
}

/** Shares and boundaries are compared with the same slack as lib/segment.ts ("1/3" written as 0.333). */
const SLACK = 0.002;

/** A point of the load as a fraction when it is a simple one ("1/3"), else a percentage. */
function point(value: number): string {
  if (value <= 0) return '0';
  if (value >= 1) return '1';
  for (let denominator = 2; denominator <= 64; denominator++) {
    const numerator = Math.round(value * denominator);
    if (Math.abs(value - numerator / denominator) < 1e-6) return `${numerator}/${denominator}`;
  }
  return `${(value * 100).toFixed(1)}%`;
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}% of the load`;
}

function list(inputs: MergeInput[]): string {
  return inputs.map(({ source }) => source).join(', ');
}

/** "stress-5000 (a, b); smoke (c)" when the records disagree on one field, else nothing. */
function disagreement(inputs: MergeInput[], field: (record: RunRecord) => string): string | undefined {
  const groups = new Map<string, MergeInput[]>();
  for (const input of inputs) {
    const value = field(input.record);
    groups.set(value, [...(groups.get(value) ?? []), input]);
  }
  if (groups.size < 2) return undefined;
  return [...groups].map(([value, members]) => `"${value}" (${list(members)})`).join('; ');
}

function sameRunProblems(inputs: MergeInput[]): string[] {
  const problems: string[] = [];
  const tests = disagreement(inputs, (record) => record.test);
  if (tests) problems.push(`records of different tests: ${tests}`);
  const gates = disagreement(inputs, (record) => record.gate);
  if (gates) problems.push(`records gated on different levels: ${gates}`);
  const runs = disagreement(inputs, (record) => record.runId);
  if (runs) problems.push(`records of different runs (run ids): ${runs}`);
  return problems;
}

function abortedProblems(inputs: MergeInput[]): string[] {
  return inputs
    .filter(({ record }) => record.abortedBeforeLoad === true)
    .map(
      ({ source }) =>
        `aborted: ${source} stopped in setup() before its load started (its log says why), so its share of ` +
        'the load never ran',
    );
}

/**
 * The same record given twice (one runner's log or folder named again) is one segment counted twice: the
 * repeats are problems, and the segments are then judged on the distinct records.
 */
function withoutRepeats(inputs: MergeInput[]): { distinct: MergeInput[]; problems: string[] } {
  const firstSource = new Map<string, string>();
  const distinct: MergeInput[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const text = JSON.stringify(input.record);
    const seen = firstSource.get(text);
    if (seen === undefined) {
      firstSource.set(text, input.source);
      distinct.push(input);
    } else {
      problems.push(`duplicated: ${input.source} is the same run record as ${seen}`);
    }
  }
  return { distinct, problems };
}

interface Span {
  from: number;
  to: number;
  input: MergeInput;
}

function spanOf(input: MergeInput, spec: string): Span | string {
  const parts = spec.split(':');
  try {
    if (parts.length > 2) throw new Error('more than one ":"');
    const [from, to] = parts.length === 2 ? parts : ['0', parts[0]];
    return { from: parseSegmentPoint(from ?? ''), to: parseSegmentPoint(to ?? ''), input };
  } catch (error) {
    return `${input.source}: segment "${spec}" is not a k6 execution segment (${(error as Error).message})`;
  }
}

/** Walks the segments in order of where they start: a hole before one is missing, a start inside the last is an overlap. */
function boundaryProblems(spans: Span[]): string[] {
  const problems: string[] = [];
  let covered = 0;
  let last: Span | undefined;
  for (const span of [...spans].sort((a, b) => a.from - b.from || a.to - b.to)) {
    if (span.from > covered + SLACK) {
      problems.push(
        `missing: segment ${point(covered)}:${point(span.from)} (${percent(span.from - covered)}) is in no record`,
      );
    } else if (span.from < covered - SLACK && last) {
      const end = Math.min(covered, span.to);
      problems.push(
        `duplicated: segment ${point(span.from)}:${point(end)} (${percent(end - span.from)}) ran in both ` +
          `${last.input.source} and ${span.input.source}`,
      );
    }
    if (span.to > covered) {
      covered = span.to;
      last = span;
    }
  }
  if (covered < 1 - SLACK) {
    problems.push(`missing: segment ${point(covered)}:1 (${percent(1 - covered)}) is in no record`);
  }
  return problems;
}

/**
 * Segments named only by their share (SEGMENT_COUNT=N gives each runner 1/N and k6 the boundaries): N equal
 * shares need N records; unequal shares must add up to the whole load.
 */
function shareProblems(inputs: MergeInput[], shares: number[]): string[] {
  const first = shares[0] as number;
  if (shares.every((share) => sameShare(share, first))) {
    const count = Math.round(1 / first);
    const split = `${count} equal segments (SEGMENT_COUNT=${count}, ${percent(first)} each)`;
    if (sameShare(count * first, 1) && inputs.length < count) {
      return [`missing: ${count - inputs.length} of ${split} have no record; records given: ${list(inputs)}`];
    }
    if (sameShare(count * first, 1) && inputs.length > count) {
      return [`duplicated: ${inputs.length} records for ${split}: ${list(inputs)}`];
    }
  }
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (total < 1 - SLACK) return [`missing: the records cover ${percent(total)}: ${list(inputs)}`];
  if (total > 1 + SLACK) return [`duplicated: the records add up to ${percent(total)}: ${list(inputs)}`];
  return [];
}

function segmentProblems(inputs: MergeInput[]): string[] {
  const whole = inputs.filter(({ record }) => record.segment === undefined);
  const split = inputs.filter(({ record }) => record.segment !== undefined);
  if (split.length === 0) {
    return inputs.length > 1
      ? [`duplicated: each of ${list(inputs)} ran the whole load (no execution segment)`]
      : [];
  }
  if (whole.length > 0) {
    return [
      `${list(whole)} ran the whole load (no execution segment), but ${list(split)} ran a segment of it`,
    ];
  }
  const specs = split.map(({ record }) => record.segment?.spec);
  if (specs.every((spec): spec is string => spec !== undefined)) {
    const spans = split.map((input, index) => spanOf(input, specs[index] as string));
    const unreadable = spans.filter((span): span is string => typeof span === 'string');
    return unreadable.length > 0
      ? unreadable
      : boundaryProblems(spans.filter((span): span is Span => typeof span !== 'string'));
  }
  return shareProblems(
    split,
    split.map(({ record }) => record.segment?.share ?? 0),
  );
}

/** Every reason these records cannot be merged into one verdict; none when they can. */
export function mergeInputProblems(inputs: MergeInput[]): string[] {
  if (inputs.length === 0) return ['nothing to merge: name the run record of each instance'];
  const { distinct, problems: repeated } = withoutRepeats(inputs);
  return [
    ...sameRunProblems(inputs),
    ...abortedProblems(distinct),
    ...repeated,
    ...segmentProblems(distinct),
  ];
}
