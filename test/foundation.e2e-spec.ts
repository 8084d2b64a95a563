import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { PoolClient } from 'pg';
import { mod37_2 } from '../src/common/din';
import { AuditService } from '../src/audit/audit.service';
import { systemActor } from '../src/common/actor';
import { Db } from '../src/database/db.service';
import { inTransaction } from './setup/fixtures';
import { ADMIN, INITIAL_PASSWORD, PASSWORD, TestApp, expectProblem, startTestApp } from './setup/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let dinCounter = 0;
function nextDin(): string {
  return `W123426${String(900000 + ++dinCounter).padStart(6, '0')}`;
}

/** Runs SQL as the application role inside one transaction with an actor set, as the app does. */
const asApp = <T>(fn: (c: PoolClient) => Promise<T>, actor: { type: string; id: string } | null = { type: 'system', id: 'test' }, requestId = 'req-test'): Promise<T> =>
  inTransaction(t, fn, { role: 'app', actor, requestId: actor ? requestId : undefined });

let donorId: string | undefined;
async function newUnit(): Promise<string> {
  const din = nextDin();
  donorId ??= (await asApp((c) => c.query(`INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) VALUES ('Test', 'Donor', '1990-01-01', 'public') RETURNING id`))).rows[0].id;
  await asApp((c) => c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ($1, $2, $3, 'public')`, [din, mod37_2(din), donorId]));
  return din;
}

async function entries(din: string) {
  const r = await t.owner.query(`SELECT seq, action, actor_type, actor_id, request_id, before, after FROM audit_entries WHERE din = $1 ORDER BY seq`, [din]);
  return r.rows;
}

/** The test app's JWT secret (test/setup), to sign tokens the way the service does. */
const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An HS256 JWT of `payload` signed with `secret`. */
const sign = (payload: object, secret: string) => {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

describe('errors and request ids', () => {
  it('answers an unknown route 404 problem+json', async () => {
    const res = await t.http().get('/api/v1/no-such-route');
    expectProblem(res, 404);
  });

  it('answers malformed JSON 400 problem+json', async () => {
    const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":');
    expectProblem(res, 400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers validation errors 422 problem+json listing each field', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: 5, extra: true });
    expectProblem(res, 422);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'extra', 'password']);
  });

  it('answers a wrong content type 415 and an oversized body 413, as problem+json', async () => {
    const wrongType = await t.http().post('/api/v1/auth/login').set('content-type', 'text/plain').send('hello');
    expectProblem(wrongType, 415);
    const big = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'y' }));
    expectProblem(big, 413);
  });

  it('echoes a given X-Request-Id and makes one otherwise, in answers and problems', async () => {
    const given = await t.http().get('/api/v1/health').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http().get('/api/v1/nothing');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
  });

  it('never answers with stack traces or SQL', async () => {
    const res = await t.http().get(`/api/v1/units/${encodeURIComponent("W1234' OR '1'='1")}/audit`).set('authorization', `Bearer ${await t.token('auditor')}`);
    expectProblem(res, 422);
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});

describe('health and docs', () => {
  it('GET /health is 200 and /health/ready is 200 with migrations applied, without credentials', async () => {
    expect((await t.http().get('/api/v1/health')).status).toBe(200);
    const ready = await t.http().get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'up', migrations: 'applied' });
  });

  it('serves the OpenAPI document and UI outside /api/v1', async () => {
    const doc = await t.http().get('/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/audit', '/api/v1/units/{din}/audit/verify']));
    const ui = await t.http().get('/docs');
    expect(ui.status).toBe(200);
  });
});

describe('auth and roles (DESIGN.md section 6)', () => {
  it('logs in the administrator created from ADMIN_EMAIL/ADMIN_PASSWORD', async () => {
    const res = await t.http().post('/api/v1/auth/login').send(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: 3600, user: { email: ADMIN.email, roles: ['admin'] } });
    expect(typeof res.body.accessToken).toBe('string');
  });

  it('refuses a wrong password 401 with the same answer as an unknown email', async () => {
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: ADMIN.email, password: 'not-the-password' });
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@bank.test', password: 'not-the-password' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('Part 11.300(d): locks an account after repeated failed logins (429 with Retry-After), even for the right password', async () => {
    const admin = await t.token('admin');
    const email = 'lockme@bank.test';
    await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email, name: 'Lock Me', password: PASSWORD, roles: ['auditor'] }).expect(201);
    for (let i = 0; i < 5; i++) {
      expectProblem(await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-x' }), 401);
    }
    const locked = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD });
    expectProblem(locked, 429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses requests without credentials, with a bad token, an alg:none token, an expired or foreign-signed token (401)', async () => {
    expectProblem(await t.http().get('/api/v1/users'), 401);
    expectProblem(await t.http().get('/api/v1/users').set('authorization', 'Bearer nonsense'), 401);
    const adminId = await t.userId('admin');
    const now = Math.floor(Date.now() / 1000);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: adminId, typ: 'access', iat: now })}.`;
    expectProblem(await t.http().get('/api/v1/users').set('authorization', `Bearer ${none}`), 401);
    const secret = TEST_JWT_SECRET;
    expect((await t.http().get('/api/v1/users').set('authorization', `Bearer ${sign({ sub: adminId, typ: 'access', ver: 1, iat: now, exp: now + 60 }, secret)}`)).status).toBe(200);
    expectProblem(await t.http().get('/api/v1/users').set('authorization', `Bearer ${sign({ sub: adminId, typ: 'access', ver: 1, iat: now - 7200, exp: now - 3600 }, secret)}`), 401);
    expectProblem(await t.http().get('/api/v1/users').set('authorization', `Bearer ${sign({ sub: adminId, typ: 'access', ver: 1, iat: now, exp: now + 60 }, 'another-secret-another-secret-another-secret')}`), 401);
  });

  it('a token accepted before is refused from the second of its expiry (the instance remembers verified tokens, never past their exp)', async () => {
    const adminId = await t.userId('admin');
    const now = Math.floor(Date.now() / 1000);
    const token = sign({ sub: adminId, typ: 'access', ver: 1, iat: now, exp: now + 2 }, TEST_JWT_SECRET);
    expect((await t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (now + 2) * 1000 - Date.now() + 50));
    expectProblem(await t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`), 401);
  });

  it('RBAC: only admin manages users and integrations; the audit log is for admin, QA and auditor', async () => {
    for (const role of ['coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] as const) {
      const token = await t.token(role);
      expectProblem(await t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`), 403);
      expectProblem(await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${token}`).send({ name: 'x' }), 403);
      const log = await t.http().get('/api/v1/audit').set('authorization', `Bearer ${token}`);
      expect(log.status).toBe(['quality_assurance', 'auditor'].includes(role) ? 200 : 403);
    }
    expect((await t.http().get('/api/v1/audit').set('authorization', `Bearer ${await t.token('admin')}`)).status).toBe(200);
  });

  it('DESIGN 6: a token stops working at once after a role change or deactivation (the database decides, per request)', async () => {
    const admin = await t.token('admin');
    const email = 'temp@bank.test';
    const created = await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email, name: 'Temp', password: INITIAL_PASSWORD, roles: ['coordinator'] }).expect(201);
    const first = (await t.http().post('/api/v1/auth/login').send({ email, password: INITIAL_PASSWORD })).body.accessToken;
    const token = (await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${first}`).send({ currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD }).expect(200)).body.accessToken;
    expectProblem(await t.http().get('/api/v1/audit').set('authorization', `Bearer ${token}`), 403);
    const patched = await t.http().patch(`/api/v1/users/${created.body.id}`).set('authorization', `Bearer ${admin}`).send({ roles: ['auditor'] }).expect(200);
    expect(patched.body).toMatchObject({ id: created.body.id, email, roles: ['auditor'], active: true });
    // the token issued under the old roles is refused; a new login carries the new ones
    expectProblem(await t.http().get('/api/v1/audit').set('authorization', `Bearer ${token}`), 401);
    const again = (await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200)).body.accessToken;
    expect((await t.http().get('/api/v1/audit').set('authorization', `Bearer ${again}`)).status).toBe(200);
    await t.http().patch(`/api/v1/users/${created.body.id}`).set('authorization', `Bearer ${admin}`).send({ active: false }).expect(200);
    expectProblem(await t.http().get('/api/v1/audit').set('authorization', `Bearer ${again}`), 401);
  });

  it('refuses an unknown role and a duplicate email (422, 409)', async () => {
    const admin = await t.token('admin');
    const bad = await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email: 'r@bank.test', name: 'R', password: PASSWORD, roles: ['superuser'] });
    expectProblem(bad, 422);
    expect(bad.body.errors[0].field).toBe('roles');
    const dup = await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email: ADMIN.email.toUpperCase(), name: 'Dup', password: PASSWORD, roles: ['auditor'] });
    expectProblem(dup, 409);
  });

  it('an integration key is shown once, stored only hashed, reaches no staff route, and is refused at once when revoked', async () => {
    const admin = await t.token('admin');
    const created = await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${admin}`).send({ name: 'HLA lab' });
    expect(created.status).toBe(201);
    const key: string = created.body.apiKey;
    expect(key).toMatch(/^cbb_/);
    const stored = await t.owner.query(`SELECT key_hash FROM integrations WHERE id = $1`, [created.body.id]);
    expect(stored.rows[0].key_hash).not.toContain(key.slice(4));
    const list = await t.http().get('/api/v1/integrations').set('authorization', `Bearer ${admin}`);
    expect(JSON.stringify(list.body)).not.toContain(key);
    // valid key on a staff route: 403; after revocation: 401
    expectProblem(await t.http().get('/api/v1/audit').set('x-api-key', key), 403);
    await t.http().delete(`/api/v1/integrations/${created.body.id}`).set('authorization', `Bearer ${admin}`).expect(204);
    expectProblem(await t.http().get('/api/v1/audit').set('x-api-key', key), 401);
  });
});

describe('who may use the system is audited (21 CFR Part 11.10(d), 11.10(e), 11.300)', () => {
  const log = async (query: string) => {
    const res = await t.http().get(`/api/v1/audit?${query}`).set('authorization', `Bearer ${await t.token('auditor')}`);
    expect(res.status).toBe(200);
    return res.body.items as { chain: string; seq: number; action: string; actorType: string; actorId: string; reason: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
  };

  it('Part 11.10(d)/(e): creating a user, changing roles, resetting the password and deactivating are hash-chained entries with the admin as actor; no secret is recorded', async () => {
    const admin = await t.token('admin');
    const adminId = await t.userId('admin');
    const created = await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email: 'audited@bank.test', name: 'Audited', password: PASSWORD, roles: ['coordinator'] }).expect(201);
    const id = created.body.id;
    await t.http().patch(`/api/v1/users/${id}`).set('authorization', `Bearer ${admin}`).send({ roles: ['coordinator', 'medical_director'] }).expect(200);
    await t.http().patch(`/api/v1/users/${id}`).set('authorization', `Bearer ${admin}`).send({ password: 'a-new-password-9876' }).expect(200);
    await t.http().patch(`/api/v1/users/${id}`).set('authorization', `Bearer ${admin}`).send({ active: false }).expect(200);
    const chain = (await log(`chain=user:${id}`)).reverse();
    expect(chain.map((e) => [e.seq, e.action, e.actorType, e.actorId])).toEqual([
      [1, 'user.created', 'user', adminId],
      [2, 'user.updated', 'user', adminId],
      [3, 'user.updated', 'user', adminId],
      [4, 'user.updated', 'user', adminId],
    ]);
    // (an email in an entry is redacted for the roles that do not read personal data, as a donor's is)
    expect(chain[0].after).toMatchObject({ id, name: 'Audited', email: '[redacted]', roles: ['coordinator'], active: true, password_hash: '[set]' });
    expect(chain[1]).toMatchObject({ before: { roles: ['coordinator'] }, after: { roles: ['coordinator', 'medical_director'] } });
    expect(chain[2].after).toMatchObject({ password_hash: '[changed]' });
    expect(chain[2].after).toHaveProperty('password_changed_at');
    expect(chain[3]).toMatchObject({ before: { active: true }, after: { active: false } });
    const stored = await t.owner.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
    const all = JSON.stringify(chain);
    expect(all).not.toContain(stored.rows[0].password_hash);
    expect(all).not.toContain('$argon2');
    expect(await t.app.get(AuditService).verifyChain(`user:${id}`)).toMatchObject({ valid: true, entries: 4 });
  });

  it('Part 11.10(d): registering and revoking an integration are audited; the key hash is not recorded', async () => {
    const admin = await t.token('admin');
    const created = await t.http().post('/api/v1/integrations').set('authorization', `Bearer ${admin}`).send({ name: 'Audited lab' }).expect(201);
    await t.http().delete(`/api/v1/integrations/${created.body.id}`).set('authorization', `Bearer ${admin}`).expect(204);
    const chain = (await log(`chain=integration:${created.body.id}`)).reverse();
    expect(chain.map((e) => e.action)).toEqual(['integration.registered', 'integration.revoked']);
    expect(chain[0].after).toMatchObject({ name: 'Audited lab', key_hash: '[set]' });
    expect(chain[1].after).toMatchObject({ revoked_by: await t.userId('admin') });
    const stored = await t.owner.query(`SELECT key_hash FROM integrations WHERE id = $1`, [created.body.id]);
    expect(JSON.stringify(chain)).not.toContain(stored.rows[0].key_hash);
  });

  it('Part 11.300(d): a lockout after repeated failed logins is an audit entry by the system; the failures before it are not', async () => {
    const admin = await t.token('admin');
    const created = await t.http().post('/api/v1/users').set('authorization', `Bearer ${admin}`).send({ email: 'lockaudit@bank.test', name: 'Lock Audit', password: PASSWORD, roles: ['auditor'] }).expect(201);
    for (let i = 0; i < 5; i++) expectProblem(await t.http().post('/api/v1/auth/login').send({ email: 'lockaudit@bank.test', password: 'wrong-password-x' }), 401);
    const chain = (await log(`chain=user:${created.body.id}`)).reverse();
    expect(chain.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ['user.created', 'user', await t.userId('admin')],
      ['user.locked', 'system', 'authentication'],
    ]);
    expect(chain[1].reason).toMatch(/5 failed logins in a row/);
    expect(chain[1].before).toEqual({ locked_until: null });
    expect(chain[1].after).not.toHaveProperty('failed_login_count');
  });

  it('Part 11.10(d): the first administrator, created at start, is audited with the system as actor', async () => {
    const chain = await log(`chain=user:${await t.userId('admin')}`);
    const first = chain[chain.length - 1];
    expect(first).toMatchObject({ seq: 1, action: 'user.created', actorType: 'system', actorId: 'bootstrap', after: { roles: ['admin'] } });
  });
});

describe('audit trail (21 CFR Part 11.10(e), DESIGN.md section 4)', () => {
  it('Part 11.10(e): the trigger records insert, update (old and new values of what changed) and delete, with actor and request id', async () => {
    const din = await newUnit();
    await asApp((c) => c.query(`UPDATE cord_blood_units SET status = 'received' WHERE din = $1`, [din]), { type: 'user', id: 'u-1' }, 'req-2');
    await asApp((c) => c.query(`UPDATE cord_blood_units SET status = 'received' WHERE din = $1`, [din])); // no change: no entry
    const owner = await t.owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'owner-test', true)`);
      await owner.query(`DELETE FROM cord_blood_units WHERE din = $1`, [din]);
      await owner.query('COMMIT');
    } finally {
      owner.release();
    }
    const e = await entries(din);
    expect(e.map((x) => [x.seq, x.action])).toEqual([
      [1, 'cord_blood_units.insert'],
      [2, 'cord_blood_units.update'],
      [3, 'cord_blood_units.delete'],
    ]);
    expect(e[0]).toMatchObject({ actor_type: 'system', actor_id: 'test', request_id: 'req-test' });
    expect(e[0].after).toMatchObject({ din, status: 'collected' });
    expect(e[1]).toMatchObject({ actor_type: 'user', actor_id: 'u-1', request_id: 'req-2', before: { status: 'collected' }, after: { status: 'received' } });
    expect(e[2].before).toMatchObject({ din });
  });

  it('Part 11.10(e): a change that carries no actor is refused by the database', async () => {
    const din = nextDin();
    await newUnit();
    await expect(asApp((c) => c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ($1, $2, $3, 'public')`, [din, mod37_2(din), donorId]), null)).rejects.toThrow(/no actor/);
    const n = await t.owner.query(`SELECT count(*)::int AS n FROM cord_blood_units WHERE din = $1`, [din]);
    expect(n.rows[0].n).toBe(0);
  });

  it('Part 11.10(e): a rolled-back transaction leaves no audit entry', async () => {
    const din = nextDin();
    const c = await t.appRolePool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      await c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ($1, $2, $3, 'public')`, [din, mod37_2(din), donorId]);
      expect((await c.query(`SELECT count(*)::int AS n FROM audit_entries WHERE din = $1`, [din])).rows[0].n).toBe(1);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    expect(await entries(din)).toEqual([]);
  });

  it('Part 11.10(e): the app role can neither write, UPDATE nor DELETE audit rows, and the trigger refuses the owner too', async () => {
    const din = await newUnit();
    await expect(asApp((c) => c.query(`UPDATE audit_entries SET reason = 'x' WHERE din = $1`, [din]))).rejects.toThrow(/permission denied/);
    await expect(asApp((c) => c.query(`DELETE FROM audit_entries WHERE din = $1`, [din]))).rejects.toThrow(/permission denied/);
    await expect(asApp((c) => c.query(`INSERT INTO audit_entries (din, seq, at, actor_type, actor_id, action, prev_hash, hash) VALUES ($1, 99, now(), 'system', 'x', 'forged', '', '')`, [din]))).rejects.toThrow(/permission denied/);
    await expect(asApp((c) => c.query(`TRUNCATE audit_entries`))).rejects.toThrow(/permission denied/);
    await expect(t.owner.query(`UPDATE audit_entries SET reason = 'x' WHERE din = $1`, [din])).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`DELETE FROM audit_entries WHERE din = $1`, [din])).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
    await expect(asApp((c) => c.query(`DELETE FROM cord_blood_units WHERE din = $1`, [din]))).rejects.toThrow(/permission denied/);
  });

  it('Part 11.10(e): concurrent changes to one unit never fork its chain (seq 1..N, verify valid)', async () => {
    const din = await newUnit();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        asApp((c) => c.query(`UPDATE cord_blood_units SET receipt_notes = 'note ' || $2 WHERE din = $1`, [din, i]), { type: 'user', id: `u${i}` }),
      ),
    );
    const e = await entries(din);
    expect(e.map((x) => x.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const verify = await t.http().get(`/api/v1/units/${din}/audit/verify`).set('authorization', `Bearer ${await t.token('auditor')}`);
    expect(verify.body).toEqual({ valid: true, entries: 41 });
  });

  it('Part 11.10(e): verify names the first tampered entry, and a deleted tail entry', async () => {
    const din = await newUnit();
    for (const s of ['received', 'processed', 'quarantine']) {
      await asApp((c) => c.query(`UPDATE cord_blood_units SET status = $2 WHERE din = $1`, [din, s]));
    }
    const token = await t.token('quality_assurance');
    expect((await t.http().get(`/api/v1/units/${din}/audit/verify`).set('authorization', `Bearer ${token}`)).body).toEqual({ valid: true, entries: 4 });
    // a superuser bypasses the append-only trigger and edits entry 2
    const c = await t.owner.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE audit_entries SET after = '{"status":"available"}' WHERE din = $1 AND seq = 2`, [din]);
      await c.query(`SET session_replication_role = origin`);
    } finally {
      c.release();
    }
    const tampered = await t.http().get(`/api/v1/units/${din}/audit/verify`).set('authorization', `Bearer ${token}`);
    expect(tampered.body).toEqual({ valid: false, entries: 4, firstInvalidSeq: 2 });

    const din2 = await newUnit();
    await asApp((c2) => c2.query(`UPDATE cord_blood_units SET status = 'received' WHERE din = $1`, [din2]));
    const c3 = await t.owner.connect();
    try {
      await c3.query(`SET session_replication_role = replica`);
      await c3.query(`DELETE FROM audit_entries WHERE din = $1 AND seq = 2`, [din2]);
      await c3.query(`SET session_replication_role = origin`);
    } finally {
      c3.release();
    }
    const truncated = await t.http().get(`/api/v1/units/${din2}/audit/verify`).set('authorization', `Bearer ${token}`);
    expect(truncated.body).toEqual({ valid: false, entries: 1, firstInvalidSeq: 2 });
  });

  it("GET /units/:din/audit returns the trail with hashes linked; 14-character DIN accepted, wrong check 422, unknown 404", async () => {
    const din = await newUnit();
    await asApp((c) => c.query(`UPDATE cord_blood_units SET status = 'received' WHERE din = $1`, [din]));
    const token = await t.token('lab_technician');
    const res = await t.http().get(`/api/v1/units/${din}${mod37_2(din)}/audit`).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[1].prevHash).toBe(res.body.items[0].hash);
    expect(res.body.items[0].prevHash).toBe('0'.repeat(64));
    expect(res.body.items[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const wrongCheck = mod37_2(din) === 'A' ? 'B' : 'A';
    expectProblem(await t.http().get(`/api/v1/units/${din}${wrongCheck}/audit`).set('authorization', `Bearer ${token}`), 422);
    expectProblem(await t.http().get(`/api/v1/units/W123499000001/audit`).set('authorization', `Bearer ${token}`), 404);
  });

  it('GET /audit filters by din, actor, action and time, newest first, with a stable cursor', async () => {
    const din = await newUnit();
    for (let i = 0; i < 5; i++) {
      await asApp((c) => c.query(`UPDATE cord_blood_units SET receipt_notes = $2 WHERE din = $1`, [din, `s${i}`]), { type: 'user', id: 'cursor-actor' });
    }
    const token = await t.token('auditor');
    const first = await t.http().get(`/api/v1/audit`).query({ din, limit: 2 }).set('authorization', `Bearer ${token}`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { seq: number }) => e.seq)).toEqual([6, 5]);
    const second = await t.http().get(`/api/v1/audit`).query({ din, limit: 2, cursor: first.body.nextCursor }).set('authorization', `Bearer ${token}`);
    expect(second.body.items.map((e: { seq: number }) => e.seq)).toEqual([4, 3]);
    const byActor = await t.http().get(`/api/v1/audit`).query({ actor: 'cursor-actor', action: 'cord_blood_units.update' }).set('authorization', `Bearer ${token}`);
    expect(byActor.body.items).toHaveLength(5);
    const future = await t.http().get(`/api/v1/audit`).query({ din, from: '2999-01-01T00:00:00Z' }).set('authorization', `Bearer ${token}`);
    expect(future.body.items).toHaveLength(0);
    expectProblem(await t.http().get(`/api/v1/audit`).query({ cursor: 'garbage' }).set('authorization', `Bearer ${token}`), 422);
    expectProblem(await t.http().get(`/api/v1/audit`).query({ from: 'yesterday' }).set('authorization', `Bearer ${token}`), 422);
  });
});

describe('database access (prepared statements)', () => {
  it('a prepared statement whose table changed under it (another instance migrated) is retried on a fresh connection, in and out of transactions', async () => {
    const db = t.app.get(Db);
    await t.owner.query(`CREATE TABLE plan_probe (a int); INSERT INTO plan_probe VALUES (1); GRANT SELECT ON plan_probe TO cbb_app`);
    try {
      const sql = `SELECT * FROM plan_probe`;
      // prepare it on every pooled connection (10), in and out of transactions
      await Promise.all(Array.from({ length: 10 }, () => db.query(sql)));
      await Promise.all(Array.from({ length: 10 }, () => db.tx(systemActor('test'), (tx) => tx.query(sql))));
      await t.owner.query(`ALTER TABLE plan_probe ADD COLUMN b int DEFAULT 2`);
      const plain = await Promise.all(Array.from({ length: 10 }, () => db.query(sql)));
      const inTx = await Promise.all(Array.from({ length: 10 }, () => db.tx(systemActor('test'), (tx) => tx.query(sql))));
      for (const rows of [...plain, ...inTx]) expect(rows).toEqual([{ a: 1, b: 2 }]);
    } finally {
      await t.owner.query(`DROP TABLE plan_probe`);
    }
  });
});
