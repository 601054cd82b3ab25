// @types/k6 has no typings for the Redis client (k6/x/redis, formerly k6/experimental/redis).
// These cover the calls this suite makes; see the xk6-redis docs for the full API.
declare module 'k6/x/redis' {
  export interface SocketOptions {
    host: string;
    port?: number;
    dialTimeout?: number;
    readTimeout?: number;
    writeTimeout?: number;
    poolSize?: number;
  }
  export interface ClientOptions {
    socket: SocketOptions;
    username?: string;
    password?: string;
    database?: number;
    clientName?: string;
    maxRetries?: number;
  }
  export class Client {
    constructor(options: string | ClientOptions);
    exists(...keys: string[]): Promise<number>;
    ttl(key: string): Promise<number>;
    get(key: string): Promise<string>;
    set(key: string, value: string | number, expirationSeconds: number): Promise<string>;
    del(...keys: string[]): Promise<number>;
    sendCommand(command: string, ...args: Array<string | number>): Promise<unknown>;
    isConnected(): boolean;
  }
  const redis: { Client: typeof Client };
  export default redis;
}
