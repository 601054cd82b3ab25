// Plain-text tables for the console: aligned with spaces, readable without colours or Unicode boxes.
// With maxWidths, a longer cell wraps onto more lines of its row (at spaces; a word longer than the
// column is split), so a table can be held to a terminal's width.

/** Lines of at most `width` characters, broken at spaces (a longer word is split). */
export function wrap(text: string, width: number | undefined): string[] {
  if (width === undefined || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function textTable(headers: string[], rows: string[][], maxWidths: number[] = []): string {
  const wrapped = rows.map((row) => headers.map((_, column) => wrap(row[column] ?? '', maxWidths[column])));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...wrapped.flatMap((row) => row[column].map((line) => line.length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = wrapped.flatMap((row) => {
    const height = Math.max(...row.map((cell) => cell.length));
    return Array.from({ length: height }, (_, index) => line(row.map((cell) => cell[index] ?? '')));
  });
  return [line(headers), rule, ...body].join('\n');
}
