import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';

let t: TestApp;
let ops: { method: string; path: string }[] = [];
const PUBLIC = new Set(['POST /api/v1/auth/login', 'GET /api/v1/health', 'GET /api/v1/health/ready']);

beforeAll(async () => {
  t = await startTestApp();
  const doc = (await t.http().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));
});
afterAll(async () => {
  await t.close();
});

const urlOf = (path: string) => path.replace(/\{din\}/g, 'W123426000001').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

describe('access (DESIGN.md section 6; 21 CFR Part 11.10(d))', () => {
  it('Part 11.10(d): every route of the OpenAPI document refuses a request without credentials (401), except login, health and docs', async () => {
    expect(ops.length).toBeGreaterThan(20);
    for (const op of ops) {
      const key = `${op.method.toUpperCase()} ${op.path}`;
      if (PUBLIC.has(key)) continue;
      const res = await (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[op.method](urlOf(op.path)).send({});
      if (res.status !== 401) throw new Error(`${key} answered ${res.status} without credentials`);
      expectProblem(res, 401);
    }
  });

  it('an integration key reaches only POST /lab/events: every other route answers 403', async () => {
    const admin = await t.token('admin');
    const key = (await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${admin}`).send({ name: 'access-test' })).body.apiKey;
    for (const op of ops) {
      const k = `${op.method.toUpperCase()} ${op.path}`;
      if (PUBLIC.has(k) || k === 'POST /api/v1/lab/events') continue;
      const res = await (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[op.method](urlOf(op.path)).set('x-api-key', key).send({});
      if (res.status !== 403) throw new Error(`${k} answered ${res.status} to an integration key`);
    }
  });

  it('a staff token can not post lab events (403), and a wrong key is 401', async () => {
    const admin = await t.token('admin');
    expect(ops.some((o) => o.path === '/api/v1/lab/events' && o.method === 'post')).toBe(true);
    expectProblem(await t.http().post('/api/v1/lab/events').set('authorization', `Bearer ${admin}`).send({}), 403);
    expectProblem(await t.http().post('/api/v1/lab/events').set('x-api-key', 'cbb_wrongwrongwrongwrongwrongwrong').send({}), 401);
  });
});
