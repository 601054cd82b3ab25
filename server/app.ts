// Builds the HTTP application from a validated config and ready-made dependencies. No I/O of its own,
// so it can run inside a cluster worker or in-process (app.inject) alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, LogController, type RawServerDefault } from 'fastify';
import type { Logger } from 'pino';
import type { PasswordVerifier } from './auth/passwords.ts';
import type { TokenService } from './auth/tokens.ts';
import type { ServiceConfig } from './config.ts';
import { clientErrorHandler } from './http-client-errors.ts';
import type { WorkerMetrics } from './metrics/worker-metrics.ts';
import { errorReplies, frameworkErrors } from './plugins/errors.ts';
import { jsonBody } from './plugins/json-body.ts';
import { requestMetrics } from './plugins/request-metrics.ts';
import { workerIdHeader } from './plugins/worker-id.ts';
import { healthRoutes, type StoreHealth } from './routes/health.ts';
import { loginRoutes } from './routes/login.ts';
import { logoutRoutes } from './routes/logout.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { protectedRoutes } from './routes/protected.ts';
import type { LoginLimiter } from './state/login-limiter.ts';
import type { RevocationStore } from './state/revocation-store.ts';

export const BODY_LIMIT_BYTES = 8 * 1024;

export interface AppDeps {
  /** The worker's pino logger (server/logger.ts), so Fastify logs in the same format with the same redaction. */
  logger: Logger;
  workerId: string;
  tokens: TokenService;
  passwords: PasswordVerifier;
  revocations: RevocationStore;
  loginLimiter: LoginLimiter;
  storeHealth: () => Promise<StoreHealth>;
  metrics: WorkerMetrics;
  collectMetrics: () => Promise<string>;
}

export function buildApp(
  config: ServiceConfig,
  deps: AppDeps,
): FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // A benchmark target must not spend its time writing a log line per request.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    clientErrorHandler: clientErrorHandler(deps.workerId),
    frameworkErrors: frameworkErrors(deps.workerId),
    ajv: {
      customOptions: {
        // Fastify's defaults would turn `"password": 123` into "123" and silently drop unknown
        // fields; this API rejects both.
        coerceTypes: false,
        removeAdditional: false,
      },
    },
  });
  app.decorateRequest('claims', null);

  app.register(workerIdHeader, { workerId: deps.workerId });
  app.register(requestMetrics, { metrics: deps.metrics });
  app.register(errorReplies, { metrics: deps.metrics });
  app.register(jsonBody);

  app.register(loginRoutes, {
    tokens: deps.tokens,
    passwords: deps.passwords,
    loginLimiter: deps.loginLimiter,
    metrics: deps.metrics,
    userCount: config.userCount,
    tokenTtlS: config.tokenTtlS,
  });
  app.register(protectedRoutes, {
    tokens: deps.tokens,
    revocations: deps.revocations,
    metrics: deps.metrics,
    workerId: deps.workerId,
  });
  app.register(logoutRoutes, {
    tokens: deps.tokens,
    revocations: deps.revocations,
    metrics: deps.metrics,
    workerId: deps.workerId,
  });
  app.register(healthRoutes, { workerId: deps.workerId, storeHealth: deps.storeHealth });
  app.register(metricsRoutes, { collectMetrics: deps.collectMetrics });
  return app;
}
