// Answers requests Node's HTTP parser rejects before Fastify sees them (malformed request line,
// oversized headers, header timeout). Same statuses as Fastify's default handler, plus X-Worker-Id,
// because every response of this service names its worker.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

function statusFor(code: string | undefined): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

export function clientErrorHandler(workerId: string) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status = statusFor(error.code);
    const body = JSON.stringify({
      statusCode: status,
      error: STATUS_CODES[status],
      message: 'malformed request',
    });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nX-Worker-Id: ${workerId}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
