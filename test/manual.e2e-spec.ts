import { parseProductCodeCsv } from '../src/isbt128/product-code-csv';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '../src/common/domain-error';
import { createValidationPipe } from '../src/common/validation';
import { PROBLEM_JSON, PROBLEM_SCHEMA, routeCatalog, WHO_MAY_CALL, WORKFLOW_TAGS, type RouteFacts } from '../src/docs/manual';
import { parseLabEvent, splitBody } from '../src/lab-events/lab-event-parser';
import type { Role } from '../src/common/actor';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * The manual (/docs-json) is what integrators and staff read (DESIGN.md section 3, issue 11): every
 * operation says who may call it, answers the success code it documents, documents its
 * problem+json errors, carries a hand-written description and (with a body) an example that the
 * route accepts. These run over every route of the application, so a new route is held to it too.
 */
type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[]; example?: unknown; type?: string };
type Op = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
  'x-roles'?: Role[];
  'x-access'?: 'public' | 'integration' | 'staff';
};
interface Operation { method: string; path: string; op: Op; facts?: RouteFacts }

let t: TestApp;
let doc: { paths: Record<string, Record<string, Op>>; tags?: { name: string }[]; components: { schemas: Record<string, Schema> } };
let operations: Operation[];

beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.http().get('/docs-json').expect(200)).body;
  const catalog = routeCatalog(t.app);
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op, facts: catalog.get(op.operationId) })),
  );
});
afterAll(async () => {
  await t.close();
});

const name = (o: Operation) => `${o.method.toUpperCase()} ${o.path}`;
/** Every failure at once, so one run lists all the work. */
function expectNone(failures: string[]): void {
  expect(failures).toEqual([]);
}

function examplesOf(o: Operation): unknown[] {
  const json = o.op.requestBody?.content['application/json'];
  if (!json) return [];
  if (json.example !== undefined) return [json.example];
  return Object.values(json.examples ?? {}).map((e) => e.value);
}

function resolve(s: Schema | undefined): Schema | undefined {
  return s?.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s;
}

/** Fields of request schemas without an example (or an enum to take one from), as `Dto.field`. */
function fieldsWithoutExample(schema: Schema | undefined, at: string, seen: Set<string>, out: string[]): void {
  if (!schema) return;
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return;
    seen.add(schema.$ref);
    return fieldsWithoutExample(resolve(schema), schema.$ref.split('/').pop()!, seen, out);
  }
  for (const s of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.items ? [schema.items] : [])]) fieldsWithoutExample(s, at, seen, out);
  for (const [field, prop] of Object.entries(schema.properties ?? {})) {
    const nested = prop.$ref ?? prop.allOf?.[0]?.$ref ?? prop.items?.$ref;
    if (nested) fieldsWithoutExample({ $ref: nested }, at, seen, out);
    else if (prop.oneOf) for (const s of prop.oneOf) fieldsWithoutExample(s, at, seen, out);
    else if (prop.example === undefined && !prop.enum && !prop.items?.enum) out.push(`${at}.${field}`);
  }
}

describe('the manual (/docs-json)', () => {
  it('knows the handler of every operation (a route the manual can not see would go undocumented)', () => {
    expect(operations.length).toBeGreaterThan(60);
    expectNone(operations.filter((o) => !o.facts).map(name));
  });

  it('DESIGN 3 / issue 11: every operation documents who may call it (roles, integration key or public) and the security requirement that goes with it', () => {
    const failures: string[] = [];
    for (const o of operations) {
      const f = o.facts!;
      const who = o.op.description?.split(WHO_MAY_CALL)[1] ?? '';
      if (!who.trim()) failures.push(`${name(o)}: no "${WHO_MAY_CALL}" line`);
      if (o.op['x-access'] !== f.access) failures.push(`${name(o)}: x-access ${o.op['x-access']} but the route is ${f.access}`);
      if (f.access === 'staff') {
        if (f.roles.length === 0) failures.push(`${name(o)}: no role may call it (add @Roles or @AnyStaff)`);
        expect(o.op['x-roles']).toEqual(f.roles);
        for (const r of f.roles.filter((r) => !(o.method === 'get' && r === 'admin'))) if (!who.includes(`\`${r}\``)) failures.push(`${name(o)}: role ${r} not named`);
        if (o.method === 'get' && !f.anyStaff && !f.noAdminRead && !who.includes('`admin`')) failures.push(`${name(o)}: admin reads, not said`);
        if (JSON.stringify(o.op.security) !== JSON.stringify([{ bearer: [] }])) failures.push(`${name(o)}: security ${JSON.stringify(o.op.security)}`);
      } else if (f.access === 'integration') {
        if (!who.includes('X-API-Key') || JSON.stringify(o.op.security) !== JSON.stringify([{ 'api-key': [] }])) failures.push(`${name(o)}: integration key not documented`);
      } else if (!who.includes('Public') || JSON.stringify(o.op.security) !== '[]') {
        failures.push(`${name(o)}: public, not documented as such`);
      }
    }
    expectNone(failures);
  });

  it('DESIGN 3 / issue 11: every operation documents its errors as problem+json (ProblemDto), as its shape implies: body 400/422, path parameters 404, guarded 401/403, database 503', () => {
    const problem = doc.components.schemas[PROBLEM_SCHEMA];
    expect(Object.keys(problem.properties ?? {})).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']));
    const failures: string[] = [];
    for (const o of operations) {
      const codes = Object.keys(o.op.responses).map(Number);
      const errors = codes.filter((c) => c >= 400);
      const want = [503];
      if (o.op.requestBody) want.push(400, 422);
      if ((o.op.parameters ?? []).some((p) => p.in === 'path')) want.push(404);
      if (o.facts!.access !== 'public') want.push(401, 403);
      for (const c of want) if (!errors.includes(c)) failures.push(`${name(o)}: no ${c}`);
      for (const c of errors) {
        const res = o.op.responses[String(c)];
        if (res.content?.[PROBLEM_JSON]?.schema?.$ref !== `#/components/schemas/${PROBLEM_SCHEMA}`) failures.push(`${name(o)}: ${c} is not application/problem+json ${PROBLEM_SCHEMA}`);
        if (!res.description || res.description.length < 10) failures.push(`${name(o)}: ${c} says nothing`);
      }
    }
    expectNone(failures);
  });

  it('DESIGN 3 / issue 11: every operation has a summary and a hand-written description', () => {
    const failures: string[] = [];
    for (const o of operations) {
      const hand = (o.op.description ?? '').split(WHO_MAY_CALL)[0].trim();
      if (!o.op.summary || o.op.summary.length < 10) failures.push(`${name(o)}: no summary`);
      if (hand.length < 30) failures.push(`${name(o)}: no description (@ApiOperation({ description }))`);
      else if (hand === o.op.summary) failures.push(`${name(o)}: the description repeats the summary`);
    }
    expectNone(failures);
  });

  it('DESIGN 3 / issue 11: every operation with a body has an example, every field of its DTO an example, every path parameter a description and an example', () => {
    const failures: string[] = [];
    for (const o of operations.filter((x) => x.op.requestBody)) {
      // a file upload (POST /documents) documents its multipart form: its example and its fields' examples
      const form = o.op.requestBody!.content['multipart/form-data'];
      if (examplesOf(o).length === 0 && !(form && (form.example !== undefined || Object.keys(form.examples ?? {}).length))) failures.push(`${name(o)}: no example body`);
      const missing: string[] = [];
      fieldsWithoutExample(o.op.requestBody!.content['application/json']?.schema ?? form?.schema, 'body', new Set(), missing);
      for (const m of missing) failures.push(`${name(o)}: ${m} has no example`);
    }
    for (const o of operations) {
      for (const p of (o.op.parameters ?? []) as { in: string; name: string; description?: string; example?: unknown; schema?: { example?: unknown; type?: string; enum?: unknown[]; allOf?: unknown } }[]) {
        if (p.in === 'path' && (!p.description || (p.example ?? p.schema?.example) === undefined)) failures.push(`${name(o)}: path parameter ${p.name} lacks a description or an example`);
        if (p.schema && !p.schema.type && !p.schema.enum) failures.push(`${name(o)}: parameter ${p.name} has no type`);
      }
    }
    expectNone([...new Set(failures)]);
  });

  it("DESIGN 3 / issue 11: every example body passes the route's own validation (its DTO through the app's ValidationPipe; lab events through their parser)", async () => {
    const pipe = createValidationPipe();
    const failures: string[] = [];
    for (const o of operations.filter((x) => x.op.requestBody)) {
      for (const example of examplesOf(o)) {
        try {
          if (o.facts!.bodyType) {
            await pipe.transform(structuredClone(example), { type: 'body', metatype: o.facts!.bodyType as ArgumentMetadata['metatype'] });
          } else if (o.op.requestBody!.content['multipart/form-data']) {
            continue; // a multipart form has no JSON example (its parts are checked by the documents e2e test)
          } else if (o.path === '/api/v1/lab/events') {
            const split = splitBody(example);
            for (const event of split.batch ? split.events : [split.event]) parseLabEvent(event, new Date());
          } else if (o.path === '/api/v1/reference/product-codes') {
            const { problems } = parseProductCodeCsv(String(example));
            if (problems.length) throw new Error(JSON.stringify(problems));
          } else {
            failures.push(`${name(o)}: no DTO class for its body, and no validator known to this test`);
          }
        } catch (err) {
          const detail = err instanceof DomainError ? JSON.stringify(err.extra.errors ?? err.message) : String(err);
          failures.push(`${name(o)}: example ${JSON.stringify(example).slice(0, 120)} is refused: ${detail}`);
        }
      }
    }
    expectNone(failures);
  });

  it('DESIGN 3 / issue 11: tags follow the bank\'s workflow (donors, collections, units, storage, custody, search and release, lab events, audit, administration)', () => {
    const allowed = WORKFLOW_TAGS.map((x) => x.name);
    expectNone(operations.filter((o) => o.op.tags?.length !== 1 || !allowed.includes(o.op.tags[0])).map((o) => `${name(o)}: tags ${JSON.stringify(o.op.tags)}`));
    const shown = (doc.tags ?? []).map((x) => x.name);
    expect(shown).toEqual(allowed.filter((n) => shown.includes(n)));
    expect(new Set(operations.map((o) => o.op.tags![0]))).toEqual(new Set(shown));
  });

  it('DESIGN 3 / issue 11: every operation answers the success code it documents (each called with its example and an allowed role: with ids that name nothing, then on the records the calls created)', async () => {
    const din = 'W123426000001';
    const adminToken = await t.token('admin');
    const apiKey = (await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${adminToken}`).send({ name: 'manual test' }).expect(201)).body.apiKey as string;
    const failures: string[] = [];
    const answered = new Map<string, number>();
    /** Ids of the records the first pass created, by the path that created them (`/api/v1/donors` → its id). */
    const created = new Map<string, string>();
    const succeeded = new Set<string>();
    async function call(o: Operation, ids: (param: string) => string): Promise<void> {
      const url = o.path.replace(/\{([^}]+)\}/g, (_, p: string) => ids(p));
      let req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[o.method](url);
      const f = o.facts!;
      if (f.access === 'integration') req = req.set('x-api-key', apiKey);
      if (f.access === 'staff') {
        const role = f.anyStaff ? 'lab_technician' : (f.roles.find((r) => r !== 'admin') ?? 'admin');
        req = req.set('authorization', `Bearer ${await t.token(role)}`);
      }
      const example = examplesOf(o)[0];
      const res = example === undefined ? await req : await req.set('content-type', 'application/json').send(JSON.stringify(example));
      answered.set(name(o), Math.min(res.status, answered.get(name(o)) ?? 999));
      if (res.status < 300) succeeded.add(name(o));
      if (res.status === 201 && typeof res.body?.id === 'string' && !o.path.includes('{')) created.set(o.path, res.body.id);
      const documented = Object.keys(o.op.responses).map(Number);
      if (!documented.includes(res.status)) failures.push(`${name(o)}: answered ${res.status}, documented ${documented.join(', ')}: ${JSON.stringify(res.body).slice(0, 160)}`);
      if (res.status >= 400 && !String(res.headers['content-type']).startsWith(PROBLEM_JSON)) failures.push(`${name(o)}: ${res.status} is not problem+json`);
      if (res.status === 400 || res.status >= 500) failures.push(`${name(o)}: its example is answered ${res.status}`);
      if (res.status < 300) {
        const success = documented.filter((c) => c < 300);
        if (!f.setsOwnStatus && success.length !== 1) failures.push(`${name(o)}: documents ${success.join(', ')} as success`);
      }
    }
    // first pass: well-formed ids that name nothing (a 2xx where the route needs no record)
    for (const o of operations) await call(o, (p) => (p === 'din' ? din : randomUUID()));
    // second pass: the routes of the records the first pass created, with their real ids (deletes last)
    const onCreated = operations
      .filter((o) => [...created.keys()].some((base) => o.path.startsWith(`${base}/{id}`)))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const o of onCreated) {
      const base = [...created.keys()].find((b) => o.path.startsWith(`${b}/{id}`))!;
      await call(o, (p) => (p === 'id' ? created.get(base)! : p === 'din' ? din : randomUUID()));
    }
    expect(onCreated.length).toBeGreaterThan(10);
    expect(succeeded.size).toBeGreaterThan(25);
    expectNone(failures);
    // the two the issue found documented 200 while answering 201
    expect(answered.get('POST /api/v1/users')).toBe(201);
    expect(answered.get('POST /api/v1/integrations')).toBe(201);
    expect(Object.keys(doc.paths['/api/v1/users'].post.responses).filter((c) => c < '300')).toEqual(['201']);
    expect(Object.keys(doc.paths['/api/v1/integrations'].post.responses).filter((c) => c < '300')).toEqual(['201']);
  });
});
