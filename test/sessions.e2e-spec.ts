import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { INITIAL_PASSWORD, PASSWORD, TestApp, expectProblem, startTestApp } from './setup/test-app';
import { auth, collect, createDonor, staffUser } from './setup/fixtures';

/**
 * Sessions and passwords (DESIGN.md section 6; 21 CFR Part 11.10(d), 11.300(b), (d)): a token stops
 * working at once when its account is locked, deactivated, has its roles changed or its password
 * reset — decided by the database on every request, so on every instance; a password an
 * administrator sets is one-time; every user changes their own password.
 */
let t: TestApp;
let other: TestApp; // a second app instance on the same database
beforeAll(async () => {
  t = await startTestApp();
  other = await startTestApp({}, t);
}, 60_000);
afterAll(async () => {
  await other.close();
  await t.close();
});

const userChain = async (id: string) => {
  const res = await t.http().get(`/api/v1/audit?chain=user:${id}`).set(await auth(t, 'auditor'));
  expect(res.status).toBe(200);
  return (res.body.items as { seq: number; action: string; actorType: string; actorId: string; reason: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]).reverse();
};

describe('a token stops working at once (DESIGN.md section 6)', () => {
  it('DESIGN 6: a token stops working at once after lockout (five wrong e-signatures), on every instance, and nothing more is changed with it', async () => {
    const qa = await staffUser(t, ['quality_assurance'], 'Locked QA');
    const { unit } = await collect(t, (await createDonor(t)).id);
    // the token works on both instances
    expect((await other.http().get(`/api/v1/units/${unit.din}`).set(qa.headers)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa.headers).send({ to: 'discarded', reason: 'test', signature: { email: qa.email, password: 'wrong-password-x', meaning: 'discard' } });
      expectProblem(res, 401);
    }
    // locked: the same token, the right password, on the other instance — refused, and the unit unchanged
    const after = await other.http().post(`/api/v1/units/${unit.din}/status`).set(qa.headers).send({ to: 'on_hold', reason: 'made with a locked account\'s token' });
    expectProblem(after, 401);
    expect(after.body.detail).toMatch(/no longer valid/);
    expectProblem(await t.http().get(`/api/v1/units/${unit.din}`).set(qa.headers), 401);
    expect((await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [unit.din])).rows[0].status).toBe('collected');
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: qa.email, password: PASSWORD }), 429);
  });

  it('DESIGN 6: a token stops working at once after a password reset, a role change or deactivation, on the other instance too', async () => {
    const admin = await auth(t, 'admin');
    for (const change of [{ password: 'reset-by-admin-0001' }, { roles: ['auditor'] }, { active: false }]) {
      const u = await staffUser(t, ['coordinator'], 'Session');
      expect((await other.http().get('/api/v1/units').set(u.headers)).status).toBe(200);
      await t.http().patch(`/api/v1/users/${u.id}`).set(admin).send(change).expect(200);
      const res = await other.http().get('/api/v1/units').set(u.headers);
      expectProblem(res, 401);
    }
  });

  it('DESIGN 6: the session version is kept by the database: the application role can not set it back', async () => {
    const u = await staffUser(t, ['auditor'], 'Version');
    const before = (await t.owner.query(`SELECT token_version FROM users WHERE id = $1`, [u.id])).rows[0].token_version as number;
    const c = await t.appRolePool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      await c.query(`UPDATE users SET roles = ARRAY['coordinator'], token_version = $2 WHERE id = $1`, [u.id, before]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    expect((await t.owner.query(`SELECT token_version FROM users WHERE id = $1`, [u.id])).rows[0].token_version).toBe(before + 1);
    expectProblem(await t.http().get('/api/v1/units').set(u.headers), 401);
  });

  it('DESIGN 6: the user list shows who is locked out and until when', async () => {
    const u = await staffUser(t, ['auditor'], 'Lock Listed');
    for (let i = 0; i < 5; i++) await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'wrong-password-x' });
    const list = await t.http().get('/api/v1/users').set(await auth(t, 'admin'));
    expect(list.status).toBe(200);
    const row = list.body.items.find((x: { id: string }) => x.id === u.id);
    expect(row).toMatchObject({ id: u.id, active: true, mustChangePassword: false });
    expect(new Date(row.lockedUntil).getTime()).toBeGreaterThan(Date.now() + 60_000);
    const unlocked = list.body.items.find((x: { id: string }) => x.id === (list.body.items as { id: string; email: string }[]).find((y) => y.email === 'admin@bank.test')!.id);
    expect(unlocked.lockedUntil).toBeNull();
  });
});

describe('one-time passwords and POST /auth/password (Part 11.300(b))', () => {
  it('Part 11.300(b): an admin reset gives a one-time password that reaches only POST /auth/password until the user replaces it; the administrator never knows a working password', async () => {
    const u = await staffUser(t, ['lab_technician'], 'Reset Me');
    const admin = await auth(t, 'admin');
    const oneTime = 'given-by-the-admin-42';
    const reset = await t.http().patch(`/api/v1/users/${u.id}`).set(admin).send({ password: oneTime });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ mustChangePassword: true });
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD }), 401);
    const login = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: oneTime });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: u.id, mustChangePassword: true });
    const pending = { authorization: `Bearer ${login.body.accessToken}` };
    // every other route refuses it, reads included
    for (const [method, path] of [['get', '/api/v1/units'], ['get', '/api/v1/storage/freezers'], ['post', '/api/v1/storage/freezers']] as const) {
      const res = await t.http()[method](path).set(pending).send({});
      expectProblem(res, 403);
      expect(res.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expectProblem(await t.http().post('/api/v1/auth/password').set(pending).send({ currentPassword: 'not-it-at-all', newPassword: 'my-own-password-77' }), 401);
    const same = await t.http().post('/api/v1/auth/password').set(pending).send({ currentPassword: oneTime, newPassword: oneTime });
    expectProblem(same, 422);
    expectProblem(await t.http().post('/api/v1/auth/password').set(pending).send({ currentPassword: oneTime, newPassword: 'short' }), 422);
    const changed = await t.http().post('/api/v1/auth/password').set(pending).send({ currentPassword: oneTime, newPassword: 'my-own-password-77' });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ id: u.id, mustChangePassword: false });
    expect((await t.http().get('/api/v1/units').set('authorization', `Bearer ${changed.body.accessToken}`)).status).toBe(200);
    // the one-time password, and its token, work no more: what the administrator knew is useless
    expectProblem(await t.http().get('/api/v1/units').set(pending), 401);
    expectProblem(await t.http().post('/api/v1/auth/login').send({ email: u.email, password: oneTime }), 401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'my-own-password-77' })).status).toBe(200);
  });

  it('Part 11.300(b) / 11.10(e): a new account\'s password is one-time too, and every user changes their own password, audited on their chain without secrets', async () => {
    const admin = await auth(t, 'admin');
    const email = `selfchange-${Date.now()}@bank.test`;
    const created = await t.http().post('/api/v1/users').set(admin).send({ email, name: 'Self Change', password: INITIAL_PASSWORD, roles: ['auditor'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    const first = await t.http().post('/api/v1/auth/login').send({ email, password: INITIAL_PASSWORD });
    expect(first.body.user.mustChangePassword).toBe(true);
    expectProblem(await t.http().get('/api/v1/audit').set('authorization', `Bearer ${first.body.accessToken}`), 403);
    const own = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${first.body.accessToken}`).send({ currentPassword: INITIAL_PASSWORD, newPassword: 'first-own-password-1' });
    expect(own.status).toBe(200);
    // an ordinary change later, by the user, ends the other sessions
    const second = await t.http().post('/api/v1/auth/login').send({ email, password: 'first-own-password-1' });
    const again = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${second.body.accessToken}`).send({ currentPassword: 'first-own-password-1', newPassword: 'second-own-password-2' });
    expect(again.status).toBe(200);
    expectProblem(await t.http().get('/api/v1/audit').set('authorization', `Bearer ${own.body.accessToken}`), 401);
    expect((await t.http().get('/api/v1/audit').set('authorization', `Bearer ${again.body.accessToken}`)).status).toBe(200);

    const chain = await userChain(created.body.id);
    expect(chain.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ['user.created', 'user', await t.userId('admin')],
      ['user.password_changed', 'user', created.body.id],
      ['user.password_changed', 'user', created.body.id],
    ]);
    expect(chain[1]).toMatchObject({ before: { must_change_password: true, password_hash: '[set]' }, after: { must_change_password: false, password_hash: '[changed]' } });
    const all = JSON.stringify(chain);
    for (const secret of [INITIAL_PASSWORD, 'first-own-password-1', 'second-own-password-2', '$argon2']) expect(all).not.toContain(secret);
    const stored = await t.owner.query(`SELECT password_hash FROM users WHERE id = $1`, [created.body.id]);
    expect(all).not.toContain(stored.rows[0].password_hash);
  });
});

describe('the first administrator (DESIGN.md section 3)', () => {
  it('DESIGN 3: a first start with no user and no ADMIN_* creates one administrator with a one-time password printed once, even with two instances starting at once', async () => {
    const base = await startTestApp();
    try {
      // an empty bank: no user yet (the test app made one from ADMIN_*)
      await base.owner.query(`DELETE FROM users`);
      const printed: string[] = [];
      const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      });
      let apps: TestApp[] = [];
      try {
        apps = await Promise.all([startTestApp({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, base), startTestApp({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, base)]);
      } finally {
        spy.mockRestore();
      }
      try {
        const users = (await base.owner.query(`SELECT id, email, roles, must_change_password FROM users`)).rows;
        expect(users).toEqual([expect.objectContaining({ email: 'admin@localhost', roles: ['admin'], must_change_password: true })]);
        const banners = printed.filter((p) => p.includes('one-time password:'));
        expect(banners).toHaveLength(1);
        expect(banners[0]).toMatch(/POST .*\/api\/v1\/auth\/password/);
        const password = /one-time password:\s+(\S+)/.exec(banners[0])![1];
        expect(password.length).toBeGreaterThanOrEqual(20);
        // the printed password logs in, reaches only POST /auth/password, and is replaced there
        const login = await apps[1].http().post('/api/v1/auth/login').send({ email: 'admin@localhost', password });
        expect(login.status).toBe(200);
        const token = { authorization: `Bearer ${login.body.accessToken}` };
        expectProblem(await apps[0].http().get('/api/v1/users').set(token), 403);
        const changed = await apps[0].http().post('/api/v1/auth/password').set(token).send({ currentPassword: password, newPassword: 'the-administrator-own-1' });
        expect(changed.status).toBe(200);
        expect((await apps[1].http().get('/api/v1/users').set('authorization', `Bearer ${changed.body.accessToken}`)).status).toBe(200);
        // audited as created by the system at start
        const first = (await base.owner.query(`SELECT action, actor_id, reason FROM audit_entries WHERE chain = $1 ORDER BY seq LIMIT 1`, [`user:${users[0].id}`])).rows[0];
        expect(first).toMatchObject({ action: 'user.created', actor_id: 'bootstrap' });
        expect(first.reason).toMatch(/generated one-time password/);
        expect(JSON.stringify(await base.owner.query(`SELECT before, after FROM audit_entries WHERE chain = $1`, [`user:${users[0].id}`]))).not.toContain(password);
      } finally {
        for (const a of apps) await a.close();
      }
      // a later start, users present, prints nothing and creates nobody
      const printedLater: string[] = [];
      const spy2 = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printedLater.push(String(chunk));
        return true;
      });
      try {
        const later = await startTestApp({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, base);
        await later.close();
      } finally {
        spy2.mockRestore();
      }
      expect(printedLater.filter((p) => p.includes('one-time password'))).toEqual([]);
      expect((await base.owner.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n).toBe(1);
    } finally {
      await base.close();
    }
  }, 60_000);
});
