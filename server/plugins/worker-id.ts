// Every response names the worker that produced it, so tests can prove requests reached different workers.
// Set in onRequest (the earliest hook), it survives into error and not-found replies too.
import type { FastifyInstance } from 'fastify';
import { unencapsulated } from './unencapsulated.ts';

export const WORKER_ID_HEADER = 'x-worker-id';

export const workerIdHeader = unencapsulated(async (app: FastifyInstance, options: { workerId: string }) => {
  if (!options.workerId) throw new Error('workerIdHeader: workerId is required');
  const { workerId } = options;
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header(WORKER_ID_HEADER, workerId);
    done();
  });
});
