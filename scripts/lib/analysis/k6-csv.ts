// Streams k6's CSV output (`--out csv=file.csv[.gz]`) as typed samples.
// Used by the failover drill and the soak verdict, which need per-request time series that the
// end-of-test summary does not keep.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface K6Sample {
  metric: string;
  timeMs: number;
  value: number;
  /** HTTP status as text ("200", "0" for a transport error); "" for non-HTTP metrics. */
  status: string;
  /** The request's `name` tag. */
  name: string;
  expectedResponse: boolean;
  scenario: string;
  /** HTTP method ("GET", "POST"); "" for non-HTTP metrics. */
  method: string;
  /** k6's error code ("1212" connection refused, "1050" timeout, "1401" for a 401 ...); "" when none. */
  errorCode: string;
}

import { splitCsvLine } from '../../../lib/csv.ts';

/**
 * Reads samples of the given metrics. Timestamps must be in milliseconds: run k6 with
 * K6_CSV_TIME_FORMAT=unix_milli (the runner does).
 */
export async function* readK6Csv(file: string, metrics: ReadonlySet<string>): AsyncGenerator<K6Sample> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let columns: Record<string, number> | undefined;
  for await (const line of lines) {
    if (!columns) {
      columns = Object.fromEntries(splitCsvLine(line).map((name, index) => [name, index]));
      for (const needed of ['metric_name', 'timestamp', 'metric_value', 'status', 'name']) {
        if (columns[needed] === undefined) throw new Error(`${file}: k6 CSV has no "${needed}" column`);
      }
      continue;
    }
    const comma = line.indexOf(',');
    if (comma < 0 || !metrics.has(line.slice(0, comma))) continue;
    const fields = splitCsvLine(line);
    const at = (column: string) => fields[columns?.[column] ?? -1] ?? '';
    yield {
      metric: at('metric_name'),
      timeMs: Number(at('timestamp')),
      value: Number(at('metric_value')),
      status: at('status'),
      name: at('name'),
      expectedResponse: at('expected_response') === 'true',
      scenario: at('scenario'),
      method: at('method'),
      errorCode: at('error_code'),
    };
  }
}

/** One request as the soak and the scalability runs read it: when it ended, how long it took, whether it failed. */
export interface TimedRequest {
  timeMs: number;
  durationMs: number;
  failed: boolean;
}

/** Every request of a k6 CSV, with its failure flag joined on. */
export async function readTimedRequests(csv: string): Promise<TimedRequest[]> {
  const requests: TimedRequest[] = [];
  for await (const sample of readK6Csv(csv, new Set(['http_req_duration', 'http_req_failed']))) {
    if (sample.metric === 'http_req_duration') {
      requests.push({ timeMs: sample.timeMs, durationMs: sample.value, failed: false });
    } else {
      // k6 writes a request's samples together: http_req_failed follows its http_req_duration.
      const last = requests.at(-1);
      if (last && last.timeMs === sample.timeMs) last.failed = sample.value === 1;
    }
  }
  return requests;
}
