// Run ids name report folders: sortable UTC time, readable, safe in paths on every OS.
export function newRunId(now = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}
