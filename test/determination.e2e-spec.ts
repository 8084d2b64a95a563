import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { EligibilityDetermination1763761100000 } from '../migrations/1763761100000-EligibilityDetermination';
import { PASSWORD, TestApp, expectProblem, startTestApp } from './setup/test-app';
import {
  IDM_DOCUMENTATION, QA_SIGNATURE, auth, availableUnit, collect, createDonor, createFreezer, determineEligibility, hoursAgo, makeEligible, processUnit, store, unitOf,
} from './setup/fixtures';

/**
 * Issue 13: the eligibility determination as a recorded act, the testing rules as written, the
 * screening deferral, directed use of ineligible units, label statements and who did the work.
 */
let t: TestApp;
let freezerId: string;
beforeAll(async () => {
  t = await startTestApp();
  freezerId = (await createFreezer(t, { racks: 2, boxesPerRack: 2, rows: 6, columns: 6 })).id;
}, 60_000);
afterAll(async () => {
  await t.close();
});

const MD_SIGNATURE = { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'determination' };
const api = (path: string) => `/api/v1${path}`;
const idm = async (donorId: string, body: Record<string, unknown>) =>
  t.http().post(api(`/donors/${donorId}/infectious-disease-tests`)).set(await auth(t, 'lab_technician')).send({ sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION, ...body });
const determine = async (din: string, body: Record<string, unknown>, role: 'medical_director' | 'quality_assurance' = 'medical_director') =>
  t.http().post(api(`/units/${din}/eligibility-determination`)).set(await auth(t, role)).send({ signature: MD_SIGNATURE, ...body });
const release = async (din: string) =>
  t.http().post(api(`/units/${din}/status`)).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'release criteria met', signature: QA_SIGNATURE });

/** A stored unit in quarantine of a donor with consent and a clean screening; the markers are the caller's (all negative unless `skip`/`override`). */
async function quarantinedUnit(opts: { bankingType?: 'public' | 'family'; eligible?: boolean } = {}) {
  const bankingType = opts.bankingType ?? 'public';
  const donor = await createDonor(t, bankingType);
  if (opts.eligible !== false) await makeEligible(t, donor.id, bankingType);
  const { unit } = await collect(t, donor.id);
  await processUnit(t, unit.din, { hla: bankingType === 'family' ? null : undefined });
  await store(t, unit.din, freezerId);
  return { din: unit.din, donorId: donor.id, donorNumber: donor.donorNumber };
}

describe('the eligibility determination (21 CFR 1271.50(a), 1271.55(d))', () => {
  it('21 CFR 1271.50(a): available needs a determination by the responsible person that matches the computed status', async () => {
    const { din } = await quarantinedUnit();
    const blocked = await release(din);
    expectProblem(blocked, 409);
    expect(blocked.body.unmet).toEqual([expect.stringMatching(/^eligibility determination: none in force/)]);
    // only the medical director determines
    expectProblem(await determine(din, { status: 'eligible' }, 'quality_assurance'), 403);
    // it must match the records
    const mismatch = await determine(din, { status: 'ineligible', reason: 'looks wrong' });
    expectProblem(mismatch, 409);
    expect(mismatch.body.code).toBe('DETERMINATION_MISMATCH');
    // signed with the meaning 'determination'
    expectProblem(await determine(din, { status: 'eligible', signature: { ...MD_SIGNATURE, meaning: 'approval' } }), 422);
    expectProblem(await determine(din, { status: 'eligible', signature: { ...MD_SIGNATURE, password: 'wrong-password' } }), 401);
    const made = await determine(din, { status: 'eligible' });
    expect(made.status).toBe(201);
    expect(made.body.determination).toMatchObject({ status: 'eligible', determinedBy: { name: expect.any(String) }, voided: null });
    // one in force at a time
    expectProblem(await determine(din, { status: 'eligible' }), 409);
    expect((await release(din)).status).toBe(200);
    expect(await unitOf(t, din)).toMatchObject({ status: 'available', eligibilityDetermination: { status: 'eligible' }, labelStatements: [] });
  });

  it('21 CFR 1271.50(a): of concurrent determinations of one unit exactly one is in force (the database decides)', async () => {
    const { din } = await quarantinedUnit();
    const answers = await Promise.all(Array.from({ length: 4 }, () => determine(din, { status: 'eligible' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const rows = (await t.owner.query(`SELECT count(*)::int AS n FROM eligibility_determinations WHERE din = $1 AND voided_at IS NULL`, [din])).rows[0];
    expect(rows.n).toBe(1);
  });

  it('21 CFR 1271.50(a): a donor whose eligibility is incomplete can not be determined yet', async () => {
    const { din, donorId } = await quarantinedUnit({ eligible: false });
    await t.http().post(api(`/donors/${donorId}/screenings`)).set(await auth(t, 'coordinator')).send({ version: 'MBHQ-1', completedAt: hoursAgo(90), deferralReasons: [] }).expect(201);
    const res = await determine(din, { status: 'eligible' });
    expectProblem(res, 409);
    expect(res.body.code).toBe('ELIGIBILITY_INCOMPLETE');
    expect(res.body.detail).toMatch(/HIV-1: not tested/);
  });

  it('21 CFR 1271.55(d)(1)(iii): the determination names the person and the date, with the e-signature, and keeps the records it rested on with their audit hashes', async () => {
    const { din, donorId } = await quarantinedUnit();
    await determineEligibility(t, din);
    const res = await t.http().get(api(`/units/${din}/eligibility-determination`)).set(await auth(t, 'auditor'));
    expect(res.status).toBe(200);
    const d = res.body.determination;
    expect(d).toMatchObject({ status: 'eligible', determinedAt: expect.any(String), signature: { meaning: 'determination', signerName: expect.any(String) } });
    expect(d.restedOn.computed).toMatchObject({ status: 'eligible', reasons: [] });
    expect(d.restedOn.idmTests).toHaveLength(10);
    expect(d.restedOn.screenings).toHaveLength(1);
    // each record points at the audit entry that last wrote it, on the donor's chain
    const hiv = d.restedOn.idmTests.find((x: { marker: string }) => x.marker === 'HIV-1');
    const entry = (await t.owner.query(`SELECT hash FROM audit_entries WHERE chain = $1 AND seq = $2`, [`donor:${donorId}`, hiv.audit.seq])).rows[0];
    expect(hiv.audit).toEqual({ chain: `donor:${donorId}`, seq: expect.any(Number), hash: entry.hash });
    expect(hiv).toMatchObject({ testKit: IDM_DOCUMENTATION.testKit, method: 'NAT', labCliaNumber: '05D1234567', performedBy: expect.any(String) });
    // audited on the unit's chain with the signature; the chain still verifies
    const audit = (await t.owner.query(`SELECT action, signature FROM audit_entries WHERE chain = $1 AND action = 'eligibility.determined'`, [din])).rows;
    expect(audit).toEqual([{ action: 'eligibility.determined', signature: expect.objectContaining({ meaning: 'determination' }) }]);
    expect((await t.http().get(api(`/units/${din}/audit/verify`)).set(await auth(t, 'auditor'))).body.valid).toBe(true);
    // and the row is never changed, only voided
    await expect(t.owner.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true); UPDATE eligibility_determinations SET status = 'ineligible' WHERE din = '${din}'`))
      .rejects.toThrow(/never changed/);
  });

  it('21 CFR 1271.50(a), 1271.60(a): a later reactive result voids the determination and holds the unit; release needs a new determination', async () => {
    const { din, donorId } = await availableUnit(t, { freezerId });
    const res = await idm(donorId, { marker: 'HCV', result: 'positive' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ determinationsVoided: [din], unitsPutOnHold: [din] });
    expect(await unitOf(t, din)).toMatchObject({ status: 'on_hold', eligibilityDetermination: null });
    const view = (await t.http().get(api(`/units/${din}/eligibility-determination`)).set(await auth(t, 'auditor'))).body;
    expect(view).toMatchObject({ determination: null, history: [{ status: 'eligible', voided: { reason: 'IDM HCV positive' } }], computedNow: { status: 'ineligible' } });
    const back = await t.http().post(api(`/units/${din}/status`)).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'try', signature: QA_SIGNATURE });
    expectProblem(back, 409);
    expect(back.body.unmet).toEqual(expect.arrayContaining([expect.stringMatching(/^eligibility determination: none in force/)]));
    const voided = (await t.owner.query(`SELECT reason FROM audit_entries WHERE chain = $1 AND action = 'eligibility.determination_voided'`, [din])).rows;
    expect(voided).toEqual([{ reason: 'IDM HCV positive' }]);
  });

  it('21 CFR 1271.75(d): a later deferral voids the determination and holds the unit', async () => {
    const { din, donorId } = await availableUnit(t, { freezerId });
    const res = await t.http().post(api(`/donors/${donorId}/screenings`)).set(await auth(t, 'coordinator')).send({ version: 'MBHQ-2', completedAt: hoursAgo(1), deferralReasons: ['travel to a malaria-endemic area'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ determinationsVoided: [din], unitsPutOnHold: [din] });
    expect((await unitOf(t, din)).status).toBe('on_hold');
  });
});

describe('screening: a deferral is cleared only by a correction with a reason (21 CFR 1271.75(d))', () => {
  it('21 CFR 1271.75(d): a newer clean questionnaire does not clear an earlier deferral; the medical director\'s correction with a reason does', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const coord = await auth(t, 'coordinator');
    const deferred = await t.http().post(api(`/donors/${donor.id}/screenings`)).set(coord).send({ version: 'MBHQ-2', completedAt: hoursAgo(80), deferralReasons: ['recent tattoo'] });
    await t.http().post(api(`/donors/${donor.id}/screenings`)).set(coord).send({ version: 'MBHQ-3', completedAt: hoursAgo(70), deferralReasons: [] }).expect(201);
    await collect(t, donor.id);
    const eligibility = async () => (await t.http().get(api(`/donors/${donor.id}/eligibility`)).set(await auth(t, 'auditor'))).body;
    expect(await eligibility()).toMatchObject({ status: 'ineligible', reasons: [expect.stringContaining('recent tattoo')] });

    const path = api(`/donors/${donor.id}/screenings/${deferred.body.id}/correction`);
    expectProblem(await t.http().post(path).set(coord).send({ reason: 'entered against the wrong donor', deferralReasons: [] }), 403);
    expectProblem(await t.http().post(path).set(await auth(t, 'medical_director')).send({ deferralReasons: [] }), 422);
    const corrected = await t.http().post(path).set(await auth(t, 'medical_director')).send({ reason: 'deferral entered against the wrong donor (intake error)', deferralReasons: [] });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ deferralReasons: [], correctionReason: 'deferral entered against the wrong donor (intake error)', correctedAt: expect.any(String) });
    expect(await eligibility()).toMatchObject({ status: 'eligible' });
    // the audit keeps what the deferral said
    const entry = (await t.owner.query(`SELECT before, reason FROM audit_entries WHERE chain = $1 AND action = 'screening.corrected'`, [`donor:${donor.id}`])).rows[0];
    expect(entry).toMatchObject({ before: { deferral_reasons: ['recent tattoo'] }, reason: 'deferral entered against the wrong donor (intake error)' });
    // and the database refuses a change of the deferral without a correction
    await expect(t.owner.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true); UPDATE screenings SET deferral_reasons = '{"again"}' WHERE id = '${deferred.body.id}'`))
      .rejects.toThrow(/only by a correction with a reason/);
  });
});

describe('testing rules as written (21 CFR 1271.80, 1271.85)', () => {
  it('21 CFR 1271.85(b)(2): a missing CMV result leaves eligibility incomplete', async () => {
    const other = await createDonor(t);
    const coord = await auth(t, 'coordinator');
    await t.http().post(api(`/donors/${other.id}/consents`)).set(coord).send({ type: 'public_donation', formVersion: 'v1', signedAt: hoursAgo(100) }).expect(201);
    await t.http().post(api(`/donors/${other.id}/screenings`)).set(coord).send({ version: 'MBHQ-1', completedAt: hoursAgo(90), deferralReasons: [] }).expect(201);
    for (const marker of ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'WNV', 'T. cruzi']) expect((await idm(other.id, { marker, result: 'negative' })).status).toBe(201);
    await collect(t, other.id);
    const e = (await t.http().get(api(`/donors/${other.id}/eligibility`)).set(await auth(t, 'auditor'))).body;
    expect(e).toMatchObject({ status: 'incomplete', reasons: [expect.stringMatching(/^CMV: not tested .*1271\.85\(b\)\(2\)/)] });
  });

  it("21 CFR 1271.85(b)(2): a reactive CMV does not make the donor ineligible, but the determination must name the bank's documented release procedure", async () => {
    const { din, donorId } = await quarantinedUnit();
    await idm(donorId, { marker: 'CMV', result: 'positive' }).then((r) => expect(r.status).toBe(201));
    const e = (await t.http().get(api(`/donors/${donorId}/eligibility`)).set(await auth(t, 'auditor'))).body;
    expect(e).toMatchObject({ status: 'eligible', cmvReactive: true, notes: [expect.stringContaining("bank's documented procedure")] });
    const without = await determine(din, { status: 'eligible' });
    expectProblem(without, 422);
    expect(without.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const made = await determine(din, { status: 'eligible', reason: 'CMV reactive: released under SOP QA-017 (CMV-reactive cord blood)' });
    expect(made.status).toBe(201);
    expect(made.body.determination).toMatchObject({ reason: 'CMV reactive: released under SOP QA-017 (CMV-reactive cord blood)', restedOn: { computed: { cmvReactive: true } } });
  });

  it('21 CFR 1271.80(d)(1)(i): a reactive nontreponemal syphilis screen with a negative treponemal confirmatory test does not make the donor ineligible', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const drawn = hoursAgo(29);
    await idm(donor.id, { marker: 'syphilis', result: 'positive', sampleDrawnAt: drawn, method: 'serology' }).then((r) => expect(r.status).toBe(201));
    await collect(t, donor.id);
    const eligibility = async () => (await t.http().get(api(`/donors/${donor.id}/eligibility`)).set(await auth(t, 'auditor'))).body;
    expect(await eligibility()).toMatchObject({ status: 'ineligible', reactiveMarkers: ['syphilis'] });
    await idm(donor.id, { marker: 'syphilis-treponemal', result: 'negative', sampleDrawnAt: drawn, method: 'serology' }).then((r) => expect(r.status).toBe(201));
    expect(await eligibility()).toMatchObject({ status: 'eligible', reasons: [], notes: [expect.stringContaining('not a reactive result for syphilis')] });
  });

  it('21 CFR 1271.80(c): a new test record names the kit, the method (NAT or serology) and the CLIA laboratory, on the staff route and in idm.resulted', async () => {
    const donor = await createDonor(t);
    const bare = await t.http().post(api(`/donors/${donor.id}/infectious-disease-tests`)).set(await auth(t, 'lab_technician')).send({ marker: 'HIV-1', result: 'negative', sampleDrawnAt: hoursAgo(30) });
    expectProblem(bare, 422);
    expect(bare.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['testKit', 'method', 'lab', 'labCliaNumber', 'transfusedBeforeSample']));
    expectProblem(await idm(donor.id, { marker: 'HIV-1', result: 'negative', method: 'CLIA' }), 422);
    expectProblem(await idm(donor.id, { marker: 'HIV-1', result: 'negative', labCliaNumber: '12345' }), 422);
    const integration = await t.http().post(api('/integrations')).set(await auth(t, 'admin')).send({ name: `LIMS ${Math.random().toString(36).slice(2, 7)}` });
    const event = (data: Record<string, unknown>, eventId: string) =>
      t.http().post(api('/lab/events')).set('x-api-key', integration.body.apiKey).send({ eventId, type: 'idm.resulted', occurredAt: hoursAgo(1), donorNumber: donor.donorNumber, data });
    const missing = await event({ marker: 'HCV', result: 'negative', sampleDrawnAt: hoursAgo(30) }, `idm-bare-${donor.donorNumber}`);
    expectProblem(missing, 422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['data.testKit', 'data.method', 'data.lab', 'data.labCliaNumber']));
    // the database refuses an undocumented new row whatever path writes it
    await expect(t.owner.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true); INSERT INTO idm_tests (donor_id, marker, result, sample_drawn_at, legacy) VALUES ('${donor.id}', 'HCV', 'negative', now(), true)`))
      .rejects.toThrow(/idm_tests_documented/);
  });

  it('21 CFR 1271.80(d)(1)(ii): a specimen drawn after a transfusion needs the plasma-dilution assessment, and without the algorithm\'s acceptance it makes the donor ineligible', async () => {
    const donor = await createDonor(t);
    const noAssessment = await idm(donor.id, { marker: 'HBsAg', result: 'negative', transfusedBeforeSample: true });
    expectProblem(noAssessment, 422);
    expect(noAssessment.body.errors).toEqual([expect.objectContaining({ field: 'dilutionAcceptable' })]);
    // a donor whose only HBsAg result in the window is on a specimen the algorithm did not accept
    const other = await createDonor(t);
    const coord = await auth(t, 'coordinator');
    await t.http().post(api(`/donors/${other.id}/screenings`)).set(coord).send({ version: 'MBHQ-1', completedAt: hoursAgo(90), deferralReasons: [] }).expect(201);
    for (const marker of ['HIV-1', 'HIV-2', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'WNV', 'T. cruzi', 'CMV']) expect((await idm(other.id, { marker, result: 'negative' })).status).toBe(201);
    expect((await idm(other.id, { marker: 'HBsAg', result: 'negative', transfusedBeforeSample: true, dilutionAcceptable: false })).status).toBe(201);
    await collect(t, other.id);
    const e = (await t.http().get(api(`/donors/${other.id}/eligibility`)).set(await auth(t, 'auditor'))).body;
    expect(e).toMatchObject({ status: 'ineligible', reasons: [expect.stringMatching(/^HBsAg: .*plasma dilution suspected \(21 CFR 1271\.80\(d\)\(1\)\(ii\)\)/)] });
  });

  it("WNV and T. cruzi: eligibility reasons say they are required by the bank's policy and FDA guidance, not by 21 CFR 1271.85", async () => {
    const donor = await createDonor(t);
    await collect(t, donor.id);
    const e = (await t.http().get(api(`/donors/${donor.id}/eligibility`)).set(await auth(t, 'auditor'))).body;
    expect(e.reasons).toEqual(expect.arrayContaining([
      "WNV: not tested (required by the bank's policy and FDA guidance (not in 21 CFR 1271.85's text))",
      "T. cruzi: not tested (required by the bank's policy and FDA guidance (not in 21 CFR 1271.85's text))",
    ]));
  });
});

describe('who did the work (21 CFR 1271.270(a))', () => {
  it('21 CFR 1271.270(a): a lab event names the performing person, a staff entry records the user, and the unit view shows it per result', async () => {
    const { din, donorId, donorNumber } = await quarantinedUnit();
    const integration = await t.http().post(api('/integrations')).set(await auth(t, 'admin')).send({ name: `LIMS ${Math.random().toString(36).slice(2, 7)}` });
    const sent = await t.http().post(api('/lab/events')).set('x-api-key', integration.body.apiKey).send({
      eventId: `idm-cmv-${donorNumber}`, type: 'idm.resulted', occurredAt: hoursAgo(1), donorNumber, performedBy: 'K. Osei (MLS)',
      data: { marker: 'syphilis-treponemal', result: 'negative', sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION, method: 'serology' },
    });
    expect(sent.status).toBe(201);
    const hla = await t.http().post(api('/lab/events')).set('x-api-key', integration.body.apiKey).send({
      eventId: `abo-${din}`, type: 'abo.typed', occurredAt: hoursAgo(0.5), din, performedBy: 'R. Mendes', data: { abo: 'A', rh: 'negative' },
    });
    expect(hla.status).toBe(201);
    const u = await unitOf(t, din);
    expect(u.resultRecords).toMatchObject({
      abo: { source: 'lab_event', performedBy: 'R. Mendes' },
      sterility: { source: 'staff', performedBy: expect.any(String) },
    });
    const staffName = (await t.owner.query(`SELECT name FROM users WHERE email = 'lab_technician@bank.test'`)).rows[0].name;
    expect(u.resultRecords.sterility.performedBy).toBe(staffName);
    const tests = u.infectiousDiseaseTests as { marker: string; performedBy: string; source: string; enteredBy: string | null }[];
    expect(tests.find((x) => x.marker === 'syphilis-treponemal')).toMatchObject({ performedBy: 'K. Osei (MLS)', source: 'lab_event', enteredBy: null });
    expect(tests.find((x) => x.marker === 'HIV-1')).toMatchObject({ performedBy: staffName, source: 'staff', enteredBy: expect.any(String) });
    expect(donorId).toBeDefined();
  });
});

describe('ineligible and autologous units (21 CFR 1271.65, 1271.90)', () => {
  it('21 CFR 1271.65(b): directed family use of an ineligible donor\'s unit records the relationship or urgent need and the physician\'s notification before approval; the labels carry the warnings', async () => {
    const { din, donorId } = await quarantinedUnit({ bankingType: 'family' });
    await idm(donorId, { marker: 'HBsAg', result: 'positive' }).then((r) => expect(r.status).toBe(201));
    await determineEligibility(t, din, 'ineligible');
    expect((await release(din)).status).toBe(200);
    expect((await unitOf(t, din)).labelStatements).toEqual([
      { code: 'BIOHAZARD', text: 'Biohazard legend (21 CFR 1271.3(h))', rule: '21 CFR 1271.65(b)(2)' },
      { code: 'ADVISE_PATIENT', text: 'WARNING: Advise patient of communicable disease risks', rule: '21 CFR 1271.65(b)(2)' },
      { code: 'REACTIVE_RESULTS', text: 'WARNING: Reactive test results for HBsAg', rule: '21 CFR 1271.65(b)(2)' },
    ]);
    const coord = await auth(t, 'coordinator');
    const req = await t.http().post(api('/release-requests')).set(coord).send({
      requestingFacility: "Children's Hospital Transplant Centre", physician: 'Dr. A. Okafor', intendedUse: 'directed_family',
      patient: { identifier: 'MRN-0999', weightKg: 18, diagnosis: 'sickle cell disease' }, neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
    });
    expect(req.status).toBe(201);
    expect((await t.http().post(api(`/release-requests/${req.body.id}/reserve`)).set(coord).send({ din })).status).toBe(200);
    const md = await auth(t, 'medical_director');
    const approve = (body: Record<string, unknown>) => t.http().post(api(`/release-requests/${req.body.id}/approve`)).set(md).send({ signature: { ...MD_SIGNATURE, meaning: 'approval' }, ...body });
    const bare = await approve({});
    expectProblem(bare, 422);
    expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'directedUse' })]);
    const noRelation = await approve({ directedUse: { physicianNotifiedAt: hoursAgo(2), physicianNotification: 'Dr. A. Okafor by phone, results sent by secure e-mail' } });
    expectProblem(noRelation, 422);
    expect(noRelation.body.errors).toEqual([expect.objectContaining({ field: 'directedUse.recipientRelationship' })]);
    const ok = await approve({ directedUse: { recipientRelationship: 'first_degree', physicianNotifiedAt: hoursAgo(2), physicianNotification: 'Dr. A. Okafor by phone, results sent by secure e-mail' } });
    expect(ok.status).toBe(200);
    expect(ok.body.approval.directedUse).toMatchObject({ recipientRelationship: 'first_degree', physicianNotifiedAt: expect.any(String), rule: '21 CFR 1271.65(b)' });
  });

  it('21 CFR 1271.90(c)(1): a unit reserved for autologous use is labelled FOR AUTOLOGOUS USE ONLY', async () => {
    const { din } = await availableUnit(t, { bankingType: 'family', freezerId });
    const coord = await auth(t, 'coordinator');
    const req = await t.http().post(api('/release-requests')).set(coord).send({
      requestingFacility: 'Heart Centre', physician: 'Dr. L. Brandt', intendedUse: 'autologous',
      patient: { identifier: 'MRN-1001', weightKg: 12, diagnosis: 'hypoplastic left heart syndrome (trial)' }, neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
    });
    expect((await t.http().post(api(`/release-requests/${req.body.id}/reserve`)).set(coord).send({ din })).status).toBe(200);
    expect((await unitOf(t, din)).labelStatements).toEqual([{ code: 'AUTOLOGOUS_USE_ONLY', text: 'FOR AUTOLOGOUS USE ONLY', rule: '21 CFR 1271.90(c)(1)' }]);
  });
});

describe('the migration (runs last: it rewrites this spec\'s database)', () => {
  it('can be undone and redone on a database with determinations and confirmatory tests; rows recorded before it count as legacy', async () => {
    const { din, donorId } = await quarantinedUnit();
    await idm(donorId, { marker: 'syphilis-treponemal', result: 'negative', method: 'serology' }).then((r) => expect(r.status).toBe(201));
    await determineEligibility(t, din);
    const c = await t.owner.connect();
    try {
      const runner = { query: (sql: string, params?: unknown[]) => c.query(sql, params) } as unknown as QueryRunner;
      const migration = new EligibilityDetermination1763761100000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      c.release();
    }
    const legacy = (await t.owner.query(`SELECT bool_and(legacy) AS all_legacy, count(*)::int AS n FROM idm_tests WHERE donor_id = $1`, [donorId])).rows[0];
    expect(legacy).toEqual({ all_legacy: true, n: 11 });
    // the unit lost its determination with the table: it needs a new one (legacy rows still count)
    expect((await t.http().get(api(`/units/${din}/eligibility-determination`)).set(await auth(t, 'auditor'))).body).toMatchObject({ determination: null, computedNow: { status: 'eligible' } });
    expect((await determine(din, { status: 'eligible' })).status).toBe(201);
    expect((await idm(donorId, { marker: 'HIV-1', result: 'negative' })).body).toMatchObject({ legacy: false, testKit: IDM_DOCUMENTATION.testKit });
  });
});
