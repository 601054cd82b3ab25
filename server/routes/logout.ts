// POST /auth/logout: success is reported only after the store acknowledged the revocation.
import type { FastifyInstance } from 'fastify';
import type { TokenService } from '../auth/tokens.ts';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { unauthorized } from '../plugins/errors.ts';
import type { RevocationStore } from '../state/revocation-store.ts';
import { authenticate, claimsOf } from './authenticate.ts';
import { bearerHeaders, errorResponses } from './schemas.ts';

export interface LogoutRouteOptions {
  tokens: TokenService;
  revocations: RevocationStore;
  metrics: WorkerMetrics;
  workerId: string;
}

const schema = {
  headers: bearerHeaders,
  response: {
    200: {
      type: 'object',
      properties: { status: { type: 'string' }, worker: { type: 'string' } },
      required: ['status', 'worker'],
    },
    ...errorResponses,
  },
} as const;

export async function logoutRoutes(app: FastifyInstance, options: LogoutRouteOptions) {
  const { tokens, revocations, metrics, workerId } = options;

  app.post('/auth/logout', { schema, onRequest: authenticate(tokens) }, async (request, reply) => {
    const claims = claimsOf(request);
    const outcome = await revocations.revoke(claims.iss, claims.jti, claims.exp);
    if (outcome === 'already-revoked') return unauthorized(reply, 'token revoked');
    metrics.revocationStored();
    return { status: 'logged_out', worker: workerId };
  });
}
