// POST /auth/logout: success is reported only after the store acknowledged the revocation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { TokenService } from '../auth/tokens.ts';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { unauthorized } from '../plugins/errors.ts';
import type { RevocationStore } from '../state/revocation-store.ts';
import { authenticate, claimsOf } from './authenticate.ts';
import { BearerHeaders, errorResponses } from './schemas.ts';

export interface LogoutRouteOptions {
  tokens: TokenService;
  revocations: RevocationStore;
  metrics: WorkerMetrics;
  workerId: string;
}

const schema = {
  headers: BearerHeaders,
  response: {
    200: Type.Object({ status: Type.Literal('logged_out'), worker: Type.String() }),
    ...errorResponses,
  },
};

export const logoutRoutes: FastifyPluginAsyncTypebox<LogoutRouteOptions> = async (app, options) => {
  const { tokens, revocations, metrics, workerId } = options;

  app.post('/auth/logout', { schema, onRequest: authenticate(tokens) }, async (request, reply) => {
    const claims = claimsOf(request);
    const outcome = await revocations.revoke(claims.iss, claims.jti, claims.exp);
    if (outcome === 'already-revoked') {
      metrics.revokedTokenRefused('logout');
      return unauthorized(reply, 'token revoked');
    }
    metrics.revocationStored();
    return { status: 'logged_out', worker: workerId } as const;
  });
};
