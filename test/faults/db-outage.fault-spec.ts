import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TcpProxy } from '../setup/tcp-proxy';
import { TestApp, expectProblem, startTestApp } from '../setup/test-app';

let t: TestApp;
let proxy: TcpProxy;

beforeAll(async () => {
  // a database of its own, reached through a proxy that the test can cut
  const direct = await startTestApp();
  const url = new URL(direct.databaseUrl);
  proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  await proxy.start();
  url.port = String(proxy.port);
  t = await startTestApp({ DATABASE_CONNECT_TIMEOUT_MS: '1500' }, { ...direct, databaseUrl: url.toString() } as TestApp);
  (globalThis as Record<string, unknown>).__direct = direct;
});

afterAll(async () => {
  await proxy.restore().catch(() => undefined);
  await t.close();
  await ((globalThis as Record<string, unknown>).__direct as TestApp).close();
  await proxy.stop();
});

describe('database outage', () => {
  it('answers 503 problem+json fast while the database is gone, and recovers by itself within 10 s', async () => {
    const token = await (async () => {
      const r = await t.http().post('/api/v1/auth/login').send({ email: 'admin@bank.test', password: 'admin-password-123' });
      return r.body.accessToken as string;
    })();
    expect((await t.http().get('/api/v1/health/ready')).status).toBe(200);
    await proxy.cut();
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 ? t.http().get('/api/v1/health/ready') : t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`),
      ),
    );
    const took = Date.now() - started;
    for (const r of results) expectProblem(r, 503);
    expect(took).toBeLessThan(8000);
    expect((await t.http().get('/api/v1/health')).status).toBe(200);

    await proxy.restore();
    const back = Date.now();
    let ready = 0;
    while (Date.now() - back < 10_000) {
      ready = (await t.http().get('/api/v1/health/ready')).status;
      if (ready === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready).toBe(200);
    process.stdout.write(`database outage: 10 requests answered 503 in ${took} ms; ready again ${Date.now() - back} ms after the database returned\n`);
    expect((await t.http().get('/api/v1/users').set('authorization', `Bearer ${token}`)).status).toBe(200);
  });
});
