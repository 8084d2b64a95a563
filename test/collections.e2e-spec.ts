import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, startTestApp } from './setup/test-app';
import { auth, collect, createDonor, hoursAgo, makeEligible } from './setup/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Source {
  chain: string;
  seq: number;
  hash: string;
}
interface Entry {
  chain: string;
  seq: number;
  action: string;
  actorId: string;
  hash: string;
  after: Record<string, unknown> | null;
}

describe("the unit's trail records what it was collected under (21 CFR Part 11.10(e), 1271.55)", () => {
  it("Part 11.10(e) / 21 CFR 1271.55: a new unit's chain records the donor's consents, screening and IDM results in force at collection, each with the donor-chain entry it comes from", async () => {
    const coord = await auth(t, 'coordinator');
    const donor = await createDonor(t);
    const consent = await makeEligible(t, donor.id, 'public');
    // a research consent withdrawn before the collection is not in force
    const research = await t.http().post(`/api/v1/donors/${donor.id}/consents`).set(coord).send({ type: 'research', formVersion: 'r1', signedAt: hoursAgo(80) });
    expect(research.status).toBe(201);
    expect((await t.http().post(`/api/v1/donors/${donor.id}/consents/${research.body.id}/withdraw`).set(coord).send({ reason: 'changed her mind' })).status).toBe(200);
    const { unit } = await collect(t, donor.id);

    const trail = await t.http().get(`/api/v1/units/${unit.din}/audit`).set(await auth(t, 'auditor'));
    expect(trail.status).toBe(200);
    const entries = trail.body.items as Entry[];
    const recorded = entries.filter((e) => e.action === 'unit.donor_records');
    expect(recorded).toHaveLength(1);
    const rec = recorded[0];
    expect(rec.actorId).toBe(await t.userId('coordinator'));
    const after = rec.after as {
      donorId: string;
      consents: { id: string; type: string; source: Source }[];
      screening: { id: string; deferralReasons: string[]; source: Source };
      idmTests: { id: string; marker: string; result: string; source: Source }[];
    };
    expect(after.donorId).toBe(donor.id);
    expect(after.consents.map((c) => [c.id, c.type])).toEqual([[consent.id, 'public_donation']]);
    expect(after.screening).toMatchObject({ deferralReasons: [] });
    expect(after.idmTests.map((x) => x.marker).sort()).toEqual(['CMV', 'HBsAg', 'HCV', 'HIV-1', 'HIV-2', 'HTLV-I/II', 'T. cruzi', 'WNV', 'anti-HBc', 'syphilis'].sort());
    expect(after.idmTests.every((x) => x.result === 'negative')).toBe(true);

    // each reference names an entry of the donor's chain that is there, with that hash, about that record
    const donorChain = (await t.http().get(`/api/v1/audit?chain=donor:${donor.id}`).set(await auth(t, 'auditor'))).body.items as Entry[];
    for (const r of [...after.consents, after.screening, ...after.idmTests]) {
      expect(r.source.chain).toBe(`donor:${donor.id}`);
      const src = donorChain.find((e) => e.seq === r.source.seq);
      expect(src).toBeDefined();
      expect(src!.hash).toBe(r.source.hash);
      expect(src!.after).toMatchObject({ id: r.id });
    }
    // the collection's own entries come first; the unit's chain still verifies
    expect(entries.find((e) => e.action === 'unit.collected')!.seq).toBeLessThan(rec.seq);
    const verify = await t.http().get(`/api/v1/units/${unit.din}/audit/verify`).set(await auth(t, 'auditor'));
    expect(verify.body).toMatchObject({ valid: true });
  });

  it('Part 11.10(e): a donor with no records yet gets an entry saying so (empty lists), in the same transaction as the unit', async () => {
    const donor = await createDonor(t);
    const { unit } = await collect(t, donor.id);
    const rows = (await t.owner.query(`SELECT after FROM audit_entries WHERE chain = $1 AND action = 'unit.donor_records'`, [unit.din])).rows;
    expect(rows).toEqual([{ after: expect.objectContaining({ donorId: donor.id, consents: [], screening: null, idmTests: [] }) }]);
  });
});
