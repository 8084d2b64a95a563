import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../src/database/embedded-postgres';
import { auth, createFreezer } from './setup/fixtures';
import { TestSmtpServer, waitFor } from './setup/notify-receivers';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * Delivery under failure and over several instances (DESIGN.md section 10): the mail server down,
 * then up; no mail server configured; two app instances on one database.
 */
/** A reading through `via` (another instance on the same database), as the user of `t`. */
async function reading(t: TestApp, freezerId: string, temperatureC: number, via: TestApp = t) {
  const res = await via.http().post(`/api/v1/storage/freezers/${freezerId}/temperatures`).set(await auth(t, 'lab_technician')).send({ temperatureC });
  expect(res.status).toBe(201);
}

async function excursionAlarm(t: TestApp, freezerId: string): Promise<string> {
  const { rows } = await t.owner.query(`SELECT id FROM alarms WHERE kind = 'excursion' AND freezer_id = $1`, [freezerId]);
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

describe('the mail server is down, then up', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOBS_POLL_INTERVAL_MS: '100' });
    await t.token('quality_assurance');
    await t.token('lab_technician');
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('DESIGN 10: deliveries wait and retry with backoff while the mail server is down; once it is up each recipient gets the mail exactly once', async () => {
    const f = await createFreezer(t);
    await reading(t, f.id, -100);
    const alarmId = await excursionAlarm(t, f.id);
    // the first attempts fail (nothing listens): recorded, the delivery stays pending
    await waitFor('failed first attempts', async () => {
      const { rows } = await t.owner.query(
        `SELECT d.state, count(a.*)::int AS failed FROM notification_deliveries d LEFT JOIN notification_attempts a ON a.delivery_id = d.id AND a.outcome = 'failed'
          WHERE d.alarm_id = $1 AND d.event = 'raised' GROUP BY d.id, d.state`,
        [alarmId],
      );
      return rows.length === 2 && rows.every((r) => r.failed >= 1 && r.state === 'pending');
    });
    const res = await t.http().get(`/api/v1/notifications/deliveries?alarmId=${alarmId}&state=pending`).set(await auth(t, 'quality_assurance'));
    expect(res.body.items[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(res.body.items[0].attemptLog[0]).toMatchObject({ attempt: 1, outcome: 'failed' });

    await smtp.start();
    await waitFor('delivered', async () => {
      const { rows } = await t.owner.query(`SELECT state FROM notification_deliveries WHERE alarm_id = $1 AND event = 'raised'`, [alarmId]);
      return rows.every((r) => r.state === 'delivered');
    }, 30_000, 100);
    // the queue may still hold nothing for it: wait a little and count
    await new Promise((r) => setTimeout(r, 1000));
    const mails = smtp.mails.filter((m) => m.raw.includes(alarmId) && /ALARM/.test(m.subject));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['lab_technician@bank.test', 'quality_assurance@bank.test']);
    const { rows } = await t.owner.query(
      `SELECT d.recipient, array_agg(a.outcome ORDER BY a.attempt) AS outcomes FROM notification_deliveries d JOIN notification_attempts a ON a.delivery_id = d.id
        WHERE d.alarm_id = $1 AND d.event = 'raised' GROUP BY d.recipient`,
      [alarmId],
    );
    for (const r of rows) expect(r.outcomes[r.outcomes.length - 1]).toBe('delivered');
    for (const r of rows) expect(r.outcomes.filter((o: string) => o === 'delivered')).toHaveLength(1);
  });
});

describe('no mail server configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JOBS_POLL_INTERVAL_MS: '100' });
    await t.token('quality_assurance');
  });
  afterAll(async () => t?.close());

  it('DESIGN 10: without SMTP_URL an alarm e-mail is recorded as not_configured, never dropped silently', async () => {
    const f = await createFreezer(t);
    await reading(t, f.id, -100);
    const alarmId = await excursionAlarm(t, f.id);
    const items = await waitFor('deliveries recorded', async () => {
      const res = await t.http().get(`/api/v1/notifications/deliveries?alarmId=${alarmId}`).set(await auth(t, 'quality_assurance'));
      return res.body.items.length >= 2 ? (res.body.items as { recipient: string; state: string; lastError: string }[]) : undefined;
    });
    expect(items.map((d) => d.state)).toEqual(['not_configured', 'not_configured']);
    expect(items[0].lastError).toMatch(/SMTP_URL/);
  });
});

describe('two app instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOBS_POLL_INTERVAL_MS: '100', FREEZER_SILENCE_MINUTES: String(2 / 60) };
    a = await startTestApp(env);
    b = await startTestApp(env, a);
    await a.token('quality_assurance');
    await a.token('lab_technician');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp.stop();
  });

  it('DESIGN 10: each job runs once: 12 excursions over two instances give one alarm and one mail per recipient each; silent freezers raise one alarm each', async () => {
    const freezers = await Promise.all(Array.from({ length: 12 }, () => createFreezer(a)));
    await Promise.all(freezers.map((f, i) => reading(a, f.id, -100, i % 2 ? a : b)));
    const { rows: alarms } = await a.owner.query(`SELECT id FROM alarms WHERE kind = 'excursion'`);
    expect(alarms).toHaveLength(12);
    await waitFor('24 mails', () => smtp.mails.filter((m) => /ALARM/.test(m.subject) && /excursion/i.test(m.subject)).length >= 24, 30_000, 100);
    // silent freezers: both sweeps see them, one alarm each
    await waitFor('12 silent-freezer alarms', async () => {
      const { rows } = await a.owner.query(`SELECT count(*)::int AS n FROM alarms WHERE kind = 'freezer_silent'`);
      return rows[0].n >= 12;
    }, 20_000, 100);
    await new Promise((r) => setTimeout(r, 1500));
    const { rows: silent } = await a.owner.query(`SELECT freezer_id, count(*)::int AS n FROM alarms WHERE kind = 'freezer_silent' GROUP BY freezer_id`);
    expect(silent).toHaveLength(12);
    expect(silent.every((s) => s.n === 1)).toBe(true);

    const excursionMails = smtp.mails.filter((m) => /ALARM/.test(m.subject) && /excursion/i.test(m.subject));
    expect(excursionMails).toHaveLength(24);
    expect(new Set(excursionMails.map((m) => m.messageId)).size).toBe(24);
    for (const { id } of alarms) {
      expect(excursionMails.filter((m) => m.raw.includes(id)).map((m) => m.to[0]).sort()).toEqual(['lab_technician@bank.test', 'quality_assurance@bank.test']);
    }
    const { rows: attempts } = await a.owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT delivery_id)::int AS deliveries, count(DISTINCT worker)::int AS workers
         FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id JOIN alarms al ON al.id = d.alarm_id
        WHERE al.kind = 'excursion' AND d.event = 'raised'`,
    );
    expect(attempts[0]).toMatchObject({ n: 24, deliveries: 24 });
    // which instance sent which is the queue's choice; the attempt log names the worker of each
    expect(attempts[0].workers).toBeGreaterThanOrEqual(1);
  });
});

describe('a worker killed in the middle of a fan-out', () => {
  let a: TestApp;
  let b: TestApp | undefined;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    // instance a runs no jobs: the alarm's notification job waits in the queue
    a = await startTestApp({ JOBS_CONCURRENCY: '0', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    await a.token('quality_assurance');
    await a.token('lab_technician');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp.stop();
  });

  it('DESIGN 10: a notification job left locked by a dead worker is queued again by the sweep; the mail goes out once', async () => {
    const f = await createFreezer(a);
    await reading(a, f.id, -100);
    const alarmId = await excursionAlarm(a, f.id);
    // as if a worker had taken the job and died: graphile-worker keeps such a lock for 4 hours
    const locked = await a.owner.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'dead-worker' WHERE key = $1 RETURNING id`, [`notify:${alarmId}:raised`]);
    expect(locked.rowCount).toBe(1);
    await a.owner.query(`UPDATE alarm_notifications SET enqueued_at = now() - interval '2 minutes' WHERE alarm_id = $1`, [alarmId]);
    b = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOBS_POLL_INTERVAL_MS: '100' }, a);
    await waitFor('mails after the sweep re-queued the fan-out', () => smtp.mails.filter((m) => m.raw.includes(alarmId)).length >= 2, 20_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.filter((m) => m.raw.includes(alarmId)).map((m) => m.to[0]).sort()).toEqual(['lab_technician@bank.test', 'quality_assurance@bank.test']);
    const { rows } = await a.owner.query(`SELECT fanned_out_at FROM alarm_notifications WHERE alarm_id = $1 AND event = 'raised'`, [alarmId]);
    expect(rows[0].fanned_out_at).not.toBeNull();
  });
});
