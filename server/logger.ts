// Process lifecycle logging (primary and worker start/stop, Redis connection changes) with pino, the
// logger Fastify itself uses: workers hand the same instance to Fastify, so one format and one place
// (stderr, JSON lines) hold everything. Requests are not logged: the service is a benchmark target.
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.ts';

/**
 * Never written in clear, whatever a caller passes: bearer tokens and cookies in request headers,
 * passwords, the JWT secret, and the Redis URL (it carries the Redis password).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'userPassword',
  '*.userPassword',
  'jwtSecret',
  '*.jwtSecret',
  'redisUrl',
  '*.redisUrl',
];

/** `destination` defaults to stderr; specs pass a stream to read what would be written. */
export function createLogger(level: LogLevel, source: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { source, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    // Synchronous, so a line written just before process.exit() is not lost.
    destination ?? pino.destination({ fd: 2, sync: true }),
  );
}
