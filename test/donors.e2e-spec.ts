import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { auth, collect, createDonor, hoursAgo, makeEligible, IDM_DOCUMENTATION } from './setup/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('donors', () => {
  it('assigns unique, human-readable donor numbers', async () => {
    const a = await createDonor(t);
    const b = await createDonor(t);
    expect(a.donorNumber).toMatch(/^D\d{7}$/);
    expect(b.donorNumber).not.toBe(a.donorNumber);
  });

  it('DESIGN 6: personal data only for admin, coordinator and medical director; others see the donor number', async () => {
    const d = await createDonor(t, 'public', { firstName: 'Canary', lastName: 'Zzyzx' });
    for (const role of ['coordinator', 'medical_director', 'admin'] as const) {
      const res = await t.http().get(`/api/v1/donors/${d.id}`).set(await auth(t, role));
      expect(res.body).toMatchObject({ donorNumber: d.donorNumber, firstName: 'Canary', lastName: 'Zzyzx', dateOfBirth: '1990-05-01' });
    }
    for (const role of ['lab_technician', 'quality_assurance', 'auditor'] as const) {
      const res = await t.http().get(`/api/v1/donors/${d.id}`).set(await auth(t, role));
      expect(res.status).toBe(200);
      expect(res.body.donorNumber).toBe(d.donorNumber);
      expect(JSON.stringify(res.body)).not.toMatch(/Canary|Zzyzx|1990-05-01|example\.org/);
    }
  });

  it('searches by donor number for everyone and by name only for roles that see personal data', async () => {
    const d = await createDonor(t, 'public', { firstName: 'Search', lastName: 'Findme' });
    const byName = await t.http().get('/api/v1/donors').query({ search: 'findm' }).set(await auth(t, 'coordinator'));
    expect(byName.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect(byName.body).toMatchObject({ page: 1, pageSize: 50 });
    const byNumber = await t.http().get('/api/v1/donors').query({ search: d.donorNumber }).set(await auth(t, 'lab_technician'));
    expect(byNumber.body.items).toEqual([expect.objectContaining({ id: d.id, donorNumber: d.donorNumber })]);
    expect(byNumber.body.items[0].lastName).toBeUndefined();
    expectProblem(await t.http().get('/api/v1/donors').query({ pageSize: 0 }).set(await auth(t, 'coordinator')), 422);
  });

  it('DESIGN 6: a role that may not see donor names gets 403 for a name search (not 200 with nothing found); by donor number it may search', async () => {
    const d = await createDonor(t, 'public', { firstName: 'Hidden', lastName: 'Namesearch' });
    for (const role of ['lab_technician', 'quality_assurance', 'auditor'] as const) {
      const byName = await t.http().get('/api/v1/donors').query({ search: 'namesearch' }).set(await auth(t, role));
      expectProblem(byName, 403);
      expect(byName.body.detail).toMatch(/donor number/);
      expectProblem(await t.http().get('/api/v1/donors').query({ search: 'Hidden Namesearch' }).set(await auth(t, role)), 403);
      const byNumber = await t.http().get('/api/v1/donors').query({ search: d.donorNumber.toLowerCase() }).set(await auth(t, role));
      expect(byNumber.status).toBe(200);
      expect(byNumber.body.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
      // a list without a search term stays open (donor numbers only)
      expect((await t.http().get('/api/v1/donors').set(await auth(t, role))).status).toBe(200);
    }
    for (const role of ['coordinator', 'medical_director', 'admin'] as const) {
      const byName = await t.http().get('/api/v1/donors').query({ search: 'namesearch' }).set(await auth(t, role));
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    }
  });

  it('Part 11.10(e): a correction needs a reason and keeps the old value in the donor audit trail (redacted for other roles)', async () => {
    const d = await createDonor(t, 'public', { firstName: 'Old', lastName: 'Name' });
    expectProblem(await t.http().patch(`/api/v1/donors/${d.id}`).set(await auth(t, 'coordinator')).send({ lastName: 'New' }), 422);
    const res = await t.http().patch(`/api/v1/donors/${d.id}`).set(await auth(t, 'coordinator')).send({ lastName: 'New', reason: 'typo on intake form' });
    expect(res.status).toBe(200);
    expect(res.body.lastName).toBe('New');
    const trail = await t.http().get(`/api/v1/donors/${d.id}/audit`).set(await auth(t, 'coordinator'));
    const entry = trail.body.items.find((e: { action: string }) => e.action === 'donor.corrected');
    expect(entry).toMatchObject({ reason: 'typo on intake form', before: { last_name: 'Name' }, after: { last_name: 'New' }, actorType: 'user' });
    const redacted = await t.http().get(`/api/v1/donors/${d.id}/audit`).set(await auth(t, 'auditor'));
    expect(JSON.stringify(redacted.body)).not.toMatch(/"Name"|"New"|"Old"/);
    expect((await t.http().get(`/api/v1/donors/${d.id}/audit/verify`).set(await auth(t, 'auditor'))).body).toMatchObject({ valid: true });
  });

  it('refuses bad donor input 422 per field, unknown donor 404, and wrong roles 403', async () => {
    const bad = await t.http().post('/api/v1/donors').set(await auth(t, 'coordinator')).send({ firstName: '', lastName: 'X', dateOfBirth: '1990-13-45', bankingType: 'private', extra: 1 });
    expectProblem(bad, 422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bankingType', 'dateOfBirth', 'extra', 'firstName']);
    expectProblem(await t.http().get('/api/v1/donors/00000000-0000-0000-0000-000000000000').set(await auth(t, 'coordinator')), 404);
    expectProblem(await t.http().get('/api/v1/donors/not-a-uuid').set(await auth(t, 'coordinator')), 404);
    expectProblem(await t.http().post('/api/v1/donors').set(await auth(t, 'lab_technician')).send({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', bankingType: 'public' }), 403);
    const d = await createDonor(t);
    expectProblem(await t.http().post(`/api/v1/donors/${d.id}/infectious-disease-tests`).set(await auth(t, 'coordinator')).send({ marker: 'HIV-1', result: 'negative', sampleDrawnAt: hoursAgo(1) }), 403);
    const badMarker = await t.http().post(`/api/v1/donors/${d.id}/infectious-disease-tests`).set(await auth(t, 'lab_technician')).send({ marker: 'HIV', result: 'maybe', sampleDrawnAt: hoursAgo(1) });
    expectProblem(badMarker, 422);
    expect(badMarker.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lab', 'labCliaNumber', 'marker', 'method', 'result', 'testKit', 'transfusedBeforeSample']);
  });
});

describe('eligibility (21 CFR 1271)', () => {
  it('21 CFR 1271.80: incomplete until screening, collection and every required marker are in; then eligible', async () => {
    const d = await createDonor(t);
    const before = await t.http().get(`/api/v1/donors/${d.id}/eligibility`).set(await auth(t, 'quality_assurance'));
    expect(before.body.status).toBe('incomplete');
    expect(before.body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/screening/), expect.stringMatching(/collection/), expect.stringMatching(/HIV-1/)]));
    await makeEligible(t, d.id, 'public');
    await collect(t, d.id);
    const after = await t.http().get(`/api/v1/donors/${d.id}/eligibility`).set(await auth(t, 'quality_assurance'));
    expect(after.body).toMatchObject({ status: 'eligible', reasons: [] });
  });

  it('21 CFR 1271.80(b): a maternal sample drawn more than 7 days from the collection does not count', async () => {
    const d = await createDonor(t);
    await makeEligible(t, d.id, 'public', hoursAgo(24 * 9));
    await collect(t, d.id);
    const e = await t.http().get(`/api/v1/donors/${d.id}/eligibility`).set(await auth(t, 'quality_assurance'));
    expect(e.body.status).toBe('incomplete');
    expect(e.body.reasons).toHaveLength(10); // the nine markers of the panel and CMV (21 CFR 1271.85(b))
    expect(e.body.reasons[0]).toMatch(/within 7 days/);
  });

  it('21 CFR 1271.85: a positive required marker makes the donor ineligible; a positive CMV does not', async () => {
    const d = await createDonor(t);
    await makeEligible(t, d.id, 'public');
    await collect(t, d.id);
    const lab = await auth(t, 'lab_technician');
    await t.http().post(`/api/v1/donors/${d.id}/infectious-disease-tests`).set(lab).send({ marker: 'CMV', result: 'positive', sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION }).expect(201);
    expect((await t.http().get(`/api/v1/donors/${d.id}/eligibility`).set(lab)).body.status).toBe('eligible');
    await t.http().post(`/api/v1/donors/${d.id}/infectious-disease-tests`).set(lab).send({ marker: 'HTLV-I/II', result: 'indeterminate', sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION, method: 'serology', lab: 'Ref lab' }).expect(201);
    const e = await t.http().get(`/api/v1/donors/${d.id}/eligibility`).set(lab);
    expect(e.body).toMatchObject({ status: 'ineligible', reasons: [expect.stringMatching(/^HTLV-I\/II: indeterminate/)] });
  });

  it('21 CFR 1271.75: a deferral in the screening makes the donor ineligible, naming the reason', async () => {
    const d = await createDonor(t);
    await makeEligible(t, d.id, 'public');
    await collect(t, d.id);
    await t.http().post(`/api/v1/donors/${d.id}/screenings`).set(await auth(t, 'coordinator')).send({ version: 'MBHQ-1', completedAt: hoursAgo(1), deferralReasons: ['travel to a malaria-endemic area'] }).expect(201);
    const e = await t.http().get(`/api/v1/donors/${d.id}/eligibility`).set(await auth(t, 'coordinator'));
    expect(e.body).toEqual({
      status: 'ineligible', reasons: [expect.stringMatching(/^screening: deferral on the questionnaire of \d{4}-\d{2}-\d{2} — travel to a malaria-endemic area \(21 CFR 1271\.75\(d\)/)],
      notes: [], reactiveMarkers: [], cmvReactive: false, collectedAt: expect.any(String),
    });
  });

  it('every donor-level change is audited on the donor chain and on each of the donor\'s units', async () => {
    const d = await createDonor(t);
    const { unit } = await collect(t, d.id);
    await t.http().post(`/api/v1/donors/${d.id}/consents`).set(await auth(t, 'coordinator')).send({ type: 'research', formVersion: 'R1', signedAt: hoursAgo(2) }).expect(201);
    const rows = await t.owner.query(`SELECT chain, action FROM audit_entries WHERE action = 'consent.recorded' AND donor_id = $1 ORDER BY chain`, [d.id]);
    expect(rows.rows.map((r) => r.chain).sort()).toEqual([unit.din, `donor:${d.id}`].sort());
  });
});
