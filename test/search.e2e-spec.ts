import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gradeMatch } from '../src/search/hla';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { HLA, QA_SIGNATURE, auth, availableUnit, collect, createDonor, createFreezer, makeEligible, processUnit, store, determineEligibility, FIXTURE_DETERMINATION_SQL, asSystem, processedUnits } from './setup/fixtures';

let t: TestApp;
let donorId: string;
let freezerId: string;
const PATIENT = { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 };
const u: Record<string, string> = {};

const search = async (body: Record<string, unknown>, role: 'coordinator' | 'medical_director' | 'lab_technician' = 'coordinator') =>
  t.http().post('/api/v1/search/units').set(await auth(t, role)).send(body);
const dins = (res: { body: { items: { din: string }[] } }) => res.body.items.map((h) => h.din);
const known = (res: { body: { items: { din: string }[] } }) => dins(res).filter((d) => Object.values(u).includes(d));

beforeAll(async () => {
  t = await startTestApp();
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t, { racks: 1, boxesPerRack: 1, rows: 5, columns: 5 })).id;
  const make = (hla: Record<string, string[]>, tncCount: number) => availableUnit(t, { donorId, freezerId, hla, tncCount }).then((x) => x.din);
  u.six = await make(HLA, 1.2e9);
  u.sixAntigen = await make({ ...HLA, A: ['02:05', '24:03'] }, 2.0e9); // antigen-level match at A: still 6/6
  u.fiveDrb1 = await make({ ...HLA, DRB1: ['15:02', '04:01'] }, 3.0e9); // DRB1 allele mismatch
  u.fiveHomUnit = await make({ ...HLA, A: ['02:01', '02:01'] }, 2.5e9); // unit homozygous: GvH-only mismatch
  u.four = await make({ ...HLA, A: ['02:01', '11:01'], B: ['08:01', '44:02'] }, 1.0e9); // one exact locus only
  u.three = await make({ ...HLA, A: ['01:01', '11:01'], B: ['08:01', '44:02'] }, 4.0e9);
  u.held = await make(HLA, 5.0e9);
  const held = await t.http().post(`/api/v1/units/${u.held}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'on_hold', reason: 'bag integrity check' });
  if (held.status !== 200) throw new Error(`hold: ${held.status} ${JSON.stringify(held.body)}`);
  const familyDonor = (await createDonor(t, 'family')).id;
  await makeEligible(t, familyDonor, 'family');
  u.family = (await availableUnit(t, { bankingType: 'family', donorId: familyDonor, freezerId, hla: HLA, tncCount: 9e9 })).din;
  u.familyDonor = familyDonor;
  // a family unit need not be HLA typed to be released (DESIGN.md 2)
  u.familyUntyped = (await collect(t, familyDonor)).unit.din;
  await processUnit(t, u.familyUntyped, { hla: null, tncCount: 2e9 });
  await store(t, u.familyUntyped, freezerId);
  await determineEligibility(t, u.familyUntyped);
  const released = await t.http().post(`/api/v1/units/${u.familyUntyped}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'release criteria met', signature: QA_SIGNATURE });
  if (released.status !== 200) throw new Error(`available: ${released.status} ${JSON.stringify(released.body)}`);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('POST /search/units: grading and ranking', () => {
  it('DESIGN.md 5: ranks available units by match grade, then TNC per kg; below 4/6, held and family units are not offered', async () => {
    const res = await search({ hla: PATIENT, weightKg: 50 });
    expect(res.status).toBe(200);
    expect(known(res)).toEqual([u.sixAntigen, u.six, u.fiveDrb1, u.fiveHomUnit, u.four]);
    expect(res.body.items.map((h: { matchGrade: string }) => h.matchGrade)).toEqual(['6/6', '6/6', '5/6', '5/6', '4/6']);
    expect(res.body.nextCursor).toBeNull();
  });

  it('names the mismatched loci with their level and direction, and gives TNC/kg, CD34+/kg and the dose warning', async () => {
    const res = await search({ hla: PATIENT, weightKg: 50 });
    const hit = (din: string) => res.body.items.find((h: { din: string }) => h.din === din);
    expect(hit(u.six)).toMatchObject({ matchGrade: '6/6', matches: 6, mismatches: [], tncCount: 1.2e9, tncPerKg: 2.4e7, cd34PerKg: 1e5, doseWarning: true, bankingType: 'public' });
    expect(hit(u.sixAntigen)).toMatchObject({ tncPerKg: 4e7, doseWarning: false });
    expect(hit(u.fiveDrb1).mismatches).toEqual([
      expect.objectContaining({ locus: 'DRB1', level: 'allele', count: 1, direction: 'bidirectional', patient: ['15:01', '04:01'], unit: ['15:02', '04:01'] }),
    ]);
    expect(hit(u.fiveHomUnit).mismatches).toEqual([
      expect.objectContaining({ locus: 'A', level: 'antigen', count: 1, graftVersusHost: 1, hostVersusGraft: 0, direction: 'graft_versus_host' }),
    ]);
    expect(hit(u.four).mismatches.map((m: { locus: string }) => m.locus)).toEqual(['A', 'B']);
  });

  it('DESIGN.md 5: homozygous patient against a heterozygous unit is one host-versus-graft mismatch (both homozygous directions graded 5/6)', async () => {
    const res = await search({ hla: { ...PATIENT, A: ['02:01', '02:01'] }, weightKg: 50, minMatch: 5 });
    const hit = (din: string) => res.body.items.find((h: { din: string }) => h.din === din);
    expect(hit(u.six)).toMatchObject({ matchGrade: '5/6', mismatches: [expect.objectContaining({ locus: 'A', direction: 'host_versus_graft', hostVersusGraft: 1, graftVersusHost: 0 })] });
    // both homozygous for 02: identical at A
    expect(hit(u.fiveHomUnit)).toMatchObject({ matchGrade: '6/6' });
    expect(known(res)[0]).toBe(u.fiveHomUnit);
  });

  it('minMatch lowers or raises the bar: 3 offers the 3/6 unit last, 6 only the identical ones', async () => {
    const low = await search({ hla: PATIENT, weightKg: 50, minMatch: 3 });
    expect(known(low)).toEqual([u.sixAntigen, u.six, u.fiveDrb1, u.fiveHomUnit, u.four, u.three]);
    const six = await search({ hla: PATIENT, weightKg: 50, minMatch: 6 });
    expect(known(six)).toEqual([u.sixAntigen, u.six]);
  });

  it('pages with limit and nextCursor in ranking order', async () => {
    const first = await search({ hla: PATIENT, weightKg: 50, limit: 2 });
    expect(dins(first)).toEqual([u.sixAntigen, u.six]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search({ hla: PATIENT, weightKg: 50, limit: 2, cursor: first.body.nextCursor });
    expect(dins(second)).toEqual([u.fiveDrb1, u.fiveHomUnit]);
    const third = await search({ hla: PATIENT, weightKg: 50, limit: 2, cursor: second.body.nextCursor });
    expect(dins(third)).toEqual([u.four]);
    expect(third.body.nextCursor).toBeNull();
    expectProblem(await search({ hla: PATIENT, weightKg: 50, cursor: 'not-a-cursor' }), 422);
  });

  it('FACT-NetCord: family units appear only in autologous or directed_family searches of their own family', async () => {
    const publicSearch = await search({ hla: PATIENT, weightKg: 50, intendedUse: 'allogeneic_transplant' });
    expect(dins(publicSearch)).not.toContain(u.family);
    const auto = await search({ hla: PATIENT, weightKg: 50, intendedUse: 'autologous', donorId: u.familyDonor });
    expect(dins(auto)).toEqual([u.family, u.familyUntyped]);
    expect(auto.body.items[0]).toMatchObject({ bankingType: 'family', matchGrade: '6/6', tncPerKg: 1.8e8 });
    // an untyped family unit comes last, with no grade
    expect(auto.body.items[1]).toMatchObject({ bankingType: 'family', matchGrade: null, matches: null, mismatches: [], tncPerKg: 4e7 });
    expect(dins(await search({ hla: PATIENT, weightKg: 50, intendedUse: 'directed_family', donorId: u.familyDonor }))).toEqual([u.family, u.familyUntyped]);
    const otherFamily = await search({ hla: PATIENT, weightKg: 50, intendedUse: 'directed_family', donorId });
    expect(dins(otherFamily)).toEqual([]);
    const noDonor = await search({ hla: PATIENT, weightKg: 50, intendedUse: 'directed_family' });
    expectProblem(noDonor, 422);
    expect(noDonor.body.errors[0].field).toBe('donorId');
    expectProblem(await search({ hla: PATIENT, weightKg: 50, intendedUse: 'allogeneic_transplant', donorId: u.familyDonor }), 422);
    expectProblem(await search({ hla: PATIENT, weightKg: 50, intendedUse: 'autologous', donorId: '00000000-0000-4000-8000-000000000000' }), 404);
  });

  it('a clinical trial search offers only units whose donor has an active research consent', async () => {
    expect(dins(await search({ hla: PATIENT, weightKg: 50, intendedUse: 'clinical_trial' }))).toEqual([]);
    const c = await t.http().post(`/api/v1/donors/${donorId}/consents`).set(await auth(t, 'coordinator')).send({ type: 'research', formVersion: 'r1', signedAt: new Date(Date.now() - 3600_000).toISOString() });
    expect(c.status).toBe(201);
    expect(known(await search({ hla: PATIENT, weightKg: 50, intendedUse: 'clinical_trial' }))).toEqual([u.sixAntigen, u.six, u.fiveDrb1, u.fiveHomUnit, u.four]);
    await t.http().post(`/api/v1/donors/${donorId}/consents/${c.body.id}/withdraw`).set(await auth(t, 'coordinator')).send({ reason: 'changed mind about research' }).expect(200);
  });

  it('a unit leaves the results when it stops being available, and comes back when it is released again', async () => {
    const qa = await auth(t, 'quality_assurance');
    await t.http().post(`/api/v1/units/${u.sixAntigen}/status`).set(qa).send({ to: 'on_hold', reason: 'label check' }).expect(200);
    expect(known(await search({ hla: PATIENT, weightKg: 50 }))).not.toContain(u.sixAntigen);
    await t.http().post(`/api/v1/units/${u.sixAntigen}/status`).set(qa).send({ to: 'available', reason: 'label ok', signature: QA_SIGNATURE }).expect(200);
    expect(known(await search({ hla: PATIENT, weightKg: 50 }))[0]).toBe(u.sixAntigen);
  });

  it('DESIGN 7: an HLA correction of an available unit holds it for QA review (out of the results at once), and its new grade counts once QA releases it', async () => {
    const lab = await auth(t, 'lab_technician');
    const qa = await auth(t, 'quality_assurance');
    const release = () => t.http().post(`/api/v1/units/${u.four}/status`).set(qa).send({ to: 'available', reason: 'correction reviewed', signature: QA_SIGNATURE }).expect(200);
    const held = await t.http().patch(`/api/v1/units/${u.four}`).set(lab).send({ reason: 'typing transcribed wrongly', hla: { ...HLA, A: ['01:01', '11:01'], B: ['08:01', '44:02'] } }).expect(200);
    expect(held.body.status).toBe('on_hold');
    expect(known(await search({ hla: PATIENT, weightKg: 50 }))).not.toContain(u.four);
    await release();
    // available again, but graded on the corrected typing: below 4/6
    expect(known(await search({ hla: PATIENT, weightKg: 50 }))).not.toContain(u.four);
    await t.http().patch(`/api/v1/units/${u.four}`).set(lab).send({ reason: 'typing restored', hla: { ...HLA, A: ['02:01', '11:01'], B: ['08:01', '44:02'] } }).expect(200);
    expect(known(await search({ hla: PATIENT, weightKg: 50 }))).not.toContain(u.four);
    await release();
    expect(known(await search({ hla: PATIENT, weightKg: 50 }))).toContain(u.four);
  });
});

describe('POST /search/units: input and roles', () => {
  it.each([
    [{ hla: PATIENT, weightKg: 0 }, 'weightKg'],
    [{ hla: PATIENT, weightKg: 500 }, 'weightKg'],
    [{ hla: PATIENT, weightKg: '20' }, 'weightKg'],
    [{ hla: { ...PATIENT, A: ['A*2:1', '24:02'] }, weightKg: 20 }, 'hla.A'],
    [{ hla: { ...PATIENT, DRB1: ['XX', '04:01'] }, weightKg: 20 }, 'hla.DRB1'],
    [{ hla: { ...PATIENT, B: ['07:02'] }, weightKg: 20 }, 'hla.B'],
    [{ hla: { A: PATIENT.A, B: PATIENT.B }, weightKg: 20 }, 'hla.DRB1'],
    [{ hla: { ...PATIENT, C: ['7:2', '05:01'] }, weightKg: 20 }, 'hla.C'],
    [{ hla: { ...PATIENT, DPB1: ['04:01', '04:01'] }, weightKg: 20 }, 'hla.DPB1'],
    [{ hla: PATIENT, weightKg: 20, minMatch: 7 }, 'minMatch'],
    [{ hla: PATIENT, weightKg: 20, limit: 0 }, 'limit'],
    [{ hla: PATIENT, weightKg: 20, intendedUse: 'research' }, 'intendedUse'],
    [{ weightKg: 20 }, 'hla'],
  ])('refuses %j with 422 naming %s', async (body, field) => {
    const res = await search(body as Record<string, unknown>);
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('DESIGN.md 6: coordinators and the medical director search; other roles may not', async () => {
    expect((await search({ hla: PATIENT, weightKg: 20 }, 'medical_director')).status).toBe(200);
    expectProblem(await search({ hla: PATIENT, weightKg: 20 }, 'lab_technician'), 403);
  });
});

describe('POST /search/units: the database index grades as the rule does', () => {
  /** A small allele pool so that every grade from 6/6 to 0/6 occurs often, homozygous typings included. */
  const POOL = { A: ['01:01', '02:01', '02:05', '03:01', '11:01'], B: ['07:02', '08:01', '44:02', '44:03'], DRB1: ['15:01', '15:02', '04:01', '07:01', '04'] };
  let seed = 20260311;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const typing = () => Object.fromEntries(Object.entries(POOL).map(([locus, alleles]) => [locus, [alleles[rand(alleles.length)], alleles[rand(alleles.length)]]]));
  const units = new Map<string, { hla: Record<string, string[]>; tnc: number }>();

  beforeAll(async () => {
    const n = 240;
    const bulk = (await createFreezer(t, { racks: 1, boxesPerRack: 3, rows: 10, columns: 10 })).id;
    const made = await processedUnits(t, n);
    await asSystem(t, async (c) => {
      const positions = await c.query(
        `SELECT p.id FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id WHERE b.freezer_id = $1 ORDER BY b.box_no, p.row_no, p.col_no LIMIT $2`,
        [bulk, n],
      );
      for (let i = 0; i < n; i++) {
        const hla = typing();
        // public units need A, B and DRB1 typed; one in five has a DRB1 typed at one field only (not comparable at allele level)
        if (hla.DRB1[0] === '04' && hla.DRB1[1] === '04') hla.DRB1[1] = '04:01';
        const tnc = 5e8 + rand(40) * 1e8;
        units.set(made[i], { hla, tnc });
        await c.query(`UPDATE cord_blood_units SET hla = $2, tnc_count = $3, status = 'quarantine' WHERE din = $1`, [made[i], JSON.stringify(hla), tnc]);
        await c.query(`UPDATE cord_blood_units SET position_id = $2, stored_at = now() WHERE din = $1`, [made[i], positions.rows[i].id]);
        await c.query(FIXTURE_DETERMINATION_SQL, [made[i]]);
        await c.query(`UPDATE cord_blood_units SET status = 'available' WHERE din = $1`, [made[i]]);
      }
    });
  }, 60_000);

  it('DESIGN.md 5: for random patients, the search returns exactly the units the pure rule grades ≥ minMatch, in rank order', async () => {
    for (let k = 0; k < 25; k++) {
      const patient = typing();
      for (const l of ['A', 'B', 'DRB1'] as const) patient[l] = patient[l].map((a) => (a.includes(':') ? a : `${a}:01`));
      const minMatch = [4, 4, 5, 3, 6][k % 5];
      const expected = [...units.entries()]
        .map(([din, x]) => ({ din, tnc: x.tnc, m: gradeMatch(patient, x.hla)!.matches }))
        .filter((x) => x.m >= minMatch)
        .sort((a, b) => b.m - a.m || b.tnc - a.tnc || (a.din < b.din ? -1 : 1));
      const got: { din: string; matches: number }[] = [];
      let cursor: string | undefined;
      do {
        const res = await search({ hla: patient, weightKg: 30, minMatch, limit: 100, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        got.push(...res.body.items);
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      const mine = got.filter((h) => units.has(h.din));
      expect(mine.map((h) => h.din)).toEqual(expected.map((x) => x.din));
      expect(mine.map((h) => h.matches)).toEqual(expected.map((x) => x.m));
    }
  }, 60_000);
});
