// Minimal HTML building: escaping for every value that comes from a run, and a table helper.
// Values are escaped where they enter; strings returned by these helpers are already HTML.

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Marks a string as HTML built by this module (so tables can mix text and markup deliberately). */
export interface Html {
  html: string;
}

export function raw(html: string): Html {
  return { html };
}

export function content(cell: string | Html): string {
  return typeof cell === 'string' ? escapeHtml(cell) : cell.html;
}

export interface Cell {
  value: string | Html;
  className?: string;
  rowSpan?: number;
}

function cellHtml(tag: 'td' | 'th', cell: string | Html | Cell): string {
  const spec: Cell = typeof cell === 'object' && 'value' in cell ? cell : { value: cell };
  const className = spec.className ? ` class="${escapeHtml(spec.className)}"` : '';
  const rowSpan = spec.rowSpan && spec.rowSpan > 1 ? ` rowspan="${spec.rowSpan}"` : '';
  return `<${tag}${className}${rowSpan}>${content(spec.value)}</${tag}>`;
}

export function table(
  headers: Array<string | Cell>,
  rows: Array<Array<string | Html | Cell>>,
  className = '',
): string {
  const head = `<thead><tr>${headers.map((header) => cellHtml('th', header)).join('')}</tr></thead>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => cellHtml('td', cell)).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${escapeHtml(className)}"` : ''}>${head}<tbody>\n${body}\n</tbody></table>`;
}

const BADGE_CLASS: Record<string, string> = {
  PASS: 'pass',
  FAIL: 'fail',
  'NOT MEASURED': 'fail',
  'NOT RUN': 'notrun',
  'NOT JUDGED': 'notrun',
  INCOMPLETE: 'notrun',
};

/** A result word as a coloured badge; the word itself stays, so the page reads without colour too. */
export function badge(word: string, muted = false): Html {
  const kind = BADGE_CLASS[word] ?? 'notrun';
  return raw(`<span class="badge ${kind}${muted ? ' muted' : ''}">${escapeHtml(word)}</span>`);
}

/** A box in place of a section or chart whose part did not run, saying why. */
export function notRun(what: string): string {
  return `<p class="notrun-box">Not run: ${escapeHtml(what)}</p>`;
}
