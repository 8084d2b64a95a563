import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { ROLES } from '../src/common/actor';
import { collect, createDonor, createFreezer } from './setup/fixtures';
import { PASSWORD, TestApp, startTestApp } from './setup/test-app';

/**
 * Hostile input GENERATED FROM THE OPENAPI DOCUMENT (GET /docs-json): every operation that takes a
 * body, path or query parameters is called with a valid-looking request built from its schema
 * (examples, enums, formats, bounds) and then with seeded mutations of it — type confusions, NUL
 * bytes, lone surrogates, huge and blank strings, prototype-named keys, nulls, arrays for objects,
 * exponent and out-of-range numbers, whole bodies that are not objects; path parameters that are not
 * valid percent-encoding, too long, traversal or injection strings; query strings likewise. A new
 * route is covered by being in the document: this file needs no change for it.
 *
 * Asserted for every answer (DESIGN.md section 3): never a 5xx; every 4xx is application/problem+json
 * with {type, title, status, detail}; and afterwards the service still answers and the audit chains
 * of the units it touched still verify (nothing half-written).
 *
 * Bounded: a fixed seed, every field of every body swept once with the values that broke its type
 * before, plus a fixed number of random combinations per operation (about 1,600 requests, three
 * operations at a time, ~15 s on two cores). The inputs are the same on every run; a failure prints
 * the request to replay by hand. Staff routes are called with a token holding every role (so requests
 * get past authorization to validation and the database), integration routes with an API key.
 */
const SEED = 20261201;
/** Random combinations of mutations per operation, besides the field-by-field sweep. */
const BODY_CASES = 6;
const PARAM_CASES = 3;
const QUERY_CASES = 3;
const CONCURRENCY = 3;

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
}
interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> };
  security?: Record<string, unknown>[];
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Op {
  method: string;
  path: string;
  integration: boolean;
  pathParams: string[];
  query: Parameter[];
  body?: unknown;
}

let t: TestApp;
let doc: Doc;
let ops: Op[] = [];
let staffToken = '';
let apiKey = '';
let adminToken = '';
let users = 0;
const INITIAL = 'one-time-password-123';
const real: Record<string, string> = {};
const answers: { op: string; status: number }[] = [];
const failures: string[] = [];

// ---- values --------------------------------------------------------------------------------------

const HUGE = 'x'.repeat(20_000);
/** Values a client can send that no field of this API takes (or only just), JSON-serialisable. */
const HOSTILE_VALUES: unknown[] = [
  null, '', ' ', '\t\n ', '\u00a0', 'a\u0000b', '\u0000', 'x\ud800y', '\udc00', HUGE, 'W123426000001', "' OR '1'='1", '../../etc/passwd', '${7*7}',
  '<script>alert(1)</script>', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '2026-W05-1', '2026-02-30', 'NaN', 'true', '1e309', '00:00', '02',
  0, -1, 1e-7, 5e-324, -0, 2 ** 53 + 1, 1e308, -1e308, 0.1 + 0.2, true, false, [], [null], [[[]]], ['a\u0000'], {}, { toString: 1 }, { a: { b: { c: {} } } },
];
/** Extra keys: prototype-named ones (class-validator's whitelist once took them for fields) and others. */
const EXTRA_KEYS = ['toString', 'hasOwnProperty', 'prototype', 'constructor', '__proto__', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'x\u0000', 'extra'];
/** Path parameter values, already percent-encoded as they go on the request line. */
const HOSTILE_SEGMENTS = [
  '%', '%zz', '%E0%A4%A', '%ED%A0%80' /* a UTF-8-encoded lone surrogate */, '%00', '..%2F..%2Fetc%2Fpasswd', '%27%20OR%20%271%27%3D%271', 'x'.repeat(101), 'W'.repeat(300),
  '00000000-0000-0000-0000-000000000000', 'W123426000001X', '-1', '1e309', 'null', '%20', 'F01', '%F0%9F%98%80',
];

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constant('__RAW_NUMBER__') },
);

function resolve(s: Schema | undefined, seen = 0): Schema {
  if (!s || seen > 8) return {};
  if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!], seen + 1);
  if (s.allOf) return s.allOf.reduce<Schema>((acc, part) => {
    const r = resolve(part, seen + 1);
    return { ...acc, ...r, properties: { ...acc.properties, ...r.properties }, required: [...(acc.required ?? []), ...(r.required ?? [])] };
  }, {});
  return s;
}

/** Body fields that name a record, and the fixture that is one. */
const REAL_FIELDS: Record<string, string> = { donorId: 'donorId', din: 'din', freezerId: 'freezerId' };

/** A valid-looking value for a schema: its example, default or first enum value, else one of its type. */
function sample(schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.oneOf?.length || s.anyOf?.length) return sample((s.oneOf ?? s.anyOf)![0], depth + 1);
  if (depth > 6) return null;
  switch (s.type) {
    case 'string':
      return s.format === 'date-time' ? new Date(Date.now() - 3600_000).toISOString() : s.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'sample text';
    case 'number':
    case 'integer':
      return s.minimum ?? (s.maximum !== undefined ? Math.min(1, s.maximum) : 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, depth + 1));
    default: {
      if (!s.properties) return {};
      // fields that name a record get a real one, so the rest of the body reaches the service and the database
      return Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, REAL_FIELDS[k] ? real[REAL_FIELDS[k]] : sample(p, depth + 1)]));
    }
  }
}

/** Every path in a JSON value: keys of objects and indexes of arrays, the root first. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

function withKey(root: unknown, path: (string | number)[], key: string, value: unknown): unknown {
  const copy = clone(root);
  let node: unknown = copy;
  for (const k of path) node = (node as Record<string | number, unknown>)[k];
  if (!node || typeof node !== 'object' || Array.isArray(node)) return copy;
  Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function without(root: unknown, path: (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const copy = clone(root);
  let node: unknown = copy;
  for (const k of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[k];
  if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
  else if (node && typeof node === 'object') delete (node as Record<string, unknown>)[path[path.length - 1] as string];
  return copy;
}

/** A JSON body text; `__RAW_NUMBER__` becomes a number JSON.stringify can not write (1e400 parses to Infinity). */
function bodyText(v: unknown): string {
  return (JSON.stringify(v) ?? 'null').replace(/"__RAW_NUMBER__"/g, '1e400');
}

type BodyCase = { kind: string; text: string };

function bodyCases(op: Op): BodyCase[] {
  const base = op.body ?? {};
  const paths = pathsOf(base);
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('replace'), at: fc.constantFrom(...paths), value: hostileValue }),
    fc.record({ kind: fc.constant('extra key'), at: fc.constantFrom(...paths), key: fc.constantFrom(...EXTRA_KEYS), value: hostileValue }),
    fc.record({ kind: fc.constant('drop'), at: fc.constantFrom(...paths) }),
    fc.record({ kind: fc.constant('whole body'), value: fc.constantFrom<unknown>(null, [], [base], 'x', 0, true, '', { '': base }) }),
  );
  const generated = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { numRuns: BODY_CASES, seed: SEED + hash(op.method + op.path) });
  const cases: BodyCase[] = [{ kind: 'base', text: bodyText(base) }];
  // every field in turn, the rest of the body left valid: the values that once crashed a validator or
  // PostgreSQL for its type, and one more drawn from all the hostile values
  const extra = fc.sample(hostileValue, { numRuns: paths.length, seed: SEED + hash(`${op.path}#`) });
  paths.forEach((at, i) => {
    const current = at.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], base);
    const core: unknown[] =
      typeof current === 'string' ? ['a\u0000b', 'x\ud800y@example.org', ' \t ', HUGE]
      : typeof current === 'number' ? [1e-7, 5e-324, '__RAW_NUMBER__', String(current)]
      : typeof current === 'boolean' ? ['true', null]
      : Array.isArray(current) ? [null, {}, [null]]
      : current && typeof current === 'object' ? [null, [], 'x']
      : [];
    if (at.length === 0) return;
    for (const value of [...core, extra[i]]) cases.push({ kind: `field ${at.join('.')}`, text: bodyText(setAt(base, at, value)) });
    if (current && typeof current === 'object' && !Array.isArray(current)) {
      for (const key of ['toString', 'constructor']) cases.push({ kind: `extra key ${at.join('.')}.${key}`, text: bodyText(withKey(base, at, key, 1)) });
    }
  });
  for (const muts of generated) {
    let v: unknown = clone(base);
    const kinds: string[] = [];
    for (const m of muts as { kind: string; at?: (string | number)[]; value?: unknown; key?: string }[]) {
      kinds.push(m.kind);
      if (m.kind === 'whole body') v = m.value;
      else if (!m.at || !pathsOf(v).some((p) => JSON.stringify(p) === JSON.stringify(m.at))) continue;
      else if (m.kind === 'replace') v = setAt(v, m.at, m.value);
      else if (m.kind === 'extra key') v = withKey(v, m.at, m.key!, m.value);
      else if (m.kind === 'drop') v = without(v, m.at);
    }
    cases.push({ kind: kinds.join('+'), text: bodyText(v) });
  }
  return cases;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}

// ---- requests ------------------------------------------------------------------------------------

/** A path parameter that names something real, so some requests get past the lookup to the rules. */
function realValue(path: string, name: string): string {
  if (name === 'din') return real.din;
  if (path.startsWith('/api/v1/donors/{id}')) return real.donorId;
  if (path.startsWith('/api/v1/storage/freezers/{id}')) return real.freezerId;
  if (path.startsWith('/api/v1/collections/{id}')) return real.collectionId;
  return '3f1c2a7e-0000-4000-8000-000000000001';
}

function urlFor(op: Op, segments: Record<string, string>, query = ''): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => segments[name] ?? encodeURIComponent(realValue(op.path, name))) + query;
}

/** Raw HTTP, so that nothing normalises the request line or re-encodes the path. */
function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; type: string; text: string; error?: string }> {
  const base = new URL(t.baseUrl);
  const payload = body === undefined ? undefined : Buffer.from(body);
  return new Promise((done) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: method.toUpperCase(),
        path: url,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
        timeout: 15_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text }));
        res.on('error', (e) => done({ status: 0, type: '', text, error: String(e) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ status: 0, type: '', text: '', error: String(e) }));
    req.end(payload);
  });
}

/**
 * A fresh user holding every role. Should the bank ever refuse `admin` together with product roles
 * (separation of duties), the user holds every product role and the administrator's own token is used
 * where that one is refused (403).
 */
async function newStaffToken(): Promise<void> {
  const email = `fuzz-${++users}@bank.test`;
  const create = (roles: readonly string[]) =>
    t.http().post('/api/v1/users').set('authorization', `Bearer ${adminToken}`).send({ email, name: `Fuzz ${users}`, password: INITIAL, roles });
  let created = await create(ROLES);
  if (created.status === 422) created = await create(ROLES.filter((r) => r !== 'admin'));
  if (created.status !== 201) throw new Error(`user with every role: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: INITIAL });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  // a password an administrator set is one-time (DESIGN.md section 6): the user sets their own first
  const changed = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${login.body.accessToken}`).send({ currentPassword: INITIAL, newPassword: PASSWORD });
  if (changed.status !== 200) throw new Error(`password change: ${changed.status} ${JSON.stringify(changed.body)}`);
  staffToken = changed.body.accessToken;
}

function check(op: Op, what: string, res: { status: number; type: string; text: string; error?: string }): void {
  answers.push({ op: `${op.method} ${op.path}`, status: res.status });
  const where = `${op.method.toUpperCase()} ${op.path} [${what}]`;
  if (res.error || res.status === 0) {
    failures.push(`${where}: no answer (${res.error})`);
    return;
  }
  if (res.status >= 500) {
    failures.push(`${where}: ${res.status} ${res.text.slice(0, 300)}`);
    return;
  }
  if (res.status < 400) return;
  if (!/^application\/problem\+json/.test(res.type)) {
    failures.push(`${where}: ${res.status} as ${res.type}: ${res.text.slice(0, 200)}`);
    return;
  }
  try {
    const p = JSON.parse(res.text) as Record<string, unknown>;
    const missing = ['type', 'title', 'status', 'detail'].filter((k) => !(k in p));
    if (missing.length || p.status !== res.status) failures.push(`${where}: problem without ${missing.join(', ') || 'the right status'}: ${res.text.slice(0, 200)}`);
  } catch {
    failures.push(`${where}: problem+json that is not JSON: ${res.text.slice(0, 200)}`);
  }
}

async function call(op: Op, what: string, url: string, body?: string): Promise<void> {
  const headers = (): Record<string, string> => (op.integration ? { 'x-api-key': apiKey } : { authorization: `Bearer ${staffToken}` });
  let res = await send(op.method, url, headers(), body);
  // a generated wrong e-signature counts toward the account lock: carry on as a fresh user with every role
  if (res.status === 401 && !op.integration && !op.path.startsWith('/api/v1/auth/')) {
    await newStaffToken();
    res = await send(op.method, url, headers(), body);
  }
  if (res.status === 403 && !op.integration) res = await send(op.method, url, { authorization: `Bearer ${adminToken}` }, body);
  check(op, what, res);
}

beforeAll(async () => {
  t = await startTestApp();
  adminToken = await t.token('admin');
  await newStaffToken();
  apiKey = (await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${adminToken}`).send({ name: 'fuzz' })).body.apiKey;
  const donor = await createDonor(t);
  const collection = await collect(t, donor.id);
  // received: the laboratory results (processing, HLA, ABO, sterility) apply to it, so their text reaches PostgreSQL
  await t.http().post(`/api/v1/units/${collection.unit.din}/receipt`).set('authorization', `Bearer ${staffToken}`).send({ receivedAt: new Date(Date.now() - 3600_000).toISOString(), temperatureOk: true }).expect(200);
  Object.assign(real, { donorId: donor.id, din: collection.unit.din, collectionId: collection.id, freezerId: (await createFreezer(t)).id });

  doc = (await t.http().get('/docs-json')).body as Doc;
  ops = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => {
          const content = op.requestBody?.content?.['application/json'];
          const example = content?.examples ? Object.values(content.examples)[0]?.value : undefined;
          return {
            method,
            path,
            integration: (op.security ?? []).some((s) => 'api-key' in s),
            pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
            query: (op.parameters ?? []).filter((p) => p.in === 'query'),
            body: content ? (example ?? sample(content.schema)) : undefined,
          };
        }),
    )
    .filter((op) => op.body !== undefined || op.pathParams.length > 0 || op.query.length > 0);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('DESIGN 3: never a 500 for anything a client sent — hostile input generated from the OpenAPI document', () => {
  it('finds the operations to attack in the document (every one with a body, path or query parameters)', () => {
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.some((o) => o.integration)).toBe(true);
    expect(ops.filter((o) => o.body !== undefined).length).toBeGreaterThan(25);
  });

  it('answers every generated request below 500, every 4xx as problem+json {type, title, status, detail}', async () => {
    const started = Date.now();
    const attack = async (op: Op) => {
      if (op.body !== undefined) {
        for (const c of bodyCases(op)) await call(op, `body ${c.kind}: ${c.text.slice(0, 160)}`, urlFor(op, {}), c.text);
      }
      const plainBody = op.body === undefined ? undefined : bodyText(op.body);
      if (op.pathParams.length > 0) {
        const picks = fc.sample(fc.record(Object.fromEntries(op.pathParams.map((n) => [n, fc.constantFrom(...HOSTILE_SEGMENTS)]))), { numRuns: PARAM_CASES, seed: SEED + hash(op.path) });
        for (const segments of picks) await call(op, `path ${JSON.stringify(segments).slice(0, 160)}`, urlFor(op, segments as Record<string, string>), plainBody);
        // a bad percent-encoding in every parameter position
        for (const n of op.pathParams) await call(op, `path ${n}=%`, urlFor(op, { [n]: '%' }), plainBody);
      }
      if (op.query.length > 0) {
        const queryValue = fc.oneof(fc.constantFrom(...HOSTILE_SEGMENTS), fc.constantFrom('', '2026-W05-1', '9999-12-31', '0', '-1', '1e309', 'true', '%00', 'a%00b', '%ED%A0%80'));
        const picks = fc.sample(
          fc.array(fc.tuple(fc.constantFrom(...op.query.map((q) => q.name), 'extra', 'toString', '__proto__'), queryValue), { minLength: 1, maxLength: 4 }),
          { numRuns: QUERY_CASES, seed: SEED + hash(`${op.path}?`) },
        );
        for (const pairs of picks) {
          const qs = '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
          await call(op, `query ${qs.slice(0, 160)}`, urlFor(op, {}, qs), plainBody);
        }
      }
    };
    // a few operations at a time (each one's requests in order), as several clients would
    const queue = [...ops];
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let op = queue.shift(); op; op = queue.shift()) await attack(op);
    }));
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`hostile input: ${answers.length} generated requests over ${ops.length} operations in ${seconds.toFixed(1)} s, ${failures.length} failures\n`);
    expect(failures).toEqual([]);
    // the run got past authorization and validation, not only 4xx at the door
    expect(answers.filter((a) => a.status < 400).length).toBeGreaterThan(20);
    expect(new Set(answers.filter((a) => a.status === 422).map((a) => a.op)).size).toBeGreaterThan(25);
  }, 240_000);

  it('refuses malformed JSON, deep nesting and non-object bodies on every operation with a body, without a 5xx', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const deepObj = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    for (const op of ops.filter((o) => o.body !== undefined)) {
      for (const text of ['{"a":', deep, deepObj, 'null', '"string"', '12', '{"a":1}garbage', '\ufeff{}']) {
        await call(op, `raw ${text.slice(0, 20)}`, urlFor(op, {}), text);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers the HTTP-layer refusals as problem+json too: a 70,000-character path (431) and an 11 MB body (413)', async () => {
    const op = ops.find((o) => o.method === 'post' && o.path === '/api/v1/donors')!;
    await call(op, 'long path', `/api/v1/donors/${'a'.repeat(70_000)}`);
    const res = await send('post', '/api/v1/donors', { authorization: `Bearer ${staffToken}` }, `{"firstName":"${'x'.repeat(11 * 1024 * 1024)}"}`);
    check(op, '11 MB body', res);
    expect(res.status).toBe(413);
    expect(failures).toEqual([]);
  }, 60_000);

  it('afterwards the service still answers, no injection string reached SQL, and the audit chain of the unit it attacked verifies', async () => {
    expect((await t.http().get('/api/v1/health')).status).toBe(200);
    expect((await t.http().get('/api/v1/health/ready')).status).toBe(200);
    const tables = await t.owner.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('cord_blood_units', 'audit_entries', 'donors', 'users')`);
    expect(tables.rows[0].n).toBe(4);
    const stray = await t.owner.query(`SELECT count(*)::int AS n FROM cord_blood_units WHERE din LIKE '%''%' OR din LIKE '%;%'`);
    expect(stray.rows[0].n).toBe(0);
    const nul = await t.owner.query(`SELECT count(*)::int AS n FROM donors WHERE first_name LIKE '%' || chr(65533) || '%' OR last_name LIKE '%' || chr(65533) || '%'`);
    expect(nul.rows[0].n).toBe(0);
    const verify = await t.http().get(`/api/v1/units/${real.din}/audit/verify`).set('authorization', `Bearer ${staffToken}`);
    expect(verify.status).toBe(200);
    expect(verify.body.valid).toBe(true);
  });
});
