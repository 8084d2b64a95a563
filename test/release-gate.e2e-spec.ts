import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { IDM_DOCUMENTATION, QA_SIGNATURE, auth, availableUnit, collect, createDonor, createFreezer, determineEligibility, hoursAgo, makeEligible, processUnit, store, unitOf } from './setup/fixtures';

let t: TestApp;
let freezerId: string;
beforeAll(async () => {
  t = await startTestApp();
  freezerId = (await createFreezer(t)).id;
});
afterAll(async () => {
  await t.close();
});

describe('release to available (FACT-NetCord release criteria)', () => {
  it('FACT-NetCord: a processed, typed, sterile, stored unit of an eligible consenting donor becomes available with a QA e-signature', async () => {
    const { din } = await availableUnit(t, { freezerId });
    const u = await unitOf(t, din);
    expect(u).toMatchObject({ status: 'available', eligibility: { status: 'eligible' }, position: { freezerId } });
    const released = (await t.owner.query(`SELECT reason, signature FROM audit_entries WHERE chain = $1 AND action = 'unit.released'`, [din])).rows;
    expect(released).toEqual([expect.objectContaining({ reason: 'release criteria met', signature: expect.objectContaining({ meaning: QA_SIGNATURE.meaning }) })]);
  });

  it('Part 11.200: making a unit available without a signature is 422 and leaves it in quarantine', async () => {
    const d = await createDonor(t);
    await makeEligible(t, d.id, 'public');
    const { unit } = await collect(t, d.id);
    await processUnit(t, unit.din);
    await store(t, unit.din, freezerId);
    await determineEligibility(t, unit.din);
    const res = await t.http().post(`/api/v1/units/${unit.din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'criteria met' });
    expectProblem(res, 422);
    expect((await unitOf(t, unit.din)).status).toBe('quarantine');
  });

  it('21 CFR 1271.65: a family unit of an ineligible donor can be released (labelled); a public one can not', async () => {
    for (const bankingType of ['family', 'public'] as const) {
      const d = await createDonor(t, bankingType);
      await makeEligible(t, d.id, bankingType);
      await t.http().post(`/api/v1/donors/${d.id}/infectious-disease-tests`).set(await auth(t, 'lab_technician')).send({ marker: 'HBsAg', result: 'positive', sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION }).expect(201);
      const { unit } = await collect(t, d.id);
      await processUnit(t, unit.din, { hla: bankingType === 'family' ? null : undefined });
      await store(t, unit.din, freezerId);
      await determineEligibility(t, unit.din, 'ineligible');
      const res = await t.http().post(`/api/v1/units/${unit.din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'release', signature: QA_SIGNATURE });
      if (bankingType === 'family') {
        if (res.status !== 200) throw new Error(JSON.stringify(res.body));
        expect(res.body.eligibility).toMatchObject({ status: 'ineligible', label: expect.stringMatching(/autologous or directed family/) });
      } else {
        expectProblem(res, 409);
        expect(res.body.unmet).toEqual([expect.stringMatching(/^eligibility: donor ineligible/)]);
        // the database refuses it too: only an eligible determination makes a public unit available (21 CFR 1271.50(a))
        await expect(t.owner.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true); UPDATE cord_blood_units SET status = 'available' WHERE din = '${unit.din}'`))
          .rejects.toThrow(/no donor eligibility determination in force/);
      }
    }
  });

  it('consent withdrawal keeps the record, puts the available unit on hold in the same act, and blocks its release', async () => {
    const d = await createDonor(t);
    const consent = await makeEligible(t, d.id, 'public');
    const { din } = await availableUnit(t, { freezerId, donorId: d.id });
    const res = await t.http().post(`/api/v1/donors/${d.id}/consents/${consent.id}/withdraw`).set(await auth(t, 'coordinator')).send({ reason: 'mother withdrew' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false, withdrawalReason: 'mother withdrew', unitsPutOnHold: [din] });
    expect(await unitOf(t, din)).toMatchObject({ status: 'on_hold', holdFromStatus: 'available' });
    const back = await t.http().post(`/api/v1/units/${din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'try', signature: QA_SIGNATURE });
    expectProblem(back, 409);
    expect(back.body.unmet).toEqual(['consent: the public_donation consent was withdrawn']);
    const donor = await t.http().get(`/api/v1/donors/${d.id}`).set(await auth(t, 'coordinator'));
    expect(donor.body.consents).toEqual([expect.objectContaining({ id: consent.id, active: false, withdrawalReason: 'mother withdrew' })]);
    expectProblem(await t.http().post(`/api/v1/donors/${d.id}/consents/${consent.id}/withdraw`).set(await auth(t, 'coordinator')).send({ reason: 'again' }), 409);
  });

  it('21 CFR 1271.60: a reactive IDM result arriving for an available unit\'s donor puts it on hold', async () => {
    const { din, donorId } = await availableUnit(t, { freezerId });
    await t.http().post(`/api/v1/donors/${donorId}/infectious-disease-tests`).set(await auth(t, 'lab_technician')).send({ marker: 'HCV', result: 'positive', sampleDrawnAt: hoursAgo(30), ...IDM_DOCUMENTATION }).expect(201);
    expect((await unitOf(t, din)).status).toBe('on_hold');
  });

  it('a positive sterility result or a correction that breaks a criterion puts an available unit on hold', async () => {
    const a = await availableUnit(t, { freezerId });
    await t.http().post(`/api/v1/units/${a.din}/sterility`).set(await auth(t, 'lab_technician')).send({ aerobic: 'positive', anaerobic: 'negative', organism: 'S. aureus' }).expect(200);
    expect((await unitOf(t, a.din)).status).toBe('on_hold');
    const b = await availableUnit(t, { freezerId });
    await t.http().patch(`/api/v1/units/${b.din}`).set(await auth(t, 'quality_assurance')).send({ reason: 'culture misread', sterilityAnaerobic: 'positive' }).expect(200);
    expect((await unitOf(t, b.din)).status).toBe('on_hold');
  });
});
