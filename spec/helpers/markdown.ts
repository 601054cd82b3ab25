// Just enough Markdown reading for the docs checks (spec/unit/docs-check.test.ts): headings and the anchors
// GitHub gives them, links, inline code spans. Not a Markdown parser: the pages are ours, and a real parser
// would be a dependency for four regular expressions. What it must get right is what GitHub renders, since
// that is where readers follow the links.

/** A page's lines with fenced code blocks blanked out, so a `#` comment or a `[x](y)` in a shell example is
 * not taken for a heading or a link. Line numbers stay as in the file. */
export function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const opening = /^\s*(```+|~~~+)/.exec(line);
    if (fence === undefined && opening) {
      fence = (opening[1] as string)[0];
      return '';
    }
    if (fence !== undefined) {
      if (new RegExp(`^\\s*\\${fence}{3,}\\s*$`).test(line)) fence = undefined;
      return '';
    }
    return line;
  });
}

/** A line with its inline code spans blanked: a link written inside backticks is an example, not a link. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
}

/**
 * The anchor GitHub gives a heading: the heading's text as rendered (code, emphasis and link syntax gone),
 * lowercased, every character dropped that is not a letter, a digit, a space, `-` or `_`, spaces turned into
 * `-`. Repeats are made unique by the caller (`headingAnchors`).
 */
export function githubSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/`([^`]*)`/g, '$1') // code spans: their content
    .replace(/<[^>]+>/g, ''); // inline HTML tags
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a page offers: its headings' slugs (the second "Usage" is usage-1, the third usage-2), and
 * explicit `<a id>` / `<a name>` targets. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1] as string);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const html of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(html[1] as string);
  }
  return anchors;
}

export interface MarkdownLink {
  /** The link target as written, e.g. `docs/ci.md#segments` or `https://k6.io`. */
  target: string;
  /** 1-based line in the page. */
  line: number;
}

/** Inline links and images, and reference definitions (`[name]: target`), outside code. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  proseLines(markdown).forEach((text, index) => {
    const line = withoutCodeSpans(text);
    for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: match[1] as string, line: index + 1 });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s+<?(\S+?)>?(\s+.*)?$/.exec(line);
    if (definition) links.push({ target: definition[1] as string, line: index + 1 });
  });
  return links;
}

/** Links that leave the repository's pages: a scheme (https:, mailto:) or a protocol-relative `//host`. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** The contents of every inline code span outside fenced blocks, with its line. */
export function codeSpans(markdown: string): Array<{ code: string; line: number }> {
  const spans: Array<{ code: string; line: number }> = [];
  proseLines(markdown).forEach((line, index) => {
    for (const match of line.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)) {
      spans.push({ code: (match[2] as string).trim(), line: index + 1 });
    }
  });
  return spans;
}
