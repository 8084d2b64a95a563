import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { testPool } from './pools';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { APP_ROLE, RuntimeSettings } from '../../src/config/runtime';
import type { Role } from '../../src/common/actor';
import { withDatabase } from './global-setup';

export const ADMIN = { email: 'admin@bank.test', password: 'admin-password-123' };
export const PASSWORD = 'staff-password-123';
/** The one-time password an administrator gives a new account (replaced by PASSWORD at first login). */
export const INITIAL_PASSWORD = 'one-time-password-123';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  /** The owner's pool (superuser on the test server), for assertions and for acting as "someone else". */
  owner: Pool;
  /** A pool logged in as the owner but running as the application's role, as the app does. */
  appRolePool: Pool;
  http(): request.Agent;
  token(role: Role | 'admin'): Promise<string>;
  /** A user holding every role at once (a user may hold several): for suites that drive every route. */
  allRolesToken(): Promise<string>;
  userId(role: Role | 'admin'): Promise<string>;
  close(): Promise<void>;
}

/**
 * Clones a database from the migrated template and starts the whole app on it, listening on a free
 * port. With `sameDatabaseAs`, starts a second, independent app instance on that test's database
 * (for races between two processes' worth of pools and caches).
 */
export async function startTestApp(env: Record<string, string> = {}, sameDatabaseAs?: TestApp, logStream?: NodeJS.WritableStream): Promise<TestApp> {
  const serverUrl = process.env.CBB_TEST_SERVER_URL!;
  const template = process.env.CBB_TEST_TEMPLATE!;
  const name = sameDatabaseAs ? new URL(sameDatabaseAs.databaseUrl).pathname.slice(1) : `${template.replace('tpl', 'f')}_${randomBytes(4).toString('hex')}`;
  const maint = testPool({ connectionString: serverUrl, max: 1 });
  // CREATE DATABASE ... TEMPLATE needs the template to be idle; parallel spec files may collide briefly
  for (let attempt = 0; !sameDatabaseAs; attempt++) {
    try {
      await maint.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (err) {
      if (attempt > 20 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await maint.end();
  const databaseUrl = sameDatabaseAs ? sameDatabaseAs.databaseUrl : withDatabase(serverUrl, name);
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    OUTCOMES_PSEUDONYM_SECRET: 'test-pseudonym-key-test-pseudonym-key-0123',
    ISBT_FACILITY_ID: 'W1234',
    ...env,
  });
  const settings = new RuntimeSettings(config, databaseUrl, databaseUrl, APP_ROLE, config.JWT_SECRET!);
  const app = await createApp(settings, { bufferLogs: false, logStream });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const owner = testPool({ connectionString: databaseUrl, max: 4 });
  const appRolePool = testPool({ connectionString: databaseUrl, max: 2, options: `-c role=${APP_ROLE}` });
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  const http = () => request.agent(baseUrl);

  async function login(email: string, password: string): Promise<{ token: string; id: string }> {
    const res = await http().post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.accessToken, id: res.body.user.id };
  }

  async function ensure(role: Role | 'admin' | 'all'): Promise<void> {
    if (tokens.has(role)) return;
    if (role === 'admin') {
      const { token, id } = await login(ADMIN.email, ADMIN.password);
      tokens.set(role, token);
      ids.set(role, id);
      return;
    }
    await ensure('admin');
    const email = `${role}@bank.test`;
    const roles = role === 'all' ? ['admin', 'coordinator', 'lab_technician', 'quality_assurance', 'medical_director', 'auditor'] : [role];
    const created = await http()
      .post('/api/v1/users')
      .set('authorization', `Bearer ${tokens.get('admin')}`)
      .send({ email, name: `Test ${role}`, password: INITIAL_PASSWORD, roles });
    if (created.status !== 201) throw new Error(`create ${role}: ${created.status} ${JSON.stringify(created.body)}`);
    // the administrator's password is one-time: the user sets their own (DESIGN.md section 6)
    const first = await login(email, INITIAL_PASSWORD);
    const changed = await http().post('/api/v1/auth/password').set('authorization', `Bearer ${first.token}`).send({ currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD });
    if (changed.status !== 200) throw new Error(`password of ${role}: ${changed.status} ${JSON.stringify(changed.body)}`);
    tokens.set(role, changed.body.accessToken);
    ids.set(role, first.id);
  }

  return {
    app,
    baseUrl,
    databaseUrl,
    owner,
    appRolePool,
    http,
    async token(role) {
      await ensure(role);
      return tokens.get(role)!;
    },
    async allRolesToken() {
      await ensure('all');
      return tokens.get('all')!;
    },
    async userId(role) {
      await ensure(role);
      return ids.get(role)!;
    },
    async close() {
      await app.close();
      await owner.end();
      await appRolePool.end();
      if (sameDatabaseAs) return;
      const m = testPool({ connectionString: serverUrl, max: 1 });
      await m.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await m.end();
    },
  };
}

/** Every problem+json answer has these. */
export function expectProblem(res: request.Response, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${res.headers['content-type']}`);
  }
  for (const k of ['type', 'title', 'status', 'detail']) {
    if (!(k in res.body)) throw new Error(`problem without ${k}: ${JSON.stringify(res.body)}`);
  }
}
