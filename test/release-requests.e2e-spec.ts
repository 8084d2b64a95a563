import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, PASSWORD, expectProblem, startTestApp } from './setup/test-app';
import { HLA, QA_SIGNATURE, auth, availableUnit, collect, createDonor, createFreezer, makeEligible, processUnit, staffUser, store, IDM_DOCUMENTATION, determineEligibility } from './setup/fixtures';

let t: TestApp;
let donorId: string;
let freezerId: string;
const PATIENT_HLA = { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 };
const SIGN = { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'approval' };
const soon = () => new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

type Role = 'coordinator' | 'medical_director' | 'lab_technician' | 'auditor' | 'quality_assurance';
const post = async (path: string, body: Record<string, unknown>, role: Role = 'coordinator', app: TestApp = t) =>
  app.http().post(`/api/v1${path}`).set(await auth(t, role)).send(body);
const get = async (path: string, role: Role = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));

const request = (over: Record<string, unknown> = {}, patient: Record<string, unknown> = {}) => ({
  requestingFacility: "Children's Hospital Transplant Centre",
  physician: 'Dr. A. Okafor',
  patient: { identifier: 'MRN-0417', weightKg: 20, diagnosis: 'acute lymphoblastic leukaemia', hla: PATIENT_HLA, ...patient },
  intendedUse: 'allogeneic_transplant',
  neededBy: soon(),
  ...over,
});
async function submit(over: Record<string, unknown> = {}, patient: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/release-requests', request(over, patient));
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
const unit = (opts: { hla?: Record<string, string[]>; tncCount?: number } = {}) => availableUnit(t, { donorId, freezerId, ...opts }).then((u) => u.din);
const reserve = (id: string, din: string, extra: Record<string, unknown> = {}) => post(`/release-requests/${id}/reserve`, { din, ...extra });
const approve = (id: string, signature: Record<string, unknown> = SIGN) => post(`/release-requests/${id}/approve`, { signature }, 'medical_director');
const ship = (id: string, over: Record<string, unknown> = {}) =>
  post(`/release-requests/${id}/ship`, { courier: 'ColdChain Couriers', dispatchedAt: ago(0), shipperId: 'DS-0042', temperatureLoggerId: 'TL-7731', ...over }, 'lab_technician');
const deliver = (id: string, over: Record<string, unknown> = {}) => post(`/release-requests/${id}/deliver`, { receivedAt: ago(0), receivedBy: 'N. Park', temperatureOk: true, ...over });
const outcome = (id: string, over: Record<string, unknown> = {}) => post(`/release-requests/${id}/outcome`, { infusedAt: ago(0), notes: 'infused without reaction', ...over });
const cancel = (id: string, reason = 'patient no longer a candidate') => post(`/release-requests/${id}/cancel`, { reason });
const unitRow = async (din: string) => (await t.owner.query(`SELECT status, reserved_for, hold_from_status, position_id FROM cord_blood_units WHERE din = $1`, [din])).rows[0];
const unitActions = async (din: string) => (await t.owner.query(`SELECT action, reason, signature FROM audit_entries WHERE chain = $1 ORDER BY seq`, [din])).rows;

beforeAll(async () => {
  t = await startTestApp();
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t, { racks: 2, boxesPerRack: 2, rows: 6, columns: 6 })).id;
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('the life cycle from request to infusion', () => {
  it('FACT-NetCord: submit → reserve → approve (e-signed) → ship → deliver → outcome; every step on the request and audited on the unit; the chain of custody is complete', async () => {
    const din = await unit();
    const created = await post('/release-requests', request());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', allowedActions: ['reserve', 'cancel'], din: null, intendedUse: 'allogeneic_transplant', patient: { weightKg: 20, hla: PATIENT_HLA } });
    expect(created.body.requestNumber).toMatch(/^RR\d{6}$/);
    const id = created.body.id;

    const reserved = await reserve(id, din);
    expect(reserved.status).toBe(200);
    expect(reserved.body).toMatchObject({ status: 'reserved', din, unit: { din, status: 'reserved' }, reservation: { matchGrade: '6/6', mismatches: [], tncPerKg: 7.5e7, cd34PerKg: 2.5e5, doseWarning: false } });
    const view = await get(`/units/${din}`);
    expect(view.body).toMatchObject({ status: 'reserved', reservation: { requestId: id, status: 'reserved', requestingFacility: "Children's Hospital Transplant Centre" } });
    expect(view.body.reservation.reservedAt).toEqual(expect.any(String));

    const approved = await approve(id);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approval: { approvedBy: { name: 'Test medical_director' }, meaning: SIGN.meaning } });

    const shipped = await ship(id);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', unit: { status: 'shipped' }, shipment: { courier: 'ColdChain Couriers', shipperId: 'DS-0042', temperatureLoggerId: 'TL-7731' } });
    expect((await unitRow(din)).position_id).toBeNull();

    const delivered = await deliver(id);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', unit: { status: 'delivered' }, delivery: { receivedBy: 'N. Park', temperatureOk: true } });

    const done = await outcome(id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', allowedActions: [], unit: { status: 'infused' }, outcome: { notes: 'infused without reaction' } });

    // the chain of custody: collection → receipt → storage → retrieval → shipment → delivery
    const custody = await get(`/units/${din}/custody`);
    expect(custody.body.complete).toBe(true);
    expect(custody.body.events.map((e: { kind: string }) => e.kind)).toEqual(['collection', 'receipt', 'storage', 'retrieval', 'shipment', 'delivery']);
    const [, , , retrieval, shipment, delivery] = custody.body.events;
    expect(retrieval).toMatchObject({ to: 'Processing laboratory' });
    expect(shipment).toMatchObject({ from: 'Processing laboratory', to: 'ColdChain Couriers', shipperId: 'DS-0042', temperatureLoggerId: 'TL-7731' });
    expect(delivery).toMatchObject({ from: 'ColdChain Couriers', to: "N. Park (Children's Hospital Transplant Centre)", temperatureOk: true });

    // the request's own history, in order
    const full = await get(`/release-requests/${id}`);
    expect(full.body.history.map((h: { action: string }) => h.action)).toEqual([
      'release_request.submitted', 'release_request.reserved', 'release_request.approved', 'release_request.shipped', 'release_request.delivered', 'release_request.completed',
    ]);
    expect(full.body.history[2].signature).toMatchObject({ signerName: 'Test medical_director', meaning: SIGN.meaning });

    // 21 CFR Part 11.10(e): every step is on the unit's trail, the approval e-signed, and the chain verifies
    const actions = (await unitActions(din)).map((a) => a.action);
    const order = ['unit.reserved', 'release_request.reserved', 'release_request.approved', 'unit.retrieved', 'unit.shipped', 'release_request.shipped', 'unit.delivered', 'release_request.delivered', 'unit.infused', 'release_request.completed'];
    const positions = order.map((a) => actions.indexOf(a));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((await unitActions(din)).filter((a) => a.action === 'unit.shipped').every((a) => a.reason === `shipped to Children's Hospital Transplant Centre for request ${created.body.requestNumber}`)).toBe(true);
    const signed = (await unitActions(din)).find((a) => a.action === 'release_request.approved');
    expect(signed.signature).toMatchObject({ signerName: 'Test medical_director', meaning: SIGN.meaning });
    const verify = await get(`/units/${din}/audit/verify`);
    expect(verify.body.valid).toBe(true);
  });

  it('DESIGN 7 / 21 CFR 1271.290: shipping stamps the freezer retrieval and the courier handover with dispatchedAt, delivery with receivedAt: the custody chain runs forward in time', async () => {
    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expect((await approve(id)).status).toBe(200);
    // recorded a moment after the courier left
    const approvedAt: Date = (await t.owner.query(`SELECT approved_at FROM release_requests WHERE id = $1`, [id])).rows[0].approved_at;
    await new Promise((r) => setTimeout(r, 1500));
    const dispatchedAt = new Date(approvedAt.getTime() + 500).toISOString();
    expect((await ship(id, { dispatchedAt })).status).toBe(200);
    const receivedAt = new Date(approvedAt.getTime() + 1000).toISOString();
    expect((await deliver(id, { receivedAt })).status).toBe(200);
    const events = (await get(`/units/${din}/custody`)).body.events as { kind: string; handedOverAt: string }[];
    const [storage, retrieval, shipment, delivery] = events.slice(-4);
    expect([storage.kind, retrieval.kind, shipment.kind, delivery.kind]).toEqual(['storage', 'retrieval', 'shipment', 'delivery']);
    expect(retrieval.handedOverAt).toBe(dispatchedAt);
    expect(shipment.handedOverAt).toBe(dispatchedAt);
    expect(delivery.handedOverAt).toBe(receivedAt);
    const times = events.map((e) => Date.parse(e.handedOverAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('DESIGN 7 / 21 CFR 1271.290: a dispatch earlier than the unit’s last custody event is 422 on dispatchedAt, and nothing is shipped', async () => {
    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expect((await approve(id)).status).toBe(200);
    const approvedAt: Date = (await t.owner.query(`SELECT approved_at FROM release_requests WHERE id = $1`, [id])).rows[0].approved_at;
    // the unit is moved to another position after the approval
    await new Promise((r) => setTimeout(r, 1100));
    const free = await t.http().get('/api/v1/storage/free-positions').query({ freezerId, limit: 1 }).set(await auth(t, 'lab_technician'));
    expect((await post(`/units/${din}/move`, { positionId: free.body.items[0].id, reason: 'consolidating the rack' }, 'lab_technician')).status).toBe(200);
    // a dispatch after the approval but before that move: the custody would run backwards
    const early = new Date(approvedAt.getTime() + 500).toISOString();
    const res = await ship(id, { dispatchedAt: early });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ field: 'dispatchedAt', message: expect.stringContaining('last custody event') }]);
    expect(await unitRow(din)).toMatchObject({ status: 'reserved', position_id: expect.any(String) });
  });

  it('DESIGN 7 / FACT-NetCord: a correction of a reserved unit puts it on hold: the reservation stays, approval waits for QA, and a cancel returns the hold to available', async () => {
    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    const res = await t.http().patch(`/api/v1/units/${din}`).set(await auth(t, 'lab_technician')).send({ reason: 'viability re-read', viabilityPct: 91 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'on_hold', holdFromStatus: 'reserved' });
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', reserved_for: id });
    const refused = await approve(id);
    expectProblem(refused, 409);
    expect(refused.body.detail).toContain('on_hold');
    // QA reviews the corrected record: the hold returns the unit to its reservation, and approval proceeds
    const qa = await auth(t, 'quality_assurance');
    const back = await t.http().post(`/api/v1/units/${din}/status`).set(qa).send({ to: 'reserved', reason: 'correction reviewed' });
    expect(back.status).toBe(200);
    expect((await approve(id)).status).toBe(200);

    // held again and the request cancelled: the unit loses the reservation, its hold now returns it to available
    const din2 = await unit();
    const id2 = await submit();
    expect((await reserve(id2, din2)).status).toBe(200);
    expect((await t.http().patch(`/api/v1/units/${din2}`).set(await auth(t, 'lab_technician')).send({ reason: 'CD34 re-count', cd34Count: 4.9e6 })).body.status).toBe('on_hold');
    expect((await cancel(id2)).status).toBe(200);
    expect(await unitRow(din2)).toMatchObject({ status: 'on_hold', reserved_for: null, hold_from_status: 'available' });
  });

  it('a delivery with the shipper temperature out of limits is recorded as such on the request, the custody event and the unit trail', async () => {
    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expect((await approve(id)).status).toBe(200);
    expect((await ship(id)).status).toBe(200);
    const res = await deliver(id, { temperatureOk: false });
    expect(res.status).toBe(200);
    expect(res.body.delivery.temperatureOk).toBe(false);
    const custody = await get(`/units/${din}/custody`);
    expect(custody.body.events.at(-1)).toMatchObject({ kind: 'delivery', temperatureOk: false });
    expect((await unitActions(din)).some((a) => a.action === 'unit.delivered' && /out of limits/.test(a.reason ?? ''))).toBe(true);
  });
});

describe('reservation checks', () => {
  it('an unknown DIN is 404, a malformed one 422; an unknown or malformed request id 404', async () => {
    const id = await submit();
    expectProblem(await reserve(id, 'W123426999999'), 404);
    const bad = await reserve(id, 'W12342');
    expectProblem(bad, 422);
    expect(bad.body.errors[0].field).toBe('din');
    expectProblem(await reserve('00000000-0000-4000-8000-000000000000', 'W123426999999'), 404);
    expectProblem(await reserve('not-a-uuid', 'W123426999999'), 404);
    expectProblem(await get('/release-requests/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('a unit in the wrong state is 409 naming its state', async () => {
    const { unit: collected } = await collect(t, donorId);
    const res = await reserve(await submit(), collected.din);
    expectProblem(res, 409);
    expect(res.body.unitStatus).toBe('collected');
    expect(res.body.detail).toContain('collected');
  });

  it('DESIGN.md 5: a unit reserved for one request is 409 for another; a request holds one unit', async () => {
    const din = await unit();
    const other = await unit();
    const first = await submit();
    expect((await reserve(first, din)).status).toBe(200);
    const second = await reserve(await submit(), din);
    expectProblem(second, 409);
    expect(second.body.unitStatus).toBe('reserved');
    const again = await reserve(first, other);
    expectProblem(again, 409);
    expect(again.body.requestStatus).toBe('reserved');
    expect((await unitRow(other)).status).toBe('available');
  });

  it('FACT-NetCord: a family unit is refused for unrelated use (409) and reserved for autologous use', async () => {
    const family = (await createDonor(t, 'family')).id;
    await makeEligible(t, family, 'family');
    const { din } = await availableUnit(t, { bankingType: 'family', donorId: family, freezerId });
    const res = await reserve(await submit(), din);
    expectProblem(res, 409);
    expect(res.body.reasons).toEqual([expect.stringContaining('family unit')]);
    const auto = await reserve(await submit({ intendedUse: 'autologous' }, { hla: undefined }), din);
    expect(auto.status).toBe(200);
  });

  it('DESIGN.md 5: an unrelated unit graded below 4/6 is refused (409), naming the grade and the mismatched loci', async () => {
    const din = await unit({ hla: { ...HLA, A: ['01:01', '11:01'], B: ['08:01', '44:02'] } });
    const res = await reserve(await submit(), din);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/3\/6 is below the 4\/6 required for unrelated use \(mismatched at A, B\)/);
    expect((await unitRow(din))).toMatchObject({ status: 'available', reserved_for: null });
  });

  it('DESIGN.md 5: a dose below 2.5 × 10^7 TNC/kg needs an override reason (422), which is then kept on the request and the unit trail', async () => {
    const din = await unit({ tncCount: 1.5e9 });
    const id = await submit({}, { weightKg: 80 });
    const res = await reserve(id, din);
    expectProblem(res, 422);
    expect(res.body.errors[0].field).toBe('overrideReason');
    expect((await unitRow(din)).status).toBe('available');
    const ok = await reserve(id, din, { overrideReason: 'double-unit transplant planned' });
    expect(ok.status).toBe(200);
    expect(ok.body.reservation).toMatchObject({ doseWarning: true, doseOverrideReason: 'double-unit transplant planned', tncPerKg: 1.875e7 });
    expect((await unitActions(din)).find((a) => a.action === 'unit.reserved').reason).toBe('double-unit transplant planned');
  });

  it('a reserved unit leaves the search results and comes back when the request is cancelled', async () => {
    const din = await unit({ tncCount: 9.9e9 });
    const hits = async () => (await post('/search/units', { hla: PATIENT_HLA, weightKg: 20, limit: 100 })).body.items.map((h: { din: string }) => h.din);
    expect(await hits()).toContain(din);
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expect(await hits()).not.toContain(din);
    expect((await cancel(id)).status).toBe(200);
    expect(await hits()).toContain(din);
  });

  it('DESIGN.md 6: only coordinators reserve', async () => {
    const din = await unit();
    expectProblem(await post(`/release-requests/${await submit()}/reserve`, { din }, 'lab_technician'), 403);
  });
});

describe('each step refuses what is out of order or invalid', () => {
  it('21 CFR Part 11.200: approval needs the medical director, a correct password and a reserved request', async () => {
    const din = await unit();
    const id = await submit();
    const early = await approve(id);
    expectProblem(early, 409);
    expect(early.body.requestStatus).toBe('submitted');
    expect((await reserve(id, din)).status).toBe(200);
    expectProblem(await post(`/release-requests/${id}/approve`, { signature: SIGN }, 'coordinator'), 403);
    expectProblem(await approve(id, { email: 'medical_director@bank.test', password: 'wrong-password-xyz', meaning: 'approval' }), 401);
    expectProblem(await post(`/release-requests/${id}/approve`, {}, 'medical_director'), 422);
    expect((await get(`/release-requests/${id}`)).body.status).toBe('reserved');
    expect((await approve(id)).status).toBe(200);
    expectProblem(await approve(id), 409);
  });

  it('DESIGN 3: a release approval with {} or without a signature is 422 (input) before 409 (state)', async () => {
    const id = await submit(); // submitted: approving it is a state conflict, once the input is valid
    for (const body of [{}, { signature: null }]) {
      const res = await post(`/release-requests/${id}/approve`, body, 'medical_director');
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('signature');
    }
    expectProblem(await approve(id), 409);
    expect((await get(`/release-requests/${id}`)).body.status).toBe('submitted');
  });

  it('shipping needs an approved request and a lab technician; dispatch can not be in the future or before approval', async () => {
    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expectProblem(await ship(id), 409);
    expect((await approve(id)).status).toBe(200);
    expectProblem(await post(`/release-requests/${id}/ship`, { courier: 'C', dispatchedAt: ago(1), shipperId: 'S', temperatureLoggerId: 'L' }, 'coordinator'), 403);
    const future = await ship(id, { dispatchedAt: new Date(Date.now() + 3600_000).toISOString() });
    expectProblem(future, 422);
    expect(future.body.errors[0].field).toBe('dispatchedAt');
    expectProblem(await ship(id, { dispatchedAt: ago(600) }), 422);
    const missing = await post(`/release-requests/${id}/ship`, { courier: 'C', dispatchedAt: ago(1), temperatureLoggerId: 'L' }, 'lab_technician');
    expectProblem(missing, 422);
    expect(missing.body.errors[0].field).toBe('shipperId');
    expect((await unitRow(din)).status).toBe('reserved');
    expect((await ship(id)).status).toBe(200);
  });

  it('delivery needs a shipped request and comes after dispatch; the outcome needs a delivered one', async () => {
    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expectProblem(await deliver(id), 409);
    expectProblem(await outcome(id), 409);
    expect((await approve(id)).status).toBe(200);
    expect((await ship(id)).status).toBe(200);
    expectProblem(await deliver(id, { receivedAt: ago(60) }), 422);
    expectProblem(await outcome(id), 409);
    expect((await deliver(id)).status).toBe(200);
    expectProblem(await outcome(id, { infusedAt: new Date(Date.now() + 3600_000).toISOString() }), 422);
    expect((await outcome(id)).status).toBe(200);
    expectProblem(await outcome(id), 409);
  });

  it('DESIGN.md 2: cancel before shipping returns the unit to available; after shipping it is 409', async () => {
    const submitted = await submit();
    const c1 = await cancel(submitted);
    expect(c1.status).toBe(200);
    expect(c1.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'patient no longer a candidate', fromStatus: 'submitted' } });
    expectProblem(await cancel(submitted), 409);

    for (const upTo of ['reserved', 'approved'] as const) {
      const din = await unit();
      const id = await submit();
      expect((await reserve(id, din)).status).toBe(200);
      if (upTo === 'approved') expect((await approve(id)).status).toBe(200);
      const res = await cancel(id, 'donor search continues elsewhere');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', allowedActions: [], cancellation: { fromStatus: upTo } });
      expect(await unitRow(din)).toMatchObject({ status: 'available', reserved_for: null });
      expect((await get(`/units/${din}`)).body.reservation).toBeNull();
      const released = (await unitActions(din)).find((a) => a.action === 'unit.reservation_released');
      expect(released.reason).toContain('donor search continues elsewhere');
      // the unit can be reserved again
      expect((await reserve(await submit(), din)).status).toBe(200);
    }

    const din = await unit();
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expect((await approve(id)).status).toBe(200);
    expect((await ship(id)).status).toBe(200);
    const late = await cancel(id);
    expectProblem(late, 409);
    expect(late.body.requestStatus).toBe('shipped');
    expect((await unitRow(din)).status).toBe('shipped');
    expectProblem(await post(`/release-requests/${id}/cancel`, {}), 422);
  });

  it('a unit put on hold while reserved (consent withdrawn) blocks approval; cancelling leaves it on hold, unreserved, its hold now returning it to available', async () => {
    const donor = (await createDonor(t)).id;
    const consent = await makeEligible(t, donor, 'public');
    const { din } = await availableUnit(t, { donorId: donor, freezerId });
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    const w = await post(`/donors/${donor}/consents/${consent.id}/withdraw`, { reason: 'mother withdrew consent' });
    expect(w.status).toBe(200);
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'reserved' });
    const res = await approve(id);
    expectProblem(res, 409);
    expect(res.body.unitStatus).toBe('on_hold');
    expect((await cancel(id)).status).toBe(200);
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'available', reserved_for: null });
  });
  it('21 CFR 1271.60: a reactive IDM result on the donor of a reserved unit puts it on hold at once, and approval is refused (409)', async () => {
    const donor = (await createDonor(t)).id;
    await makeEligible(t, donor, 'public');
    const { din } = await availableUnit(t, { donorId: donor, freezerId });
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    await post(`/donors/${donor}/infectious-disease-tests`, { marker: 'HBsAg', result: 'positive', sampleDrawnAt: ago(30 * 60), ...IDM_DOCUMENTATION }, 'lab_technician').then((r) => expect(r.status).toBe(201));
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'reserved' });
    const res = await approve(id);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/on_hold|eligib/);
    expect((await get(`/release-requests/${id}`)).body.status).toBe('reserved');
  });

  it('FACT-NetCord: a temperature excursion during the reservation blocks shipping; cancelling then puts the unit on hold, not back on offer', async () => {
    const dewar = (await createFreezer(t, { racks: 1, boxesPerRack: 1, rows: 2, columns: 2 })).id;
    const { din } = await availableUnit(t, { donorId, freezerId: dewar });
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expect((await approve(id)).status).toBe(200);
    const reading = await post(`/storage/freezers/${dewar}/temperatures`, { temperatureC: -90 }, 'lab_technician');
    expect([200, 201]).toContain(reading.status);
    const res = await ship(id);
    expectProblem(res, 409);
    expect(res.body.unmet).toEqual([expect.stringContaining('excursion')]);
    expect(await unitRow(din)).toMatchObject({ status: 'reserved' });
    expect((await unitRow(din)).position_id).not.toBeNull();
    expect((await cancel(id)).status).toBe(200);
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'available', reserved_for: null });
    const hits = (await post('/search/units', { hla: PATIENT_HLA, weightKg: 20, limit: 100 })).body.items.map((h: { din: string }) => h.din);
    expect(hits).not.toContain(din);
  });
});

describe('submission', () => {
  it.each([
    [{}, { weightKg: 0 }, 'patient.weightKg'],
    [{}, { weightKg: 500 }, 'patient.weightKg'],
    [{}, { hla: { ...PATIENT_HLA, A: ['A*2:1', '24:02'] } }, 'patient.hla.A'],
    [{}, { hla: { ...PATIENT_HLA, DRB1: ['XX', '04:01'] } }, 'patient.hla.DRB1'],
    [{}, { hla: undefined }, 'patient.hla'],
    [{ intendedUse: 'cosmetic' }, {}, 'intendedUse'],
    [{ neededBy: '2020-01-01' }, {}, 'neededBy'],
    [{ neededBy: 'soon' }, {}, 'neededBy'],
    [{ priority: 'high' }, {}, 'priority'],
    [{ physician: '' }, {}, 'physician'],
  ])('refuses %j with patient %j: 422 naming %s', async (over, patient, field) => {
    const res = await post('/release-requests', request(over, patient));
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lists by status, newest first, paginated; every staff role reads; only coordinators submit', async () => {
    const a = await submit({ physician: 'Dr. List' });
    await cancel(a);
    const res = await get('/release-requests?status=cancelled&pageSize=200');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 200 });
    expect(res.body.items.every((r: { status: string }) => r.status === 'cancelled')).toBe(true);
    expect(res.body.items.map((r: { id: string }) => r.id)).toContain(a);
    expect(res.body.total).toBe(res.body.items.length);
    expectProblem(await get('/release-requests?status=lost'), 422);
    expectProblem(await post('/release-requests', request(), 'lab_technician'), 403);
    expect((await get('/release-requests', 'lab_technician')).status).toBe(200);
  });
});

describe('what the database guarantees', () => {
  const asOwner = async (sql: string, params: unknown[]) => {
    const c = await t.owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      await c.query(sql, params);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  };

  it('the request state machine is enforced by the database (a skipped step is refused even in SQL)', async () => {
    const id = await submit();
    await expect(asOwner(`UPDATE release_requests SET status = 'completed', infused_at = now() WHERE id = $1`, [id])).rejects.toMatchObject({ code: 'CBT01' });
  });

  it('DESIGN.md 5: no half-reservation: a request marked reserved without its unit reserved for it is refused at commit', async () => {
    const din = await unit();
    const id = await submit();
    await expect(asOwner(`UPDATE release_requests SET status = 'reserved', din = $2, reserved_at = now() WHERE id = $1`, [id, din])).rejects.toMatchObject({ code: 'CB409' });
    await expect(asOwner(`UPDATE cord_blood_units SET status = 'reserved', reserved_for = $2 WHERE din = $1`, [din, id])).rejects.toMatchObject({ code: 'CB409' });
    expect(await unitRow(din)).toMatchObject({ status: 'available', reserved_for: null });
  });
});

describe('exclusive reservation under concurrency', () => {
  it('DESIGN.md 5: 100 concurrent reserve calls from different requests reserve one unit exactly once; the others get 409 and no request is half-reserved', async () => {
    const din = await unit();
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 20) ids.push(...(await Promise.all(Array.from({ length: 20 }, () => submit()))));
    const results = await Promise.all(ids.map((id) => reserve(id, din)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const winner = ids[statuses.indexOf(200)];
    expect(await unitRow(din)).toMatchObject({ status: 'reserved', reserved_for: winner });
    const rows = (await t.owner.query(`SELECT status, count(*)::int AS n, count(din)::int AS with_unit FROM release_requests WHERE id = ANY($1) GROUP BY status ORDER BY status`, [ids])).rows;
    expect(rows).toEqual([{ status: 'reserved', n: 1, with_unit: 1 }, { status: 'submitted', n: 99, with_unit: 0 }]);
    const reservedEntries = await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1 AND action = 'unit.reserved'`, [din]);
    expect(reservedEntries.rows[0].n).toBe(1);
  }, 60_000);

  it('DESIGN.md 5: the same holds with two app processes on the same database', async () => {
    const din = await unit();
    const t2 = await startTestApp({}, t);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 60; i += 20) ids.push(...(await Promise.all(Array.from({ length: 20 }, () => submit()))));
      const results = await Promise.all(ids.map((id, i) => post(`/release-requests/${id}/reserve`, { din }, 'coordinator', i % 2 ? t2 : t)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(59);
      const n = await t.owner.query(`SELECT count(*)::int AS n FROM release_requests WHERE din = $1 AND status <> 'cancelled'`, [din]);
      expect(n.rows[0].n).toBe(1);
      expect((await unitRow(din)).reserved_for).toBe(ids[statuses.indexOf(200)]);
    } finally {
      await t2.close();
    }
  }, 60_000);
});

describe('patient personal data', () => {
  it('privacy (DESIGN 6, extended to patients): the patient identifier and diagnosis only for admin, coordinator and medical director, also in the request history', async () => {
    const id = await submit({}, { identifier: 'MRN-CANARY-9931', diagnosis: 'canary diagnosis' });
    for (const role of ['coordinator', 'medical_director'] as const) {
      const r = await get(`/release-requests/${id}`, role);
      expect(r.status).toBe(200);
      expect(r.body.patient).toMatchObject({ identifier: 'MRN-CANARY-9931', diagnosis: 'canary diagnosis', weightKg: 20 });
      expect(JSON.stringify(r.body.history)).toContain('MRN-CANARY-9931');
    }
    for (const role of ['lab_technician', 'quality_assurance', 'auditor'] as const) {
      const one = await get(`/release-requests/${id}`, role);
      expect(one.status).toBe(200);
      expect(one.body.patient).toEqual({ weightKg: 20, hla: PATIENT_HLA });
      const list = await get(`/release-requests?pageSize=100`, role);
      expect(list.status).toBe(200);
      expect(list.body.items.some((x: { id: string }) => x.id === id)).toBe(true);
      const text = JSON.stringify([one.body, list.body]);
      expect(text).not.toContain('MRN-CANARY-9931');
      expect(text).not.toContain('canary diagnosis');
      expect(one.body.history[0].after).toMatchObject({ patient_identifier: '[redacted]', patient_diagnosis: '[redacted]' });
    }
    // the request's own chain read through the audit log is redacted the same way
    const log = await get(`/audit?action=release_request.submitted&limit=200`, 'quality_assurance');
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body)).not.toContain('MRN-CANARY-9931');
    expect(log.body.items.some((e: { after?: Record<string, unknown> }) => e.after?.patient_identifier === '[redacted]')).toBe(true);
  });
});

describe('segregation of duties at release (DESIGN.md section 6; 21 CFR Part 11.10(g), FACT-NetCord)', () => {
  it('Part 11.10(g): nobody approves the release of a unit they released from quarantine themselves (403); another medical director may', async () => {
    // one person holding both roles: QA releases the unit to available, then tries to approve its release
    const both = await staffUser(t, ['quality_assurance', 'medical_director'], 'Dual Role');
    const { unit: u } = await collect(t, donorId);
    await processUnit(t, u.din);
    await store(t, u.din, freezerId);
    await determineEligibility(t, u.din);
    const released = await t.http().post(`/api/v1/units/${u.din}/status`).set(both.headers).send({ to: 'available', reason: 'release criteria met', signature: { ...QA_SIGNATURE, email: both.email } });
    expect(released.status).toBe(200);
    const id = await submit();
    expect((await reserve(id, u.din)).status).toBe(200);
    const before = (await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1`, [u.din])).rows[0].n;
    const refused = await t.http().post(`/api/v1/release-requests/${id}/approve`).set(both.headers).send({ signature: { ...SIGN, email: both.email } });
    expectProblem(refused, 403);
    expect(refused.body.code).toBe('SEGREGATION_OF_DUTIES');
    expect(refused.body.detail).toMatch(/released unit .* to available yourself/);
    expect((await get(`/release-requests/${id}`)).body.status).toBe('reserved');
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1`, [u.din])).rows[0].n).toBe(before);
    // the refusal costs no signature attempt: the dual-role account is not closer to a lockout
    expect((await t.owner.query(`SELECT failed_login_count FROM users WHERE id = $1`, [both.id])).rows[0].failed_login_count).toBe(0);
    const ok = await approve(id);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
  });

  it('Part 11.10(g): the same holds when the person lifted a hold on the unit back to available', async () => {
    const both = await staffUser(t, ['quality_assurance', 'medical_director'], 'Dual Role Hold');
    const din = await unit();
    const qa = await auth(t, 'quality_assurance');
    expect((await t.http().post(`/api/v1/units/${din}/status`).set(qa).send({ to: 'on_hold', reason: 'label check' })).status).toBe(200);
    const lifted = await t.http().post(`/api/v1/units/${din}/status`).set(both.headers).send({ to: 'available', reason: 'label verified', signature: { ...QA_SIGNATURE, email: both.email } });
    expect(lifted.status).toBe(200);
    const id = await submit();
    expect((await reserve(id, din)).status).toBe(200);
    expectProblem(await t.http().post(`/api/v1/release-requests/${id}/approve`).set(both.headers).send({ signature: { ...SIGN, email: both.email } }), 403);
    // a medical director who did not release it approves
    expect((await approve(id)).status).toBe(200);
  });
});
