// The plan execution folder `npm run report` reads when none is named: the newest under reports/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest by modification time, because run ids are not required to sort by time. */
export function newestRunDir(reportsDir: string): string | undefined {
  if (!existsSync(reportsDir)) return undefined;
  const folders = readdirSync(reportsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => join(reportsDir, entry.name));
  return folders.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}
