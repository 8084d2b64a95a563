import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { checkAnchor } from '../src/audit/anchor';
import { auth, createFreezer, asSystem } from './setup/fixtures';
import { TestSmtpServer, TestWebhookReceiver, waitFor } from './setup/notify-receivers';
import { expectProblem, startTestApp, type TestApp } from './setup/test-app';

/**
 * Alarms and notifications (DESIGN.md section 10) with real parts: an SMTP server and a webhook
 * receiver in the test process, the real job queue (graphile-worker) on the test's PostgreSQL.
 */
let t: TestApp;
const smtp = new TestSmtpServer();
const receiver = new TestWebhookReceiver();
const anchorDir = mkdtempSync(join(tmpdir(), 'cbb-anchors-'));
const ESCALATE_SECONDS = 4;
const SILENCE_SECONDS = 3;

const env = () => ({
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  JOBS_POLL_INTERVAL_MS: '100',
  ALARM_ESCALATE_MINUTES: String(ESCALATE_SECONDS / 60),
  FREEZER_SILENCE_MINUTES: String(SILENCE_SECONDS / 60),
  AUDIT_ANCHOR_DIR: anchorDir,
});

beforeAll(async () => {
  await smtp.start();
  await receiver.start();
  t = await startTestApp(env());
  // the staff who receive e-mail (default subscriptions: QA and lab; escalations QA and medical director)
  for (const role of ['quality_assurance', 'lab_technician', 'medical_director', 'auditor', 'coordinator'] as const) await t.token(role);
  const hook = await t.http().post('/api/v1/webhooks').set(await auth(t, 'admin')).send({ url: receiver.url, events: ['alarm.raised', 'alarm.escalated', 'alarm.cleared', 'alarm.acknowledged'] });
  expect(hook.status).toBe(201);
  receiver.secret = hook.body.secret;
});

afterAll(async () => {
  await t?.close();
  await smtp.stop();
  await receiver.stop();
});

async function reading(freezerId: string, temperatureC: number) {
  const res = await t.http().post(`/api/v1/storage/freezers/${freezerId}/temperatures`).set(await auth(t, 'lab_technician')).send({ temperatureC });
  expect(res.status).toBe(201);
  return res.body;
}

async function alarmFor(kind: string, freezerId: string, state?: string) {
  const res = await t.http().get(`/api/v1/alarms?kind=${kind}${state ? `&state=${state}` : ''}&limit=200`).set(await auth(t, 'coordinator'));
  expect(res.status).toBe(200);
  return (res.body.items as { id: string; freezerId: string; state: string; severity: string; escalatedAt: string | null }[]).find((a) => a.freezerId === freezerId);
}

describe('excursion alarms', () => {
  it('21 CFR 1271.260(d)/(e), FACT-NetCord storage alarms: a reading above the limit raises a critical alarm in its own transaction, e-mails the subscribed roles and posts a signed webhook', async () => {
    const f = await createFreezer(t);
    const r = await reading(f.id, -120);
    expect(r.excursion.effect).toBe('opened');
    // raised by the database in the reading's transaction: there as soon as the reading is answered
    const alarm = await alarmFor('excursion', f.id);
    expect(alarm).toMatchObject({ state: 'open', severity: 'critical' });
    const { rows } = await t.owner.query(`SELECT subject_id FROM alarms WHERE id = $1`, [alarm!.id]);
    expect(rows[0].subject_id).toBe(r.excursion.id);

    const qaMail = await waitFor('mail to QA', () => smtp.to('quality_assurance@bank.test').find((m) => m.raw.includes(alarm!.id)));
    expect(qaMail.subject).toMatch(/CRITICAL.*Temperature excursion/);
    await waitFor('mail to the lab', () => smtp.to('lab_technician@bank.test').find((m) => m.raw.includes(alarm!.id)));
    const hook = await waitFor('webhook', () => receiver.hooks.find((h) => h.json.alarm.id === alarm!.id && h.json.event === 'alarm.raised'));
    expect(hook.signatureValid).toBe(true);
    expect(hook.headers['x-cbb-delivery']).toBe(hook.json.deliveryId);
    // roles not subscribed to "raised" get nothing
    expect(smtp.to('coordinator@bank.test').filter((m) => m.raw.includes(alarm!.id))).toHaveLength(0);

    const deliveries = await waitFor('deliveries recorded delivered', async () => {
      const res = await t.http().get(`/api/v1/notifications/deliveries?alarmId=${alarm!.id}`).set(await auth(t, 'auditor'));
      const raised = (res.body.items as { event: string; state: string }[]).filter((d) => d.event === 'raised');
      return raised.length === 3 && raised.every((d) => d.state === 'delivered') ? raised : undefined;
    });
    for (const d of deliveries as unknown as { attempts: number; attemptLog: { outcome: string }[] }[]) {
      expect(d.attempts).toBe(1);
      expect(d.attemptLog.map((a) => a.outcome)).toEqual(['delivered']);
    }

    // back in range: the alarm clears in the reading's transaction, and "cleared" is notified
    await reading(f.id, -190);
    expect((await alarmFor('excursion', f.id))!.state).toBe('cleared');
    await waitFor('cleared mail', () => smtp.to('quality_assurance@bank.test').find((m) => m.raw.includes(alarm!.id) && /Cleared/.test(m.subject)));
  });

  it('FACT-NetCord storage alarms (bank policy): an unacknowledged critical alarm escalates after ALARM_ESCALATE_MINUTES and notifies the escalation roles', async () => {
    const f = await createFreezer(t);
    await reading(f.id, -100);
    const alarm = await alarmFor('excursion', f.id);
    const escalated = await waitFor('escalation', async () => {
      const a = await alarmFor('excursion', f.id);
      return a?.state === 'escalated' ? a : undefined;
    }, 20_000, 200);
    expect(new Date(escalated.escalatedAt!).getTime() - new Date((await t.http().get(`/api/v1/alarms/${alarm!.id}`).set(await auth(t, 'auditor'))).body.raisedAt).getTime()).toBeGreaterThanOrEqual(ESCALATE_SECONDS * 1000 - 50);
    const md = await waitFor('escalation mail to the medical director', () => smtp.to('medical_director@bank.test').find((m) => m.raw.includes(alarm!.id)));
    expect(md.subject).toMatch(/ESCALATED/);
    // the medical director is an escalation role only: no mail when it was raised
    expect(smtp.to('medical_director@bank.test').filter((m) => m.raw.includes(alarm!.id))).toHaveLength(1);
  });

  it('21 CFR 1271.260(d), Part 11.10(e): QA acknowledges an alarm with a note (documented corrective action) on the alarm audit chain; others may not; twice is 409', async () => {
    const f = await createFreezer(t);
    await reading(f.id, -100);
    const alarm = (await alarmFor('excursion', f.id))!;
    const path = `/api/v1/alarms/${alarm.id}/acknowledge`;
    expectProblem(await t.http().post(path).set(await auth(t, 'lab_technician')).send({ note: 'seen' }), 403);
    expectProblem(await t.http().post(path).set(await auth(t, 'quality_assurance')).send({}), 422);
    expectProblem(await t.http().post(path).set(await auth(t, 'quality_assurance')).send({ note: '    ' }), 422);
    expectProblem(await t.http().post(`/api/v1/alarms/00000000-0000-4000-8000-000000000000/acknowledge`).set(await auth(t, 'quality_assurance')).send({ note: 'seen' }), 404);
    const ack = await t.http().post(path).set(await auth(t, 'quality_assurance')).send({ note: 'lid left open during retrieval; closed' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgementNote: 'lid left open during retrieval; closed', acknowledgedBy: { id: await t.userId('quality_assurance') } });
    expectProblem(await t.http().post(path).set(await auth(t, 'quality_assurance')).send({ note: 'again' }), 409);

    const trail = await t.http().get(`/api/v1/audit?chain=alarm:${alarm.id}`).set(await auth(t, 'auditor'));
    expect(trail.status).toBe(200);
    const actions = (trail.body.items as { action: string; reason: string | null; actor: { id: string } | string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['alarm.raised', 'alarm.acknowledged']));
    const ackEntry = (trail.body.items as { action: string; reason: string | null }[]).find((e) => e.action === 'alarm.acknowledged')!;
    expect(ackEntry.reason).toBe('lid left open during retrieval; closed');
    const { rows } = await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1`, [`alarm:${alarm.id}`]);
    expect(rows[0].n).toBeGreaterThanOrEqual(2);

    // acknowledged: it does not escalate
    await new Promise((r) => setTimeout(r, ESCALATE_SECONDS * 1000 + 500));
    expect((await alarmFor('excursion', f.id))!.state).toBe('acknowledged');
    // the database refuses a state the machine does not allow, whoever asks
    await expect(t.appRolePool.query(`UPDATE alarms SET state = 'open' WHERE id = $1`, [alarm.id])).rejects.toThrow(/not allowed/);
  });

  it('GET /alarms filters by state; a bad state is 422', async () => {
    const res = await t.http().get('/api/v1/alarms?state=acknowledged').set(await auth(t, 'lab_technician'));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((a: { state: string }) => a.state === 'acknowledged')).toBe(true);
    expectProblem(await t.http().get('/api/v1/alarms?state=panic').set(await auth(t, 'lab_technician')), 422);
    expectProblem(await t.http().get('/api/v1/alarms'), 401);
  });
});

describe('silent freezers', () => {
  it('21 CFR 1271.260(e), FACT-NetCord storage alarms: a freezer with no reading for FREEZER_SILENCE_MINUTES raises a critical alarm; it clears when the freezer reports again', async () => {
    const f = await createFreezer(t);
    await reading(f.id, -190);
    const { rows } = await t.owner.query(`SELECT last_reading_at FROM freezer_heartbeats WHERE freezer_id = $1`, [f.id]);
    const deadline = new Date(rows[0].last_reading_at).getTime() + SILENCE_SECONDS * 1000;
    const alarm = await waitFor('silent-freezer alarm', () => alarmFor('freezer_silent', f.id, 'open'), 20_000, 100);
    expect(alarm.severity).toBe('critical');
    const raised = (await t.http().get(`/api/v1/alarms/${alarm.id}`).set(await auth(t, 'auditor'))).body.raisedAt;
    const lateness = new Date(raised).getTime() - deadline;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(5000);
    await waitFor('silent-freezer mail', () => smtp.to('quality_assurance@bank.test').find((m) => m.raw.includes(alarm.id)));

    await reading(f.id, -191);
    const cleared = (await t.http().get(`/api/v1/alarms/${alarm.id}`).set(await auth(t, 'auditor'))).body;
    expect(cleared).toMatchObject({ state: 'cleared', clearedReason: 'the freezer reported again' });
  });
});

describe('notification settings', () => {
  it('Part 11.10(e): admin replaces the subscriptions (audited); other roles may not; an unknown kind is 422', async () => {
    const before = (await t.http().get('/api/v1/notifications/subscriptions').set(await auth(t, 'quality_assurance'))).body;
    expect(before.kinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['excursion', 'freezer_silent', 'parked_lab_events']));
    const items = [...before.items, { role: 'coordinator', alarmKind: 'parked_lab_events', event: 'raised' }];
    expectProblem(await t.http().put('/api/v1/notifications/subscriptions').set(await auth(t, 'quality_assurance')).send({ items }), 403);
    expectProblem(await t.http().put('/api/v1/notifications/subscriptions').set(await auth(t, 'admin')).send({ items: [{ role: 'coordinator', alarmKind: 'meteor', event: 'raised' }] }), 422);
    expectProblem(await t.http().put('/api/v1/notifications/subscriptions').set(await auth(t, 'admin')).send({ items: [{ role: 'janitor', alarmKind: 'excursion', event: 'raised' }] }), 422);
    // nobody told of a critical kind: refused
    const untold = await t.http().put('/api/v1/notifications/subscriptions').set(await auth(t, 'admin')).send({ items: [{ role: 'quality_assurance', alarmKind: 'excursion', event: 'raised' }] });
    expectProblem(untold, 422);
    expect(JSON.stringify(untold.body.errors)).toMatch(/freezer_silent/);
    const put = await t.http().put('/api/v1/notifications/subscriptions').set(await auth(t, 'admin')).send({ items });
    expect(put.status).toBe(200);
    expect(put.body.items).toContainEqual({ role: 'coordinator', alarmKind: 'parked_lab_events', event: 'raised' });
    const { rows } = await t.owner.query(`SELECT action, after FROM audit_entries WHERE chain = 'notification_subscriptions' ORDER BY seq DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({ action: 'notification.subscriptions.changed', after: { role: 'coordinator', alarm_kind: 'parked_lab_events', event: 'raised' } });
  });

  it('webhooks: admin only; the secret is shown once, never listed, and not in the audit trail; a bad URL or event is 422', async () => {
    expectProblem(await t.http().post('/api/v1/webhooks').set(await auth(t, 'quality_assurance')).send({ url: receiver.url, events: ['alarm.raised'] }), 403);
    expectProblem(await t.http().post('/api/v1/webhooks').set(await auth(t, 'admin')).send({ url: 'ftp://x', events: ['alarm.raised'] }), 422);
    expectProblem(await t.http().post('/api/v1/webhooks').set(await auth(t, 'admin')).send({ url: receiver.url, events: ['unit.shipped'] }), 422);
    const list = await t.http().get('/api/v1/webhooks').set(await auth(t, 'admin'));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(list.body)).not.toContain(receiver.secret);
    const { rows } = await t.owner.query(`SELECT after::text AS a FROM audit_entries WHERE chain LIKE 'webhook:%'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.a).join()).not.toContain(receiver.secret);
  });
});

describe('daily audit anchors', () => {
  it('Part 11.10(e): the scheduled anchor job writes an anchor to AUDIT_ANCHOR_DIR and records its SHA-256; GET /audit/anchors lists it', async () => {
    const { rows: cron } = await t.owner.query(`SELECT identifier FROM graphile_worker._private_known_crontabs`);
    expect(cron.map((c) => c.identifier)).toEqual(expect.arrayContaining(['audit.anchor.daily', 'alarms.sweep.minutely']));
    // the scheduled run, as the cron would enqueue it
    const ts = new Date(Math.floor(Date.now() / 60000) * 60000).toISOString();
    await t.owner.query(`SELECT graphile_worker.add_job('audit.anchor', json_build_object('_cron', json_build_object('ts', $1::text, 'backfilled', false)))`, [ts]);
    const anchor = await waitFor('anchor recorded', async () => {
      const res = await t.http().get('/api/v1/audit/anchors').set(await auth(t, 'auditor'));
      return (res.body.items as { scheduledFor: string; file: string; sha256: string; chains: number }[]).find((a) => a.scheduledFor === ts);
    });
    expect(createHash('sha256').update(readFileSync(anchor.file)).digest('hex')).toBe(anchor.sha256);
    expect(anchor.file.startsWith(anchorDir)).toBe(true);
    const client = await t.owner.connect();
    try {
      const check = await checkAnchor(client as unknown as Client, anchor.file);
      expect(check.mismatches).toEqual([]);
      expect(check.sha256).toBe(anchor.sha256);
    } finally {
      client.release();
    }
    expectProblem(await t.http().get('/api/v1/audit/anchors').set(await auth(t, 'lab_technician')), 403);
  });
});

describe('webhook receiver down, then up', () => {
  it('DESIGN 10: a receiver answering 503 has the call retried with backoff until it answers 2xx; each attempt is listed; delivered once', async () => {
    receiver.status = 503;
    const f = await createFreezer(t);
    await reading(f.id, -100);
    const alarm = (await alarmFor('excursion', f.id))!;
    const path = `/api/v1/notifications/deliveries?alarmId=${alarm.id}&channel=webhook`;
    await waitFor('a refused attempt', async () => {
      const res = await t.http().get(path).set(await auth(t, 'admin'));
      const d = res.body.items.find((x: { event: string }) => x.event === 'raised');
      return d?.attemptLog.some((a: { responseStatus: number }) => a.responseStatus === 503) ? d : undefined;
    });
    receiver.status = 200;
    const hook = await waitFor('webhook after retry', () => receiver.hooks.find((h) => h.json.alarm.id === alarm.id && h.json.event === 'alarm.raised'), 30_000);
    expect(hook.signatureValid).toBe(true);
    const delivered = await waitFor('delivered', async () => {
      const res = await t.http().get(path).set(await auth(t, 'admin'));
      const d = res.body.items.find((x: { event: string }) => x.event === 'raised');
      return d?.state === 'delivered' ? d : undefined;
    });
    expect(delivered.attemptLog.map((a: { outcome: string }) => a.outcome).slice(-1)).toEqual(['delivered']);
    expect(delivered.attemptLog.filter((a: { outcome: string }) => a.outcome === 'delivered')).toHaveLength(1);
    expect(receiver.hooks.filter((h) => h.json.alarm.id === alarm.id && h.json.event === 'alarm.raised')).toHaveLength(1);
    const byHook = await t.http().get(`/api/v1/webhooks/${delivered.recipient}/deliveries`).set(await auth(t, 'auditor'));
    expect(byHook.status).toBe(200);
    expect(byHook.body.items.some((d: { id: string }) => d.id === delivered.id)).toBe(true);
  });
});

describe('parked lab events', () => {
  it('DESIGN 7/10: a lab event parked for more than a day raises one warning alarm; it clears when none is left', async () => {
    const key = (await t.http().post('/api/v1/integrations').set(await auth(t, 'admin')).send({ name: 'parked-lims' })).body.apiKey as string;
    const res = await t.http().post('/api/v1/lab/events').set('x-api-key', key).send({
      eventId: 'parked-1', type: 'abo.typed', occurredAt: new Date(Date.now() - 60_000).toISOString(), din: 'W123426900001', data: { abo: 'O', rh: 'positive' },
    });
    expect(res.status).toBe(202);
    const { rows } = await t.owner.query(`SELECT id FROM lab_events WHERE event_id = 'parked-1'`);
    // a day passes (received_at is kept as received: the test moves it back with triggers off)
    const c = await t.owner.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE lab_events SET received_at = now() - interval '25 hours' WHERE id = $1`, [rows[0].id]);
      await c.query(`RESET session_replication_role`);
    } finally {
      c.release();
    }
    const find = async () => {
      const r = await t.http().get('/api/v1/alarms?kind=parked_lab_events').set(await auth(t, 'lab_technician'));
      return r.body.items[0] as { id: string; state: string; severity: string; details: { count: number } } | undefined;
    };
    const alarm = await waitFor('parked-events alarm', find, 70_000, 200);
    expect(alarm).toMatchObject({ state: 'open', severity: 'warning', details: { count: 1 } });
    // the event is applied at last (as when its unit appears): the alarm clears at the next sweep
    // as the system (the lab event's outcome is on its own audit chain, which wants an actor)
    await asSystem(t, (c) => c.query(`UPDATE lab_events SET status = 'applied', applied_at = now() WHERE id = $1`, [rows[0].id]));
    await waitFor('cleared', async () => ((await find())?.state === 'cleared' ? true : undefined), 70_000, 200);
  });
});
