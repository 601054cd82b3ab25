// The run record as one marked line at the end of k6's standard output, so it leaves any place the files
// cannot: a k6-operator runner pod has no report folder and k6 cannot create one, but `kubectl logs`
// keeps what the pod printed. `npm run report -- --merge runner-1.log ...` reads the line back.
// Pure TypeScript (no k6 imports): the bundle writes the line, the Node tools parse it.
import type { RunRecord } from './run-record.ts';

/** Starts the line; a word no other output of k6 or the suite begins with. */
export const RUN_RECORD_LINE_PREFIX = 'auth-loadtest-record ';

/** The record as one line: the prefix, then the JSON without line breaks, then a newline. */
export function recordLine(record: RunRecord): string {
  return `${RUN_RECORD_LINE_PREFIX}${JSON.stringify(record)}\n`;
}

export interface RecordLineFound {
  /** 1-based line number in the log, for messages. */
  line: number;
  /** The record's JSON text, still to be parsed and checked by the reader. */
  json: string;
}

/**
 * k6 prints handleSummary's stdout as it is, but a saved log may carry the line behind a prefix
 * (`kubectl logs --timestamps` or `--prefix`), or wrapped by k6's logger when a script logs it with
 * console.log (`time="..." level=info msg="auth-loadtest-record {\"schema\":...}"`): the JSON then sits
 * inside a logfmt quoted value, with its quotes escaped.
 */
function unwrapLogfmt(rest: string): string {
  let json = '';
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i] as string;
    if (char === '"') return json;
    if (char === '\\' && i + 1 < rest.length) {
      const next = rest[++i] as string;
      // \uXXXX stays an escape: JSON reads it the same way.
      json += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'u' ? '\\u' : next;
    } else {
      json += char;
    }
  }
  return json;
}

/** Every record line in a log's text, in order; whatever else the log holds is ignored. */
export function recordLinesIn(text: string): RecordLineFound[] {
  const found: RecordLineFound[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const at = line.indexOf(RUN_RECORD_LINE_PREFIX);
    if (at === -1) return;
    const rest = line.slice(at + RUN_RECORD_LINE_PREFIX.length);
    const wrapped = line.slice(0, at).endsWith('msg="');
    found.push({ line: index + 1, json: wrapped ? unwrapLogfmt(rest) : rest.trim() });
  });
  return found;
}
