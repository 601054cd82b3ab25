// GET /metrics: Prometheus text for the whole service, not just the worker that happens to answer.
import type { FastifyInstance } from 'fastify';
import { type ClusterMetrics, CONTENT_TYPE, renderPrometheus } from '../metrics/prometheus.ts';
import { errorResponses } from './schemas.ts';

export interface MetricsRouteOptions {
  collectMetrics: () => Promise<ClusterMetrics>;
}

// The 200 body is text, sent as a string, so it has no JSON schema.
const schema = { response: { ...errorResponses } } as const;

export async function metricsRoutes(app: FastifyInstance, options: MetricsRouteOptions) {
  const { collectMetrics } = options;

  app.get('/metrics', { schema }, async (_request, reply) => {
    const text = renderPrometheus(await collectMetrics());
    return reply.type(CONTENT_TYPE).send(text);
  });
}
