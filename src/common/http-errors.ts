import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemFor, sendProblem } from './problem';

/**
 * The errors the HTTP layer raises before a route (and so before the exception filter) runs, as
 * application/problem+json like every other error (DESIGN.md section 3). None of them echoes the
 * request line: a path may carry a name or a token, and a 70,000-character one is not worth sending back.
 */

/** Fastify's `frameworkErrors`: a path that is not valid percent-encoding (400), or a parameter over `maxParamLength` (414). */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const problem = tooLong
    ? problemFor('URI_TOO_LONG', 'A path segment is longer than any identifier this API takes', 414)
    : problemFor('BAD_REQUEST', 'The request path is not valid percent-encoded UTF-8', 400);
  reply.header('x-request-id', request.id);
  sendProblem(reply, problem, request.id);
}

/** How much of a refused body is read (and thrown away) so that the client can read the answer. */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
export const DRAIN_MAX_MS = 15_000;

/**
 * Reads and discards what is left of a request body. A body refused while the client is still
 * sending it (413 on its Content-Length, or on the bytes counted) used to be answered with
 * `Connection: close` at once: the socket closed with unread data, the kernel answered the client's
 * next packets with a reset, and the client often saw ECONNRESET instead of the 413. Draining first
 * (bounded in bytes and time: past them the connection is closed as before) makes the answer readable.
 */
export function drainRequest(raw: IncomingMessage, maxBytes = DRAIN_MAX_BYTES, maxMs = DRAIN_MAX_MS): Promise<void> {
  return new Promise((resolve) => {
    if (raw.complete || raw.readableEnded || raw.destroyed) {
      resolve();
      return;
    }
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', done);
      raw.off('close', done);
      raw.off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) done();
    };
    const timer = setTimeout(done, maxMs);
    timer.unref();
    raw.on('data', onData);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}

/**
 * Node's `clientError` (Fastify's `clientErrorHandler`): a request line and headers over the 16 KiB
 * limit (431), a request not received in time (408), or bytes that are not HTTP (400). Answered on the
 * raw socket, which is then ended after what the client still sends has been read (bounded), not
 * destroyed at once (which reset the connection before the client could read the answer).
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'The request line and headers are larger than the service accepts (16 KiB)']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request was not received in time']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1'];
  const body = JSON.stringify(problemFor(code, detail, status));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  let seen = 0;
  const close = () => socket.destroy();
  const timer = setTimeout(close, 5_000);
  timer.unref();
  socket.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_MAX_BYTES) close();
  });
  socket.once('end', close);
  socket.once('close', () => clearTimeout(timer));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.resume();
}
