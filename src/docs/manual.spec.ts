import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { derivedErrors, exampleFor, whoMayCall, type RouteFacts } from './manual';

const facts = (over: Partial<RouteFacts>): RouteFacts => ({
  operationId: 'X_y',
  controller: class {},
  handler: () => undefined,
  access: 'staff',
  roles: ['coordinator'],
  anyStaff: false,
  noAdminRead: false,
  successCode: 200,
  setsOwnStatus: false,
  errors: {},
  ...over,
});

const doc = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      SignatureDto: { type: 'object', properties: { password: { type: 'string', example: 'pw' }, meaning: { type: 'string', example: 'release' } }, required: ['password', 'meaning'] },
      Body: {
        type: 'object',
        properties: {
          reason: { type: 'string', example: 'why' },
          to: { type: 'string', enum: ['available', 'on_hold'] },
          note: { type: 'string' },
          comment: { type: 'string', example: 'optional with example' },
          signature: { allOf: [{ $ref: '#/components/schemas/SignatureDto' }] },
          loci: { type: 'array', items: { type: 'string', example: '02:01' } },
        },
        required: ['reason', 'to', 'loci'],
      },
    },
  },
} as unknown as OpenAPIObject;

describe('the manual (src/docs/manual.ts)', () => {
  it('DESIGN 6 / issue 11: says who may call a route from its metadata; on a GET, admin reads', () => {
    expect(whoMayCall(facts({ roles: ['quality_assurance', 'auditor'] }), 'get')).toBe('Roles (bearer token): `quality_assurance`, `auditor`; `admin`: reads.');
    expect(whoMayCall(facts({ roles: ['admin', 'auditor'] }), 'get')).toBe('Roles (bearer token): `auditor`; `admin`: reads.');
    expect(whoMayCall(facts({ roles: ['coordinator'] }), 'post')).toBe('Roles (bearer token): `coordinator`.');
    expect(whoMayCall(facts({ access: 'public', roles: [] }), 'get')).toMatch(/^Public/);
    expect(whoMayCall(facts({ access: 'integration', roles: [] }), 'post')).toMatch(/X-API-Key/);
    expect(whoMayCall(facts({ roles: [] }), 'post')).toMatch(/^Nobody/);
  });

  it('assembles an example body from property examples: required fields, enums, nested and arrays; optional ones only with an example', () => {
    expect(exampleFor(doc, { $ref: '#/components/schemas/Body' })).toEqual({
      reason: 'why',
      to: 'available',
      comment: 'optional with example',
      signature: { password: 'pw', meaning: 'release' },
      loci: ['02:01'],
    });
  });

  it('derives the errors from the shape of an operation; a signed body adds 429; @ApiErrors adds and omits', () => {
    const op = {
      responses: {},
      parameters: [{ in: 'path', name: 'din' }],
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { signature: { $ref: '#/components/schemas/SignatureDto' } } } } } },
    };
    expect([...derivedErrors(doc, op, facts({}), 'post').keys()].sort()).toEqual([400, 401, 403, 404, 409, 422, 429, 503]);
    expect([...derivedErrors(doc, { responses: {} }, facts({}), 'get').keys()].sort()).toEqual([401, 403, 503]);
    expect([...derivedErrors(doc, { responses: {} }, facts({ access: 'public', roles: [] }), 'get').keys()]).toEqual([503]);
    const adjusted = derivedErrors(doc, op, facts({ errors: { omit: [409], add: { 413: 'body over 1 MiB' } } }), 'post');
    expect(adjusted.has(409)).toBe(false);
    expect(adjusted.get(413)).toBe('body over 1 MiB');
  });
});
