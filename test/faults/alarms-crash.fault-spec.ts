import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../src/database/embedded-postgres';
import { TestSmtpServer, waitFor } from '../setup/notify-receivers';
import { ServiceProcess } from '../setup/service-process';
import { TestApp, startTestApp } from '../setup/test-app';

/**
 * kill -9 the service while alarm e-mails are pending (the mail server is down), start the mail
 * server, restart the service: every pending delivery completes, each exactly once.
 */
let t: TestApp;
let svc: ServiceProcess;
let smtp: TestSmtpServer;

beforeAll(async () => {
  // the in-process app only creates users; it runs no jobs
  t = await startTestApp({ JOBS_CONCURRENCY: '0' });
  await t.token('quality_assurance');
  await t.token('lab_technician');
  smtp = new TestSmtpServer(await freePort());
  svc = new ServiceProcess({
    DATABASE_URL: t.databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ISBT_FACILITY_ID: 'W1234',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    JOBS_POLL_INTERVAL_MS: '100',
  });
  await svc.start();
});

afterAll(async () => {
  await svc.stop();
  await smtp.stop();
  await t.close();
});

describe('service crash with deliveries pending', () => {
  it('DESIGN 10: deliveries pending when the service is killed complete after restart, each exactly once', async () => {
    const lab = `Bearer ${await t.token('lab_technician')}`;
    const post = (path: string, body: unknown) =>
      fetch(`${svc.baseUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: lab }, body: JSON.stringify(body) });
    const alarmIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = (await (await post(`/storage/freezers`, { name: `Crash dewar ${i}`, type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 2, columns: 2 })).json()) as { id: string };
      expect((await post(`/storage/freezers/${f.id}/temperatures`, { temperatureC: -90 })).status).toBe(201);
      const { rows } = await t.owner.query(`SELECT id FROM alarms WHERE kind = 'excursion' AND freezer_id = $1`, [f.id]);
      alarmIds.push(rows[0].id);
    }
    // every delivery has failed at least once and waits for its retry
    await waitFor('10 deliveries pending after a failed attempt', async () => {
      const { rows } = await t.owner.query(
        `SELECT count(*)::int AS n FROM notification_deliveries WHERE alarm_id = ANY ($1::uuid[]) AND event = 'raised' AND state = 'pending' AND attempts >= 1`,
        [alarmIds],
      );
      return rows[0].n === 10;
    });
    await svc.kill9();
    await smtp.start();
    await svc.start();
    await waitFor('all delivered after restart', async () => {
      const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE alarm_id = ANY ($1::uuid[]) AND event = 'raised' AND state = 'delivered'`, [alarmIds]);
      return rows[0].n === 10;
    }, 60_000, 200);
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of alarmIds) {
      const mails = smtp.mails.filter((m) => m.raw.includes(id) && /ALARM/.test(m.subject));
      expect(mails.map((m) => m.to[0]).sort()).toEqual(['lab_technician@bank.test', 'quality_assurance@bank.test']);
    }
    const { rows } = await t.owner.query(
      `SELECT count(*)::int AS delivered FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE d.alarm_id = ANY ($1::uuid[]) AND d.event = 'raised' AND a.outcome = 'delivered'`,
      [alarmIds],
    );
    expect(rows[0].delivered).toBe(10);
  });
});
