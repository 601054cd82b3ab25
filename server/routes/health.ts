// GET /health: 200 when this worker can use its state store, 503 (degraded) when it cannot.
import type { FastifyInstance } from 'fastify';
import { errorResponses } from './schemas.ts';

export type StoreHealth = 'up' | 'down' | 'unused';

export interface HealthRouteOptions {
  workerId: string;
  /** Resolves quickly (the Redis client fails fast); never rejects. */
  storeHealth: () => Promise<StoreHealth>;
}

const healthBody = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    redis: { type: 'string' },
    worker: { type: 'string' },
  },
  required: ['status', 'redis', 'worker'],
} as const;

const schema = { response: { 200: healthBody, 503: healthBody, ...errorResponses } } as const;

export async function healthRoutes(app: FastifyInstance, options: HealthRouteOptions) {
  const { workerId, storeHealth } = options;

  app.get('/health', { schema }, async (_request, reply) => {
    const redis = await storeHealth();
    if (redis === 'down') return reply.code(503).send({ status: 'degraded', redis, worker: workerId });
    return { status: 'ok', redis, worker: workerId };
  });
}
