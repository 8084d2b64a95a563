import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { clientErrorHandler, frameworkErrors } from './common/http-errors';
import { parseJsonBody } from './common/json-body';
import { setKnownPathSegments } from './common/log-path';
import { createValidationPipe } from './common/validation';
import { RuntimeSettings } from './config/runtime';
import { serveConsole } from './console/console-static';
import { completeManual } from './docs/manual';
import { ProblemDto } from './docs/problem.dto';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** The longest path parameter the router takes (a DIN is 14; an id 36): longer is 414. */
const MAX_PARAM_LENGTH = 256;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's X-Request-Id when it is a sane token, else a new UUID. */
function requestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** Builds the whole application (used by main and by the e2e tests), not yet listening. */
/** `logStream` sends the JSON logs elsewhere than stdout (the tests read them back). */
export async function createApp(settings: RuntimeSettings, opts: { bufferLogs?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestId,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(settings, opts.logStream), adapter, {
    bufferLogs: opts.bufferLogs ?? true,
    abortOnError: false,
    bodyParser: false,
    ...(settings.config.LOG_LEVEL === 'silent' ? { logger: false } : {}),
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: any other body type is 415, never parsed into something a DTO might half-accept;
  // JSON deeper than MAX_JSON_DEPTH is refused before it reaches validation (a stack overflow there is a 500)
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_req: unknown, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    try {
      done(null, parseJsonBody(String(text)));
    } catch (err) {
      done(err as Error);
    }
  });
  // the ISBT 128 product code table is loaded as text/csv (POST /reference/product-codes): kept as text, validated there
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req: unknown, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    done(null, String(text));
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // multipart/form-data is parsed for the one route that takes files (POST /documents, DESIGN.md
  // section 9); everywhere else it stays 415 like any non-JSON body
  await app.register(multipart as never, { throwFileSizeLimit: true, limits: { fileSize: settings.config.DOCUMENT_MAX_BYTES, files: 1 } });
  fastify.addHook('onRequest', async (request) => {
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/') && (request.url.split('?')[0] !== `/${API_PREFIX}/documents` || request.method !== 'POST')) {
      throw Object.assign(new Error('Send the body as application/json'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    }
  });

  const doc = new DocumentBuilder()
    .setTitle('Cord blood bank API')
    .setDescription(
      'Admin API for bank staff (bearer token from POST /api/v1/auth/login) and the lab-event API for integrations (X-API-Key). ' +
        'Errors are application/problem+json {type, title, status, detail, code, errors?: [{field, message}], requestId} (schema ProblemDto). ' +
        'Each operation says who may call it (roles, an integration key, or public), its success code, its errors and an example body. ' +
        'Times are ISO 8601 with a zone; a `:din` is the 13-character ISBT 128 DIN or the 14 with its check character. ' +
        'Regulatory frame: 21 CFR 1271, 21 CFR Part 11, FACT-NetCord, ISBT 128.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, doc, { extraModels: [ProblemDto] });
  completeManual(app, document);
  setKnownPathSegments(Object.keys(document.paths));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
  // the staff console (DESIGN.md section 11) at `/`, once built
  await serveConsole(app, settings.config.CONSOLE_DIR, MAX_PARAM_LENGTH);

  await app.init();
  return app;
}
