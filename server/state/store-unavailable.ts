// Raised when shared state (Redis) cannot be read or written. Routes turn it into 503: the service
// fails closed rather than guess whether a token was revoked.
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
