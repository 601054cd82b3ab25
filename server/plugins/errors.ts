// One place that decides what an error looks like to a client. Bad input must never produce a 5xx:
// Fastify's own client errors (bad JSON, too large, wrong media type, failed schema) keep their 4xx
// status, and their messages are replaced or trimmed so nothing from the request is echoed back.
// A revocation store that cannot answer is a 503 (fail closed); anything else is a bug: 500, logged.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { StoreUnavailableError } from '../state/store-unavailable.ts';
import { unencapsulated } from './unencapsulated.ts';
import { WORKER_ID_HEADER } from './worker-id.ts';

const CLIENT_ERROR_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported content type (use application/json)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content length does not match the body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request body is empty',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request body is not valid JSON',
  FST_ERR_BAD_URL: 'malformed URL',
};

const MAX_MESSAGE_LENGTH = 200;

export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message });
}

export function unauthorized(reply: FastifyReply, message: string): FastifyReply {
  reply.header('www-authenticate', 'Bearer error="invalid_token"');
  return sendError(reply, 401, message);
}

/** RFC 6750: a malformed request (here, two Authorization headers) is 400 invalid_request. */
export function invalidAuthorizationRequest(reply: FastifyReply, message: string): FastifyReply {
  reply.header('www-authenticate', 'Bearer error="invalid_request"');
  return sendError(reply, 400, message);
}

function clientMessage(error: FastifyError): string {
  if (error.validation) return error.message.slice(0, MAX_MESSAGE_LENGTH);
  if (error.code && CLIENT_ERROR_MESSAGES[error.code]) return CLIENT_ERROR_MESSAGES[error.code];
  return STATUS_CODES[error.statusCode ?? 400] ?? 'bad request';
}

/**
 * Fastify's `frameworkErrors` option: errors it meets before routing (a malformed URL such as `/%`) skip
 * every hook, the worker-id header included, so this handler sets it itself.
 */
export function frameworkErrors(workerId: string) {
  return (error: FastifyError, _request: unknown, reply: FastifyReply): void => {
    reply.header(WORKER_ID_HEADER, workerId);
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
    sendError(reply, status, clientMessage(error));
  };
}

export const errorReplies = unencapsulated(
  async (app: FastifyInstance, options: { metrics: WorkerMetrics }) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof StoreUnavailableError) {
        options.metrics.failedClosed(error.operation);
        reply.header('retry-after', '1');
        return sendError(reply, 503, 'revocation store unavailable');
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) return sendError(reply, status, clientMessage(error));
      request.log.error({ err: error }, 'unexpected error');
      return sendError(reply, 500, 'internal error');
    });

    app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'no such route'));
  },
);
