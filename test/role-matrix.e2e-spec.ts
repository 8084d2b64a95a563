import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { QA_SIGNATURE, auth, availableUnit } from './setup/fixtures';

/**
 * DESIGN.md section 6 as a table: for every route of the OpenAPI document, the staff roles that may
 * call it. `admin` is the IT role (segregation of duties, Part 11.10(g)): it reads every staff route
 * (GET) and changes only what ADMIN_CHANGES lists, never a product act. Each role is tried on each
 * route: 403 exactly when the table says no. A route missing from the table fails the test, so a new
 * route must be classified.
 */
type Role = 'coordinator' | 'lab_technician' | 'quality_assurance' | 'medical_director' | 'auditor';
const ALL: Role[] = ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'];
const ANY = ALL;
const NONE: Role[] = [];

const MATRIX: Record<string, Role[]> = {
  'POST /api/v1/auth/password': ANY,
  'POST /api/v1/users': NONE,
  'GET /api/v1/users': NONE,
  'PATCH /api/v1/users/{id}': NONE,
  'POST /api/v1/integrations': NONE,
  'GET /api/v1/integrations': NONE,
  'DELETE /api/v1/integrations/{id}': NONE,
  'GET /api/v1/audit': ['quality_assurance', 'auditor'],
  'GET /api/v1/security-events': ['quality_assurance', 'auditor'],
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
  'POST /api/v1/donors/{id}/screenings/{screeningId}/correction': ['medical_director'],
  'POST /api/v1/units/{din}/eligibility-determination': ['medical_director'],
  'GET /api/v1/units/{din}/eligibility-determination': ANY,
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
  'POST /api/v1/units/{din}/acceptance': ['quality_assurance'],
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
  'POST /api/v1/storage/freezers/{id}/reviews': ['quality_assurance'],
  'GET /api/v1/storage/freezers/{id}/reviews': ANY,
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
  'POST /api/v1/lab/events/{id}/dismiss': ['quality_assurance', 'lab_technician'],
  'POST /api/v1/release-requests/{id}/administration': ['coordinator', 'medical_director'],
  'PATCH /api/v1/release-requests/{id}/administration': ['coordinator', 'medical_director'],
  'POST /api/v1/release-requests/{id}/follow-ups': ['coordinator', 'medical_director'],
  'PATCH /api/v1/release-requests/{id}/follow-ups/{visitDay}/measurements/{measure}': ['coordinator', 'medical_director'],
  'GET /api/v1/release-requests/{id}/clinical': ['coordinator', 'medical_director', 'auditor'],
  'GET /api/v1/follow-ups': ['coordinator', 'medical_director', 'auditor'],
  'GET /api/v1/outcomes/summary': ['coordinator', 'medical_director', 'auditor'],
  'GET /api/v1/outcomes/chart.svg': ['coordinator', 'medical_director', 'auditor'],
  'GET /api/v1/outcomes/export': ['coordinator', 'medical_director', 'auditor'],
  'GET /api/v1/clinical/reference': ANY,
  'POST /api/v1/clinical/protocols': NONE,
  'PATCH /api/v1/clinical/protocols/{id}': NONE,
  'POST /api/v1/clinical/routes': NONE,
  'POST /api/v1/clinical/cell-types': NONE,
  'POST /api/v1/clinical/dose-bands': NONE,
  'POST /api/v1/clinical/measures': NONE,
  'POST /api/v1/reference/product-codes': NONE,
  'GET /api/v1/reference/product-codes': ANY,
  'POST /api/v1/scan': ANY,
  'GET /api/v1/units/{din}/labels/{stage}': ['lab_technician'],
  'POST /api/v1/units/{din}/labels/{stage}/verify': ['lab_technician'],
  'GET /api/v1/units/{din}/report': ANY,
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
  // quality records (DESIGN.md section 9): staff report deviations, QA manages them; adverse reactions are the medical director's
  'POST /api/v1/deviations': ['quality_assurance', 'lab_technician', 'coordinator'],
  'GET /api/v1/deviations': ANY,
  'GET /api/v1/deviations/{id}': ANY,
  'PATCH /api/v1/deviations/{id}': ['quality_assurance'],
  'POST /api/v1/adverse-reactions': ['medical_director', 'coordinator'],
  'GET /api/v1/adverse-reactions': ANY,
  'GET /api/v1/adverse-reactions/{id}': ANY,
  'PATCH /api/v1/adverse-reactions/{id}': ['medical_director'],
  // the owner decides further (a donor's documents: coordinator writes; admin, coordinator, medical director read)
  'POST /api/v1/documents': ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director'],
  'GET /api/v1/documents': ANY,
  'GET /api/v1/documents/{id}': ANY,
  // DESIGN.md section 6/9: lab technicians record lots and equipment, QA accepts QC, grants exceptions and runs look-backs
  'POST /api/v1/supplies/lots': ['lab_technician'],
  'GET /api/v1/supplies/lots': ANY,
  'GET /api/v1/supplies/lots/{id}': ANY,
  'POST /api/v1/supplies/lots/{id}/qc': ['quality_assurance'],
  'GET /api/v1/supplies/lots/{id}/units': ANY,
  'POST /api/v1/supplies/exceptions': ['quality_assurance'],
  'GET /api/v1/supplies/exceptions': ANY,
  'GET /api/v1/supplies/exceptions/{id}': ANY,
  'POST /api/v1/equipment': ['lab_technician'],
  'GET /api/v1/equipment': ANY,
  'GET /api/v1/equipment/{id}': ANY,
  'POST /api/v1/equipment/{id}/services': ['lab_technician'],
  'POST /api/v1/equipment/{id}/out-of-service': ['quality_assurance'],
  'POST /api/v1/equipment/{id}/return-to-service': ['quality_assurance'],
  'GET /api/v1/units/{din}/supplies': ANY,
  'POST /api/v1/lookbacks': ['quality_assurance'],
  'GET /api/v1/lookbacks': ANY,
  'GET /api/v1/lookbacks/{id}': ANY,
  'GET /api/v1/lookbacks/{id}/units': ANY,
  'POST /api/v1/lookbacks/{id}/dispositions': ['quality_assurance'],
  'POST /api/v1/lookbacks/{id}/notifications': ['quality_assurance'],
  'POST /api/v1/lookbacks/{id}/close': ['quality_assurance'],
  'GET /api/v1/lookbacks/{id}/report.csv': ANY,
  'GET /api/v1/lookbacks/{id}/report.pdf': ANY,
  'POST /api/v1/imports/dry-run': NONE,
  'POST /api/v1/imports': NONE,
  'GET /api/v1/imports/{id}': NONE,
};
/** Reads kept from admin (@NoAdminRead): clinical outcomes (issue 17 names their readers) and label printing, an audited act. */
const NOT_ADMIN = new Set([
  'GET /api/v1/units/{din}/labels/{stage}',
  'GET /api/v1/release-requests/{id}/clinical', 'GET /api/v1/follow-ups', 'GET /api/v1/outcomes/summary', 'GET /api/v1/outcomes/chart.svg', 'GET /api/v1/outcomes/export',
]);
/** What admin may change (users, integrations, its own password); every other non-GET route is a product act. */
const ADMIN_CHANGES = new Set([
  'POST /api/v1/users', 'PATCH /api/v1/users/{id}', 'POST /api/v1/integrations', 'DELETE /api/v1/integrations/{id}', 'POST /api/v1/auth/password',
  'POST /api/v1/reference/product-codes', 'POST /api/v1/scan',
  'PUT /api/v1/notifications/subscriptions', 'POST /api/v1/webhooks', 'DELETE /api/v1/webhooks/{id}',
  // issue 19: migrating an existing inventory is an IT act (the records keep their own history and actor system:import)
  'POST /api/v1/imports/dry-run', 'POST /api/v1/imports',
  'POST /api/v1/clinical/protocols', 'PATCH /api/v1/clinical/protocols/{id}', 'POST /api/v1/clinical/routes', 'POST /api/v1/clinical/cell-types', 'POST /api/v1/clinical/dose-bands', 'POST /api/v1/clinical/measures',
]);
const adminMay = (key: string) => (key.startsWith('GET ') && !NOT_ADMIN.has(key)) || ADMIN_CHANGES.has(key);
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
      const allowed = role === 'admin' ? adminMay(op.key) : MATRIX[op.key].includes(role);
      const res = await (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[op.method](urlOf(op.path)).set('authorization', `Bearer ${token}`).send({});
      if ((res.status === 403) === allowed) wrong.push(`${op.key}: ${res.status} (${allowed ? 'should be allowed' : 'should be 403'})`);
      expect(res.status).toBeLessThan(500);
    }
    expect(wrong).toEqual([]);
  });
});

describe('segregation of duties (DESIGN.md section 6; 21 CFR Part 11.10(g))', () => {
  it('Part 11.10(g): admin does not imply product roles — an admin-only account can not release, hold, enter a result or approve, and nothing is written', async () => {
    const { din } = await availableUnit(t);
    const admin = await auth(t, 'admin');
    const trail = async () => (await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1`, [din])).rows[0].n as number;
    const before = await trail();
    const adminPassword = { email: 'admin@bank.test', password: 'admin-password-123', meaning: 'release' };
    const hold = await t.http().post(`/api/v1/units/${din}/status`).set(admin).send({ to: 'on_hold', reason: 'admin tries a QA act', signature: adminPassword });
    expectProblem(hold, 403);
    expect(hold.body.detail).toMatch(/quality_assurance/);
    expect(hold.body.detail).toMatch(/does not imply/);
    expectProblem(await t.http().post(`/api/v1/units/${din}/sterility`).set(admin).send({ aerobic: 'negative', anaerobic: 'negative', resultedAt: new Date().toISOString() }), 403);
    expectProblem(await t.http().post('/api/v1/storage/freezers').set(admin).send({ name: 'Admin dewar', type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 1, columns: 1 }), 403);
    expectProblem(await t.http().post('/api/v1/release-requests/00000000-0000-4000-8000-000000000000/approve').set(admin).send({ signature: adminPassword }), 403);
    expect(await trail()).toBe(before);
    // reads stay open to admin: the unit, its trail, the audit log
    expect((await t.http().get(`/api/v1/units/${din}`).set(admin)).status).toBe(200);
    expect((await t.http().get(`/api/v1/units/${din}/audit`).set(admin)).status).toBe(200);
    expect((await t.http().get(`/api/v1/audit?din=${din}`).set(admin)).status).toBe(200);
    // granting the role to the account (PATCH /users/:id roles) is how an operator lets it act
    const qa = await t.http().post(`/api/v1/units/${din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'on_hold', reason: 'QA hold', signature: QA_SIGNATURE });
    expect(qa.status).toBe(200);
  });
});
