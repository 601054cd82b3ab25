// GET /api/protected: a valid signature is not enough; the token must also be absent from the denylist.
// Exactly one store round trip per call.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { TokenService } from '../auth/tokens.ts';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { unauthorized } from '../plugins/errors.ts';
import type { RevocationStore } from '../state/revocation-store.ts';
import { authenticate, claimsOf } from './authenticate.ts';
import { BearerHeaders, errorResponses } from './schemas.ts';

export interface ProtectedRouteOptions {
  tokens: TokenService;
  revocations: RevocationStore;
  metrics: WorkerMetrics;
  workerId: string;
}

const schema = {
  headers: BearerHeaders,
  response: {
    200: Type.Object({ user: Type.String(), worker: Type.String(), expires_at: Type.Integer() }),
    ...errorResponses,
  },
};

export const protectedRoutes: FastifyPluginAsyncTypebox<ProtectedRouteOptions> = async (app, options) => {
  const { tokens, revocations, metrics, workerId } = options;

  app.get('/api/protected', { schema, onRequest: authenticate(tokens) }, async (request, reply) => {
    const claims = claimsOf(request);
    // A store failure throws StoreUnavailableError: 503, never an unchecked 200.
    if (await revocations.isRevoked(claims.iss, claims.jti)) {
      metrics.revokedTokenRefused('protected');
      return unauthorized(reply, 'token revoked');
    }
    return { user: claims.sub, worker: workerId, expires_at: claims.exp };
  });
};
