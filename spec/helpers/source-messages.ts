// The messages the suite stops a run with, read from its source: every `exec.test.abort(...)` (k6 exit 108),
// every `new ConfigError(KNOB, ...)` (a bad knob; k6 exit 107), and the fixed prefix of every error class that
// puts one in front of its message (`thresholds.json: ...`). The TypeScript parser finds the calls, so a
// comment or a string that mentions `exec.test.abort(` is not mistaken for one, and a message split over
// several lines with `+` is read as one. Only parsing: nothing here is type-checked or run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface SourceMessage {
  kind: 'abort' | 'config-error' | 'error-prefix';
  /** Where it is written, `lib/k6/preflight.ts:23`, for the failure message. */
  where: string;
  /**
   * The message's literal text up to its first `${...}` (or the whole message when it has none): what
   * every printed instance of it starts with. For a ConfigError the knob comes first, as printed
   * (`SCALE must be in`), when the call names it literally. undefined: the message has no literal start.
   */
  stablePhrase: string | undefined;
}

/** Every .ts file under `dir`, recursively, skipping declaration files. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The literal text an expression's value starts with: a string is all literal, a template up to its first
 * `${`, `a + b` is a's literal start and, when a is literal throughout, b's too. undefined for anything else
 * (a variable, `error.message`, a call): such a message has no start a reader could look up.
 */
export function literalStart(node: ts.Expression): { text: string; complete: boolean } | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { text: node.text, complete: true };
  }
  if (ts.isTemplateExpression(node)) return { text: node.head.text, complete: false };
  if (ts.isParenthesizedExpression(node)) return literalStart(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalStart(node.left);
    if (left === undefined || !left.complete) return left;
    const right = literalStart(node.right);
    return right === undefined
      ? { text: left.text, complete: false }
      : { text: left.text + right.text, complete: right.complete };
  }
  return undefined;
}

function phrase(text: string | undefined): string | undefined {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A class declared `extends Error`: its constructor's `super(...)` argument, if it has one. */
function superMessage(node: ts.ClassDeclaration): ts.Expression | undefined {
  const extendsError = node.heritageClauses?.some((clause) =>
    clause.types.some((type) => type.expression.getText() === 'Error'),
  );
  if (!extendsError) return undefined;
  // forEachChild stops at the first callback that returns something: the first super(...) call.
  const find = (child: ts.Node): ts.Expression | undefined =>
    ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword
      ? child.arguments[0]
      : ts.forEachChild(child, find);
  return ts.forEachChild(node, find);
}

/** The messages written in one file (`path` relative to `root` in the `where` it reports). */
export function messagesIn(root: string, path: string): SourceMessage[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: SourceMessage[] = [];
  const where = (node: ts.Node) =>
    `${relative(root, path)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node): void => {
    // `exec.test.abort`, or the same under another import name (`execution.test.abort`).
    if (ts.isCallExpression(node) && /(^|\.)test\.abort$/.test(node.expression.getText(file))) {
      const message = node.arguments[0];
      found.push({
        kind: 'abort',
        where: where(node),
        stablePhrase: message === undefined ? undefined : phrase(literalStart(message)?.text),
      });
    }
    // The suite's ConfigError (lib/env.ts) takes the knob and the problem. The reference service's own
    // ConfigError (server/config.ts) takes one list of problems its schema words; its fixed prefix is checked
    // as an error class's prefix below.
    const args = ts.isNewExpression(node) ? (node.arguments ?? []) : [];
    if (ts.isNewExpression(node) && node.expression.getText(file) === 'ConfigError' && args.length !== 1) {
      const [knob, problem] = args;
      const problemStart = problem === undefined ? undefined : phrase(literalStart(problem)?.text);
      // The knob comes first in the printed message (lib/env.ts): part of the phrase when written literally.
      const knobName = knob !== undefined && ts.isStringLiteral(knob) ? knob.text : undefined;
      found.push({
        kind: 'config-error',
        where: where(node),
        stablePhrase:
          problemStart === undefined ? undefined : knobName ? `${knobName} ${problemStart}` : problemStart,
      });
    }
    if (ts.isClassDeclaration(node)) {
      const message = superMessage(node);
      const prefix = message === undefined ? undefined : literalStart(message);
      // Only classes that add a prefix of their own; `super(message)` passes the caller's text through.
      if (prefix !== undefined && !prefix.complete && phrase(prefix.text) !== undefined) {
        found.push({ kind: 'error-prefix', where: where(node), stablePhrase: phrase(prefix.text) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The messages written anywhere under the given folders of `root`. */
export function sourceMessages(root: string, folders: readonly string[]): SourceMessage[] {
  return folders.flatMap((folder) =>
    sourceFiles(join(root, folder)).flatMap((path) => messagesIn(root, path)),
  );
}
