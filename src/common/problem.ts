import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode, FieldError, errorStatus } from './domain-error';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
  [key: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** `type` URIs are relative references documented in the README's error table. */
export function problemFor(code: ErrorCode | string, detail: string, status?: number, extra: Record<string, unknown> = {}): Problem {
  const st = status ?? errorStatus(code) ?? 500;
  const { retryAfterSeconds: _ignored, ...rest } = extra;
  return {
    type: `/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[st] ?? 'Error',
    status: st,
    detail,
    code,
    ...rest,
  };
}

export function problemFromDomainError(err: DomainError): Problem {
  return problemFor(err.code, err.message, err.status, err.extra);
}

export function sendProblem(reply: FastifyReply, problem: Problem, requestId?: string, retryAfterSeconds?: number): void {
  if (requestId) problem.requestId = requestId;
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}
