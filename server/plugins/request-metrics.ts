// Counts every answered request and its latency by route pattern (never the raw URL, which would let
// clients create unbounded label values), method and status.
import type { FastifyInstance } from 'fastify';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { unencapsulated } from './unencapsulated.ts';

const UNMATCHED_ROUTE = 'unmatched';

export const requestMetrics = unencapsulated(
  async (app: FastifyInstance, options: { metrics: WorkerMetrics }) => {
    const { metrics } = options;
    app.addHook('onResponse', (request, reply, done) => {
      metrics.observeRequest(
        request.routeOptions.url ?? UNMATCHED_ROUTE,
        request.method,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  },
);
