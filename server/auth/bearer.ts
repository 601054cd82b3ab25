// Extracts the token from `Authorization: Bearer <jwt>` (RFC 6750; the scheme is case-insensitive).
// Anything else (no header, another scheme, an empty or non-JWT-shaped token) yields undefined.

const BEARER = /^bearer +([\w-]+\.[\w-]+\.[\w-]*)$/i;

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1];
}
