import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { auth, collect, createDonor, hoursAgo, asSystem } from './setup/fixtures';

/**
 * Supply lots, equipment and QA exceptions (DESIGN.md section 9): collections and processing name
 * what they used; a lot not QC-accepted or expired, or equipment past its due date, is 422 unless QA
 * recorded an exception; "which units used lot X" is one query; everything audited.
 */
let t: TestApp;
let donorId: string;
type Role = 'coordinator' | 'lab_technician' | 'quality_assurance' | 'medical_director' | 'auditor';
const post = async (path: string, body: unknown, role: Role) => t.http().post(`/api/v1${path}`).set(await auth(t, role)).send(body as object);
const get = async (path: string, role: Role = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
let seq = 0;
const lotNo = (p: string) => `${p}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;

async function lot(over: Record<string, unknown> = {}, qc: 'accepted' | 'rejected' | null = 'accepted'): Promise<{ id: string; lotNumber: string }> {
  const res = await post('/supplies/lots', { type: 'collection_bag', manufacturer: 'Macopharma', lotNumber: lotNo('BAG'), expiresOn: day(200), receivedOn: day(-10), ...over }, 'lab_technician');
  expect(res.status).toBe(201);
  if (qc) expect((await post(`/supplies/lots/${res.body.id}/qc`, { decision: qc, note: 'CoA reviewed' }, 'quality_assurance')).status).toBe(200);
  return res.body;
}

async function equipment(over: Record<string, unknown> = {}): Promise<{ id: string; serialNumber: string }> {
  const res = await post('/equipment', { type: 'cell_processor', name: 'Sepax 2', serialNumber: lotNo('SPX'), calibrationDueOn: day(100), maintenanceDueOn: day(100), ...over }, 'lab_technician');
  expect(res.status).toBe(201);
  return res.body;
}

const receive = async (din: string) => expect((await post(`/units/${din}/receipt`, { receivedAt: hoursAgo(20), temperatureOk: true }, 'lab_technician')).status).toBe(200);
const processing = (din: string, extra: Record<string, unknown> = {}) =>
  post(`/units/${din}/processing`, { processedAt: hoursAgo(18), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95, ...extra }, 'lab_technician');

beforeAll(async () => {
  t = await startTestApp();
  donorId = (await createDonor(t)).id;
});
afterAll(async () => t?.close());

describe('supply lots (21 CFR 1271.210)', () => {
  it('21 CFR 1271.210(a), (d)(3): a lot starts QC pending and is refused at collection (422) until QA accepts it; then the collection names it and the link is on the unit\'s chain', async () => {
    const res = await post('/supplies/lots', { type: 'anticoagulant', manufacturer: 'Fresenius', lotNumber: lotNo('CPD'), expiresOn: day(300), receivedOn: day(-1) }, 'lab_technician');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ qcStatus: 'pending', usable: false, qcDecision: null, unitCount: 0 });
    const before = Number((await t.owner.query(`SELECT count(*) FROM cord_blood_units`)).rows[0].count);
    const refused = await post('/collections', { donorId, hospital: 'St Mary', collectedBy: 'J. Rivera', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero', supplyLots: [res.body.lotNumber] }, 'coordinator');
    expectProblem(refused, 422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'supplyLots[0]' });
    expect(refused.body.errors[0].message).toMatch(/not QC-accepted \(pending\)/);
    expect(Number((await t.owner.query(`SELECT count(*) FROM cord_blood_units`)).rows[0].count)).toBe(before);

    expectProblem(await post(`/supplies/lots/${res.body.id}/qc`, { decision: 'accepted' }, 'lab_technician'), 403);
    const accepted = await post(`/supplies/lots/${res.body.id}/qc`, { decision: 'accepted', note: 'CoA reviewed, seals intact' }, 'quality_assurance');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ qcStatus: 'accepted', usable: true, qcDecision: { note: 'CoA reviewed, seals intact' } });
    expectProblem(await post(`/supplies/lots/${res.body.id}/qc`, { decision: 'rejected' }, 'quality_assurance'), 409);

    const { unit } = await collect(t, donorId, { supplyLots: [res.body.lotNumber], bagLot: 'KIT-free-text' });
    const used = await get(`/supplies/lots/${res.body.id}/units`);
    expect(used.status).toBe(200);
    expect(used.body.total).toBe(1);
    expect(used.body.items).toEqual([expect.objectContaining({ din: unit.din, status: 'collected', stage: 'collection', exceptionId: null })]);
    const trail = (await t.owner.query(`SELECT action, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [unit.din])).rows;
    expect(trail).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'unit.collection.supplies_recorded', after: expect.objectContaining({ supply_lot_id: res.body.id, stage: 'collection' }) })]));
    const lotTrail = (await t.owner.query(`SELECT action FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`supply_lot:${res.body.id}`])).rows.map((r) => r.action);
    expect(lotTrail).toEqual(['supply_lot.recorded', 'supply_lot.qc_accepted']);
    const supplies = await get(`/units/${unit.din}/supplies`);
    expect(supplies.body.supplyLots).toEqual([expect.objectContaining({ id: res.body.id, type: 'anticoagulant', stage: 'collection' })]);
    // the free-text kit lot stays as history
    expect((await t.owner.query(`SELECT bag_lot FROM collections WHERE din = $1`, [unit.din])).rows[0].bag_lot).toBe('KIT-free-text');
  });

  it('21 CFR 1271.210(a) / Part 11.10(e): a lot\'s QC decision is made once, refused by the database on any path as it is over HTTP', async () => {
    const { id } = await lot({}, 'accepted');
    expectProblem(await post(`/supplies/lots/${id}/qc`, { decision: 'rejected', note: 'second thoughts' }, 'quality_assurance'), 409);
    const err = await asSystem(t, (c) => c.query(`UPDATE supply_lots SET qc_status = 'rejected' WHERE id = $1`, [id])).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('CB409');
    expect((await get(`/supplies/lots/${id}`)).body).toMatchObject({ qcStatus: 'accepted' });
  });

  it('21 CFR 1271.210(a): a rejected lot is refused, and a lot number that names two lots must be given by id', async () => {
    const rejected = await lot({}, 'rejected');
    const r = await post('/collections', { donorId, hospital: 'St Mary', collectedBy: 'J. Rivera', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero', supplyLots: [rejected.id] }, 'coordinator');
    expectProblem(r, 422);
    expect(r.body.detail).toMatch(/not QC-accepted \(rejected\)/);
    const shared = lotNo('SHARED');
    await lot({ lotNumber: shared, type: 'collection_bag' });
    const second = await lot({ lotNumber: shared, type: 'anticoagulant' });
    const ambiguous = await post('/collections', { donorId, hospital: 'St Mary', collectedBy: 'J. Rivera', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero', supplyLots: [shared] }, 'coordinator');
    expectProblem(ambiguous, 422);
    expect(ambiguous.body.detail).toMatch(/names 2 lots/);
    expect((await collect(t, donorId, { supplyLots: [second.id] })).unit.din).toBeTruthy();
  });

  it('21 CFR 1271.210(a), (d)(1) (expiry: bank policy): an expired lot is refused (422) unless QA recorded an exception for it beforehand; the link keeps the exception', async () => {
    const expired = await lot({ type: 'cryoprotectant', expiresOn: day(-2) });
    const din = (await collect(t, donorId)).unit.din;
    await receive(din);
    const refused = await processing(din, { supplyLots: [expired.lotNumber] });
    expectProblem(refused, 422);
    expect(refused.body.detail).toMatch(new RegExp(`lot ${expired.lotNumber} \\(cryoprotectant\\) expired on ${day(-2)}`));
    expect((await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [din])).rows[0].status).toBe('received');

    const exception = { supplyLotId: expired.id, din, reason: 'Manufacturer confirms stability 30 days past expiry (letter QA-2026-14)', validUntil: new Date(Date.now() + 86_400_000).toISOString() };
    expectProblem(await post('/supplies/exceptions', exception, 'lab_technician'), 403);
    const granted = await post('/supplies/exceptions', exception, 'quality_assurance');
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ supplyLotId: expired.id, din, valid: true });
    // an exception for another lot does not help
    const other = await post('/supplies/exceptions', { ...exception, supplyLotId: (await lot()).id }, 'quality_assurance');
    expectProblem(await processing(din, { supplyLots: [expired.lotNumber], exceptionIds: [other.body.id] }), 422);
    const ok = await processing(din, { supplyLots: [expired.lotNumber], exceptionIds: [granted.body.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.unit.status).toBe('processed');
    const link = (await t.owner.query(`SELECT stage, exception_id FROM unit_supply_lots WHERE din = $1`, [din])).rows;
    expect(link).toEqual([{ stage: 'processing', exception_id: granted.body.id }]);
    expect((await t.owner.query(`SELECT action, reason FROM audit_entries WHERE chain = $1`, [`supply_exception:${granted.body.id}`])).rows).toEqual([
      { action: 'supply_exception.granted', reason: exception.reason },
    ]);
  });

  it('21 CFR 1271.210(a): the database itself refuses a link to an unaccepted lot without a valid exception, whatever the caller (CB422)', async () => {
    const pending = await lot({}, null);
    const din = (await collect(t, donorId)).unit.din;
    const c = await t.appRolePool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      await expect(c.query(`INSERT INTO unit_supply_lots (din, supply_lot_id, stage, used_at) VALUES ($1, $2, 'collection', now())`, [din, pending.id])).rejects.toMatchObject({ code: 'CB422' });
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('lists lots by type, QC status and usability, and every staff role reads them', async () => {
    const l = await lot({ type: 'hetastarch' });
    const list = await get('/supplies/lots?type=hetastarch&usable=true', 'medical_director');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(l.id);
    expect(list.body.items.every((x: { type: string; usable: boolean }) => x.type === 'hetastarch' && x.usable)).toBe(true);
    expectProblem(await post('/supplies/lots', { type: 'reagent', manufacturer: 'X', lotNumber: 'R1', expiresOn: day(10), receivedOn: day(-1) }, 'coordinator'), 403);
    expectProblem(await post('/supplies/lots', { type: 'reagent', manufacturer: 'X', lotNumber: 'R1', expiresOn: day(10), receivedOn: day(2) }, 'lab_technician'), 422);
    expectProblem(await post('/supplies/lots', { type: 'glue', manufacturer: 'X', lotNumber: 'R1', expiresOn: day(10), receivedOn: day(-1) }, 'lab_technician'), 422);
  });
});

describe('equipment (21 CFR 1271.200)', () => {
  it('21 CFR 1271.200(c), (e): equipment past its calibration due date is refused at processing (422); a recorded calibration moves its due date and it is accepted, the use recorded', async () => {
    const eq = await equipment({ calibrationDueOn: day(-2) });
    const din = (await collect(t, donorId)).unit.din;
    await receive(din);
    const refused = await processing(din, { equipment: [eq.serialNumber] });
    expectProblem(refused, 422);
    expect(refused.body.detail).toMatch(new RegExp(`due for calibration on ${day(-2)}`));

    expectProblem(await post(`/equipment/${eq.id}/services`, { kind: 'calibration', performedOn: day(0), performedBy: 'Vendor', nextDueOn: day(365) }, 'coordinator'), 403);
    expectProblem(await post(`/equipment/${eq.id}/services`, { kind: 'calibration', performedOn: day(0), performedBy: 'Vendor', nextDueOn: day(0) }, 'lab_technician'), 422);
    const cal = await post(`/equipment/${eq.id}/services`, { kind: 'calibration', performedOn: day(0), performedBy: 'Cytiva field service', nextDueOn: day(365), certificate: 'CAL-1' }, 'lab_technician');
    expect(cal.status).toBe(201);
    expect(cal.body).toMatchObject({ calibrationDueOn: day(365), usable: true, services: [expect.objectContaining({ kind: 'calibration', certificate: 'CAL-1' })] });
    expect((await processing(din, { equipment: [eq.serialNumber] })).status).toBe(200);
    expect((await t.owner.query(`SELECT stage FROM unit_equipment WHERE din = $1 AND equipment_id = $2`, [din, eq.id])).rows).toEqual([{ stage: 'processing' }]);
    const trail = (await t.owner.query(`SELECT action FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`equipment:${eq.id}`])).rows.map((r) => r.action);
    expect(trail).toEqual(['equipment.recorded', 'equipment.calibration_recorded', 'equipment.calibration_recorded']);
  });

  it('21 CFR 1271.200(a): equipment past its maintenance due date is refused unless QA granted an exception for it (and that exception is for this unit)', async () => {
    const eq = await equipment({ maintenanceDueOn: day(-3) });
    const din = (await collect(t, donorId)).unit.din;
    const otherDin = (await collect(t, donorId)).unit.din;
    await receive(din);
    const forOther = await post('/supplies/exceptions', { equipmentId: eq.id, din: otherDin, reason: 'Maintenance visit booked; backup unit out of order', validUntil: new Date(Date.now() + 3_600_000).toISOString() }, 'quality_assurance');
    expect(forOther.status).toBe(201);
    const refused = await processing(din, { equipment: [eq.id], exceptionIds: [forOther.body.id] });
    expectProblem(refused, 422);
    expect(refused.body.detail).toMatch(/due for maintenance/);
    const forThis = await post('/supplies/exceptions', { equipmentId: eq.id, din, reason: 'Maintenance visit booked; backup unit out of order', validUntil: new Date(Date.now() + 3_600_000).toISOString() }, 'quality_assurance');
    expect((await processing(din, { equipment: [eq.id], exceptionIds: [forThis.body.id] })).status).toBe(200);
    expectProblem(await post('/supplies/exceptions', { equipmentId: eq.id, reason: 'too long', validUntil: new Date(Date.now() + 40 * 86_400_000).toISOString() }, 'quality_assurance'), 422);
    expectProblem(await post('/supplies/exceptions', { equipmentId: eq.id, supplyLotId: (await lot()).id, reason: 'both', validUntil: new Date(Date.now() + 3_600_000).toISOString() }, 'quality_assurance'), 422);
  });

  it('21 CFR 1271.210(a) / 1271.290: a processing.completed lab event naming an expired lot is kept as rejected with the 422 problem; the unit is not processed', async () => {
    const expired = await lot({ type: 'cryoprotectant', expiresOn: day(-5) });
    const din = (await collect(t, donorId)).unit.din;
    await receive(din);
    const key = (await t.http().post('/api/v1/integrations').set(await auth(t, 'admin')).send({ name: `lims-${Math.random()}` })).body.apiKey as string;
    const at = hoursAgo(18);
    const res = await t.http().post('/api/v1/lab/events').set('x-api-key', key).send({
      eventId: `proc-${Math.random()}`, type: 'processing.completed', occurredAt: at, din,
      data: { processedAt: at, volumeMl: 24, tncCount: 1.6e9, cd34Count: 5e6, viabilityPct: 94, supplyLots: [expired.lotNumber] },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(/expired on/);
    expect((await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [din])).rows[0].status).toBe('received');
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM unit_supply_lots WHERE din = $1`, [din])).rows[0].n).toBe(0);
  });

  it('lists equipment due by a date', async () => {
    const soon = await equipment({ type: 'centrifuge', calibrationDueOn: day(5) });
    const later = await equipment({ type: 'centrifuge', calibrationDueOn: day(400), maintenanceDueOn: day(400) });
    const list = await get(`/equipment?type=centrifuge&dueBy=${day(30)}`);
    const ids = list.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
    expectProblem(await post('/equipment', { type: 'centrifuge', name: 'No dates', serialNumber: 'X-1' }, 'lab_technician'), 422);
  });
});

describe('equipment out of service and back (21 CFR 1271.200)', () => {
  it('21 CFR 1271.200(a): QA takes equipment out of service with a reason (audited); its use is then refused by the service (422) and by the database on any path', async () => {
    const eq = await equipment();
    const path = `/equipment/${eq.id}/out-of-service`;
    expectProblem(await post(path, { reason: 'speed check failed' }, 'lab_technician'), 403);
    expectProblem(await post(path, { reason: '' }, 'quality_assurance'), 422);
    const off = await post(path, { reason: 'Speed check failed at 3,000 rpm; tagged out' }, 'quality_assurance');
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ inService: false, usable: false, outOfService: { reason: 'Speed check failed at 3,000 rpm; tagged out', by: expect.any(String) } });
    expectProblem(await post(path, { reason: 'again' }, 'quality_assurance'), 409);

    const din = (await collect(t, donorId)).unit.din;
    await receive(din);
    const refused = await processing(din, { equipment: [eq.serialNumber] });
    expectProblem(refused, 422);
    expect(refused.body.detail).toMatch(/out of service/);
    const direct = await asSystem(t, (c) => c.query(`INSERT INTO unit_equipment (din, equipment_id, stage, used_at) VALUES ($1, $2, 'processing', now())`, [din, eq.id])).catch((e: { code?: string }) => e);
    expect((direct as { code?: string }).code).toBe('CB422');

    const trail = (await t.owner.query(`SELECT action, reason FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`equipment:${eq.id}`])).rows;
    expect(trail.at(-1)).toEqual({ action: 'equipment.out_of_service', reason: 'Speed check failed at 3,000 rpm; tagged out' });
    expect((await get(`/equipment/${eq.id}`)).body.serviceHistory).toEqual([expect.objectContaining({ change: 'out_of_service', reason: 'Speed check failed at 3,000 rpm; tagged out' })]);
  });

  it('21 CFR 1271.200(c), (d): QA returns equipment to service only with a calibration or maintenance performed since it went out and no due date left past; the database refuses it otherwise', async () => {
    const eq = await equipment({ calibrationDueOn: day(100), maintenanceDueOn: day(-1) });
    const old = await post(`/equipment/${eq.id}/services`, { kind: 'calibration', performedOn: day(-2), performedBy: 'Vendor', nextDueOn: day(300) }, 'lab_technician');
    expect(old.status).toBe(201);
    const oldServiceId = old.body.services[0].id as string;
    expect((await post(`/equipment/${eq.id}/out-of-service`, { reason: 'Rotor noise; maintenance overdue' }, 'quality_assurance')).status).toBe(200);
    const path = `/equipment/${eq.id}/return-to-service`;
    const cal = { kind: 'calibration', performedOn: day(0), performedBy: 'Cytiva field service', nextDueOn: day(365), certificate: 'CAL-77' };
    const mnt = { kind: 'maintenance', performedOn: day(0), performedBy: 'Cytiva field service', nextDueOn: day(180), certificate: 'PM-77' };
    expectProblem(await post(path, { reason: 'fixed', services: [cal] }, 'lab_technician'), 403);
    expectProblem(await post(path, { reason: 'fixed' }, 'quality_assurance'), 422);
    const before = await post(path, { reason: 'fixed', serviceIds: [oldServiceId] }, 'quality_assurance');
    expectProblem(before, 422);
    expect(before.body.detail).toMatch(/before .* was taken out of service/);
    expectProblem(await post(path, { reason: 'fixed', services: [{ ...cal, performedOn: day(-1) }] }, 'quality_assurance'), 422);
    // the calibration alone leaves the maintenance past due: refused, and nothing of it kept
    const stillLate = await post(path, { reason: 'fixed', services: [cal] }, 'quality_assurance');
    expectProblem(stillLate, 422);
    expect(stillLate.body.detail).toMatch(new RegExp(`maintenance was due on ${day(-1)}`));
    expect((await get(`/equipment/${eq.id}`)).body).toMatchObject({ inService: false, calibrationDueOn: day(300), services: [expect.objectContaining({ id: oldServiceId })] });

    // the database refuses the return on any path without a record since it went out
    const direct = await asSystem(t, (c) => c.query(`UPDATE equipment SET in_service = true, out_of_service_since = NULL, out_of_service_reason = NULL, out_of_service_by = NULL, out_of_service_by_name = NULL WHERE id = $1`, [eq.id])).catch((e: { code?: string }) => e);
    expect((direct as { code?: string }).code).toBe('CB422');

    const back = await post(path, { reason: 'Rotor replaced; calibrated and serviced', services: [cal, mnt] }, 'quality_assurance');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ inService: true, usable: true, outOfService: null, calibrationDueOn: day(365), maintenanceDueOn: day(180) });
    expect(back.body.serviceHistory.map((h: { change: string }) => h.change)).toEqual(['out_of_service', 'returned_to_service']);
    const trail = (await t.owner.query(`SELECT action FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`equipment:${eq.id}`])).rows.map((r) => r.action);
    expect(trail.slice(-5)).toEqual(['equipment.calibration_recorded', 'equipment.calibration_recorded', 'equipment.maintenance_recorded', 'equipment.maintenance_recorded', 'equipment.returned_to_service']);
    expectProblem(await post(path, { reason: 'again', services: [cal] }, 'quality_assurance'), 409);

    // a record made while it was out (by the lab) may be named instead
    expect((await post(`/equipment/${eq.id}/out-of-service`, { reason: 'Dropped during cleaning' }, 'quality_assurance')).status).toBe(200);
    const check = await post(`/equipment/${eq.id}/services`, { kind: 'calibration', performedOn: day(0), performedBy: 'Metrology lab', nextDueOn: day(200) }, 'lab_technician');
    expect((await post(path, { reason: 'Calibration after the drop within tolerance', serviceIds: [check.body.services[0].id] }, 'quality_assurance')).status).toBe(200);
  });

  it('FACT-NetCord equipment (bank policy): equipment is listed by state: in service, out of service, due soon (within N days) and overdue', async () => {
    const soon = await equipment({ type: 'balance', calibrationDueOn: day(5), maintenanceDueOn: day(300) });
    const later = await equipment({ type: 'balance', calibrationDueOn: day(200), maintenanceDueOn: day(300) });
    const late = await equipment({ type: 'balance', calibrationDueOn: day(-1) });
    const off = await equipment({ type: 'balance' });
    expect((await post(`/equipment/${off.id}/out-of-service`, { reason: 'Display fault' }, 'quality_assurance')).status).toBe(200);
    const ids = async (q: string) => (await get(`/equipment?type=balance&${q}`)).body.items.map((x: { id: string }) => x.id).sort();
    expect(await ids('state=due_soon')).toEqual([soon.id]);
    expect(await ids('state=due_soon&dueWithinDays=250')).toEqual([soon.id, later.id].sort());
    expect(await ids('state=overdue')).toEqual([late.id]);
    expect(await ids('state=out_of_service')).toEqual([off.id]);
    expect(await ids('state=in_service')).toEqual([soon.id, later.id, late.id].sort());
    expectProblem(await get('/equipment?state=broken'), 422);
    expectProblem(await get('/equipment?state=due_soon&dueWithinDays=-1'), 422);
  });
});
