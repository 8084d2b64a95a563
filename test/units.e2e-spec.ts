import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mod37_2 } from '../src/common/din';
import { TRANSITIONS, UNIT_STATUSES } from '../src/units/unit-state';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { HLA, QA_SIGNATURE, auth, availableUnit, collect, createDonor, hoursAgo, makeEligible, processUnit, unitOf } from './setup/fixtures';

let t: TestApp;
let donorId: string;
beforeAll(async () => {
  t = await startTestApp();
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
});
afterAll(async () => {
  await t.close();
});

const actions = async (din: string) => (await t.owner.query(`SELECT action, actor_type, actor_id, reason, signature FROM audit_entries WHERE chain = $1 ORDER BY seq`, [din])).rows;

describe('collections and DINs (ISBT 128)', () => {
  it('ISBT 128: a collection creates its unit with a DIN of facility + year + 6-digit sequence and its Mod 37-2 check character', async () => {
    const c = await collect(t, donorId);
    const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
    expect(c.unit.din).toMatch(new RegExp(`^W1234${yy}\\d{6}$`));
    expect(c.unit.dinCheck).toBe(mod37_2(c.unit.din));
    expect(c.unit.status).toBe('collected');
    const got = await t.http().get(`/api/v1/collections/${c.id}`).set(await auth(t, 'lab_technician'));
    expect(got.body).toMatchObject({ id: c.id, hospital: 'St Mary', unit: { din: c.unit.din, status: 'collected' } });
    const unit = await unitOf(t, c.unit.din);
    expect(unit).toMatchObject({ din: c.unit.din, dinCheck: c.unit.dinCheck, status: 'collected', bankingType: 'public', custodian: { name: 'J. Rivera (St Mary)' } });
    expect(unit.collection).toMatchObject({ hospital: 'St Mary', deliveryType: 'vaginal', gestationalAgeWeeks: 39 });
  });

  it('ISBT 128: 50 concurrent collections get 50 distinct DINs', async () => {
    const token = await auth(t, 'coordinator');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.http().post('/api/v1/collections').set(token).send({
          donorId, hospital: 'H', collectedBy: 'C', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'cesarean', gestationalAgeWeeks: 38, method: 'in_utero',
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const dins = new Set(results.map((r) => r.body.unit.din));
    expect(dins.size).toBe(50);
    const count = await t.owner.query(`SELECT count(DISTINCT din)::int AS n FROM cord_blood_units WHERE din = ANY($1)`, [[...dins]]);
    expect(count.rows[0].n).toBe(50);
  });

  it('ISBT 128: a pre-printed kit DIN is taken with or without its check character; a wrong check is 422, a used one 409, a foreign facility 422', async () => {
    const din = 'W123426777001';
    const with14 = await collect(t, donorId, { din: `${din}${mod37_2(din)}` });
    expect(with14.unit).toMatchObject({ din, dinCheck: mod37_2(din) });
    const token = await auth(t, 'coordinator');
    const base = { donorId, hospital: 'H', collectedBy: 'C', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'vaginal', gestationalAgeWeeks: 40, method: 'ex_utero' };
    const wrong = mod37_2('W123426777002') === 'A' ? 'B' : 'A';
    const bad = await t.http().post('/api/v1/collections').set(token).send({ ...base, din: `W123426777002${wrong}` });
    expectProblem(bad, 422);
    expect(bad.body.errors[0].field).toBe('din');
    expectProblem(await t.http().post('/api/v1/collections').set(token).send({ ...base, din }), 409);
    expectProblem(await t.http().post('/api/v1/collections').set(token).send({ ...base, din: 'X999926000001' }), 422);
  });

  it('refuses an unknown donor, a collection in the future or before the birth (422)', async () => {
    const token = await auth(t, 'coordinator');
    const base = { donorId, hospital: 'H', collectedBy: 'C', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'vaginal', gestationalAgeWeeks: 40, method: 'ex_utero' };
    const unknown = await t.http().post('/api/v1/collections').set(token).send({ ...base, donorId: '00000000-0000-4000-8000-000000000000' });
    expectProblem(unknown, 422);
    expect(unknown.body.errors[0].field).toBe('donorId');
    expectProblem(await t.http().post('/api/v1/collections').set(token).send({ ...base, collectedAt: new Date(Date.now() + 3600_000).toISOString() }), 422);
    const before = await t.http().post('/api/v1/collections').set(token).send({ ...base, collectedAt: hoursAgo(4) });
    expectProblem(before, 422);
    expect(before.body.errors[0].field).toBe('collectedAt');
    const n = await t.owner.query(`SELECT count(*)::int AS n FROM collections WHERE hospital = 'H' AND collected_at < now() - interval '3.5 hours'`);
    expect(n.rows[0].n).toBe(0);
  });
});

describe('the unit life cycle', () => {
  it('the state machine in code equals the one the database enforces', async () => {
    const rows = (await t.owner.query(`SELECT from_status, to_status FROM unit_status_transitions`)).rows;
    const db: Record<string, string[]> = {};
    for (const r of rows) (db[r.from_status] ??= []).push(r.to_status);
    for (const s of UNIT_STATUSES) expect((db[s] ?? []).sort()).toEqual([...TRANSITIONS[s]].sort());
  });

  it('FACT-NetCord: receipt moves collected → received, records custody to the laboratory, and flags a late or warm arrival', async () => {
    const { unit } = await collect(t, donorId, { birthAt: hoursAgo(80), collectedAt: hoursAgo(79), grossVolumeMl: 30 });
    const res = await t.http().post(`/api/v1/units/${unit.din}${unit.dinCheck}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(1), temperatureOk: false, notes: 'box warm' });
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({ status: 'received', receipt: { temperatureOk: false, notes: 'box warm' }, custodian: { name: 'Processing laboratory' } });
    expect(res.body.unit.acceptanceFlags.sort()).toEqual(['received_after_48h', 'temperature_not_ok', 'volume_below_minimum']);
    const again = await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(1), temperatureOk: true });
    expectProblem(again, 409);
    const a = await actions(unit.din);
    expect(a.map((x) => x.action)).toEqual(expect.arrayContaining(['unit.collected', 'unit.receipt.recorded']));
    const labId = await t.userId('lab_technician');
    expect(a.filter((x) => x.action === 'unit.receipt.recorded').every((x) => x.actor_type === 'user' && x.actor_id === labId)).toBe(true);
  });

  it('FACT-NetCord: a unit failing acceptance can be rejected with a reason, and a rejected unit goes no further', async () => {
    const { unit } = await collect(t, donorId);
    await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(1), temperatureOk: false }).expect(200);
    const qa = await auth(t, 'quality_assurance');
    expectProblem(await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'rejected' }), 422);
    const rej = await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'rejected', reason: 'arrived warm' });
    expect(rej.body).toMatchObject({ status: 'rejected', rejectionReason: 'arrived warm', allowedTransitions: ['discarded'] });
    const proc = await t.http().post(`/api/v1/units/${unit.din}/processing`).set(await auth(t, 'lab_technician')).send({ processedAt: hoursAgo(0.5), volumeMl: 20, tncCount: 1e9, cd34Count: 1e6, viabilityPct: 90 });
    expectProblem(proc, 409);
  });

  it('processing moves received → processed; an older result arriving later is kept in the history but does not overwrite', async () => {
    const { unit } = await collect(t, donorId);
    const lab = await auth(t, 'lab_technician');
    await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
    const p = await t.http().post(`/api/v1/units/${unit.din}/processing`).set(lab).send({ processedAt: hoursAgo(10), volumeMl: 25, tncCount: 1.6e9, cd34Count: 5e6, viabilityPct: 95, method: 'Sepax' });
    expect(p.body).toMatchObject({ applied: true, unit: { status: 'processed', processing: { tncCount: 1.6e9, method: 'Sepax' } } });
    const older = await t.http().post(`/api/v1/units/${unit.din}/hla`).set(lab).send({ loci: HLA, resolution: 'high', typedAt: hoursAgo(5) });
    expect(older.body.applied).toBe(true);
    const stale = await t.http().post(`/api/v1/units/${unit.din}/hla`).set(lab).send({ loci: { ...HLA, A: ['01:01', '01:01'] }, resolution: 'low', typedAt: hoursAgo(8) });
    expect(stale.body.applied).toBe(false);
    const u = await unitOf(t, unit.din);
    expect(u.hla.A).toEqual(['02:01', '24:02']);
    const hist = await t.owner.query(`SELECT applied FROM unit_results WHERE din = $1 AND kind = 'hla' ORDER BY id`, [unit.din]);
    expect(hist.rows.map((r) => r.applied)).toEqual([true, false]);
    const bad = await t.http().post(`/api/v1/units/${unit.din}/hla`).set(lab).send({ loci: { ...HLA, A: ['A*2:1', 'XX'] }, resolution: 'high' });
    expectProblem(bad, 422);
    expect(bad.body.errors[0].field).toBe('loci.A');
  });

  it('a forbidden transition is 409 naming the allowed ones', async () => {
    const { unit } = await collect(t, donorId);
    const res = await t.http().post(`/api/v1/units/${unit.din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'quarantine', reason: 'try' });
    expectProblem(res, 409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.allowed).toEqual(['discarded', 'on_hold', 'received', 'rejected']);
    expect(res.body.detail).toMatch(/collected to quarantine/);
  });

  it('FACT-NetCord: the available gate answers 409 with every unmet condition', async () => {
    const d = await createDonor(t);
    const { unit } = await collect(t, d.id);
    await processUnit(t, unit.din, { hla: null });
    const qa = await auth(t, 'quality_assurance');
    await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'quarantine', reason: 'awaiting results' }).expect(200);
    const res = await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'available', reason: 'release', signature: QA_SIGNATURE });
    expectProblem(res, 409);
    expect(res.body.code).toBe('UNIT_NOT_AVAILABLE');
    const unmet: string[] = res.body.unmet;
    expect(unmet).toEqual(expect.arrayContaining([
      expect.stringMatching(/^hla:/), expect.stringMatching(/^storage:/), expect.stringMatching(/^eligibility:/), expect.stringMatching(/^consent:/),
    ]));
    expect((await unitOf(t, unit.din)).status).toBe('quarantine');
  });

  it('Part 11.200: discard needs an e-signature; a missing one is 422, a wrong password 401; the signature is kept in the audit entry', async () => {
    const { unit } = await collect(t, donorId);
    const qa = await auth(t, 'quality_assurance');
    expectProblem(await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'discarded', reason: 'bag leak' }), 422);
    expectProblem(await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'discarded', reason: 'bag leak', signature: { email: 'quality_assurance@bank.test', password: 'wrong-password', meaning: 'discard' } }), 401);
    const ok = await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'discarded', reason: 'bag leak', signature: { email: 'quality_assurance@bank.test', password: 'staff-password-123', meaning: 'discard' } });
    expect(ok.body).toMatchObject({ status: 'discarded', discardReason: 'bag leak', allowedTransitions: [] });
    const entry = (await actions(unit.din)).find((a) => a.action === 'unit.discarded');
    expect(entry).toMatchObject({ reason: 'bag leak', signature: { signerName: 'Test quality_assurance', meaning: 'discard', signedAt: expect.any(String) } });
    expect(JSON.stringify(entry)).not.toContain('staff-password-123');
  });

  it('a hold returns to the state it came from, and only there', async () => {
    const { unit } = await collect(t, donorId);
    const lab = await auth(t, 'lab_technician');
    await t.http().post(`/api/v1/units/${unit.din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
    const qa = await auth(t, 'quality_assurance');
    const held = await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'on_hold', reason: 'label check' });
    expect(held.body).toMatchObject({ status: 'on_hold', holdFromStatus: 'received', allowedTransitions: ['received', 'discarded'] });
    expectProblem(await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'quarantine', reason: 'x' }), 422);
    const back = await t.http().post(`/api/v1/units/${unit.din}/status`).set(qa).send({ to: 'received', reason: 'label verified' });
    expect(back.body).toMatchObject({ status: 'received', holdFromStatus: null });
    expect((await actions(unit.din)).map((a) => a.action)).toEqual(expect.arrayContaining(['unit.held', 'unit.hold_released']));
  });

  it('Part 11.10(e): a correction needs a reason; the old value stays in the audit, and the unit shows the new one', async () => {
    const { unit } = await collect(t, donorId);
    await processUnit(t, unit.din);
    const lab = await auth(t, 'lab_technician');
    expectProblem(await t.http().patch(`/api/v1/units/${unit.din}`).set(lab).send({ tncCount: 1.2e9 }), 422);
    expectProblem(await t.http().patch(`/api/v1/units/${unit.din}`).set(lab).send({ reason: 'x'.repeat(5), status: 'available' }), 422);
    const res = await t.http().patch(`/api/v1/units/${unit.din}`).set(lab).send({ reason: 'transcription error', tncCount: 1.2e9, hospital: 'St Anne' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ processing: { tncCount: 1.2e9 }, collection: { hospital: 'St Anne' } });
    const rows = (await t.owner.query(`SELECT action, reason, before, after FROM audit_entries WHERE chain = $1 AND action = 'unit.corrected' ORDER BY seq`, [unit.din])).rows;
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ reason: 'transcription error', before: { tnc_count: 1500000000 }, after: { tnc_count: 1200000000 } }),
      expect.objectContaining({ reason: 'transcription error', before: { hospital: 'St Mary' }, after: { hospital: 'St Anne' } }),
    ]));
    expectProblem(await t.http().patch(`/api/v1/units/${unit.din}`).set(await auth(t, 'coordinator')).send({ reason: 'no role', tncCount: 1 }), 403);
  });

  it('DESIGN 7 / FACT-NetCord: a correction of an available unit puts it on hold for QA review in the same transaction', async () => {
    const { din } = await availableUnit(t, { donorId });
    const res = await t.http().patch(`/api/v1/units/${din}`).set(await auth(t, 'lab_technician')).send({ reason: 'TNC transcription error', tncCount: 1.4e9 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'on_hold', holdFromStatus: 'available', processing: { tncCount: 1.4e9 } });
    const rows = (await t.owner.query(`SELECT action, reason, request_id, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq DESC LIMIT 2`, [din])).rows.reverse();
    expect(rows).toEqual([
      expect.objectContaining({ action: 'unit.corrected', after: { tnc_count: 1400000000 } }),
      expect.objectContaining({ action: 'unit.held', reason: expect.stringContaining('TNC transcription error'), after: expect.objectContaining({ status: 'on_hold' }) }),
    ]);
    // one request, one transaction
    expect(rows[0].request_id).toBe(rows[1].request_id);
    // QA reviews and releases the hold, e-signed as any release to available
    const qa = await auth(t, 'quality_assurance');
    const back = await t.http().post(`/api/v1/units/${din}/status`).set(qa).send({ to: 'available', reason: 'correction reviewed', signature: QA_SIGNATURE });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('available');
    // a correction of a unit not yet released changes nothing but the data
    const { unit } = await collect(t, donorId);
    await processUnit(t, unit.din);
    const plain = await t.http().patch(`/api/v1/units/${unit.din}`).set(await auth(t, 'lab_technician')).send({ reason: 'typo', tncCount: 1.3e9 });
    expect(plain.body.status).toBe('processed');
  });

  it('GET /units lists with filters and pagination; unknown DIN 404, wrong check character 422', async () => {
    const lab = await auth(t, 'lab_technician');
    const page = await t.http().get('/api/v1/units').query({ status: 'collected', bankingType: 'public', pageSize: 5 }).set(lab);
    expect(page.body).toMatchObject({ page: 1, pageSize: 5 });
    expect(page.body.items.length).toBe(5);
    expect(page.body.total).toBeGreaterThan(5);
    expect(page.body.items.every((u: { status: string }) => u.status === 'collected')).toBe(true);
    expectProblem(await t.http().get('/api/v1/units').query({ status: 'lost' }).set(lab), 422);
    expectProblem(await t.http().get('/api/v1/units/W123499999999').set(lab), 404);
    const d = 'W123426000001';
    const wrong = mod37_2(d) === 'A' ? 'B' : 'A';
    expectProblem(await t.http().get(`/api/v1/units/${d}${wrong}`).set(lab), 422);
  });

  it('21 CFR Part 11.10(e): every act leaves its audit entry with the acting user, in order, and the chain verifies', async () => {
    const { unit } = await collect(t, donorId);
    await processUnit(t, unit.din);
    const a = await actions(unit.din);
    const labId = await t.userId('lab_technician');
    expect(a.map((x) => x.action)).toEqual(expect.arrayContaining(['unit.collected', 'unit.receipt.recorded', 'unit.processing.recorded', 'unit.hla.recorded', 'unit.abo.recorded', 'unit.sterility.recorded']));
    const atCollection = ['unit.collected', 'unit.donor_records'];
    expect(a.filter((x) => x.action.startsWith('unit.') && !atCollection.includes(x.action)).every((x) => x.actor_id === labId)).toBe(true);
    const coordinatorId = await t.userId('coordinator');
    expect(a.filter((x) => atCollection.includes(x.action)).every((x) => x.actor_id === coordinatorId)).toBe(true);
    const v = await t.http().get(`/api/v1/units/${unit.din}/audit/verify`).set(await auth(t, 'auditor'));
    expect(v.body).toEqual({ valid: true, entries: a.length });
  });
});
