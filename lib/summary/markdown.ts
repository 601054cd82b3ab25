// Markdown building blocks with escaping: values such as URLs, check names and test names come from
// the run and must not turn into emphasis, links, HTML or extra table columns.

// Always special inside a line (emphasis, code, links, table cells, strikethrough).
const MARKDOWN_SPECIAL = /[\\`*_{}[\]|~]/g;
// Special only as the start of an HTML tag or entity; "< 500 ms" stays readable in the raw file.
const HTML_START = /<(?=[A-Za-z/!?])|&(?=[A-Za-z#])/g;

/** Text shown literally in CommonMark/GitHub Markdown, inside a line or a table cell. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(MARKDOWN_SPECIAL, (character) => `\\${character}`)
    .replace(HTML_START, (character) => `\\${character}`);
}

/** Inline code that survives backticks inside the value (CommonMark: use a longer fence). */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** One table row from already-escaped cells: for tables printed a row at a time, as each is measured. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A table from already-escaped cells (callers decide which cells carry Markdown on purpose). */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: number[] = [],
): string {
  const separator = headers.map((_, column) => (rightAligned.includes(column) ? '---:' : '---'));
  return [markdownRow(headers), markdownRow(separator), ...rows.map(markdownRow)].join('\n');
}
