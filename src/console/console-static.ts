import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { frameworkErrors } from '../common/http-errors';

/** Paths that belong to the API or its manual: never answered with the console's page. */
const NOT_CONSOLE = /^\/(api|docs|docs-json)(\/|$|\?)/;

/** What the console's page may load: only this origin; Mantine sets inline styles. */
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the built staff console (DESIGN.md section 11) at `/`: its files as they are, and for any
 * other GET outside `/api` and `/docs` its index.html (the console routes on the client). Unknown
 * API paths keep their problem+json 404. Without a build (`npm run build`), nothing is served.
 */
export async function serveConsole(app: NestFastifyApplication, dir: string, maxParamLength: number): Promise<boolean> {
  const root = resolve(dir);
  if (!existsSync(resolve(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      // Vite names built assets by their content hash: they never change under one name
      if (/\/assets\//.test(path)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    if (NOT_CONSOLE.test(request.url)) {
      // an API path lands here only when no API route took it: the router gives up on a parameter
      // over its limit and falls back to this route, so answer its 414 exactly as it would have
      const path = request.url.split('?')[0];
      if (path.split('/').some((segment) => segment.length > maxParamLength)) {
        return frameworkErrors(Object.assign(new Error('parameter too long'), { code: 'FST_ERR_MAX_PARAM_LENGTH' }), request, reply);
      }
      return reply.callNotFound();
    }
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .sendFile('index.html');
  });
  fastify.get('/', (_request, reply) =>
    reply.header('cache-control', 'no-cache').header('content-security-policy', CONSOLE_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').sendFile('index.html'),
  );
  return true;
}
