// `{name}` placeholders in the contract's templates (LOGIN_BODY, REVOCATION_KEY). Pure TypeScript.

const PLACEHOLDER = /\{([a-z_0-9]+)\}/g;

/** Placeholder names a template uses, in order of first appearance. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/**
 * Fills every `{name}` with `encode(values[name])`. Returns the names the values lack instead of a
 * half-filled string, so the caller can say which claim or field was missing.
 */
export function fillTemplate(
  template: string,
  values: Record<string, string | undefined>,
  encode: (value: string) => string = (value) => value,
): { text: string; missing: [] } | { text: undefined; missing: string[] } {
  const missing = placeholdersIn(template).filter((name) => values[name] === undefined);
  if (missing.length > 0) return { text: undefined, missing };
  return {
    text: template.replace(PLACEHOLDER, (_, name: string) => encode(values[name] as string)),
    missing: [],
  };
}

/** Escapes a value for the inside of a JSON string: a password with a quote must not break the body. */
export function jsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** application/x-www-form-urlencoded value encoding. */
export function formValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
