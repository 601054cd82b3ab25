// POST /auth/login: rate limit first (so throttled clients cost no hashing), then the password, then a token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { PasswordVerifier } from '../auth/passwords.ts';
import type { TokenService } from '../auth/tokens.ts';
import { accountName, userExists } from '../auth/users.ts';
import type { WorkerMetrics } from '../metrics/worker-metrics.ts';
import { sendError } from '../plugins/errors.ts';
import type { LoginLimiter } from '../state/login-limiter.ts';
import { errorResponses } from './schemas.ts';

export interface LoginRouteOptions {
  tokens: TokenService;
  passwords: PasswordVerifier;
  loginLimiter: LoginLimiter;
  metrics: WorkerMetrics;
  userCount: number;
  tokenTtlS: number;
}

const schema = {
  body: Type.Object(
    {
      // RFC 5321 caps an address at 254 characters.
      email: Type.String({ format: 'email', maxLength: 254 }),
      password: Type.String({ minLength: 1, maxLength: 1024 }),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({
      access_token: Type.String(),
      token_type: Type.Literal('Bearer'),
      expires_in: Type.Integer(),
    }),
    ...errorResponses,
  },
};

export const loginRoutes: FastifyPluginAsyncTypebox<LoginRouteOptions> = async (app, options) => {
  const { tokens, passwords, loginLimiter, metrics, userCount, tokenTtlS } = options;

  app.post('/auth/login', { schema }, async (request, reply) => {
    const account = accountName(request.body.email);
    const decision = await loginLimiter.attempt(account, request.ip);
    metrics.limiterDecided(decision.allowed ? 'allowed' : decision.scope);
    if (!decision.allowed) {
      metrics.loginRejected(decision.scope);
      metrics.loginAnswered('rate_limited');
      reply.header('retry-after', String(decision.retryAfterS));
      return sendError(reply, 429, `too many login attempts for this ${decision.scope}; retry later`);
    }
    // Hash even for accounts that do not exist, so response time does not reveal which ones do.
    const passwordMatches = await passwords.matches(request.body.password);
    if (!passwordMatches || !userExists(account, userCount)) {
      metrics.loginAnswered('invalid_credentials');
      return sendError(reply, 401, 'invalid email or password');
    }
    reply.header('cache-control', 'no-store');
    metrics.loginAnswered('success');
    return { access_token: tokens.issue(account), token_type: 'Bearer' as const, expires_in: tokenTtlS };
  });
};
