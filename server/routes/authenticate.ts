// onRequest hook for Bearer-protected routes: parse the header and verify the JWT before the body is
// even read. It does NOT consult the denylist: each route does that with the single Redis round trip
// it needs (EXISTS for a protected call, SET NX for logout).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, hasRepeatedAuthorization } from '../auth/bearer.ts';
import type { TokenClaims, TokenService } from '../auth/tokens.ts';
import { invalidAuthorizationRequest, unauthorized } from '../plugins/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    claims: TokenClaims | null;
  }
}

export function authenticate(tokens: TokenService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (hasRepeatedAuthorization(request.raw.rawHeaders)) {
      return invalidAuthorizationRequest(reply, 'more than one Authorization header');
    }
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) return unauthorized(reply, 'missing or malformed bearer token');
    const check = tokens.check(token);
    if (!check.ok) return unauthorized(reply, check.reason === 'expired' ? 'token expired' : 'invalid token');
    request.claims = check.claims;
  };
}

/** The claims authenticate() attached; only call from routes that use it. */
export function claimsOf(request: FastifyRequest): TokenClaims {
  if (request.claims === null) throw new Error('route is missing the authenticate hook');
  return request.claims;
}
