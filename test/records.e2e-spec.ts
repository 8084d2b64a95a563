import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QA_SIGNATURE, auth, availableUnit, collect, createDonor, hoursAgo, staffUser } from './setup/fixtures';
import { PASSWORD, TestApp, expectProblem, startTestApp } from './setup/test-app';

/** Issue 13 (DESIGN.md section 12): signatures, security events, receipt acceptance, freezer reviews, ISBT 128 facility id. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1';
const login = async (email: string, password = PASSWORD) => {
  const res = await t.http().post(`${API}/auth/login`).send({ email, password });
  expect(res.status).toBe(200);
  return { authorization: `Bearer ${res.body.accessToken as string}` };
};
const trail = async (chain: string) => (await t.owner.query(`SELECT action, reason, signature, after, at FROM audit_entries WHERE chain = $1 ORDER BY seq`, [chain])).rows;

describe('electronic signatures (21 CFR Part 11.50, 11.200, 11.100)', () => {
  it('Part 11.200(a)(1)(i): the first signing of a session needs the e-mail and password, later ones the password only; a new login starts again, across instances', async () => {
    const qa = await staffUser(t, ['quality_assurance'], 'Signing QA');
    const other = await startTestApp({}, t);
    try {
      const { din } = await availableUnit(t);
      const session = await login(qa.email);
      // the first signing without the e-mail: 422, nothing changed
      const first = await t.http().post(`${API}/units/${din}/status`).set(session).send({ to: 'discarded', reason: 'bag leak', signature: { password: PASSWORD, meaning: 'discard' } });
      expectProblem(first, 422);
      expect(first.body.errors.map((e: { field: string }) => e.field)).toContain('signature.email');
      expect((await t.owner.query(`SELECT status FROM cord_blood_units WHERE din = $1`, [din])).rows[0].status).toBe('available');
      // someone else's e-mail with the right password: 401 (counted as a failed attempt)
      expectProblem(await t.http().post(`${API}/units/${din}/status`).set(session).send({ to: 'discarded', reason: 'bag leak', signature: { email: 'quality_assurance@bank.test', password: PASSWORD, meaning: 'discard' } }), 401);
      // both components: signed; then the password only, on ANOTHER instance, in the same session
      const d1 = await t.http().post(`${API}/units/${din}/status`).set(session).send({ to: 'discarded', reason: 'bag leak', signature: { email: qa.email, password: PASSWORD, meaning: 'discard' } });
      expect(d1.status).toBe(200);
      const { din: din2 } = await availableUnit(t);
      const d2 = await other.http().post(`${API}/units/${din2}/status`).set(session).send({ to: 'discarded', reason: 'label damaged', signature: { password: PASSWORD, meaning: 'discard' } });
      expect(d2.status).toBe(200);
      const signed = [(await trail(din)).find((e) => e.action === 'unit.discarded'), (await trail(din2)).find((e) => e.action === 'unit.discarded')];
      expect(signed[0].signature).toMatchObject({ signerName: 'Signing QA', meaning: 'discard', components: 'email+password' });
      expect(signed[1].signature).toMatchObject({ signerName: 'Signing QA', meaning: 'discard', components: 'password' });
      // a new login is a new session: the e-mail again
      const { din: din3 } = await availableUnit(t);
      const again = await login(qa.email);
      expectProblem(await t.http().post(`${API}/units/${din3}/status`).set(again).send({ to: 'discarded', reason: 'x1', signature: { password: PASSWORD, meaning: 'discard' } }), 422);
    } finally {
      await other.close();
    }
  });

  it('Part 11.50(a)(3): the meaning is one of the fixed list and the one the act takes (available → release, discard → discard, approval, review): 422 otherwise, nothing written', async () => {
    const { din } = await availableUnit(t);
    const qa = await auth(t, 'quality_assurance');
    const before = (await trail(din)).length;
    const free = await t.http().post(`${API}/units/${din}/status`).set(qa).send({ to: 'discarded', reason: 'bag leak', signature: { ...QA_SIGNATURE, meaning: 'I approve' } });
    expectProblem(free, 422);
    const wrongAct = await t.http().post(`${API}/units/${din}/status`).set(qa).send({ to: 'discarded', reason: 'bag leak', signature: { ...QA_SIGNATURE, meaning: 'release' } });
    expectProblem(wrongAct, 422);
    expect(wrongAct.body.detail).toMatch(/'discard'/);
    expect((await trail(din)).length).toBe(before);
    expect((await t.owner.query(`SELECT failed_login_count FROM users WHERE id = $1`, [await t.userId('quality_assurance')])).rows[0].failed_login_count).toBe(0);
  });

  it("Part 11.50(b), 11.10(b): the signing time is the database's clock, and the audit views show the printed name, date/time and meaning", async () => {
    const { din } = await availableUnit(t);
    const qa = await auth(t, 'quality_assurance');
    const t0 = (await t.owner.query(`SELECT now() AS now`)).rows[0].now as Date;
    expect((await t.http().post(`${API}/units/${din}/status`).set(qa).send({ to: 'discarded', reason: 'bag leak', signature: { ...QA_SIGNATURE, meaning: 'discard' } })).status).toBe(200);
    const view = await t.http().get(`${API}/units/${din}/audit`).set(await auth(t, 'auditor'));
    const items = view.body.items as { action: string; at: string; signature: { signerName: string; meaning: string; signedAt: string; manifestation: string } | null }[];
    const entry = items.find((e) => e.action === 'unit.discarded')!;
    expect(entry.signature).toMatchObject({ signerName: 'Test quality_assurance', meaning: 'discard' });
    const signedAt = Date.parse(entry.signature!.signedAt);
    expect(signedAt).toBeGreaterThanOrEqual(t0.getTime());
    expect(signedAt).toBeLessThanOrEqual(Date.parse(entry.at));
    expect(entry.signature!.manifestation).toBe(`Test quality_assurance — discard — ${entry.signature!.signedAt}`);
  });
});

describe('security events (21 CFR Part 11.300(d))', () => {
  it('Part 11.300(d): repeated failed logins and signatures are reported at once as an audited security event, listed for QA and auditors', async () => {
    const a = await staffUser(t, ['quality_assurance'], 'Login Failer');
    for (let i = 0; i < 3; i++) expectProblem(await t.http().post(`${API}/auth/login`).send({ email: a.email, password: 'wrong-password-1' }), 401);
    const b = await staffUser(t, ['quality_assurance'], 'Signature Failer');
    const { din } = await availableUnit(t);
    for (let i = 0; i < 3; i++) {
      expectProblem(await t.http().post(`${API}/units/${din}/status`).set(b.headers).send({ to: 'discarded', reason: 'bag leak', signature: { email: b.email, password: 'wrong-password-2', meaning: 'discard' } }), 401);
    }
    const list = await t.http().get(`${API}/security-events?pageSize=200`).set(await auth(t, 'auditor'));
    expect(list.status).toBe(200);
    const events = list.body.items as { kind: string; userId: string; failures: number; detail: string }[];
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'repeated_failed_logins', userId: a.id, failures: 3 }),
      expect.objectContaining({ kind: 'repeated_failed_signatures', userId: b.id, failures: 3 }),
    ]));
    // on its own hash chain, append-only
    const chain = await trail('security');
    expect(chain.map((e) => e.action)).toEqual(expect.arrayContaining(['security_event.repeated_failed_logins', 'security_event.repeated_failed_signatures']));
    await expect(t.owner.query(`DELETE FROM security_events`)).rejects.toThrow(/append-only/);
    expect((await t.http().get(`${API}/security-events`).set(await auth(t, 'lab_technician'))).status).toBe(403);
  });
});

describe('receipt acceptance (21 CFR 1271.265(a))', () => {
  const lab = () => auth(t, 'lab_technician');
  const processing = { processedAt: hoursAgo(1), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95 };

  it('21 CFR 1271.265(a): a receipt without flags is accepted by the receiving act; processing follows', async () => {
    const { unit } = await collect(t, (await createDonor(t)).id);
    const r = await t.http().post(`${API}/units/${unit.din}/receipt`).set(await lab()).send({ receivedAt: hoursAgo(20), temperatureOk: true, containerIntact: true, contaminationSuspected: false });
    expect(r.status).toBe(200);
    expect(r.body.unit.acceptance).toMatchObject({ status: 'accepted', decidedBy: { name: 'Test lab_technician' } });
    expect((await t.http().post(`${API}/units/${unit.din}/processing`).set(await lab()).send(processing)).status).toBe(200);
  });

  it('21 CFR 1271.265(a): a flagged receipt (container not intact) leaves acceptance pending: processing is 409, also in the database, until QA accepts', async () => {
    const { unit } = await collect(t, (await createDonor(t)).id);
    const r = await t.http().post(`${API}/units/${unit.din}/receipt`).set(await lab()).send({ receivedAt: hoursAgo(20), temperatureOk: true, containerIntact: false });
    expect(r.body.unit).toMatchObject({ status: 'received', acceptanceFlags: ['container_not_intact'], acceptance: { status: 'pending', decidedBy: null } });
    const refused = await t.http().post(`${API}/units/${unit.din}/processing`).set(await lab()).send(processing);
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/acceptance/);
    // the database refuses it too, whatever the application does
    await expect(t.owner.query(`UPDATE cord_blood_units SET status = 'processed', processed_at = now() WHERE din = $1`, [unit.din])).rejects.toThrow(/acceptance_before_processing/);
    expectProblem(await t.http().post(`${API}/units/${unit.din}/acceptance`).set(await lab()).send({ decision: 'accept', reason: 'looks fine' }), 403);
    const ok = await t.http().post(`${API}/units/${unit.din}/acceptance`).set(await auth(t, 'quality_assurance')).send({ decision: 'accept', reason: 'outer overwrap torn, primary bag intact (SOP-REC-004)' });
    expect(ok.status).toBe(200);
    expect(ok.body.acceptance).toMatchObject({ status: 'accepted', decidedBy: { name: 'Test quality_assurance' }, reason: 'outer overwrap torn, primary bag intact (SOP-REC-004)' });
    expect((await trail(unit.din)).map((e) => e.action)).toContain('unit.acceptance.accepted');
    expectProblem(await t.http().post(`${API}/units/${unit.din}/acceptance`).set(await auth(t, 'quality_assurance')).send({ decision: 'reject', reason: 'again' }), 409);
    expect((await t.http().post(`${API}/units/${unit.din}/processing`).set(await lab()).send(processing)).status).toBe(200);
  });

  it('21 CFR 1271.265(a): QA rejects a late, warm receipt: the unit is rejected with the reason', async () => {
    const { unit } = await collect(t, (await createDonor(t)).id, { birthAt: hoursAgo(80), collectedAt: hoursAgo(79) });
    const r = await t.http().post(`${API}/units/${unit.din}/receipt`).set(await lab()).send({ receivedAt: hoursAgo(1), temperatureOk: false, contaminationSuspected: true });
    expect(r.body.unit.acceptanceFlags).toEqual(expect.arrayContaining(['received_after_48h', 'temperature_not_ok', 'contamination_suspected']));
    const rej = await t.http().post(`${API}/units/${unit.din}/acceptance`).set(await auth(t, 'quality_assurance')).send({ decision: 'reject', reason: 'warm and late: outside acceptance criteria' });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ status: 'rejected', rejectionReason: 'warm and late: outside acceptance criteria', acceptance: { status: 'rejected' } });
    expectProblem(await t.http().post(`${API}/units/${unit.din}/processing`).set(await lab()).send(processing), 409);
  });

  it('21 CFR 1271.265(a), DESIGN 7: a processing lab event for a unit pending acceptance is parked and applies by itself when QA accepts', async () => {
    const key = (await t.http().post(`${API}/integrations`).set(await auth(t, 'admin')).send({ name: `lims-acc-${Date.now()}` })).body.apiKey as string;
    const { unit } = await collect(t, (await createDonor(t)).id);
    await t.http().post(`${API}/units/${unit.din}/receipt`).set(await lab()).send({ receivedAt: hoursAgo(20), temperatureOk: false }).expect(200);
    const ev = await t.http().post(`${API}/lab/events`).set('x-api-key', key).send({ eventId: `proc-${unit.din}`, type: 'processing.completed', occurredAt: hoursAgo(2), din: unit.din, data: processing });
    expect(ev.status).toBe(202);
    expect(ev.body).toMatchObject({ status: 'parked', waitingFor: { din: unit.din, unitStatus: 'accepted' } });
    const ok = await t.http().post(`${API}/units/${unit.din}/acceptance`).set(await auth(t, 'quality_assurance')).send({ decision: 'accept', reason: 'cold chain logger shows 4 °C throughout; the probe failed (SOP-REC-004)' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'processed', processing: { tncCount: 1.5e9 } });
    expect((await t.owner.query(`SELECT status FROM lab_events WHERE event_id = $1`, [`proc-${unit.din}`])).rows[0].status).toBe('applied');
  });
});

describe('storage temperature records (21 CFR 1271.260(e))', () => {
  it("21 CFR 1271.260(e): QA's periodic review of a freezer's recorded temperatures records who, when, the period and the finding, e-signed, on the freezer's chain, with the next due date", async () => {
    const lab = await auth(t, 'lab_technician');
    const qa = await auth(t, 'quality_assurance');
    const f = (await t.http().post(`${API}/storage/freezers`).set(lab).send({ name: `Review dewar ${Date.now()}`, type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 2, columns: 2 })).body as { id: string };
    for (const [c, h] of [[-190, 30], [-185, 20], [-188, 10]] as const) {
      expect((await t.http().post(`${API}/storage/freezers/${f.id}/temperatures`).set(lab).send({ temperatureC: c, readAt: hoursAgo(h) })).status).toBe(201);
    }
    const empty = await t.http().get(`${API}/storage/freezers/${f.id}/reviews`).set(await auth(t, 'auditor'));
    expect(empty.body).toMatchObject({ intervalDays: 30, reviewedUpTo: null, overdue: false, items: [] });
    const sig = { ...QA_SIGNATURE, meaning: 'review' };
    const body = { periodFrom: hoursAgo(48), periodTo: hoursAgo(1), outcome: 'acceptable', finding: 'All readings between -190 and -185 °C; no excursion', signature: sig };
    expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/reviews`).set(lab).send(body), 403);
    expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/reviews`).set(qa).send({ ...body, signature: { ...sig, meaning: 'release' } }), 422);
    expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/reviews`).set(qa).send({ ...body, periodTo: hoursAgo(50) }), 422);
    expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/reviews`).set(qa).send({ ...body, outcome: 'action_required' }), 422);
    const ok = await t.http().post(`${API}/storage/freezers/${f.id}/reviews`).set(qa).send(body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ freezerId: f.id, outcome: 'acceptable', finding: body.finding, readings: 3, excursions: 0, reviewedBy: { name: 'Test quality_assurance' }, meaning: 'review' });
    const list = await t.http().get(`${API}/storage/freezers/${f.id}/reviews`).set(await auth(t, 'auditor'));
    expect(list.body.items).toHaveLength(1);
    expect(Date.parse(list.body.nextDueAt)).toBe(Date.parse(body.periodTo) + 30 * 86_400_000);
    // the next period may not leave a gap
    expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/reviews`).set(qa).send({ ...body, periodFrom: hoursAgo(0.5), periodTo: hoursAgo(0.1) }), 422);
    const entry = (await trail(`freezer:${f.id}`)).find((e) => e.action === 'freezer.temperature_review.recorded');
    expect(entry).toMatchObject({ reason: body.finding, signature: { signerName: 'Test quality_assurance', meaning: 'review' } });
    await expect(t.owner.query(`UPDATE freezer_temperature_reviews SET finding = 'changed'`)).rejects.toThrow(/append-only/);
  });
});

describe('ISBT 128 identification (21 CFR 1271.290(c))', () => {
  it('ISBT 128 data structure 001: a pre-printed kit DIN scanned with its flag characters is accepted, its flags kept, and the unit found by any of its forms', async () => {
    const donor = await createDonor(t);
    const din = `W123426${String(700000 + Math.floor(Math.random() * 99999)).padStart(6, '0')}`;
    const created = await collect(t, donor.id, { din: `=${din}00` });
    expect(created.unit.din).toBe(din);
    const coll = await t.http().get(`${API}/collections/${created.id}`).set(await auth(t, 'auditor'));
    expect(coll.body).toMatchObject({ dinFlags: '00', unit: { din } });
    for (const form of [din, `${din}${created.unit.dinCheck}`, `${din}00`, `${din}00${created.unit.dinCheck}`]) {
      expect((await t.http().get(`${API}/units/${form}`).set(await auth(t, 'auditor'))).body.din).toBe(din);
    }
    expectProblem(await t.http().get(`${API}/units/${din}0X`).set(await auth(t, 'auditor')), 422);
  });

  it('ISBT 128 ST-001: a facility identification number starting with O (or 0) is refused, for a kit DIN (422) and by the database', async () => {
    const donor = await createDonor(t);
    const res = await t.http().post(`${API}/collections`).set(await auth(t, 'coordinator')).send({
      donorId: donor.id, din: 'O123426000001', hospital: 'St Mary', collectedBy: 'J. Rivera', birthAt: hoursAgo(25), collectedAt: hoursAgo(24.8), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero',
    });
    expectProblem(res, 422);
    expect(res.body.code).toBe('INVALID_DIN');
    await expect(
      t.owner.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ('O123426000001', 'A', $1, 'public')`, [donor.id]),
    ).rejects.toThrow(/cord_blood_units_din_check/);
  });
});
