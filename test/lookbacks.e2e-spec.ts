import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, PASSWORD, expectProblem, startTestApp } from './setup/test-app';
import { HLA, asSystem, auth, collect, createDonor, createFreezer, determineEligibility, hoursAgo, makeEligible, processUnit, store, processedUnits } from './setup/fixtures';

/**
 * Look-back and recall (DESIGN.md section 9; 21 CFR 1271.290): every affected unit found, the ones in
 * the bank held in the same transaction, the distributed ones listed with their consignee, each
 * notification and disposition recorded, closure by QA with an e-signature; CSV and PDF reports;
 * right under concurrency with a reservation of the same unit.
 */
let t: TestApp;
let donorId: string;
let freezerId: string;
type Role = 'coordinator' | 'lab_technician' | 'quality_assurance' | 'medical_director' | 'auditor';
const post = async (path: string, body: unknown, role: Role = 'quality_assurance') => t.http().post(`/api/v1${path}`).set(await auth(t, role)).send(body as object);
const get = async (path: string, role: Role = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));
const sign = (role: Role, meaning: string) => ({ email: `${role}@bank.test`, password: PASSWORD, meaning });
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const unitRow = async (din: string) => (await t.owner.query(`SELECT status, hold_from_status, reserved_for FROM cord_blood_units WHERE din = $1`, [din])).rows[0];
let seq = 0;

async function acceptedLot(): Promise<{ id: string; lotNumber: string }> {
  const res = await post('/supplies/lots', { type: 'collection_bag', manufacturer: 'Macopharma', lotNumber: `BAG-${++seq}-${Math.random().toString(36).slice(2, 6)}`, expiresOn: day(200), receivedOn: day(-10) }, 'lab_technician');
  expect(res.status).toBe(201);
  expect((await post(`/supplies/lots/${res.body.id}/qc`, { decision: 'accepted' })).status).toBe(200);
  return res.body;
}

/** A unit collected with `supplyLots`, taken to `upTo` through the API (available: released by QA with a signature). */
async function unit(supplyLots: string[], upTo: 'collected' | 'processed' | 'available' = 'available', donor = donorId): Promise<string> {
  const { unit: u } = await collect(t, donor, supplyLots.length ? { supplyLots } : {});
  if (upTo === 'collected') return u.din;
  await processUnit(t, u.din);
  if (upTo === 'processed') return u.din;
  await store(t, u.din, freezerId);
  await determineEligibility(t, u.din);
  const res = await post(`/units/${u.din}/status`, { to: 'available', reason: 'release criteria met', signature: sign('quality_assurance', 'release') });
  if (res.status !== 200) throw new Error(`available: ${res.status} ${JSON.stringify(res.body)}`);
  return u.din;
}

const soon = () => new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
async function submit(facility = "Children's Hospital Transplant Centre", physician = 'Dr. A. Okafor'): Promise<string> {
  const res = await post('/release-requests', {
    requestingFacility: facility, physician, intendedUse: 'allogeneic_transplant', neededBy: soon(),
    patient: { identifier: `MRN-${++seq}`, weightKg: 20, diagnosis: 'acute lymphoblastic leukaemia', hla: { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 } },
  }, 'coordinator');
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
const reserve = (id: string, din: string) => post(`/release-requests/${id}/reserve`, { din }, 'coordinator');

/** A unit that went all the way to a patient (infused) under a release request to `facility`. */
async function infused(din: string, facility: string, physician: string): Promise<string> {
  const id = await submit(facility, physician);
  const steps: [string, () => unknown, Role][] = [
    [`/release-requests/${id}/reserve`, () => ({ din }), 'coordinator'],
    [`/release-requests/${id}/approve`, () => ({ signature: sign('medical_director', 'approval') }), 'medical_director'],
    [`/release-requests/${id}/ship`, () => ({ courier: 'ColdChain Couriers', dispatchedAt: inSeconds(0), shipperId: 'DS-0042', temperatureLoggerId: 'TL-7731' }), 'lab_technician'],
    [`/release-requests/${id}/deliver`, () => ({ receivedAt: inSeconds(1), receivedBy: 'N. Park', temperatureOk: true }), 'coordinator'],
    [`/release-requests/${id}/outcome`, () => ({ infusedAt: inSeconds(2), notes: 'infused without reaction' }), 'coordinator'],
  ];
  for (const [path, body, role] of steps) {
    const res = await post(path, body(), role);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}

/** Sessions of this test's database waiting for a lock. */
async function lockWaiters(): Promise<number> {
  const r = await t.owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
  return r.rows[0].n;
}
async function untilWaiters(n: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await lockWaiters()) >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never saw ${n} lock waiter(s)`);
}

beforeAll(async () => {
  t = await startTestApp();
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t, { racks: 4, boxesPerRack: 4 })).id;
});
afterAll(async () => t?.close());

describe('a look-back from a supply lot (21 CFR 1271.290)', () => {
  let lot: { id: string; lotNumber: string };
  let inBank: string;
  let processed: string;
  let gone: string;
  let untouched: string;
  let lookback: Record<string, any>;

  beforeAll(async () => {
    lot = await acceptedLot();
    inBank = await unit([lot.lotNumber]);
    processed = await unit([lot.lotNumber], 'processed');
    gone = await unit([lot.lotNumber]);
    await infused(gone, 'St Luke Transplant Centre', 'Dr. M. Chen');
    untouched = await unit([]);
  });

  it('21 CFR 1271.290(a), (b)(1): every unit that used the lot is found; the ones in the bank go on hold in the same transaction, the distributed one is listed with its consignee', async () => {
    expectProblem(await post('/lookbacks', { trigger: { type: 'supply_lot', supplyLotId: lot.id }, reason: 'manufacturer recall' }, 'lab_technician'), 403);
    const res = await post('/lookbacks', { trigger: { type: 'supply_lot', supplyLotId: lot.id }, reason: 'Manufacturer recall: bag lot seal defect' });
    expect(res.status).toBe(201);
    lookback = res.body;
    expect(lookback.number).toMatch(/^LB\d{6}$/);
    expect(lookback).toMatchObject({ status: 'open', triggerType: 'supply_lot', unitCount: 3, heldCount: 2, units: { byAction: { held: 2, distributed: 1 }, pendingDisposition: 3 }, closable: false });
    expect(lookback.trigger).toMatchObject({ lotNumber: lot.lotNumber });
    expect(await unitRow(inBank)).toMatchObject({ status: 'on_hold', hold_from_status: 'available' });
    expect(await unitRow(processed)).toMatchObject({ status: 'on_hold', hold_from_status: 'processed' });
    expect(await unitRow(gone)).toMatchObject({ status: 'infused' });
    expect(await unitRow(untouched)).toMatchObject({ status: 'available' });
    expect(lookback.consignees).toEqual([expect.objectContaining({ facility: 'St Luke Transplant Centre', physician: 'Dr. M. Chen', dins: [gone], notified: false, notifications: [] })]);

    const units = await get(`/lookbacks/${lookback.id}/units`);
    expect(units.body.items).toEqual(
      [inBank, processed, gone].sort().map((din) => expect.objectContaining({ din, action: din === gone ? 'distributed' : 'held', disposition: null })),
    );
    // audited: each unit's hold on its own chain, the look-back on lookback:<id> (opened, then the units found in one entry)
    const held = (await t.owner.query(`SELECT action, reason, actor_id, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [inBank])).rows[0];
    expect(held).toMatchObject({
      action: 'unit.held', reason: `look-back ${lookback.number}: Manufacturer recall: bag lot seal defect`, actor_id: await t.userId('quality_assurance'),
      before: { status: 'available', hold_from_status: null }, after: { status: 'on_hold', hold_from_status: 'available' },
    });
    for (const din of [inBank, processed]) expect((await get(`/units/${din}/audit/verify`)).body).toMatchObject({ valid: true });
    const trail = (await t.owner.query(`SELECT action, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`lookback:${lookback.id}`])).rows;
    expect(trail.map((e) => e.action)).toEqual(['lookback.opened', 'lookback.units_found', 'lookback.consignee_listed']);
    expect(trail[1].after.units.map((u: { din: string }) => u.din)).toEqual([inBank, processed, gone].sort());
    const listed = await get('/lookbacks?status=open&triggerType=supply_lot');
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: lookback.id, pendingDisposition: 3, consigneesToNotify: 1 })]));
  });

  it('21 CFR 1271.290(a) / FACT-NetCord (bank policy): a unit held by an open look-back can not leave its hold until the look-back gives it a disposition', async () => {
    const release = () => post(`/units/${inBank}/status`, { to: 'available', reason: 'hold reviewed', signature: sign('quality_assurance', 'release') });
    const refused = await release();
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(new RegExp(`look-back ${lookback.number}`));
    const toQuarantine = await post(`/units/${processed}/status`, { to: 'processed', reason: 'hold reviewed' });
    expectProblem(toQuarantine, 409);
    expect(await unitRow(inBank)).toMatchObject({ status: 'on_hold' });

    expectProblem(await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [gone], disposition: 'returned_to_inventory', note: 'n/a' }), 422);
    expectProblem(await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [untouched], disposition: 'no_action', note: 'n/a' }), 422);
    const d = await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [inBank], disposition: 'returned_to_inventory', note: 'Bag integrity inspected: seal intact' });
    expect(d.status).toBe(200);
    expect(d.body.units.pendingDisposition).toBe(2);
    expectProblem(await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [inBank], disposition: 'no_action', note: 'again' }), 409);
    expect((await release()).status).toBe(200);
    expect(await unitRow(inBank)).toMatchObject({ status: 'available' });
  });

  it('21 CFR 1271.290(a) / Part 11.200: closes only when every unit is dispositioned and every consignee notified, by QA with an e-signature meaning closure; then nothing changes', async () => {
    const close = (meaning = 'closure', role: Role = 'quality_assurance') => post(`/lookbacks/${lookback.id}/close`, { note: 'All units dispositioned; consignee informed', signature: sign(role, meaning) }, role);
    const early = await close();
    expectProblem(early, 409);
    expect(early.body.detail).toMatch(/2 unit\(s\) without a disposition, 1 consignee\(s\) not notified/);

    // the processed unit is discarded (QA, signed), then dispositioned as such
    expectProblem(await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [processed], disposition: 'discarded', note: 'destroyed' }), 422);
    expect((await post(`/units/${processed}/status`, { to: 'discarded', reason: 'look-back: seal defect', signature: sign('quality_assurance', 'discard') })).status).toBe(200);
    expect((await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [processed], disposition: 'discarded', note: 'destroyed per SOP QA-12' })).status).toBe(200);
    expectProblem(await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [gone], disposition: 'recalled', note: 'already infused' }), 422);
    expect((await post(`/lookbacks/${lookback.id}/dispositions`, { dins: [gone], disposition: 'used_recipient_followed_up', note: 'Physician monitors the recipient' })).status).toBe(200);
    expectProblem(await close(), 409);

    const consigneeId = lookback.consignees[0].id as string;
    expectProblem(await post(`/lookbacks/${lookback.id}/notifications`, { consigneeId, notifiedAt: ago(5), method: 'phone', contact: 'Dr. M. Chen' }, 'lab_technician'), 403);
    expectProblem(await post(`/lookbacks/${lookback.id}/notifications`, { consigneeId, notifiedAt: new Date(Date.now() + 3_600_000).toISOString(), method: 'phone', contact: 'Dr. M. Chen' }), 422);
    expectProblem(await post(`/lookbacks/${lookback.id}/notifications`, { consigneeId, notifiedAt: ago(24 * 60), method: 'phone', contact: 'Dr. M. Chen' }), 422);
    const n = await post(`/lookbacks/${lookback.id}/notifications`, { consigneeId, notifiedAt: inSeconds(0), method: 'phone', contact: 'Dr. M. Chen', acknowledged: true, notes: 'will monitor' });
    expect(n.status).toBe(201);
    expect(n.body.consignees[0]).toMatchObject({ notified: true, acknowledged: true, notifications: [expect.objectContaining({ method: 'phone', contact: 'Dr. M. Chen', acknowledged: true })] });
    expect(n.body.closable).toBe(true);

    expectProblem(await close('approval'), 422);
    expectProblem(await close('closure', 'lab_technician'), 403);
    const closed = await close();
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closure: { note: 'All units dispositioned; consignee informed', signature: expect.objectContaining({ meaning: 'closure' }) } });
    expectProblem(await post(`/lookbacks/${lookback.id}/notifications`, { consigneeId, notifiedAt: ago(1), method: 'email', contact: 'x' }), 409);
    expectProblem(await close(), 409);
    const last = (await t.owner.query(`SELECT action, signature FROM audit_entries WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [`lookback:${lookback.id}`])).rows[0];
    expect(last).toMatchObject({ action: 'lookback.closed', signature: expect.objectContaining({ meaning: 'closure' }) });
  });

  it('21 CFR 1271.290(b)(1): the CSV and PDF reports list every unit, consignee and notification', async () => {
    const json = await get(`/lookbacks/${lookback.id}`);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toMatchObject({ id: lookback.id, number: lookback.number, status: 'closed', unitCount: 3 });
    const csv = await get(`/lookbacks/${lookback.id}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain(lookback.number);
    for (const din of [inBank, processed, gone]) expect(csv.text).toContain(din);
    expect(csv.text).toContain('St Luke Transplant Centre');
    expect(csv.text).toMatch(/used_recipient_followed_up/);
    const negotiated = await t.http().get(`/api/v1/lookbacks/${lookback.id}`).set(await auth(t, 'auditor')).set('accept', 'text/csv');
    expect(negotiated.headers['content-type']).toMatch(/^text\/csv/);
    expect(negotiated.text).toBe(csv.text);
    const pdf = await t.http().get(`/api/v1/lookbacks/${lookback.id}/report.pdf`).set(await auth(t, 'auditor')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.body as Buffer).length).toBeGreaterThan(1000);
  });
});

describe('look-back triggers', () => {
  it('21 CFR 1271.290(b)(1)(i): from a donor (a later positive marker), every unit of that donor is found and held; the other donors\' units are not', async () => {
    const other = (await createDonor(t)).id;
    const a = await unit([], 'collected', other);
    const b = await unit([], 'collected', other);
    const c = await unit([], 'collected');
    const res = await post('/lookbacks', { trigger: { type: 'donor', donorId: other }, reason: 'Maternal HTLV reactive on a later sample' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitCount: 2, heldCount: 2 });
    for (const din of [a, b]) expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'collected' });
    expect(await unitRow(c)).toMatchObject({ status: 'collected' });
  });

  it('21 CFR 1271.290(b)(1) / 1271.260(d): from a freezer over a time window, the units that were in it then are found (from the storage history), not those stored after', async () => {
    const freezer = (await createFreezer(t)).id;
    const [stayed, movedOut, later] = await processedUnits(t, 3);
    for (const din of [stayed, movedOut, later]) await store(t, din, freezer);
    await t.owner.query(`UPDATE unit_storage_history SET stored_from = now() - interval '10 hours' WHERE din = $1`, [stayed]);
    expect((await post(`/units/${movedOut}/retrieve`, { reason: 'testing' }, 'lab_technician')).status).toBeLessThan(300);
    await t.owner.query(`UPDATE unit_storage_history SET stored_from = now() - interval '9 hours', stored_until = now() - interval '7 hours' WHERE din = $1`, [movedOut]);
    const res = await post('/lookbacks', { trigger: { type: 'freezer', freezerId: freezer, from: hoursAgo(8), to: hoursAgo(6) }, reason: 'LN2 level alarm unanswered for 2 h' });
    expect(res.status).toBe(201);
    const dins = (await get(`/lookbacks/${res.body.id}/units`)).body.items.map((u: { din: string }) => u.din);
    expect(dins).toEqual([stayed, movedOut].sort());
    expect((await unitRow(later)).status).not.toBe('on_hold');
    expectProblem(await post('/lookbacks', { trigger: { type: 'freezer', freezerId: freezer, from: hoursAgo(6), to: hoursAgo(8) }, reason: 'x' }), 422);
    expectProblem(await post('/lookbacks', { trigger: { type: 'freezer', freezerId: freezer }, reason: 'x' }), 422);
  });

  it('21 CFR 1271.290(b)(1): from a list of DINs; one unknown DIN refuses the whole look-back (422) and nothing is written or held', async () => {
    const [a, b] = await processedUnits(t, 2);
    const before = (await t.owner.query(`SELECT count(*)::int AS n FROM lookbacks`)).rows[0].n;
    const bad = await post('/lookbacks', { trigger: { type: 'dins', dins: [a, 'W999926999999'] }, reason: 'x' });
    expectProblem(bad, 422);
    expect(bad.body.detail).toMatch(/W999926999999/);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM lookbacks`)).rows[0].n).toBe(before);
    expect(await unitRow(a)).toMatchObject({ status: 'processed' });
    expectProblem(await post('/lookbacks', { trigger: { type: 'dins', dins: [a], donorId }, reason: 'x' }), 422);
    const ok = await post('/lookbacks', { trigger: { type: 'dins', dins: [a, b, a] }, reason: 'Sterility of the processing batch in doubt' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ unitCount: 2, heldCount: 2 });
    // a second look-back over a unit already on hold records it as such
    const again = await post('/lookbacks', { trigger: { type: 'dins', dins: [a] }, reason: 'second signal' });
    expect(again.body).toMatchObject({ unitCount: 1, heldCount: 0, units: { byAction: { already_on_hold: 1 } } });
  });
});

describe('a look-back and a reservation of the same unit (21 CFR 1271.290; DESIGN.md section 5)', () => {
  /** Holds the unit's row lock from outside, queues `first` then `second` behind it, then lets go. */
  async function inOrder<A, B>(din: string, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
    const c = await t.owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT 1 FROM cord_blood_units WHERE din = $1 FOR UPDATE`, [din]);
      const base = await lockWaiters();
      const a = first();
      await untilWaiters(base + 1);
      const b = second();
      await untilWaiters(base + 2);
      await c.query('ROLLBACK');
      return [await a, await b];
    } finally {
      c.release();
    }
  }

  it('21 CFR 1271.290: the reservation commits first: the look-back finds the unit reserved and holds it with its reservation (recorded as found reserved)', async () => {
    const din = await unit([]);
    const request = await submit();
    const [reserved, lb] = await inOrder(din, () => reserve(request, din), () => post('/lookbacks', { trigger: { type: 'dins', dins: [din] }, reason: 'race: reservation first' }));
    expect(reserved.status).toBe(200);
    expect(lb.status).toBe(201);
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'reserved', reserved_for: request });
    expect((await get(`/lookbacks/${lb.body.id}/units`)).body.items).toEqual([expect.objectContaining({ din, foundStatus: 'reserved', action: 'held' })]);
  });

  it('21 CFR 1271.290: the look-back commits first: the reservation then finds the unit on hold and is refused (409); the request stays submitted', async () => {
    const din = await unit([]);
    const request = await submit();
    const [lb, reserved] = await inOrder(din, () => post('/lookbacks', { trigger: { type: 'dins', dins: [din] }, reason: 'race: look-back first' }), () => reserve(request, din));
    expect(lb.status).toBe(201);
    expectProblem(reserved, 409);
    expect(reserved.body.detail).toMatch(/on_hold/);
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold', hold_from_status: 'available', reserved_for: null });
    expect((await t.owner.query(`SELECT status FROM release_requests WHERE id = $1`, [request])).rows[0].status).toBe('submitted');
    expect((await get(`/lookbacks/${lb.body.id}/units`)).body.items).toEqual([expect.objectContaining({ din, foundStatus: 'available', action: 'held' })]);
  });

  it('21 CFR 1271.290: sent at the same moment, one of the two outcomes above and never a third (unit held, at most one reservation)', async () => {
    const dins = [await unit([]), await unit([])];
    const requests = [await submit(), await submit()];
    const results = await Promise.all(dins.map((din, i) => Promise.all([reserve(requests[i], din), post('/lookbacks', { trigger: { type: 'dins', dins: [din] }, reason: 'race' })])));
    for (const [i, [r, lb]] of results.entries()) {
      expect(lb.status).toBe(201);
      const row = await unitRow(dins[i]);
      expect(row.status).toBe('on_hold');
      const found = (await get(`/lookbacks/${lb.body.id}/units`)).body.items[0];
      if (r.status === 200) {
        expect(row).toMatchObject({ hold_from_status: 'reserved', reserved_for: requests[i] });
        expect(found.foundStatus).toBe('reserved');
      } else {
        expect(r.status).toBe(409);
        expect(row).toMatchObject({ hold_from_status: 'available', reserved_for: null });
        expect(found.foundStatus).toBe('available');
      }
    }
  });
});

describe('a look-back from a piece of equipment (21 CFR 1271.200(e), 1271.290)', () => {
  const day0 = (offsetDays: number) => `${day(offsetDays)}T00:00:00.000Z`;
  async function equipment(): Promise<{ id: string; serialNumber: string; name: string }> {
    const res = await post('/equipment', { type: 'centrifuge', name: `Rotanta ${++seq}`, serialNumber: `ROT-${seq}-${Math.random().toString(36).slice(2, 6)}`, calibrationDueOn: day(100) }, 'lab_technician');
    expect(res.status).toBe(201);
    return res.body;
  }
  /** A unit collected at `hours` ago with the equipment (or none). */
  async function collectedWith(eq: string[], hours: number): Promise<string> {
    const { unit: u } = await collect(t, donorId, { equipment: eq, birthAt: hoursAgo(hours + 0.2), collectedAt: hoursAgo(hours) });
    return u.din;
  }

  it('21 CFR 1271.200(e), 1271.290(b)(1): over a time window, every unit whose collection or processing used the equipment then is found and held; units outside the window or without it are not', async () => {
    const eq = await equipment();
    const inWindow = await collectedWith([eq.id], 24.8);
    const before = await collectedWith([eq.serialNumber], 49.8);
    const without = await collectedWith([], 24.8);
    const processedWith = await unit([], 'collected');
    await post(`/units/${processedWith}/receipt`, { receivedAt: hoursAgo(20), temperatureOk: true }, 'lab_technician');
    const proc = await post(`/units/${processedWith}/processing`, { processedAt: hoursAgo(18), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95, equipment: [eq.serialNumber] }, 'lab_technician');
    expect(proc.status).toBe(200);

    const res = await post('/lookbacks', { trigger: { type: 'equipment', equipmentId: eq.id, from: hoursAgo(30), to: hoursAgo(1) }, reason: 'Centrifuge found 4 % below speed setpoint at calibration' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ triggerType: 'equipment', unitCount: 2, heldCount: 2, trigger: { type: 'equipment', equipmentId: eq.id, serialNumber: eq.serialNumber, fromBasis: 'given', toBasis: 'given' } });
    const dins = (await get(`/lookbacks/${res.body.id}/units`)).body.items.map((u: { din: string }) => u.din);
    expect(dins).toEqual([inWindow, processedWith].sort());
    expect(await unitRow(inWindow)).toMatchObject({ status: 'on_hold', hold_from_status: 'collected' });
    expect(await unitRow(processedWith)).toMatchObject({ status: 'on_hold', hold_from_status: 'processed' });
    for (const din of [before, without]) expect((await unitRow(din)).status).toBe('collected');
    expect((await get(`/lookbacks?triggerType=equipment`)).body.items.map((l: { id: string }) => l.id)).toContain(res.body.id);

    expectProblem(await post('/lookbacks', { trigger: { type: 'equipment', equipmentId: eq.id, freezerId: 'F01' }, reason: 'x' }), 422);
    expectProblem(await post('/lookbacks', { trigger: { type: 'equipment' }, reason: 'x' }), 422);
    expectProblem(await post('/lookbacks', { trigger: { type: 'equipment', equipmentId: 'NO-SUCH-SERIAL' }, reason: 'x' }), 422);
    expectProblem(await post('/lookbacks', { trigger: { type: 'equipment', equipmentId: eq.id, from: hoursAgo(1), to: hoursAgo(30) }, reason: 'x' }), 422);
    expectProblem(await post('/lookbacks', { trigger: { type: 'freezer', freezerId, from: hoursAgo(2), to: hoursAgo(1), equipmentId: eq.id }, reason: 'x' }), 422);
    expectProblem(await post('/lookbacks', { trigger: { type: 'equipment', equipmentId: eq.id }, reason: 'x' }, 'lab_technician'), 403);
  });

  it('21 CFR 1271.200(a), (e): taken out of service, the equipment answers how many units used it since its last calibration, and one look-back with no window finds and holds exactly those', async () => {
    const eq = await equipment();
    const earlier = await collectedWith([eq.id], 100);
    expect((await post(`/equipment/${eq.id}/services`, { kind: 'calibration', performedOn: day(-3), performedBy: 'Metrology lab', nextDueOn: day(300), certificate: 'CAL-3' }, 'lab_technician')).status).toBe(201);
    const since = await collectedWith([eq.id], 24.8);
    const off = await post(`/equipment/${eq.id}/out-of-service`, { reason: 'Calibration verification failed: 4 % below setpoint' }, 'quality_assurance');
    expect(off.status).toBe(200);
    expect(off.body.sinceLastCalibration).toMatchObject({ unitsUsedIt: 1, lookback: { type: 'equipment', equipmentId: eq.id } });
    expect(new Date(off.body.sinceLastCalibration.from).toISOString()).toBe(day0(-3));
    // out of service: a new collection that names it is refused
    expect((await collect(t, donorId, { equipment: [eq.id] }).catch((e: Error) => e)) instanceof Error).toBe(true);

    const res = await post('/lookbacks', { trigger: { type: 'equipment', equipmentId: eq.serialNumber }, reason: 'Units processed since the last good calibration' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitCount: 1, heldCount: 1, trigger: { from: day0(-3), fromBasis: 'last calibration', toBasis: 'taken out of service' } });
    expect(new Date(res.body.trigger.to).getTime()).toBe(new Date(off.body.outOfService.since).getTime());
    expect(await unitRow(since)).toMatchObject({ status: 'on_hold' });
    expect((await unitRow(earlier)).status).toBe('collected');
  });
});

describe('the database keeps a look-back hold (21 CFR 1271.290; the Node check is the first line)', () => {
  it('21 CFR 1271.290 / FACT-NetCord (bank policy): the database refuses a unit held by an open look-back without a disposition leaving on_hold (except to discarded) on any path, with the look-back named; after the disposition it may', async () => {
    const din = await unit([]);
    const lb = await post('/lookbacks', { trigger: { type: 'dins', dins: [din] }, reason: 'Processing batch sterility in doubt' });
    expect(lb.status).toBe(201);
    const direct = async (to: string) => asSystem(t, (c) => c.query(`UPDATE cord_blood_units SET status = $2 WHERE din = $1`, [din, to])).then(() => null, (e: { code?: string; message?: string; detail?: string }) => e);
    const refused = await direct('available');
    expect(refused).toMatchObject({ code: 'CBL09', detail: lb.body.number });
    expect(refused!.message).toMatch(new RegExp(`Unit ${din} is held by look-back ${lb.body.number}`));
    // over HTTP: 409 with the look-back named, as before
    const http = await post(`/units/${din}/status`, { to: 'available', reason: 'hold reviewed', signature: sign('quality_assurance', 'release') });
    expectProblem(http, 409);
    expect(http.body.detail).toMatch(new RegExp(`look-back ${lb.body.number}`));
    expect(await unitRow(din)).toMatchObject({ status: 'on_hold' });
    expect((await post(`/lookbacks/${lb.body.id}/dispositions`, { dins: [din], disposition: 'returned_to_inventory', note: 'Sterility repeat negative' })).status).toBe(200);
    expect(await direct('available')).toBeNull();
  });
});
