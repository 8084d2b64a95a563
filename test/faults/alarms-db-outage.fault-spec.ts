import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TcpProxy } from '../setup/tcp-proxy';
import { TestSmtpServer, waitFor } from '../setup/notify-receivers';
import { TestApp, startTestApp } from '../setup/test-app';

/**
 * The job worker and a database outage: the database is cut for a few seconds while the worker idles
 * (its LISTEN connection and polls fail); once it is back an excursion is still notified, without a
 * restart of the service.
 */
let direct: TestApp;
let t: TestApp;
let proxy: TcpProxy;
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  direct = await startTestApp({ JOBS_CONCURRENCY: '0' });
  await direct.token('quality_assurance');
  await direct.token('lab_technician');
  const url = new URL(direct.databaseUrl);
  proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  await proxy.start();
  url.port = String(proxy.port);
  t = await startTestApp({ DATABASE_CONNECT_TIMEOUT_MS: '1500', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOBS_POLL_INTERVAL_MS: '100' }, { ...direct, databaseUrl: url.toString() } as TestApp);
});

afterAll(async () => {
  await proxy.restore().catch(() => undefined);
  await t.close();
  await direct.close();
  await proxy.stop();
  await smtp.stop();
});

describe('job worker across a database outage', () => {
  it('DESIGN 10: after the database comes back, a new excursion is e-mailed without restarting the service', async () => {
    const lab = { authorization: `Bearer ${await direct.token('lab_technician')}` };
    await new Promise((r) => setTimeout(r, 500));
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 4000));
    await proxy.restore();
    await waitFor('ready', async () => (await t.http().get('/api/v1/health/ready')).status === 200, 15_000, 250);
    const f = await t.http().post('/api/v1/storage/freezers').set(lab).send({ name: 'Outage dewar', type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 2, columns: 2 });
    expect(f.status).toBe(201);
    expect((await t.http().post(`/api/v1/storage/freezers/${f.body.id}/temperatures`).set(lab).send({ temperatureC: -100 })).status).toBe(201);
    const mail = await waitFor('excursion mail after the outage', () => smtp.to('quality_assurance@bank.test').find((m) => m.subject.includes('(Outage dewar)')), 30_000, 100);
    expect(mail.subject).toMatch(/CRITICAL/);
  });
});
