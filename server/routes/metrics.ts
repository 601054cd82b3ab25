// GET /metrics: Prometheus text for the whole service, not just the worker that happens to answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { CONTENT_TYPE } from '../metrics/cluster-metrics.ts';
import { errorResponses } from './schemas.ts';

export interface MetricsRouteOptions {
  /** Prometheus text for every worker (and the primary). */
  collectMetrics: () => Promise<string>;
}

// The 200 body is Prometheus text: a string payload is sent as it is (Fastify serializes only objects),
// so this schema only gives the handler its type.
const schema = { response: { 200: Type.String(), ...errorResponses } };

export const metricsRoutes: FastifyPluginAsyncTypebox<MetricsRouteOptions> = async (app, options) => {
  const { collectMetrics } = options;

  app.get('/metrics', { schema }, async (_request, reply) => {
    return reply.type(CONTENT_TYPE).send(await collectMetrics());
  });
};
