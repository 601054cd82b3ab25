// A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it). Another process can
// still take it before we bind, so callers retry on "address in use".
import { createServer } from 'node:net';

/** Ports a developer's own services commonly use; never handed out even if free. */
const RESERVED = new Set([6379, 8080]);

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port !== 0 && !RESERVED.has(port)) return port;
  }
}
