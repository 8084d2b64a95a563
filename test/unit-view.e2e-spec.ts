import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { computeEligibility } from '../src/donors/eligibility';
import { UNIT_DONOR_FACTS_ONE_SQL, UNIT_DONOR_FACTS_SQL } from '../src/donors/donors.sql';
import { donorReleaseBlockers } from '../src/donors/donors.service';
import { IDM_TEST_COLUMNS } from '../src/donors/donors.service';
import { labelStatements } from '../src/donors/label-statements';
import { encodeProductCode } from '../src/isbt128/structures';
import { EXCURSION_SELECT, positionView } from '../src/storage/storage.shared';
import { EXCURSION_BLOCKS_RELEASE, excursionBlocker, excursionBlocksRelease, unitCriteriaUnmet } from '../src/units/release-blockers';
import { UNIT_NUMERIC_COLUMNS, UNIT_TIMESTAMP_COLUMNS } from '../src/units/units.service';
import { TestApp, PASSWORD, startTestApp } from './setup/test-app';
import {
  QA_SIGNATURE, auth, availableUnit, collect, collectedUnit, createDonor, createFreezer, hoursAgo, makeEligible, processUnit, store, storedSince,
} from './setup/fixtures';

/**
 * Issue 19 ("reads at the database's pace"): `GET /units/:din` is read by ONE statement composed of
 * the features' SQL parts. This spec builds units in many states and compares each view with what
 * the view was before, when every feature read its part with its own queries: the old statements
 * (kept here verbatim as the reference) and the old mapping. A field that went missing, changed its
 * value or its type, or a release-check entry that went missing fails it.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

const API = '/api/v1';
const q = async <T = Record<string, unknown>>(sql: string, values: unknown[]): Promise<T[]> => (await t.owner.query(sql, values)).rows as T[];
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The fields the view had before (compose and every extension), in any state; resultRecords only once a result is in force. */
const VIEW_FIELDS = [
  'din', 'dinCheck', 'status', 'holdFromStatus', 'allowedTransitions', 'bankingType', 'donorId', 'donorNumber', 'collection', 'receipt', 'acceptanceFlags',
  'acceptance', 'processing', 'abo', 'rh', 'hla', 'sterility', 'position', 'custodian', 'excursions', 'reservation', 'discardReason', 'rejectionReason',
  'createdAt', 'updatedAt', 'eligibility', 'eligibilityDetermination', 'labelStatements', 'infectiousDiseaseTests', 'productCode', 'releaseCheck',
];

/** The extension fields of one unit as the old per-feature statements read them (main before issue 19). */
async function reference(din: string): Promise<{ fields: Record<string, unknown>; unmet: string[] }> {
  const [u] = await q<Record<string, any>>(`SELECT * FROM cord_blood_units WHERE din = $1`, [din]);
  const fields: Record<string, unknown> = {};
  // units: the results in force
  const results = await q<{ results: unknown }>(
    `SELECT din, jsonb_object_agg(kind, jsonb_build_object('occurredAt', occurred_at, 'source', source, 'labEventId', lab_event_id, 'performedBy', performed_by)) AS results
       FROM (SELECT DISTINCT ON (din, kind) din, kind, occurred_at, source, lab_event_id, performed_by
               FROM unit_results WHERE din = ANY($1::text[]) AND applied ORDER BY din, kind, occurred_at DESC, created_at DESC) r
      GROUP BY din`,
    [[din]],
  );
  if (results[0]) fields.resultRecords = results[0].results;
  // donors: eligibility, determination, label statements, IDM tests
  const [f] = await q<any>(UNIT_DONOR_FACTS_SQL, [[din]]);
  const eligibility = computeEligibility({
    collectedAt: f.collected_at,
    screenings: f.screenings.map((x: any) => ({ completedAt: new Date(x.completedAt), deferralReasons: x.deferralReasons })),
    tests: f.tests.map((x: any) => ({ marker: x.marker, result: x.result, sampleDrawnAt: new Date(x.sampleDrawnAt), transfusedBeforeSample: x.transfusedBeforeSample ?? null, dilutionAcceptable: x.dilutionAcceptable ?? null })),
  });
  const facts = { din, bankingType: f.banking_type, activeConsents: f.active_consents, withdrawnConsents: f.withdrawn_consents, determination: f.determination, intendedUse: f.intended_use, eligibility };
  const [tests] = await q<{ tests: unknown[] }>(
    `SELECT u.din, coalesce((SELECT jsonb_agg(to_jsonb(t) ORDER BY t."sampleDrawnAt", t.marker) FROM (SELECT ${IDM_TEST_COLUMNS} FROM idm_tests WHERE donor_id = u.donor_id) t), '[]') AS tests
       FROM cord_blood_units u WHERE u.din = ANY($1::text[])`,
    [[din]],
  );
  Object.assign(fields, {
    eligibility: eligibility.status === 'ineligible' ? { ...eligibility, label: 'Donor ineligible: for autologous or directed family use only (21 CFR 1271.65)' } : eligibility,
    eligibilityDetermination: f.determination,
    labelStatements: labelStatements({ bankingType: f.banking_type, intendedUse: f.intended_use, determination: f.determination, eligibility }),
    infectiousDiseaseTests: tests.tests,
  });
  // storage: position and excursions
  const [p] = await q<any>(
    `SELECT u.din, u.stored_at, p.id, p.label, p.row_no, p.col_no, b.id AS box_id, b.rack_id, b.rack_no, b.box_no, f.id AS freezer_id, f.seq AS freezer_seq, f.code, f.name, f.in_service
       FROM cord_blood_units u JOIN storage_positions p ON p.id = u.position_id JOIN storage_boxes b ON b.id = p.box_id JOIN freezers f ON f.id = b.freezer_id
      WHERE u.din = ANY($1::text[])`,
    [[din]],
  );
  fields.position = p ? { ...positionView(p), storedAt: iso(p.stored_at) } : null;
  const links = await q<any>(
    `SELECT ue.excursion_id, ue.din, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by, ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
       FROM unit_excursions ue WHERE ue.din = ANY($1::text[]) ORDER BY ue.recorded_at`,
    [[din]],
  );
  const excursions = links.length ? await q<any>(`${EXCURSION_SELECT} WHERE e.id = ANY($1::uuid[]) ORDER BY e.started_at`, [links.map((l) => l.excursion_id)]) : [];
  fields.excursions = links
    .map((l) => {
      const r = excursions.find((e) => e.id === l.excursion_id);
      return {
        id: r.id, freezerId: r.freezer_id, freezerCode: r.code, freezerName: r.name, startedAt: iso(r.started_at), endedAt: iso(r.ended_at), open: r.ended_at === null,
        retrospective: r.retrospective, limitC: num(r.limit_c), peakTemperatureC: num(r.peak), positionLabel: l.position_label, recordedAt: iso(l.recorded_at),
        review: l.reviewed_at
          ? { reviewedAt: iso(l.reviewed_at), reviewedBy: l.reviewed_by, reviewerName: l.reviewer_name, outcome: l.review_outcome, reason: l.review_reason, correctiveAction: l.review_corrective_action, meaning: l.review_meaning }
          : null,
        blocksRelease: excursionBlocksRelease(l),
      };
    })
    .sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
  // release requests: the reservation
  const [r] = await q<any>(`SELECT r.* FROM cord_blood_units u JOIN release_requests r ON r.id = u.reserved_for WHERE u.din = $1`, [din]);
  fields.reservation = r
    ? { requestId: r.id, requestNumber: r.request_number, status: r.status, requestingFacility: r.requesting_facility, intendedUse: r.intended_use, reservedAt: iso(r.reserved_at) }
    : null;
  // isbt128: the product code
  const [pc] = await q<any>(`SELECT c.description, c.class FROM product_codes c WHERE c.version = $1 AND c.code = $2`, [u.product_code_version, u.product_code]);
  fields.productCode = u.product_code
    ? { code: u.product_code, tableVersion: u.product_code_version, description: pc?.description ?? null, class: pc?.class ?? null, isbt128: encodeProductCode(u.product_code, u.banking_type === 'family' ? 'F' : 'V') }
    : null;
  // the release check: the unit's criteria, then each feature's (excursions, donor, look-backs)
  const unmet = [
    ...unitCriteriaUnmet(u as any),
    ...(await q<any>(`SELECT e.id, f.code, e.started_at, e.ended_at, ue.review_outcome
         FROM unit_excursions ue JOIN freezer_excursions e ON e.id = ue.excursion_id JOIN freezers f ON f.id = e.freezer_id
        WHERE ue.din = $1 AND ${EXCURSION_BLOCKS_RELEASE}
        ORDER BY e.started_at`, [din])).map(excursionBlocker),
    ...donorReleaseBlockers(facts as any),
    ...(await q<{ number: string }>(
      `SELECT l.lookback_number AS number FROM lookback_units lu JOIN lookbacks l ON l.id = lu.lookback_id
        WHERE lu.din = $1 AND lu.disposition IS NULL AND lu.action IN ('held', 'already_on_hold') AND l.status = 'open'`,
      [din],
    )).map((x) => `look-back ${x.number}: no disposition yet`),
  ];
  return { fields, unmet };
}

async function view(din: string) {
  const res = await t.http().get(`${API}/units/${din}`).set(await auth(t, 'auditor'));
  expect(res.status).toBe(200);
  return res.body as Record<string, any>;
}

/** Compares the one-statement view of `din` with the reference, field by field; returns the view. */
async function expectSameAsBefore(din: string): Promise<Record<string, any>> {
  const v = await view(din);
  const { fields, unmet } = await reference(din);
  expect(Object.keys(v).sort()).toEqual([...VIEW_FIELDS, ...('resultRecords' in fields ? ['resultRecords'] : [])].sort());
  for (const [k, value] of Object.entries(fields)) expect({ [k]: v[k] }).toEqual({ [k]: value });
  // the unit's own criteria first, in their order; then the features' (their order is the extensions')
  const own = unitCriteriaUnmet((await q<any>(`SELECT * FROM cord_blood_units WHERE din = $1`, [din]))[0]);
  expect(v.releaseCheck.unmet.slice(0, own.length)).toEqual(own);
  expect([...v.releaseCheck.unmet].sort()).toEqual([...unmet].sort());
  expect(v.releaseCheck.ready).toBe(unmet.length === 0);
  // the row's own fields, from the row
  const [row] = await q<any>(`SELECT u.*, d.donor_number FROM cord_blood_units u JOIN donors d ON d.id = u.donor_id WHERE u.din = $1`, [din]);
  expect(v).toMatchObject({ din, dinCheck: row.din_check, status: row.status, holdFromStatus: row.hold_from_status, donorId: row.donor_id, donorNumber: row.donor_number, updatedAt: iso(row.updated_at) });
  // a list item is the same view without the release check (the list reads its items with the same parts)
  const list = await t.http().get(`${API}/units`).query({ status: row.status, pageSize: 100 }).set(await auth(t, 'auditor'));
  expect(list.status).toBe(200);
  const item = list.body.items.find((i: { din: string }) => i.din === din);
  if (item) {
    const { releaseCheck: _, ...rest } = v;
    expect(item).toEqual(rest);
  }
  return v;
}

async function reading(freezerId: string, temperatureC: number, readAt: string) {
  const res = await t.http().post(`${API}/storage/freezers/${freezerId}/temperatures`).set(await auth(t, 'lab_technician')).send({ temperatureC, readAt });
  expect(res.status).toBe(201);
  return res.body as { excursion: { id: string | null; effect: string } };
}
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('GET /units/:din in one statement (issue 19)', () => {
  it('issue 19: a collected unit with no results, a received one and a processed one with a product code show every field they showed before', async () => {
    const collected = await collectedUnit(t);
    const v = await expectSameAsBefore(collected.din);
    expect(v).not.toHaveProperty('resultRecords');
    expect(v).toMatchObject({ position: null, excursions: [], reservation: null, productCode: null, receipt: null });

    const received = await collectedUnit(t);
    await t.http().post(`${API}/units/${received.din}/receipt`).set(await auth(t, 'lab_technician')).send({ receivedAt: hoursAgo(20), temperatureOk: false }).expect(200);
    expect((await expectSameAsBefore(received.din)).resultRecords).toMatchObject({ receipt: { source: 'staff' } });

    const coded = await collectedUnit(t);
    const [code] = await q<{ code: string }>(`SELECT code FROM product_codes ORDER BY version DESC, code LIMIT 1`, []);
    const lab = await auth(t, 'lab_technician');
    await t.http().post(`${API}/units/${coded.din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
    const processed = await t.http().post(`${API}/units/${coded.din}/processing`).set(lab).send({ processedAt: hoursAgo(18), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95.5, productCode: code?.code });
    expect(processed.status).toBe(200);
    const pv = await expectSameAsBefore(coded.din);
    if (code) expect(pv.productCode).toMatchObject({ code: code.code });
    expect(pv.processing).toMatchObject({ volumeMl: 25, tncCount: 1.5e9, viabilityPct: 95.5 });
  });

  it('issue 19: available public and family units (stored, typed, determined) and a released-for-request (reserved) unit', async () => {
    const pub = await availableUnit(t);
    const v = await expectSameAsBefore(pub.din);
    expect(v.releaseCheck).toEqual({ ready: true, unmet: [] });
    expect(v.position).toMatchObject({ freezerId: pub.freezerId });
    expect(v.infectiousDiseaseTests.length).toBeGreaterThan(0);

    const fam = await availableUnit(t, { bankingType: 'family' });
    expect((await expectSameAsBefore(fam.din)).bankingType).toBe('family');

    const reserved = await availableUnit(t);
    const coordinator = await auth(t, 'coordinator');
    const req = await t.http().post(`${API}/release-requests`).set(coordinator).send({
      requestingFacility: "Children's Hospital Transplant Centre", physician: 'Dr. A. Okafor', intendedUse: 'allogeneic_transplant',
      patient: { identifier: 'MRN-0417', weightKg: 20, diagnosis: 'acute lymphoblastic leukaemia', hla: { A: ['02:01', '24:02'], B: ['07:02', '44:02'], DRB1: ['15:01', '04:01'] } },
      neededBy: new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10),
    });
    expect(req.status).toBe(201);
    expect((await t.http().post(`${API}/release-requests/${req.body.id}/reserve`).set(coordinator).send({ din: reserved.din })).status).toBe(200);
    const rv = await expectSameAsBefore(reserved.din);
    expect(rv.reservation).toMatchObject({ requestId: req.body.id, status: 'reserved' });
  });

  it('issue 19: units with an open excursion, a reviewed one, a donor without eligibility, and a look-back hold show the same release check as the gate', async () => {
    const donor = await createDonor(t);
    await makeEligible(t, donor.id, 'public');
    const freezer = await createFreezer(t);
    const a = await availableUnit(t, { donorId: donor.id, freezerId: freezer.id });
    const b = await availableUnit(t, { donorId: donor.id, freezerId: freezer.id });
    await storedSince(t, [a.din, b.din], 60);
    const opened = await reading(freezer.id, -140, minutesAgo(40));
    expect(opened.excursion.effect).toBe('opened');
    const open = await expectSameAsBefore(a.din);
    expect(open.excursions).toEqual([expect.objectContaining({ id: opened.excursion.id, open: true, review: null, blocksRelease: true })]);
    expect(open.releaseCheck.unmet.some((m: string) => m.startsWith('excursion:'))).toBe(true);
    await reading(freezer.id, -190, minutesAgo(5));
    const review = await t.http().post(`${API}/storage/excursions/${opened.excursion.id}/units/${b.din}/review`).set(await auth(t, 'quality_assurance')).send({
      reason: 'Peak -140 °C for 35 minutes; within validated limits', correctiveAction: 'Dewar lid seal replaced',
      signature: { email: QA_SIGNATURE.email, password: PASSWORD, meaning: 'review' },
    });
    expect(review.status).toBe(200);
    const reviewed = await expectSameAsBefore(b.din);
    expect(reviewed.excursions).toEqual([expect.objectContaining({ open: false, blocksRelease: false, review: expect.objectContaining({ outcome: 'acceptable' }) })]);

    // a donor with no screening or tests: eligibility incomplete, no determination, on every criterion the gate names
    const bare = await createDonor(t);
    const c = await collect(t, bare.id);
    await processUnit(t, c.unit.din);
    await store(t, c.unit.din, freezer.id);
    const ineligible = await expectSameAsBefore(c.unit.din);
    expect(ineligible.eligibility.status).toBe('incomplete');
    expect(ineligible.releaseCheck.unmet.some((m: string) => m.startsWith('eligibility determination:'))).toBe(true);

    // a look-back over a list of DINs holds the unit until its disposition
    const held = await availableUnit(t, { donorId: donor.id });
    const lb = await t.http().post(`${API}/lookbacks`).set(await auth(t, 'quality_assurance')).send({ trigger: { type: 'dins', dins: [held.din] }, reason: 'Sterility of the processing batch in doubt' });
    expect(lb.status).toBe(201);
    const hv = await expectSameAsBefore(held.din);
    expect(hv.status).toBe('on_hold');
    expect(hv.releaseCheck.unmet).toContain(`look-back ${lb.body.number}: no disposition yet`);
  });

  it('issue 19: the one-unit release gate reads the same donor facts by a scalar parameter, and PostgreSQL keeps its plan (the array form is planned again at every execution)', async () => {
    const units = [await availableUnit(t), await availableUnit(t, { bankingType: 'family' })];
    for (const u of units) expect(await q(UNIT_DONOR_FACTS_ONE_SQL, [u.din])).toEqual(await q(UNIT_DONOR_FACTS_SQL, [[u.din]]));
    // on one connection, as a pooled connection runs them: prepared once, executed eight times each
    const c = await t.owner.connect();
    try {
      await c.query(`PREPARE facts_one(text) AS ${UNIT_DONOR_FACTS_ONE_SQL}`);
      await c.query(`PREPARE facts_many(text[]) AS ${UNIT_DONOR_FACTS_SQL}`);
      for (let i = 0; i < 8; i++) {
        await c.query(`EXECUTE facts_one('${units[i % 2].din}')`);
        await c.query(`EXECUTE facts_many(ARRAY['${units[i % 2].din}'])`);
      }
      const plans = Object.fromEntries((await c.query(`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name IN ('facts_one', 'facts_many')`)).rows.map((r) => [r.name, r]));
      expect(Number(plans.facts_one.generic_plans)).toBe(3);
      expect(Number(plans.facts_many.custom_plans)).toBe(8);
    } finally {
      await c.query('DEALLOCATE ALL');
      c.release();
    }
  });

  it('issue 19: the view reads its row as one json value; the unit columns it turns back into Date and numeric text are all the table has of those types', async () => {
    const cols = await q<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'cord_blood_units' AND data_type IN ('timestamp with time zone', 'numeric')`,
      [],
    );
    const of = (type: string) => cols.filter((c) => c.data_type === type).map((c) => c.column_name).sort();
    expect([...UNIT_TIMESTAMP_COLUMNS].sort()).toEqual(of('timestamp with time zone'));
    expect([...UNIT_NUMERIC_COLUMNS].sort()).toEqual(of('numeric'));
    // no other column type changes through json (text, uuid, boolean, integer, arrays and jsonb read the same)
    const other = await q<{ data_type: string }>(`SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'cord_blood_units' ORDER BY 1`, []);
    expect(other.map((r) => r.data_type)).toEqual(['ARRAY', 'boolean', 'character', 'integer', 'jsonb', 'numeric', 'text', 'timestamp with time zone', 'uuid']);
  });

  it('issue 19: an unknown DIN is 404, as before', async () => {
    const res = await t.http().get(`${API}/units/W999999999999`).set(await auth(t, 'auditor'));
    expect(res.status).toBe(404);
  });
});
