// Locust as the bench's optional third generator: used only when `locust` is on PATH (never a dependency).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findLocust(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'locust');
    if (dir && existsSync(candidate)) {
      const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 30_000 });
      return probe.status === 0 ? candidate : undefined;
    }
  }
  return undefined;
}

/** Total requests from Locust's `<prefix>_stats.csv` (the "Aggregated" row's "Request Count"). */
export function locustRequestCount(statsCsv: string): number | undefined {
  const [header, ...rows] = statsCsv.trim().split('\n');
  const column = header.split(',').indexOf('Request Count');
  const aggregated = rows.find((row) => row.split(',')[1] === 'Aggregated');
  if (column < 0 || !aggregated) return undefined;
  const value = Number(aggregated.split(',')[column]);
  return Number.isFinite(value) ? value : undefined;
}

export function readLocustRequests(csvPrefix: string): number | undefined {
  const file = `${csvPrefix}_stats.csv`;
  return existsSync(file) ? locustRequestCount(readFileSync(file, 'utf8')) : undefined;
}
