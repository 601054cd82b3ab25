// Extracts the token from `Authorization: Bearer <jwt>` (RFC 6750; the scheme is case-insensitive).
// Anything else (no header, another scheme, an empty or non-JWT-shaped token) yields undefined.

const BEARER = /^bearer +([\w-]+\.[\w-]+\.[\w-]*)$/i;

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1];
}

/**
 * Node keeps only the first of repeated Authorization headers (request.headers), so a request carrying
 * two would be judged by whichever came first. Authorization is not a list header (RFC 9110): two of them
 * make the request ambiguous, and it is refused instead (RFC 6750 invalid_request).
 */
export function hasRepeatedAuthorization(rawHeaders: string[]): boolean {
  let seen = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === 13 && rawHeaders[i].toLowerCase() === 'authorization' && ++seen > 1)
      return true;
  }
  return false;
}
