// GET /metrics: Prometheus text for the whole service, not just the worker that happens to answer.
import type { FastifyInstance } from 'fastify';
import { CONTENT_TYPE } from '../metrics/cluster-metrics.ts';
import { errorResponses } from './schemas.ts';

export interface MetricsRouteOptions {
  /** Prometheus text for every worker (and the primary). */
  collectMetrics: () => Promise<string>;
}

// The 200 body is text, sent as a string, so it has no JSON schema.
const schema = { response: { ...errorResponses } } as const;

export async function metricsRoutes(app: FastifyInstance, options: MetricsRouteOptions) {
  const { collectMetrics } = options;

  app.get('/metrics', { schema }, async (_request, reply) => {
    return reply.type(CONTENT_TYPE).send(await collectMetrics());
  });
}
