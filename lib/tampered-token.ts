// A token the service must refuse on its signature alone. Pure TypeScript.

/** The same token with its signature altered: still well-formed, so only the MAC check can reject it. */
export function tamperedToken(token: string): string {
  const dot = token.lastIndexOf('.');
  if (dot < 0 || dot === token.length - 1) return `${token}x`;
  // Change the signature's first character, whose 6 bits are all data. The last one may only carry
  // padding bits that a lenient base64url decoder ignores, which would leave the signature valid.
  const first = token[dot + 1];
  return `${token.slice(0, dot + 1)}${first === 'A' ? 'B' : 'A'}${token.slice(dot + 2)}`;
}
