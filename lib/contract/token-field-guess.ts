// Where a login answer holds something shaped like a JWT, for the contract check to suggest as TOKEN_FIELD
// when the configured field held no token. Pure.

const JWT_SHAPE = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/;

/** Dotted paths (TOKEN_FIELD's syntax) to JWT-shaped strings in a JSON body, shallowest first. */
export function jwtShapedFields(body: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node === 'string') {
      if (path.length > 0 && JWT_SHAPE.test(node)) found.push(path.join('.'));
    } else if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    }
  };
  walk(value, []);
  return found.sort((a, b) => a.split('.').length - b.split('.').length);
}
