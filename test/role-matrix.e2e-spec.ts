import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * DESIGN.md section 6 as a table: for every route of the OpenAPI document, the staff roles that may
 * call it (admin may call every staff route). Each role is tried on each route: 403 exactly when the
 * table says no. A route missing from the table fails the test, so a new route must be classified.
 */
type Role = 'coordinator' | 'lab_technician' | 'quality_assurance' | 'medical_director' | 'auditor';
const ALL: Role[] = ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'];
const ANY = ALL;
const NONE: Role[] = [];

const MATRIX: Record<string, Role[]> = {
  'POST /api/v1/users': NONE,
  'GET /api/v1/users': NONE,
  'PATCH /api/v1/users/{id}': NONE,
  'POST /api/v1/integrations': NONE,
  'GET /api/v1/integrations': NONE,
  'DELETE /api/v1/integrations/{id}': NONE,
  'GET /api/v1/audit': ['quality_assurance', 'auditor'],
  'GET /api/v1/units/{din}/audit': ANY,
  'GET /api/v1/units/{din}/audit/verify': ANY,
  'POST /api/v1/donors': ['coordinator'],
  'GET /api/v1/donors': ANY,
  'GET /api/v1/donors/{id}': ANY,
  'PATCH /api/v1/donors/{id}': ['coordinator'],
  'POST /api/v1/donors/{id}/consents': ['coordinator'],
  'POST /api/v1/donors/{id}/consents/{consentId}/withdraw': ['coordinator'],
  'POST /api/v1/donors/{id}/screenings': ['coordinator'],
  'POST /api/v1/donors/{id}/infectious-disease-tests': ['lab_technician'],
  'GET /api/v1/donors/{id}/eligibility': ANY,
  'GET /api/v1/donors/{id}/audit': ANY,
  'GET /api/v1/donors/{id}/audit/verify': ANY,
  'POST /api/v1/collections': ['coordinator'],
  'GET /api/v1/collections/{id}': ANY,
  'GET /api/v1/units': ANY,
  'GET /api/v1/units/{din}': ANY,
  'PATCH /api/v1/units/{din}': ['lab_technician', 'quality_assurance'],
  'POST /api/v1/units/{din}/receipt': ['lab_technician'],
  'POST /api/v1/units/{din}/processing': ['lab_technician'],
  'POST /api/v1/units/{din}/hla': ['lab_technician'],
  'POST /api/v1/units/{din}/abo': ['lab_technician'],
  'POST /api/v1/units/{din}/sterility': ['lab_technician'],
  'POST /api/v1/units/{din}/status': ['quality_assurance'],
  'GET /api/v1/units/{din}/custody': ANY,
  'POST /api/v1/units/{din}/custody': ['lab_technician'],
  'POST /api/v1/storage/freezers': ['lab_technician'],
  'GET /api/v1/storage/freezers': ANY,
  'GET /api/v1/storage/freezers/{id}': ANY,
  'PATCH /api/v1/storage/freezers/{id}': ['lab_technician'],
  'GET /api/v1/storage/boxes/{id}': ANY,
  'GET /api/v1/storage/free-positions': ANY,
  'POST /api/v1/storage/freezers/{id}/temperatures': ['lab_technician'],
  'GET /api/v1/storage/freezers/{id}/temperatures': ANY,
  'GET /api/v1/storage/excursions': ANY,
  'GET /api/v1/storage/excursions/{id}': ANY,
  'POST /api/v1/storage/excursions/{id}/units/{din}/review': ['quality_assurance'],
  'POST /api/v1/units/{din}/storage': ['lab_technician'],
  'POST /api/v1/units/{din}/move': ['lab_technician'],
  'POST /api/v1/units/{din}/retrieve': ['lab_technician'],
  'POST /api/v1/search/units': ['coordinator', 'medical_director'],
  'POST /api/v1/release-requests': ['coordinator'],
  'GET /api/v1/release-requests': ANY,
  'GET /api/v1/release-requests/{id}': ANY,
  'POST /api/v1/release-requests/{id}/reserve': ['coordinator'],
  'POST /api/v1/release-requests/{id}/approve': ['medical_director'],
  'POST /api/v1/release-requests/{id}/ship': ['lab_technician'],
  'POST /api/v1/release-requests/{id}/deliver': ['coordinator'],
  'POST /api/v1/release-requests/{id}/outcome': ['coordinator'],
  'POST /api/v1/release-requests/{id}/cancel': ['coordinator'],
  'GET /api/v1/lab/events': ['lab_technician', 'quality_assurance', 'auditor'],
  'GET /api/v1/lab/events/{id}': ['lab_technician', 'quality_assurance', 'auditor'],
  'POST /api/v1/lab/events/{id}/replay': ['lab_technician'],
  'GET /api/v1/alarms': ANY,
  'GET /api/v1/alarms/{id}': ANY,
  'POST /api/v1/alarms/{id}/acknowledge': ['quality_assurance'],
  'GET /api/v1/notifications/subscriptions': ['quality_assurance', 'auditor'],
  'PUT /api/v1/notifications/subscriptions': NONE,
  'GET /api/v1/notifications/deliveries': ['quality_assurance', 'auditor'],
  'POST /api/v1/webhooks': NONE,
  'GET /api/v1/webhooks': NONE,
  'DELETE /api/v1/webhooks/{id}': NONE,
  'GET /api/v1/webhooks/{id}/deliveries': ['quality_assurance', 'auditor'],
  'GET /api/v1/audit/anchors': ['quality_assurance', 'auditor'],
};
const NOT_STAFF = new Set(['POST /api/v1/auth/login', 'GET /api/v1/health', 'GET /api/v1/health/ready', 'POST /api/v1/lab/events']);

let t: TestApp;
let ops: { method: string; path: string; key: string }[] = [];
beforeAll(async () => {
  t = await startTestApp();
  const doc = (await t.http().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path, key: `${method.toUpperCase()} ${path}` })));
});
afterAll(async () => {
  await t.close();
});

const urlOf = (path: string) => path.replace(/\{din\}/g, 'W123426000001').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

describe('role × route (DESIGN.md section 6)', () => {
  it('every staff route of the OpenAPI document is in the table', () => {
    const missing = ops.filter((o) => !NOT_STAFF.has(o.key) && !(o.key in MATRIX)).map((o) => o.key);
    expect(missing).toEqual([]);
  });

  it.each([...ALL, 'admin' as const])('Part 11.10(d): %s reaches exactly the routes the table gives it', async (role) => {
    const token = await t.token(role);
    const wrong: string[] = [];
    for (const op of ops) {
      if (NOT_STAFF.has(op.key)) continue;
      const allowed = role === 'admin' || MATRIX[op.key].includes(role);
      const res = await (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[op.method](urlOf(op.path)).set('authorization', `Bearer ${token}`).send({});
      if ((res.status === 403) === allowed) wrong.push(`${op.key}: ${res.status} (${allowed ? 'should be allowed' : 'should be 403'})`);
      expect(res.status).toBeLessThan(500);
    }
    expect(wrong).toEqual([]);
  });
});
