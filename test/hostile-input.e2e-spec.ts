import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * Hostile input against every route of the OpenAPI document: generated invalid bodies, query strings
 * and path parameters (injection and traversal strings among them). Never a 5xx; every error is
 * problem+json. Runs as admin (and with an integration key on lab routes) so requests get past
 * authorization to the validation and the database.
 */
let t: TestApp;
let admin: string;
let apiKey: string;
type Op = { method: string; path: string; query: string[] };
let ops: Op[] = [];

const NASTY = [
  "' OR '1'='1", "'; DROP TABLE cord_blood_units; --", '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', '\u0000', '${7*7}', '{{7*7}}',
  '<script>alert(1)</script>', 'W123426000001', 'W123426000001X', '00000000-0000-0000-0000-000000000000', '-1', '1e309', 'NaN', 'null', '[]', '{}',
  'x'.repeat(300), '😀'.repeat(20), ' ', '',
];

const nasty = fc.constantFrom(...NASTY);
const scalar = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const jsonValue = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.oneof(nasty, fc.string({ maxLength: 12 })), tie('v'), { maxKeys: 5 })),
})).v;
const body = fc.oneof(
  fc.dictionary(fc.constantFrom('din', 'donorId', 'to', 'reason', 'positionId', 'freezerId', 'hla', 'weightKg', 'events', 'data', 'type', 'eventId', 'signature', 'email', 'password', 'roles', 'name', 'racks', 'rows', 'columns'), jsonValue, { maxKeys: 6 }),
  jsonValue,
);

beforeAll(async () => {
  t = await startTestApp();
  // every role at once, so each route gets past the role check to its input handling
  admin = await t.allRolesToken();
  apiKey = (await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${await t.token('admin')}`).send({ name: 'fuzz' })).body.apiKey;
  const doc = (await t.http().get('/docs-json')).body as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) })),
  );
});
afterAll(async () => {
  await t.close();
});

function fill(path: string, values: string[]): string {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++ % values.length] ?? 'x'));
}

let sent = 0;
async function send(op: Op, pathValues: string[], query: Record<string, string>, payload: unknown) {
  sent++;
  const url = fill(op.path, pathValues);
  let req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[op.method](url).query(query);
  req = op.path.startsWith('/api/v1/lab/events') && op.method === 'post' ? req.set('x-api-key', apiKey) : req.set('authorization', `Bearer ${admin}`);
  if (op.method !== 'get' && op.method !== 'delete') req = req.set('content-type', 'application/json').send(JSON.stringify(payload));
  return req;
}

describe('hostile input (property-based, every route of the OpenAPI document)', () => {
  it('finds the routes to attack', () => {
    expect(ops.length).toBeGreaterThan(20);
  });

  it('never answers 5xx to generated invalid bodies, queries and path parameters, and every error is problem+json', async () => {
    const failures: string[] = [];
    for (const op of ops) {
      if (op.path.startsWith('/api/v1/health')) continue;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(nasty, fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 3 }),
          fc.dictionary(fc.oneof(fc.constantFrom(...(op.query.length ? op.query : ['q'])), fc.string({ maxLength: 8 })), fc.oneof(nasty, fc.string({ maxLength: 20 })), { maxKeys: 3 }),
          body,
          async (pathValues, query, payload) => {
            const res = await send(op, pathValues, query, payload);
            const ok = res.status < 500 && (res.status < 400 || String(res.headers['content-type']).startsWith('application/problem+json'));
            if (!ok) failures.push(`${op.method.toUpperCase()} ${op.path} ${JSON.stringify({ pathValues, query, payload }).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            return ok;
          },
        ),
        { numRuns: 12, seed: 20261121, endOnFailure: true },
      ).catch(() => undefined);
    }
    process.stdout.write(`hostile input: ${sent} generated requests over ${ops.length} routes, ${failures.length} failures\n`);
    expect(failures).toEqual([]);
  }, 180_000);

  it('refuses malformed JSON, deep nesting and a 10 MB body without a 5xx', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const deepObj = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    for (const op of ops.filter((o) => o.method === 'post').slice(0, 40)) {
      const url = fill(op.path, ['W123426000001']);
      for (const raw of ['{"a":', deep, deepObj, 'null', '"string"', '12']) {
        const res = await t.http().post(url).set('authorization', `Bearer ${admin}`).set('content-type', 'application/json').send(raw);
        expect(res.status).toBeLessThan(500);
        expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      }
    }
    const big = await t.http().post('/api/v1/donors').set('authorization', `Bearer ${admin}`).set('content-type', 'application/json').send(`{"firstName":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect(big.status).toBe(413);
  }, 120_000);

  it('no injection string reaches the database as SQL: the tables are intact and nothing was created from them', async () => {
    const tables = await t.owner.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('cord_blood_units', 'audit_entries', 'donors', 'users')`);
    expect(tables.rows[0].n).toBe(4);
    const stray = await t.owner.query(`SELECT count(*)::int AS n FROM cord_blood_units WHERE din LIKE '%''%' OR din LIKE '%;%'`);
    expect(stray.rows[0].n).toBe(0);
  });
});
