import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { domainErrorFromDatabase } from './database-errors';
import { drainRequest } from './http-errors';
import { Problem, problemFor, problemFromDomainError, sendProblem } from './problem';

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'TOO_MANY_REQUESTS',
};

/** Errors Fastify raises before a route runs: malformed JSON, body too large, wrong content type. */
function fastifyClientError(err: unknown): Problem | undefined {
  const e = err as { statusCode?: unknown; code?: unknown; message?: string } | undefined;
  if (e && typeof e === 'object' && e.code === 'CBB_JSON_TOO_DEEP') return problemFor('MALFORMED_JSON', e.message ?? 'The JSON body nests too deep', 400);
  if (!e || typeof e !== 'object' || typeof e.statusCode !== 'number' || typeof e.code !== 'string' || !e.code.startsWith('FST_')) {
    return err instanceof SyntaxError ? problemFor('MALFORMED_JSON', 'The request body is not valid JSON', 400) : undefined;
  }
  const status = e.statusCode;
  if (status < 400 || status >= 500) return undefined;
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return problemFor('MALFORMED_JSON', 'The request body is not valid JSON', 400);
  }
  if (status === 413) return problemFor('PAYLOAD_TOO_LARGE', 'The request body is larger than the service accepts (1 MiB)', 413);
  if (status === 415) return problemFor('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', 415);
  return problemFor(HTTP_CODES[status] ?? 'BAD_REQUEST', 'The request could not be read', status);
}

/**
 * Turns anything thrown into application/problem+json. Client errors keep their message;
 * anything unknown is logged with the request id and answered 500 with no internals.
 */
export function toProblem(err: unknown, logger: Logger, requestId?: string): { problem: Problem; retryAfter?: number } {
  if (err instanceof DomainError) {
    return { problem: problemFromDomainError(err), retryAfter: err.extra.retryAfterSeconds };
  }
  const fromDb = domainErrorFromDatabase(err);
  if (fromDb) {
    if (fromDb.code === 'DATABASE_UNAVAILABLE') logger.warn({ requestId, err: String((err as Error)?.message ?? err) }, 'database unavailable');
    return { problem: problemFromDomainError(fromDb), retryAfter: fromDb.code === 'DATABASE_UNAVAILABLE' ? 2 : undefined };
  }
  const fastifyError = fastifyClientError(err);
  if (fastifyError) return { problem: fastifyError };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status < 500) {
      const cause = fastifyClientError((err as { cause?: unknown }).cause);
      if (cause) return { problem: cause };
      const body = err.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? err.message);
      const text = Array.isArray(message) ? message.join('; ') : String(message);
      if (status === 400 && /JSON/i.test(text)) return { problem: problemFor('MALFORMED_JSON', 'The request body is not valid JSON', 400) };
      return { problem: problemFor(HTTP_CODES[status] ?? 'BAD_REQUEST', text, status) };
    }
  }
  logger.error({ requestId, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'unhandled error');
  return { problem: problemFor('INTERNAL', 'An internal error occurred; it has been logged with the request id', 500) };
}

/** An error of reading the request body (Fastify's FST_ERR_CTP_*: too large, bad length, unsupported type). */
function isBodyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return [code, cause].some((c) => typeof c === 'string' && c.startsWith('FST_ERR_CTP_'));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { problem, retryAfter } = toProblem(exception, this.logger, request?.id);
    // a body refused before it was read (too large, unreadable): read the rest first, so the client
    // is not reset while still sending and can read the answer (src/common/http-errors.ts)
    if (isBodyError(exception) && request?.raw && !request.raw.complete) {
      void drainRequest(request.raw).then(() => {
        if (!reply.sent) sendProblem(reply, problem, request?.id, retryAfter);
      });
      return;
    }
    sendProblem(reply, problem, request?.id, retryAfter);
  }
}
