// POST /auth/login: rate limit first (so throttled clients cost no hashing), then the password, then a token.
import type { FastifyInstance } from 'fastify';
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

interface LoginBody {
  email: string;
  password: string;
}

const schema = {
  body: {
    type: 'object',
    properties: {
      // RFC 5321 caps an address at 254 characters.
      email: { type: 'string', format: 'email', maxLength: 254 },
      password: { type: 'string', minLength: 1, maxLength: 1024 },
    },
    required: ['email', 'password'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        access_token: { type: 'string' },
        token_type: { type: 'string' },
        expires_in: { type: 'integer' },
      },
      required: ['access_token', 'token_type', 'expires_in'],
    },
    ...errorResponses,
  },
} as const;

export async function loginRoutes(app: FastifyInstance, options: LoginRouteOptions) {
  const { tokens, passwords, loginLimiter, metrics, userCount, tokenTtlS } = options;

  app.post<{ Body: LoginBody }>('/auth/login', { schema }, async (request, reply) => {
    const account = accountName(request.body.email);
    const decision = await loginLimiter.attempt(account, request.ip);
    if (!decision.allowed) {
      metrics.loginRejected(decision.scope);
      reply.header('retry-after', String(decision.retryAfterS));
      return sendError(reply, 429, `too many login attempts for this ${decision.scope}; retry later`);
    }
    // Hash even for accounts that do not exist, so response time does not reveal which ones do.
    const passwordMatches = await passwords.matches(request.body.password);
    if (!passwordMatches || !userExists(account, userCount)) {
      return sendError(reply, 401, 'invalid email or password');
    }
    reply.header('cache-control', 'no-store');
    return { access_token: tokens.issue(account), token_type: 'Bearer', expires_in: tokenTtlS };
  });
}
