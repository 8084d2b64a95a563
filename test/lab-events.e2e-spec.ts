import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { auth, collectedUnit, createDonor, createFreezer, hoursAgo, IDM_DOCUMENTATION } from './setup/fixtures';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';

// A low sustained rate so the rate-limit test is quick; every test uses its own integration (its own bucket).
const RATE = { LAB_EVENTS_RATE_PER_SECOND: '20', LAB_EVENTS_RATE_BURST: '600' };

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(RATE);
});
afterAll(async () => {
  await t.close();
});

const PATH = '/api/v1/lab/events';
let counter = 0;
const uid = (p: string) => `${p}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

async function integration(): Promise<{ id: string; key: string }> {
  const res = await t.http().post('/api/v1/integrations').set(await auth(t, 'admin')).send({ name: uid('lab') });
  expect(res.status).toBe(201);
  return { id: res.body.id, key: res.body.apiKey };
}

function post(key: string, body: unknown): request.Test {
  return t.http().post(PATH).set('x-api-key', key).send(body as object);
}

let kitSeq = 900000;
/** A DIN pre-printed on a collection kit that no unit carries yet. */
const kitDin = () => `W123426${String(++kitSeq)}`;

const received = (din: string, at = hoursAgo(20)) => ({ eventId: uid('rcv'), type: 'sample.received', occurredAt: at, din, data: { receivedAt: at, temperatureOk: true } });
const processed = (din: string, at = hoursAgo(18)) => ({
  eventId: uid('proc'),
  type: 'processing.completed',
  occurredAt: at,
  din,
  data: { processedAt: at, volumeMl: 24.5, tncCount: 1.6e9, cd34Count: 5.1e6, viabilityPct: 94, cfuCount: 3e5, method: 'AXP' },
});
const HLA_1 = { A: ['02:01', '24:02'], B: ['07:02', '44:02'], C: ['07:02', '05:01'], DRB1: ['15:01', '04:01'], DQB1: ['06:02', '03:02'] };
const HLA_2 = { A: ['01:01', '03:01'], B: ['08:01', '35:01'], DRB1: ['03:01', '01:01'] };
const hlaTyped = (din: string, at = hoursAgo(10), loci: Record<string, string[]> = HLA_1) => ({
  eventId: uid('hla'),
  type: 'hla.typed',
  occurredAt: at,
  din,
  data: { loci, resolution: 'high', method: 'NGS' },
});
const aboTyped = (din: string, at = hoursAgo(9), abo = 'O') => ({ eventId: uid('abo'), type: 'abo.typed', occurredAt: at, din, data: { abo, rh: 'positive' } });
const sterility = (din: string, at = hoursAgo(5)) => ({ eventId: uid('ster'), type: 'sterility.resulted', occurredAt: at, din, data: { aerobic: 'negative', anaerobic: 'negative' } });
const idm = (donorNumber: string, marker = 'HIV-1') => ({
  eventId: uid('idm'),
  type: 'idm.resulted',
  occurredAt: hoursAgo(2),
  donorNumber,
  data: { marker, result: 'negative', sampleDrawnAt: hoursAgo(30), testedAt: hoursAgo(3), ...IDM_DOCUMENTATION },
});

async function unitView(din: string) {
  const res = await t.http().get(`/api/v1/units/${din}`).set(await auth(t, 'lab_technician'));
  expect(res.status).toBe(200);
  return res.body;
}

async function labEventRow(integrationId: string, eventId: string) {
  const r = await t.owner.query(`SELECT * FROM lab_events WHERE integration_id = $1 AND event_id = $2`, [integrationId, eventId]);
  return r.rows[0];
}

async function unitEntries(din: string, action?: string) {
  const r = await t.owner.query(
    `SELECT seq, action, actor_type, actor_id FROM audit_entries WHERE din = $1 AND chain = $1 AND ($2::text IS NULL OR action = $2) ORDER BY seq`,
    [din, action ?? null],
  );
  return r.rows;
}

describe('POST /lab/events: each type applied, with its audit entry (actor: the integration)', () => {
  it('21 CFR Part 11.10(e): sample.received, processing.completed, hla.typed, abo.typed and sterility.resulted apply to the unit, each audited with the integration as actor', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    const events = [received(din), processed(din), hlaTyped(din), aboTyped(din), sterility(din)];
    for (const e of events) {
      const res = await post(lab.key, e);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ eventId: e.eventId, type: e.type, status: 'applied' });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const entries = await unitEntries(din, `lab_event.${e.type}`);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry).toMatchObject({ actor_type: 'integration', actor_id: lab.id });
      const row = await labEventRow(lab.id, e.eventId);
      expect(row).toMatchObject({ status: 'applied', type: e.type, din, attempts: 1, problem: null });
      expect(row.body).toEqual(e);
      expect(row.applied_at).not.toBeNull();
    }
    const unit = await unitView(din);
    expect(unit.status).toBe('processed');
    expect(unit.processing).toMatchObject({ volumeMl: 24.5, tncCount: 1.6e9, cd34Count: 5.1e6, viabilityPct: 94, cfuCount: 3e5, method: 'AXP' });
    expect(unit.hla).toMatchObject({ ...HLA_1, resolution: 'high', method: 'NGS' });
    expect(unit).toMatchObject({ abo: 'O', rh: 'positive', sterility: { aerobic: 'negative', anaerobic: 'negative' } });
    const results = await t.owner.query(`SELECT kind, source, lab_event_id FROM unit_results WHERE din = $1 ORDER BY id`, [din]);
    expect(results.rows.map((r) => r.kind)).toEqual(['receipt', 'processing', 'hla', 'abo', 'sterility']);
    expect(results.rows.every((r) => r.source === 'lab_event' && r.lab_event_id)).toBe(true);
    const verify = await t.http().get(`/api/v1/units/${din}/audit/verify`).set(await auth(t, 'auditor'));
    expect(verify.body.valid).toBe(true);
  });

  it('21 CFR 1271.85: idm.resulted records the donor’s test with the integration as lab and actor, on the donor’s audit chain', async () => {
    const lab = await integration();
    const { donorId, donorNumber } = await collectedUnit(t);
    const e = idm(donorNumber, 'HBsAg');
    const res = await post(lab.key, e);
    expect(res.status).toBe(201);
    const tests = await t.owner.query(`SELECT marker, result, source, lab_event_id, lab FROM idm_tests WHERE donor_id = $1`, [donorId]);
    expect(tests.rows).toEqual([{ marker: 'HBsAg', result: 'negative', source: 'lab_event', lab_event_id: res.body.id, lab: expect.any(String) }]);
    const entries = await t.owner.query(`SELECT actor_type, actor_id FROM audit_entries WHERE chain = $1 AND action = 'lab_event.idm.resulted'`, [`donor:${donorId}`]);
    expect(entries.rows).toEqual([{ actor_type: 'integration', actor_id: lab.id }]);
  });

  it('DESIGN 3 / 21 CFR 1271.85: idm.resulted accepts the test method and the testing laboratory, as the staff IDM route does', async () => {
    const lab = await integration();
    const { donorId, donorNumber } = await collectedUnit(t);
    const e = { ...idm(donorNumber, 'HCV'), data: { ...idm(donorNumber, 'HCV').data, method: 'NAT', lab: 'Regional IDM lab' } };
    const res = await post(lab.key, e);
    expect(res.status).toBe(201);
    const tests = await t.owner.query(`SELECT marker, method, lab FROM idm_tests WHERE donor_id = $1`, [donorId]);
    expect(tests.rows).toEqual([{ marker: 'HCV', method: 'NAT', lab: 'Regional IDM lab' }]);
    expectProblem(await post(lab.key, { ...e, eventId: uid('idm'), data: { ...e.data, method: 'x'.repeat(101) } }), 422);
  });

  it('freezer.temperature records a reading for the freezer named or given by id; an unknown freezer is kept as rejected (422)', async () => {
    const lab = await integration();
    const freezer = await createFreezer(t);
    const name = (await t.owner.query(`SELECT name FROM freezers WHERE id = $1`, [freezer.id])).rows[0].name;
    const byName = await post(lab.key, { eventId: uid('temp'), type: 'freezer.temperature', occurredAt: hoursAgo(1), freezer: name, data: { temperatureC: -185.5 } });
    expect(byName.status).toBe(201);
    const byId = await post(lab.key, { eventId: uid('temp'), type: 'freezer.temperature', occurredAt: hoursAgo(0.5), freezer: freezer.id, data: { temperatureC: -184 } });
    expect(byId.status).toBe(201);
    const temps = await t.http().get(`/api/v1/storage/freezers/${freezer.id}/temperatures`).set(await auth(t, 'lab_technician'));
    expect(temps.status).toBe(200);
    expect(JSON.stringify(temps.body)).toContain('-185.5');

    const unknown = { eventId: uid('temp'), type: 'freezer.temperature', occurredAt: hoursAgo(1), freezer: 'No such dewar', data: { temperatureC: -180 } };
    const res = await post(lab.key, unknown);
    expectProblem(res, 422);
    expect(res.body).toMatchObject({ eventStatus: 'rejected', eventId: unknown.eventId, errors: [{ field: 'freezer' }] });
    expect(await labEventRow(lab.id, unknown.eventId)).toMatchObject({ status: 'rejected', freezer: 'No such dewar' });
  });
});

describe('idempotency: eventId is unique per integration', () => {
  it('the same event again answers 200 with the first answer and applies nothing twice; key order does not matter', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    const e = received(din);
    const first = await post(lab.key, e);
    expect(first.status).toBe(201);
    const entriesBefore = (await unitEntries(din)).length;
    const again = await post(lab.key, e);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reordered = Object.fromEntries(Object.entries(e).reverse());
    const third = await post(lab.key, reordered);
    expect(third.status).toBe(200);
    expect(third.body).toEqual(first.body);
    expect((await unitEntries(din)).length).toBe(entriesBefore);
    const rows = await t.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE lab_event_id = $1`, [first.body.id]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('the same eventId with another body is 409 IDEMPOTENCY_CONFLICT and changes nothing; another integration may use the same eventId', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    await post(lab.key, received(din)).expect(201);
    const e = aboTyped(din, hoursAgo(9), 'A');
    await post(lab.key, e).expect(201);
    const other = await post(lab.key, { ...e, data: { abo: 'B', rh: 'positive' } });
    expectProblem(other, 409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await unitView(din)).abo).toBe('A');
    const lab2 = await integration();
    const fromOther = await post(lab2.key, { ...e, data: { abo: 'B', rh: 'positive' } });
    expect(fromOther.status).toBe(201);
  });

  it('identical requests at once: exactly one applies, the others are duplicates with its answer (decided by the database)', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    await post(lab.key, received(din)).expect(201);
    const e = hlaTyped(din);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(lab.key, e)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const created = answers.find((a) => a.status === 201)!;
    for (const a of answers) expect(a.body).toEqual(created.body);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE integration_id = $1 AND event_id = $2`, [lab.id, e.eventId])).rows[0].n).toBe(1);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE din = $1 AND kind = 'hla'`, [din])).rows[0].n).toBe(1);
    const audited = await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE din = $1 AND action = 'lab_event.hla.typed' AND after ->> 'kind' = 'hla'`, [din]);
    expect(audited.rows[0].n).toBe(1);
  });

  it('the same eventId with two different bodies at once: one applies, the other is 409', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    await post(lab.key, received(din)).expect(201);
    const e = aboTyped(din);
    const [a, b] = await Promise.all([post(lab.key, e), post(lab.key, { ...e, data: { abo: 'AB', rh: 'negative' } })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE din = $1 AND kind = 'abo'`, [din])).rows[0].n).toBe(1);
  });

  it('holds across an app restart: a new instance on the same database answers the retry with the first answer', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    const e = received(din);
    const first = await post(lab.key, e);
    expect(first.status).toBe(201);
    // a restarted service: a new app instance (new pools, new memory) on the same database
    const restarted = await startTestApp(RATE, t);
    try {
      const again = await restarted.http().post(PATH).set('x-api-key', lab.key).send(e);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    } finally {
      await restarted.close();
    }
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE din = $1`, [din])).rows[0].n).toBe(1);
  });
});

describe('nothing lost: parked, rejected and replayed events', () => {
  it('FACT-NetCord traceability: events for a unit not known yet are parked (202), listed, and applied in occurrence order when the collection creates the unit', async () => {
    const lab = await integration();
    const din = kitDin();
    // the HLA result is sent first but happened after the receipt: the receipt must be applied first
    const hla = hlaTyped(din, hoursAgo(10));
    const rcv = received(din, hoursAgo(20));
    const parkedHla = await post(lab.key, hla);
    expect(parkedHla.status).toBe(202);
    expect(parkedHla.body).toMatchObject({ status: 'parked', eventId: hla.eventId, waitingFor: { din }, problem: { code: 'NOT_FOUND' } });
    expect((await post(lab.key, rcv)).status).toBe(202);

    const list = await t.http().get(`${PATH}?status=parked&din=${din}`).set(await auth(t, 'lab_technician'));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, total: 2 });
    expect(list.body.items.map((i: { eventId: string }) => i.eventId).sort()).toEqual([hla.eventId, rcv.eventId].sort());
    expect(list.body.items[0]).toMatchObject({ status: 'parked', din, integrationId: lab.id, body: expect.any(Object) });

    await collectedUnit(t, din);
    const unit = await unitView(din);
    expect(unit.status).toBe('received');
    expect(unit.hla).toMatchObject(HLA_1);
    for (const e of [hla, rcv]) expect(await labEventRow(lab.id, e.eventId)).toMatchObject({ status: 'applied', attempts: 2 });
    for (const entry of await unitEntries(din, 'lab_event.hla.typed')) expect(entry).toMatchObject({ actor_type: 'integration', actor_id: lab.id });
    expect((await t.http().get(`${PATH}?status=parked&din=${din}`).set(await auth(t, 'auditor'))).body.total).toBe(0);

    // a retry of the parked event still answers as the first time did, and says where it stands now
    const retry = await post(lab.key, hla);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(parkedHla.body);
    expect(retry.headers['x-lab-event-status']).toBe('applied');
  });

  it('21 CFR 1271.85: an IDM result for a donor not registered yet is parked and applied when the donor is registered', async () => {
    const lab = await integration();
    const seq = (await t.owner.query(`SELECT last_value, is_called FROM donor_number_seq`)).rows[0];
    const next = Number(seq.last_value) + (seq.is_called ? 1 : 0);
    const donorNumber = `D${String(next).padStart(7, '0')}`;
    const e = idm(donorNumber, 'HCV');
    expect((await post(lab.key, e)).status).toBe(202);
    const donor = await createDonor(t);
    expect(donor.donorNumber).toBe(donorNumber);
    expect(await labEventRow(lab.id, e.eventId)).toMatchObject({ status: 'applied' });
    const tests = await t.owner.query(`SELECT marker, source FROM idm_tests WHERE donor_id = $1`, [donor.id]);
    expect(tests.rows).toEqual([{ marker: 'HCV', source: 'lab_event' }]);
  });

  it('an event the unit’s state will never take is kept as rejected with the reason (409); staff replay records a new attempt, an applied event is not applied twice', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    await post(lab.key, received(din)).expect(201);
    // a second receipt: the unit is already received, and no later state takes a receipt
    const again = received(din, hoursAgo(19));
    const rejected = await post(lab.key, again);
    expectProblem(rejected, 409);
    expect(rejected.body).toMatchObject({ eventStatus: 'rejected', eventId: again.eventId, labEventId: expect.any(String) });
    const id = rejected.body.labEventId;
    const row = await labEventRow(lab.id, again.eventId);
    expect(row).toMatchObject({ id, status: 'rejected', attempts: 1 });
    expect(row.problem.detail).toContain('received');

    // the lab's retry gets the same answer; nothing is applied
    const retry = await post(lab.key, again);
    expectProblem(retry, 409);
    expect(retry.body.labEventId).toBe(id);

    const listed = await t.http().get(`${PATH}?status=rejected&type=sample.received`).set(await auth(t, 'quality_assurance'));
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);

    expectProblem(await t.http().post(`${PATH}/${id}/replay`).set(await auth(t, 'auditor')), 403);
    const replayed = await t.http().post(`${PATH}/${id}/replay`).set(await auth(t, 'lab_technician'));
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id, status: 'rejected', attempts: 2, problem: { status: 409 } });

    const proc = processed(din);
    const applied = await post(lab.key, proc);
    expect(applied.status).toBe(201);
    const twice = await t.http().post(`${PATH}/${applied.body.id}/replay`).set(await auth(t, 'lab_technician'));
    expectProblem(twice, 409);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE lab_event_id = $1`, [applied.body.id])).rows[0].n).toBe(1);
    expectProblem(await t.http().post(`${PATH}/00000000-0000-4000-8000-000000000000/replay`).set(await auth(t, 'lab_technician')), 404);
    expectProblem(await t.http().post(`${PATH}/not-a-uuid/replay`).set(await auth(t, 'lab_technician')), 404);
  });

  it('DESIGN 7 / 21 CFR 1271.265(c): a result for a known unit that can not take it yet waits (202 parked, with the reason) and applies by itself, in occurredAt order, when staff record the receipt', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    // sent before the receipt is entered: HLA first, though processing happened earlier
    const hla = hlaTyped(din, hoursAgo(10));
    const proc = processed(din, hoursAgo(18));
    const parkedHla = await post(lab.key, hla);
    expect(parkedHla.status).toBe(202);
    expect(parkedHla.body).toMatchObject({ status: 'parked', eventId: hla.eventId, waitingFor: { din, unitStatus: 'received' }, problem: { code: 'CONFLICT', unitStatus: 'collected' } });
    expect(parkedHla.body.reason).toMatch(/collected.*receipt/);
    expect((await post(lab.key, proc)).status).toBe(202);
    const batch = await post(lab.key, { events: [sterility(din, hoursAgo(5))] });
    expect(batch.status).toBe(200);
    expect(batch.body.results).toEqual([expect.objectContaining({ status: 'parked', problem: expect.objectContaining({ waitsFor: 'received' }) })]);
    expect((await unitView(din)).processing).toBeNull();
    const waiting = await t.http().get(`${PATH}?status=parked&din=${din}`).set(await auth(t, 'quality_assurance'));
    expect(waiting.body.total).toBe(3);

    // the staff receipt: the waiting results apply in the same transaction, oldest occurrence first
    const receipt = await t.http().post(`/api/v1/units/${din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(20), temperatureOk: true });
    expect(receipt.status).toBe(200);
    expect(receipt.body.unit).toMatchObject({ status: 'processed' });
    const unit = await unitView(din);
    expect(unit).toMatchObject({ status: 'processed', processing: expect.objectContaining({ tncCount: 1.6e9 }), hla: expect.objectContaining({ A: HLA_1.A }), sterility: expect.objectContaining({ aerobic: 'negative' }) });
    const rows = await t.owner.query(`SELECT event_id, status, attempts FROM lab_events WHERE din = $1 ORDER BY occurred_at`, [din]);
    expect(rows.rows.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const trail = await t.owner.query(`SELECT action, reason, actor_id FROM audit_entries WHERE din = $1 AND action LIKE 'lab_event.%' ORDER BY seq`, [din]);
    const order = [...new Set(trail.rows.map((r) => r.action))];
    expect(order).toEqual(['lab_event.processing.completed', 'lab_event.hla.typed', 'lab_event.sterility.resulted']);
    expect(trail.rows[0].reason).toContain(`waiting lab event ${proc.eventId}`);
    expect(trail.rows[0].actor_id).toBe(await t.userId('lab_technician'));
    // each outcome change is on the event's own chain
    const chain = await t.owner.query(`SELECT action, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`lab_event:${parkedHla.body.id}`]);
    expect(chain.rows).toEqual([expect.objectContaining({ action: 'lab_event.hla.typed', after: expect.objectContaining({ status: 'applied' }) })]);
    const verify = await t.http().get('/api/v1/audit').query({ chain: `lab_event:${parkedHla.body.id}` }).set(await auth(t, 'auditor'));
    expect(verify.status).toBe(200);
  });

  it('DESIGN 7: waiting results apply by themselves when the receipt comes as a lab event, decided by the database across two app instances', async () => {
    const lab = await integration();
    const other = await startTestApp(RATE, t);
    try {
      const units = await Promise.all(Array.from({ length: 8 }, () => collectedUnit(t)));
      // for each unit, its processing result (to instance B) and its receipt (to instance A) at once
      const answers = await Promise.all(
        units.flatMap(({ din }) => [
          other.http().post(PATH).set('x-api-key', lab.key).send(processed(din)),
          post(lab.key, received(din)),
        ]),
      );
      expect(answers.every((a) => [201, 202].includes(a.status))).toBe(true);
      for (const { din } of units) {
        expect(await unitView(din)).toMatchObject({ status: 'processed', processing: expect.objectContaining({ tncCount: 1.6e9 }) });
      }
      const left = await t.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE din = ANY($1) AND status <> 'applied'`, [units.map((u) => u.din)]);
      expect(left.rows[0].n).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('DESIGN 7 / Part 11.10(e): QA or a lab technician dismisses a parked event with a reason; it stays stored as dismissed, audited on its own chain, and is never applied', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    const proc = processed(din);
    const parked = await post(lab.key, proc);
    expect(parked.status).toBe(202);
    const id = parked.body.id;
    const as = async (role: Parameters<typeof auth>[1], body: unknown) => t.http().post(`${PATH}/${id}/dismiss`).set(await auth(t, role)).send(body as object);
    expectProblem(await as('auditor', { reason: 'wrong unit' }), 403);
    expectProblem(await as('coordinator', { reason: 'wrong unit' }), 403);
    expectProblem(await as('quality_assurance', {}), 422);
    expectProblem(await as('quality_assurance', { reason: '   ' }), 422);
    const done = await as('quality_assurance', { reason: 'sent for the wrong unit; re-sent under the right DIN' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id, status: 'dismissed', body: expect.objectContaining({ eventId: proc.eventId }),
      dismissal: { by: await t.userId('quality_assurance'), reason: 'sent for the wrong unit; re-sent under the right DIN', at: expect.any(String) },
    });
    expectProblem(await as('lab_technician', { reason: 'again' }), 409);
    expectProblem(await t.http().post(`${PATH}/${id}/replay`).set(await auth(t, 'lab_technician')), 409);
    const listed = await t.http().get(`${PATH}?status=dismissed`).set(await auth(t, 'auditor'));
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const chain = await t.owner.query(`SELECT action, reason, actor_id, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`lab_event:${id}`]);
    expect(chain.rows).toEqual([
      expect.objectContaining({ action: 'lab_event.dismissed', reason: 'sent for the wrong unit; re-sent under the right DIN', actor_id: await t.userId('quality_assurance'), before: expect.objectContaining({ status: 'parked' }), after: expect.objectContaining({ status: 'dismissed' }) }),
    ]);
    await expect(t.owner.query(`UPDATE lab_events SET body = '{}' WHERE id = $1`, [id])).rejects.toThrow(/kept as received/);

    // the receipt comes: the dismissed result is not applied
    await post(lab.key, received(din)).expect(201);
    expect((await unitView(din))).toMatchObject({ status: 'received', processing: null });
    expect((await labEventRow(lab.id, proc.eventId)).status).toBe('dismissed');

    // a lab technician may dismiss too
    const other = await post(lab.key, hlaTyped((await collectedUnit(t)).din));
    expect(other.status).toBe(202);
    expect((await t.http().post(`${PATH}/${other.body.id}/dismiss`).set(await auth(t, 'lab_technician')).send({ reason: 'duplicate typing' })).status).toBe(200);
  });

  it('a manual replay of a parked event whose unit is still unknown leaves it parked', async () => {
    const lab = await integration();
    const parked = await post(lab.key, aboTyped(kitDin()));
    expect(parked.status).toBe(202);
    const replayed = await t.http().post(`${PATH}/${parked.body.id}/replay`).set(await auth(t, 'lab_technician'));
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ status: 'parked', attempts: 2, problem: { code: 'NOT_FOUND' } });
  });

  it('the raw event and its first answer can not be changed, and events can not be deleted (database)', async () => {
    const lab = await integration();
    const res = await post(lab.key, aboTyped(kitDin()));
    await expect(t.owner.query(`UPDATE lab_events SET body = '{}' WHERE id = $1`, [res.body.id])).rejects.toThrow(/kept as received/);
    await expect(t.owner.query(`UPDATE lab_events SET answer_status = 200 WHERE id = $1`, [res.body.id])).rejects.toThrow(/first answer/);
    await expect(t.owner.query(`DELETE FROM lab_events WHERE id = $1`, [res.body.id])).rejects.toThrow(/kept/);
    await expect(t.appRolePool.query(`DELETE FROM lab_events WHERE id = $1`, [res.body.id])).rejects.toThrow(/permission denied/);
  });
});

describe('out-of-order delivery', () => {
  it('an older result arriving after a newer one is kept in the history but does not replace the current value', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    await post(lab.key, received(din)).expect(201);
    const newer = await post(lab.key, hlaTyped(din, hoursAgo(2), HLA_1));
    expect(newer.body).toMatchObject({ status: 'applied' });
    expect(newer.body.superseded).toBeUndefined();
    const older = await post(lab.key, hlaTyped(din, hoursAgo(6), HLA_2));
    expect(older.status).toBe(201);
    expect(older.body).toMatchObject({ status: 'applied', superseded: true });
    expect((await unitView(din)).hla).toMatchObject(HLA_1);

    await post(lab.key, aboTyped(din, hoursAgo(1), 'A')).expect(201);
    await post(lab.key, aboTyped(din, hoursAgo(3), 'B')).expect(201);
    expect((await unitView(din)).abo).toBe('A');

    const history = await t.owner.query(`SELECT kind, applied, data FROM unit_results WHERE din = $1 AND kind IN ('hla', 'abo') ORDER BY id`, [din]);
    expect(history.rows.map((r) => [r.kind, r.applied])).toEqual([
      ['hla', true],
      ['hla', false],
      ['abo', true],
      ['abo', false],
    ]);
    expect(history.rows[1].data.loci).toEqual(HLA_2);
  });
});

describe('batches', () => {
  it('a mixed batch answers 200 with one result per event, in order; a bad event does not stop the others', async () => {
    const lab = await integration();
    const { din } = await collectedUnit(t);
    const earlier = aboTyped(din, hoursAgo(9));
    await post(lab.key, received(din)).expect(201);
    await post(lab.key, earlier).expect(201);
    const parkedDin = kitDin();
    const events = [
      hlaTyped(din),
      { eventId: uid('bad'), type: 'hla.guessed', occurredAt: hoursAgo(1), din, data: {} },
      earlier,
      { ...earlier, data: { abo: 'AB', rh: 'negative' } },
      sterility(parkedDin),
      received(din),
      { ...hlaTyped(din), data: { loci: { ...HLA_1, A: ['2:1'] }, resolution: 'high' } },
      { type: 'abo.typed' },
      sterility(din),
    ];
    const res = await post(lab.key, { events });
    expect(res.status).toBe(200);
    const results = res.body.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected', 'duplicate', 'rejected', 'parked', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(results.map((r: { eventId: string | null }) => r.eventId)).toEqual(events.map((e) => (e as { eventId?: string }).eventId ?? null));
    expect(results[1].problem).toMatchObject({ status: 422, errors: [{ field: 'type' }] });
    expect(results[1].id).toBeUndefined();
    expect(results[2]).toMatchObject({ id: expect.any(String), eventStatus: 'applied' });
    expect(results[3].problem).toMatchObject({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
    expect(results[4]).toMatchObject({ id: expect.any(String), problem: { code: 'NOT_FOUND' } });
    expect(results[5].problem).toMatchObject({ status: 409 });
    expect(results[5].id).toEqual(expect.any(String));
    expect(results[6].problem.errors).toEqual([expect.objectContaining({ field: 'data.loci.A' })]);
    const unit = await unitView(din);
    expect(unit.hla).toMatchObject(HLA_1);
    expect(unit.sterility).toMatchObject({ aerobic: 'negative' });
    // stored: the applied, parked and rejected ones; not the invalid ones
    const stored = await t.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE integration_id = $1`, [lab.id]);
    expect(stored.rows[0].n).toBe(2 + 4);
  });

  it('a batch of 500 events applies every one, events of one unit in batch order', async () => {
    const lab = await integration();
    const units = await Promise.all(Array.from({ length: 10 }, () => collectedUnit(t)));
    const events: Record<string, unknown>[] = units.map((u) => received(u.din));
    for (let i = 0; events.length < 500; i++) {
      const u = units[i % units.length];
      events.push(aboTyped(u.din, new Date(Date.now() - 3600_000 + i * 1000).toISOString(), ['O', 'A', 'B', 'AB'][i % 4]));
    }
    const started = performance.now();
    const res = await post(lab.key, { events });
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(500);
    expect(res.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
    // the last ABO event of each unit is the newest: it is the current value
    for (const u of units) {
      const last = [...events].reverse().find((e) => e.din === u.din && e.type === 'abo.typed') as { data: { abo: string } };
      expect((await unitView(u.din)).abo).toBe(last.data.abo);
    }
    process.stdout.write(`lab events: a batch of 500 applied in ${ms.toFixed(0)} ms (${((500 / ms) * 1000).toFixed(0)} events/s)\n`);
  });
});

describe('limits and credentials', () => {
  it('answers an unknown type 422 listing the allowed types, and invalid data per field', async () => {
    const lab = await integration();
    const res = await post(lab.key, { eventId: uid('x'), type: 'hla.guessed', occurredAt: hoursAgo(1), din: kitDin(), data: {} });
    expectProblem(res, 422);
    expect(res.body.detail).toContain('sample.received, processing.completed, hla.typed, abo.typed, sterility.resulted, idm.resulted, freezer.temperature');
    const bad = await post(lab.key, { ...hlaTyped(kitDin()), data: { loci: { ...HLA_1, DRB1: ['15:01'] }, resolution: 'high' } });
    expectProblem(bad, 422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'data.loci.DRB1' })]);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE integration_id = $1`, [lab.id])).rows[0].n).toBe(0);
  });

  it('answers a body over 1 MiB 413 and more than 500 events 422 for the whole request', async () => {
    const lab = await integration();
    const big = await t.http().post(PATH).set('x-api-key', lab.key).set('content-type', 'application/json').send(JSON.stringify({ events: [{ eventId: 'x'.repeat(1_100_000) }] }));
    expectProblem(big, 413);
    const tooMany = await post(lab.key, { events: Array.from({ length: 501 }, () => aboTyped(kitDin())) });
    expectProblem(tooMany, 422);
    expect(tooMany.body.errors).toEqual([{ field: 'events', message: expect.stringContaining('500') }]);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE integration_id = $1`, [lab.id])).rows[0].n).toBe(0);
  });

  it('refuses a missing, wrong or revoked key 401 and a staff token 403', async () => {
    const lab = await integration();
    const e = aboTyped(kitDin());
    expectProblem(await t.http().post(PATH).send(e), 401);
    expectProblem(await post(`cbb_${'x'.repeat(43)}`, e), 401);
    expectProblem(await t.http().post(PATH).set(await auth(t, 'lab_technician')).send(e), 403);
    await t.http().delete(`/api/v1/integrations/${lab.id}`).set(await auth(t, 'admin')).expect(204);
    expectProblem(await post(lab.key, e), 401);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE integration_id = $1`, [lab.id])).rows[0].n).toBe(0);
  });

  it('rate-limits each integration (429 with Retry-After; each event of a batch counts), without touching the others', async () => {
    const lab = await integration();
    const invalid = (n: number) => Array.from({ length: n }, () => ({ eventId: uid('r'), type: 'abo.typed', occurredAt: hoursAgo(1), din: 'nope', data: {} }));
    expect((await post(lab.key, { events: invalid(500) })).status).toBe(200);
    const limited = await post(lab.key, { events: invalid(200) });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const other = await integration();
    expect((await post(other.key, aboTyped(kitDin()))).status).toBe(202);
  });

  it('lets staff read the list (admin, lab technician, QA, auditor) but not other roles, and pages it', async () => {
    const lab = await integration();
    for (let i = 0; i < 3; i++) await post(lab.key, aboTyped(kitDin())).expect(202);
    for (const role of ['admin', 'lab_technician', 'quality_assurance', 'auditor'] as const) {
      const res = await t.http().get(`${PATH}?integrationId=${lab.id}&pageSize=2`).set(await auth(t, role));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(res.body.items).toHaveLength(2);
    }
    expectProblem(await t.http().get(PATH).set(await auth(t, 'coordinator')), 403);
    expectProblem(await t.http().get(PATH).set('x-api-key', lab.key), 403);
    expectProblem(await t.http().get(`${PATH}?status=lost`).set(await auth(t, 'auditor')), 422);
  });

  it('documents the route, its body and an example per type in OpenAPI', async () => {
    const doc = await t.http().get('/docs-json');
    const op = doc.body.paths['/api/v1/lab/events'].post;
    expect(Object.keys(op.requestBody.content['application/json'].examples)).toEqual(
      expect.arrayContaining(['sample.received', 'processing.completed', 'hla.typed', 'abo.typed', 'sterility.resulted', 'idm.resulted', 'freezer.temperature', 'batch']),
    );
    expect(doc.body.components.schemas).toHaveProperty('HlaTypedData');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/lab/events/{id}/replay']));
  });
});
