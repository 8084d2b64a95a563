import { type INestApplication, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ANY_STAFF, INTEGRATION_KEY, NO_ADMIN_READ_KEY, PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';
import { ROLES, type Role } from '../common/actor';
import { problemFor } from '../common/problem';

/**
 * The manual (/docs): what integrators and staff read (DESIGN.md section 3, issue 11). Nest's
 * swagger module documents what the decorators say; this completes every operation from the same
 * metadata the guard and the router act on, so the manual can not drift from the routes:
 * - who may call it (the `@Roles`/`@AnyStaff`/`@IntegrationOnly`/`@Public` metadata): a line in the
 *   description, `x-roles`, and the operation's security requirement;
 * - the success code Nest answers (`@HttpCode`, else 201 for POST and 200 otherwise);
 * - the problem+json error responses that follow from the operation's shape (body, path and query
 *   parameters, guard, e-signature, state change, database), all on the one `ProblemDto` schema;
 * - an example request body assembled from the DTO's property examples;
 * - the workflow tags, in the bank's order.
 * A developer adds a summary and description (`@ApiOperation`) and an `example` per DTO field; the
 * test `test/manual.e2e-spec.ts` fails when something is missing.
 */

/** The bank's workflow, in the order the manual shows it. A controller's `@ApiTags` is one of these. */
export const WORKFLOW_TAGS: readonly { name: string; description: string }[] = [
  { name: 'donors', description: 'The birth mothers: registration, consents, screening, maternal infectious disease tests, eligibility (21 CFR 1271)' },
  { name: 'collections', description: 'A birth collection creates its cord blood unit and its ISBT 128 DIN' },
  { name: 'units', description: 'The cord blood unit: receipt, processing and test results, QA status transitions, corrections' },
  { name: 'labels and scanning', description: 'ISBT 128: reading a scan, printing labels (PDF, ZPL) and verifying them by scan-back, the unit report' },
  { name: 'storage', description: 'Freezers, racks, boxes and positions; storing, moving, retrieving; temperatures and excursions' },
  { name: 'custody', description: 'The chain of custody of a unit' },
  { name: 'search and release', description: 'HLA search and the release request from submission to infusion' },
  { name: 'clinical use and outcomes', description: 'What was given (product, dose, route), follow-up on a schedule, and the de-identified outcome summary and export' },
  { name: 'lab events', description: 'Messages from laboratory integrations (X-API-Key), and their staff view' },
  { name: 'alarms and notifications', description: 'Alarms (excursion, silent freezer, parked events), their acknowledgement and escalation; e-mail and signed webhook notifications' },
  { name: 'quality', description: 'Quality records (21 CFR 1271.160, 1271.350; FACT-NetCord): deviations with CAPA, adverse reactions after infusion, documents; supply lots, equipment, QA exceptions, look-back and recall (1271.200, 1271.210, 1271.290)' },
  { name: 'audit', description: 'The hash-chained audit trail (21 CFR Part 11.10(e)) and its verification' },
  { name: 'administration', description: 'Login, staff users, integrations, health' },
];

export const PROBLEM_SCHEMA = 'ProblemDto';
export const PROBLEM_JSON = 'application/problem+json';
const API_ERRORS = 'cbb:api-errors';

export interface ApiErrorsOptions {
  /** Statuses the shape does not imply but the route answers, with what they mean here. */
  add?: Record<number, string>;
  /** Statuses the shape implies but the route can not answer (e.g. 409 for a search sent by POST). */
  omit?: number[];
}

/** Adjusts the error responses the manual derives for a route (see `completeManual`). */
export const ApiErrors = (options: ApiErrorsOptions) => SetMetadata(API_ERRORS, options);

/** What the manual knows about a route handler, from Nest's metadata. */
export interface RouteFacts {
  operationId: string;
  controller: Function;
  handler: Function;
  /** `public`, `integration`, or `staff` (with `roles`). */
  access: 'public' | 'integration' | 'staff';
  /** The roles of the `@Roles` metadata; every staff role for `@AnyStaff()`. */
  roles: Role[];
  anyStaff: boolean;
  /** `@NoAdminRead()`: admin's read of every staff GET does not reach it. */
  noAdminRead: boolean;
  /** The status Nest answers on success: `@HttpCode`, else 201 for POST and 200 otherwise. */
  successCode: number;
  /** The handler sets its own status (`@Res({ passthrough: true })`): its documented 2xx are kept. */
  setsOwnStatus: boolean;
  /** The class of its `@Body()` parameter, when it has one. */
  bodyType?: Function;
  errors: ApiErrorsOptions;
}

const REQUEST_METHOD_POST = 1;

/** Every route handler of the application, by the operationId the swagger module gives it. */
export function routeCatalog(app: INestApplication): Map<string, RouteFacts> {
  const out = new Map<string, RouteFacts>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as Function | undefined;
      if (!controller?.prototype) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        if (key === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const meta = <T>(k: string): T | undefined => (Reflect.getMetadata(k, handler) ?? Reflect.getMetadata(k, controller)) as T | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, { index: number }>;
        const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, key) ?? []) as Function[];
        const argOf = (type: RouteParamtypes) => Object.entries(args).find(([k]) => Number(k.split(':')[0]) === type)?.[1];
        const body = argOf(RouteParamtypes.BODY);
        const bodyType = body ? paramTypes[body.index] : undefined;
        const rolesMeta = meta<(Role | typeof ANY_STAFF)[]>(ROLES_KEY) ?? [];
        const anyStaff = rolesMeta.includes(ANY_STAFF);
        const access = meta<boolean>(PUBLIC_KEY) ? 'public' : meta<boolean>(INTEGRATION_KEY) ? 'integration' : 'staff';
        out.set(`${controller.name}_${key}`, {
          operationId: `${controller.name}_${key}`,
          controller,
          handler,
          access,
          roles: anyStaff ? [...ROLES] : (rolesMeta as Role[]),
          anyStaff,
          noAdminRead: meta<boolean>(NO_ADMIN_READ_KEY) ?? false,
          successCode: (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === REQUEST_METHOD_POST ? 201 : 200),
          setsOwnStatus: argOf(RouteParamtypes.RESPONSE) !== undefined,
          bodyType: bodyType && bodyType !== Object ? bodyType : undefined,
          errors: meta<ApiErrorsOptions>(API_ERRORS) ?? {},
        });
      }
    }
  }
  return out;
}

/** The line that says who may call a route: generated from its metadata, never written by hand. */
export function whoMayCall(facts: RouteFacts, method: string): string {
  if (facts.access === 'public') return 'Public: no credentials needed.';
  if (facts.access === 'integration') return 'Lab integrations only, with their `X-API-Key` (a staff token is refused, 403).';
  if (facts.roles.length === 0) return 'Nobody: no role may call this route (deny by default).';
  const reads = method === 'get' && !facts.noAdminRead;
  if (facts.anyStaff) return `Any staff role (bearer token): ${ROLES.map((r) => `\`${r}\``).join(', ')}.`;
  const listed = facts.roles.filter((r) => !(reads && r === 'admin'));
  const names = listed.map((r) => `\`${r}\``).join(', ');
  if (method === 'get' && facts.noAdminRead) return `Roles (bearer token): ${names}; not \`admin\` (its read of every staff route does not reach this one).`;
  if (reads) return listed.length ? `Roles (bearer token): ${names}; \`admin\`: reads.` : 'Roles (bearer token): `admin`.';
  return `Roles (bearer token): ${names}.`;
}

export const WHO_MAY_CALL = '**Who may call it:**';

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[]; enum?: unknown[]; example?: unknown; type?: string };

function resolve(doc: OpenAPIObject, schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return (doc.components?.schemas as Record<string, Schema> | undefined)?.[schema.$ref.replace('#/components/schemas/', '')];
}

/**
 * An example value for a schema from its properties' examples: a property's `example`, else its
 * first enum value, else its nested object's example. Optional properties are included only when
 * they carry an example of their own (so `{positionId}` or `{freezerId}` DTOs give one by hand).
 */
export function exampleFor(doc: OpenAPIObject, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 8) return undefined;
  if ('example' in s) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.allOf?.length === 1) return exampleFor(doc, s.allOf[0], depth + 1);
  if (s.type === 'array' && s.items) {
    const item = exampleFor(doc, s.items, depth + 1);
    return item === undefined ? undefined : [item];
  }
  if (s.properties) {
    const out: Json = {};
    const required = new Set(s.required ?? []);
    for (const [name, prop] of Object.entries(s.properties)) {
      const own = resolve(doc, prop.allOf?.length === 1 ? prop.allOf[0] : prop);
      if (!required.has(name) && !('example' in prop) && !(own && 'properties' in own && hasOwnExamples(doc, own, depth + 1))) continue;
      const value = 'example' in prop ? prop.example : exampleFor(doc, prop, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  return undefined;
}

function hasOwnExamples(doc: OpenAPIObject, s: Schema, depth: number): boolean {
  return Object.values(s.properties ?? {}).some((p) => 'example' in p || (depth < 8 && !!resolve(doc, p)?.properties && hasOwnExamples(doc, resolve(doc, p)!, depth + 1)));
}

/** Whether a schema embeds an electronic signature (then 401 and 429 also come from the signature check). */
function signs(doc: OpenAPIObject, schema: Schema | undefined, seen = new Set<string>()): boolean {
  if (!schema) return false;
  if (schema.$ref) {
    if (schema.$ref.endsWith('/SignatureDto')) return true;
    if (seen.has(schema.$ref)) return false;
    seen.add(schema.$ref);
  }
  const s = resolve(doc, schema);
  if (!s) return false;
  return [...Object.values(s.properties ?? {}), ...(s.allOf ?? []), ...(s.items ? [s.items] : []), ...((s.oneOf as Schema[] | undefined) ?? [])].some((p) => signs(doc, p, seen));
}

const PROBLEM_EXAMPLE: Record<number, [string, string, Json?]> = {
  400: ['MALFORMED_JSON', 'The body is not valid JSON'],
  401: ['UNAUTHENTICATED', 'Send a bearer token (POST /api/v1/auth/login)'],
  403: ['FORBIDDEN', 'This needs one of the roles: coordinator'],
  404: ['NOT_FOUND', 'Unit "W123426000001" was not found'],
  409: ['INVALID_TRANSITION', 'A unit in quarantine can not become shipped', { allowed: ['available', 'on_hold', 'discarded'] }],
  422: ['VALIDATION_FAILED', 'signedAt: signedAt must be a valid ISO 8601 date string', { errors: [{ field: 'signedAt', message: 'signedAt must be a valid ISO 8601 date string' }] }],
  429: ['TOO_MANY_REQUESTS', 'Too many failed attempts; try again later'],
  503: ['DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly'],
};

function problemResponse(status: number, description: string): Json {
  const [code, detail, extra] = PROBLEM_EXAMPLE[status] ?? ['CONFLICT', description];
  return {
    description,
    content: {
      [PROBLEM_JSON]: {
        schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` },
        example: { ...problemFor(code, detail, status, extra ?? {}), requestId: '5f0c6a9e-3b1d-4c1e-9a55-1c2b3d4e5f60' },
      },
    },
  };
}

type Op = Json & {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { in: string; name: string; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown; examples?: unknown }> };
  responses: Record<string, Json & { description?: string; content?: Json }>;
  security?: Json[];
};

/** The error responses an operation's shape implies, with what each means for it. */
export function derivedErrors(doc: OpenAPIObject, op: Op, facts: RouteFacts, method: string): Map<number, string> {
  const errors = new Map<number, string>();
  const body = op.requestBody?.content?.['application/json']?.schema;
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const signed = signs(doc, body);
  const changes = method !== 'get';

  if (op.requestBody) errors.set(400, 'Malformed JSON (`MALFORMED_JSON`).');
  if (facts.access === 'public') {
    if (changes && op.requestBody) errors.set(401, 'Wrong e-mail or password (`INVALID_CREDENTIALS`).');
  } else if (facts.access === 'integration') {
    errors.set(401, 'No, unknown or revoked `X-API-Key` (`UNAUTHENTICATED`).');
    errors.set(403, 'A staff token: this route is for lab integrations (`FORBIDDEN`).');
    errors.set(429, 'Rate limited per integration; `Retry-After` says when to send again (`TOO_MANY_REQUESTS`).');
  } else {
    errors.set(401, `No, expired or invalid bearer token (\`UNAUTHENTICATED\`)${signed ? '; or a wrong e-signature password (`SIGNATURE_INVALID`)' : ''}.`);
    errors.set(403, 'The caller has none of the roles that may call this route, or is an integration key (`FORBIDDEN`).');
    if (signed) errors.set(429, 'The account is locked after repeated wrong passwords or signatures; `Retry-After` says for how long.');
  }
  if (pathParams.length) {
    const what = pathParams.map((p) => (p === 'din' ? 'no unit with this DIN' : `no ${p === 'id' ? 'record' : p} with this id`)).join('; ');
    errors.set(404, `Not found (\`NOT_FOUND\`): ${what}.`);
  }
  const invalid: string[] = [];
  if (op.requestBody) invalid.push('the body is invalid: `errors[]` names each field (`VALIDATION_FAILED`); a field the contract does not name is refused too');
  if (pathParams.includes('din')) invalid.push('the DIN is malformed or its check character is wrong (`INVALID_DIN`)');
  if (queryParams.length) invalid.push(`a query parameter is invalid (${queryParams.map((p) => `\`${p.name}\``).join(', ')})`);
  if (invalid.length) errors.set(422, `Unprocessable: ${invalid.join('; ')}.`);
  if (changes && facts.access !== 'public') {
    errors.set(409, 'State conflict: the record is not in a state that allows this (a forbidden transition names the allowed ones, unmet release criteria are listed), or a duplicate (`INVALID_TRANSITION`, `UNIT_NOT_AVAILABLE`, `POSITION_TAKEN`, `DUPLICATE`, `CONFLICT`).');
  }
  if (facts.access === 'public' && changes && op.requestBody) errors.set(429, 'Too many failed logins: the account is locked for a while; `Retry-After` says how long.');
  errors.set(503, 'The database is unavailable, or the service is shutting down (`DATABASE_UNAVAILABLE`, with `Retry-After`).');
  for (const s of facts.errors.omit ?? []) errors.delete(s);
  for (const [s, d] of Object.entries(facts.errors.add ?? {})) errors.set(Number(s), d);
  return errors;
}

export const DIN_EXAMPLE = 'W123426000001';
const UUID_EXAMPLE = '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b';

/**
 * Path parameters get a description and an example when the route gave none (`/donors/{id}` →
 * "the donor's id"); a numeric query field declared with an initializer (`page = 1`, so its design
 * type is Object) is documented as the integer or number it is.
 */
function completeParameters(op: Op, path: string): void {
  for (const p of op.parameters ?? []) {
    const param = p as { in: string; name: string; description?: string; example?: unknown; schema?: Schema & { minimum?: unknown; maximum?: unknown; default?: unknown } };
    const schema = param.schema;
    if (schema?.allOf?.length === 1 && schema.allOf[0].$ref === '#/components/schemas/Object') {
      const numbers = [schema.minimum, schema.maximum, schema.default].filter((v): v is number => typeof v === 'number');
      if (numbers.length) {
        delete schema.allOf;
        schema.type = numbers.every(Number.isInteger) ? 'integer' : 'number';
      }
    }
    if (param.in !== 'path') continue;
    if (param.example === undefined && schema?.example === undefined) param.example = param.name === 'din' ? DIN_EXAMPLE : UUID_EXAMPLE;
    if (!param.description) {
      param.description = param.name === 'din' ? 'the unit: 13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422)' : `the ${idOf(path, param.name)} (uuid)`;
    }
  }
}

/** `/donors/{id}` → "donor id", `/consents/{consentId}` → "consent id". */
function idOf(path: string, name: string): string {
  if (name !== 'id') return `${name.replace(/Id$/, '')} id`;
  const before = path.split('/{id}')[0].split('/').pop() ?? '';
  return `${before.replace(/ies$/, 'y').replace(/s$/, '').replace(/-/g, ' ') || 'record'} id`;
}

const SUCCESS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

/**
 * Completes the generated document in place (see the file comment). Operations whose handler the
 * catalog does not know are left as they are; the manual's test fails on them.
 */
export function completeManual(app: INestApplication, doc: OpenAPIObject): void {
  const catalog = routeCatalog(app);
  const used = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods as Record<string, unknown>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as Op;
      const facts = op.operationId ? catalog.get(op.operationId) : undefined;
      if (!facts) continue;
      for (const tag of op.tags ?? []) used.add(tag);

      // who may call it, and the security requirement that goes with it
      const who = whoMayCall(facts, method);
      const hand = (op.description ?? '').split(WHO_MAY_CALL)[0].trim();
      op.description = `${hand}${hand ? '\n\n' : ''}${WHO_MAY_CALL} ${who}`;
      op['x-access'] = facts.access;
      op['x-roles'] = facts.access === 'staff' ? facts.roles : [];
      op.security = facts.access === 'public' ? [] : facts.access === 'integration' ? [{ 'api-key': [] }] : [{ bearer: [] }];

      // the success code the route answers
      const documented2xx = Object.keys(op.responses).filter((c) => /^2\d\d$/.test(c));
      if (!facts.setsOwnStatus) {
        const code = String(facts.successCode);
        const keep = op.responses[code] ?? op.responses[documented2xx[0]] ?? {};
        for (const c of documented2xx) delete op.responses[c];
        op.responses[code] = { ...keep, description: keep.description || SUCCESS_TEXT[facts.successCode] || 'Success' };
        if (facts.successCode === 204) delete op.responses[code].content;
      } else if (!op.responses[String(facts.successCode)]) {
        op.responses[String(facts.successCode)] = { description: SUCCESS_TEXT[facts.successCode] ?? 'Success' };
      }

      // the problem+json error responses; a description given by hand is kept
      for (const [status, description] of derivedErrors(doc, op, facts, method)) {
        const given = op.responses[String(status)]?.description;
        op.responses[String(status)] = problemResponse(status, given && given !== 'Default Response' ? given : description);
      }
      for (const [status, res] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !res.content) op.responses[status] = problemResponse(Number(status), res.description ?? '');
      }
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => Number(a) - Number(b)));

      completeParameters(op, path);

      // an example request body from the DTO's property examples
      const json = op.requestBody?.content?.['application/json'];
      if (json && json.example === undefined && json.examples === undefined) {
        const example = exampleFor(doc, json.schema);
        if (example !== undefined) json.example = example;
      }
    }
  }
  doc.tags = WORKFLOW_TAGS.filter((t) => used.has(t.name)).map((t) => ({ ...t }));
}
