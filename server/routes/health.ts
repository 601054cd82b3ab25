// GET /health: 200 when this worker can use its state store, 503 (degraded) when it cannot.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from './schemas.ts';

export type StoreHealth = 'up' | 'down' | 'unused';

export interface HealthRouteOptions {
  workerId: string;
  /** Resolves quickly (the Redis client fails fast); never rejects. */
  storeHealth: () => Promise<StoreHealth>;
}

const HealthBody = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  redis: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('unused')]),
  worker: Type.String(),
});

const schema = { response: { 200: HealthBody, 503: HealthBody, ...errorResponses } };

export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, options) => {
  const { workerId, storeHealth } = options;

  app.get('/health', { schema }, async (_request, reply) => {
    const redis = await storeHealth();
    if (redis === 'down') return reply.code(503).send({ status: 'degraded', redis, worker: workerId });
    return { status: 'ok', redis, worker: workerId } as const;
  });
};
