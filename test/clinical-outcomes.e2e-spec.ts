import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import type { Response } from 'supertest';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { TestApp, PASSWORD, expectProblem, startTestApp } from './setup/test-app';
import { HLA, auth, availableUnit, createDonor, createFreezer, hoursAgo, makeEligible } from './setup/fixtures';

/**
 * Issue 17: what was given on a release request (computed dose), follow-up with plausible ranges,
 * the audit of both on the request's chain, and what the outcomes teach (summary against numbers
 * computed here, the de-identified export, the chart), read by medical director, coordinator and
 * auditor only.
 */
const SECRET = 'pseudonym-secret-for-the-test-0123456789';
let t: TestApp;
let donorId: string;
let freezerId: string;
let protocolId: string;
const PATIENT_HLA = { A: HLA.A, B: HLA.B, DRB1: HLA.DRB1 };
const SIGN = { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'approval' };
const PROTOCOL = 'NCT-TEST-0417';
const soon = () => new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);

type Role = 'coordinator' | 'medical_director' | 'lab_technician' | 'auditor' | 'quality_assurance' | 'admin';
const post = async (path: string, body: Record<string, unknown>, role: Role = 'coordinator') => t.http().post(`/api/v1${path}`).set(await auth(t, role)).send(body);
const patch = async (path: string, body: Record<string, unknown>, role: Role = 'coordinator') => t.http().patch(`/api/v1${path}`).set(await auth(t, role)).send(body);
const get = async (path: string, role: Role = 'auditor') => t.http().get(`/api/v1${path}`).set(await auth(t, role));
const must = (res: Response, status: number, what: string): Response => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

/** A request walked through the API to `delivered`: submit, reserve, approve (e-signed), ship, deliver. */
async function deliveredRequest(opts: { use?: string; identifier?: string; weightKg?: number; diagnosis?: string; tncCount?: number; facility?: string } = {}) {
  const { din } = await availableUnit(t, { donorId, freezerId, tncCount: opts.tncCount });
  const created = must(await post('/release-requests', {
    requestingFacility: opts.facility ?? "Children's Heart Centre", physician: 'Dr. R. Mehta',
    patient: { identifier: opts.identifier ?? `MRN-${Math.random().toString(36).slice(2, 9)}`, weightKg: opts.weightKg ?? 20, diagnosis: opts.diagnosis ?? 'hypoplastic left heart syndrome', hla: PATIENT_HLA },
    intendedUse: opts.use ?? 'clinical_trial', neededBy: soon(),
  }), 201, 'submit');
  const id = created.body.id as string;
  must(await post(`/release-requests/${id}/reserve`, { din }), 200, 'reserve');
  must(await post(`/release-requests/${id}/approve`, { signature: SIGN }, 'medical_director'), 200, 'approve');
  must(await post(`/release-requests/${id}/ship`, { courier: 'ColdChain', dispatchedAt: new Date().toISOString(), shipperId: 'DS-1', temperatureLoggerId: 'TL-1' }, 'lab_technician'), 200, 'ship');
  must(await post(`/release-requests/${id}/deliver`, { receivedAt: new Date().toISOString(), receivedBy: 'N. Park', temperatureOk: true }), 200, 'deliver');
  return { id, din, identifier: created.body.patient.identifier as string, requestNumber: created.body.requestNumber as string };
}

const administration = (over: Record<string, unknown> = {}) => ({
  cellType: 'mnc', route: 'intramyocardial', administeredAt: new Date().toISOString(), patientAgeMonths: 5, measuredCellCount: 3.4e8, viabilityPct: 92, recoveryPct: 80,
  procedure: 'bidirectional Glenn operation', protocol: { identifier: PROTOCOL, arm: 'A' }, ...over,
});

beforeAll(async () => {
  t = await startTestApp({ OUTCOMES_PSEUDONYM_SECRET: SECRET });
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  must(await post(`/donors/${donorId}/consents`, { type: 'research', formVersion: 'v1', signedAt: hoursAgo(100) }), 201, 'research consent');
  freezerId = (await createFreezer(t, { racks: 4, boxesPerRack: 4, rows: 6, columns: 6 })).id;
  const p = must(await post('/clinical/protocols', {
    identifier: PROTOCOL, title: 'Umbilical cord blood mononuclear cells at staged palliation of HLHS', sponsor: 'Example Research Institute', indNumber: 'IND 15123',
    arms: ['A', 'B'], followUpDays: [0, 30, 180, 365],
  }, 'admin'), 201, 'protocol');
  protocolId = p.body.id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('what was given', () => {
  it('DESIGN.md 5 cell dose, computed not typed: a whole unit of 1.5 × 10^9 TNC for 20 kg is 7.5 × 10^7 TNC/kg (CD34+ 2.5 × 10^5/kg); the infusion completes the request', async () => {
    const r = await deliveredRequest({ use: 'allogeneic_transplant' });
    const typed = await post(`/release-requests/${r.id}/administration`, { ...administration({ cellType: 'whole_unit', route: 'intravenous', protocol: undefined, measuredCellCount: undefined }), dosePerKg: 1e9 });
    expectProblem(typed, 422);
    expect(typed.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'dosePerKg' })]));
    const res = await post(`/release-requests/${r.id}/administration`, administration({ cellType: 'whole_unit', route: 'intravenous', protocol: undefined, measuredCellCount: undefined, viabilityPct: 90 }));
    expect(res.status).toBe(201);
    expect(res.body.administration.dosePerKg).toBeCloseTo(7.5e7, -1);
    expect(res.body.administration.cd34PerKg).toBeCloseTo(2.5e5, 4);
    expect(res.body.administration.viableDosePerKg).toBeCloseTo(6.75e7, -1);
    const request = await get(`/release-requests/${r.id}`, 'coordinator');
    expect(request.body).toMatchObject({ status: 'completed', unit: { status: 'infused' } });
    expect(request.body.outcome.infusedAt).toBe(res.body.administration.administeredAt);
    // the database refuses a typed dose, whoever writes it
    const c = await t.appRolePool.connect();
    try {
      await c.query(`BEGIN`);
      await c.query(`SELECT set_config('app.actor_type', 'user', true), set_config('app.actor_id', 'someone', true), set_config('app.reason', 'typed', true)`);
      await expect(c.query(`UPDATE clinical_administrations SET dose_per_kg = 1e9 WHERE release_request_id = $1`, [r.id])).rejects.toMatchObject({ code: 'CB422' });
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('a mononuclear fraction is dosed from its measured count: 3.4 × 10^8 MNC for 6.8 kg is 5 × 10^7 MNC/kg; without the count it is 422', async () => {
    const r = await deliveredRequest({ weightKg: 6.8 });
    const missing = await post(`/release-requests/${r.id}/administration`, administration({ measuredCellCount: undefined }));
    expectProblem(missing, 422);
    expect(missing.body.errors[0].field).toBe('measuredCellCount');
    const res = await post(`/release-requests/${r.id}/administration`, administration());
    expect(res.status).toBe(201);
    expect(res.body.administration).toMatchObject({ cellType: 'mnc', countedCells: 'MNC', route: 'intramyocardial', cd34PerKg: null, patientWeightKg: 6.8, protocol: { identifier: PROTOCOL, arm: 'A', indNumber: 'IND 15123' } });
    expect(res.body.administration.dosePerKg).toBeCloseTo(5e7, -1);
    expectProblem(await post(`/release-requests/${r.id}/administration`, administration()), 409);
  });

  it('clinical_trial needs its protocol and one of its arms; unknown route and cell type are 422 naming the field; nothing is written', async () => {
    const r = await deliveredRequest();
    const cases: [Record<string, unknown>, string][] = [
      [administration({ protocol: undefined }), 'protocol'],
      [administration({ protocol: { identifier: PROTOCOL, arm: 'C' } }), 'protocol.arm'],
      [administration({ protocol: { identifier: 'NCT-NOPE', arm: 'A' } }), 'protocol.identifier'],
      [administration({ route: 'intranasal' }), 'route'],
      [administration({ cellType: 'stem_dust' }), 'cellType'],
    ];
    for (const [body, field] of cases) {
      const res = await post(`/release-requests/${r.id}/administration`, body);
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await get(`/release-requests/${r.id}`, 'coordinator')).body.status).toBe('delivered');
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM clinical_administrations WHERE release_request_id = $1`, [r.id])).rows[0].n).toBe(0);
  });

  it('POST /outcome keeps working; the structured record then follows with the same infusion time', async () => {
    const r = await deliveredRequest({ use: 'allogeneic_transplant' });
    const infusedAt = new Date().toISOString();
    must(await post(`/release-requests/${r.id}/outcome`, { infusedAt, notes: 'infused' }), 200, 'outcome');
    const other = await post(`/release-requests/${r.id}/administration`, administration({ cellType: 'whole_unit', route: 'intravenous', protocol: undefined, measuredCellCount: undefined }));
    expectProblem(other, 422);
    expect(other.body.errors[0].field).toBe('administeredAt');
    const res = await post(`/release-requests/${r.id}/administration`, administration({ cellType: 'whole_unit', route: 'intravenous', protocol: undefined, measuredCellCount: undefined, administeredAt: infusedAt }));
    expect(res.status).toBe(201);
  });
});

describe('follow-up', () => {
  it('plausible ranges: LVEF 140 % is 422 naming the field, as are GvHD grade V, a method the measure does not take and a measure not for the use; nothing is written', async () => {
    const r = await deliveredRequest();
    must(await post(`/release-requests/${r.id}/administration`, administration()), 201, 'administration');
    const visit = (measurements: Record<string, unknown>[], visitDay = 0) => post(`/release-requests/${r.id}/follow-ups`, { visitDay, assessedAt: new Date().toISOString(), measurements });
    const lvef = await visit([{ measure: 'nt_probnp_pg_ml', value: 2400 }, { measure: 'lvef_pct', value: 140, method: 'echo' }]);
    expectProblem(lvef, 422);
    expect(lvef.body.errors).toEqual([{ field: 'measurements[1].value', message: expect.stringContaining('5–90 %') }]);
    const gvhd = await visit([{ measure: 'acute_gvhd_grade', value: 'V' }]);
    expectProblem(gvhd, 422);
    expect(gvhd.body.errors[0].field).toBe('measurements[0].value');
    expectProblem(await visit([{ measure: 'lvef_pct', value: 40, method: 'ct' }]), 422);
    expectProblem(await visit([{ measure: 'lvef_pct', value: 40 }], 100), 422); // day 100 is not on this protocol's schedule
    const stale = await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 0, assessedAt: new Date(Date.now() - 200 * 86400_000).toISOString(), measurements: [{ measure: 'lvef_pct', value: 40 }] });
    expectProblem(stale, 422);
    expect(stale.body.errors[0]).toMatchObject({ field: 'assessedAt', message: expect.stringContaining('180 days') });
    const transplant = await deliveredRequest({ use: 'allogeneic_transplant' });
    must(await post(`/release-requests/${transplant.id}/administration`, administration({ cellType: 'whole_unit', route: 'intravenous', protocol: undefined, measuredCellCount: undefined })), 201, 'administration');
    const notForUse = await post(`/release-requests/${transplant.id}/follow-ups`, { visitDay: 30, assessedAt: new Date().toISOString(), measurements: [{ measure: 'lvef_pct', value: 40 }] });
    expectProblem(notForUse, 422);
    expect(notForUse.body.errors[0].message).toMatch(/not a measure for allogeneic_transplant/);
    expect((await t.owner.query(`SELECT count(*)::int AS n FROM clinical_follow_ups WHERE release_request_id = ANY($1::uuid[])`, [[r.id, transplant.id]])).rows[0].n).toBe(0);
    // the database checks the same range
    const c = await t.appRolePool.connect();
    try {
      await c.query(`BEGIN`);
      await c.query(`SELECT set_config('app.actor_type', 'user', true), set_config('app.actor_id', 'someone', true)`);
      const f = await c.query(`INSERT INTO clinical_follow_ups (release_request_id, visit_day, assessed_at, recorded_by) VALUES ($1, 0, now(), 'x') RETURNING id`, [r.id]);
      await expect(c.query(`INSERT INTO clinical_measurements (follow_up_id, release_request_id, measure, value_number, recorded_by) VALUES ($1, $2, 'lvef_pct', 140, 'x')`, [f.rows[0].id, r.id]))
        .rejects.toMatchObject({ code: 'CB422' });
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('Part 11.10(e): administration, visits and measurements are on the request\'s audit chain; a correction needs a reason and keeps the old value; the chain verifies', async () => {
    const r = await deliveredRequest();
    must(await post(`/release-requests/${r.id}/administration`, administration()), 201, 'administration');
    must(await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 0, assessedAt: new Date().toISOString(), measurements: [{ measure: 'lvef_pct', value: 41, method: 'echo' }, { measure: 'ross_class', value: 'III' }] }), 201, 'baseline');
    const noReason = await patch(`/release-requests/${r.id}/follow-ups/0/measurements/lvef_pct`, { value: 44 });
    expectProblem(noReason, 422);
    expectProblem(await patch(`/release-requests/${r.id}/follow-ups/0/measurements/lvef_pct`, { value: 140, reason: 'typo' }), 422);
    const fixed = await patch(`/release-requests/${r.id}/follow-ups/0/measurements/lvef_pct`, { value: 44, method: 'mri', reason: 'echo report re-read: 44 %' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.followUps[0].measurements).toEqual(expect.arrayContaining([expect.objectContaining({ measure: 'lvef_pct', value: 44, method: 'mri', correctionReason: 'echo report re-read: 44 %' })]));
    const adm = await patch(`/release-requests/${r.id}/administration`, { reason: 'weight from the operating-room record', patientWeightKg: 6.8 });
    expect(adm.status).toBe(200);
    expect(adm.body.administration.dosePerKg).toBeCloseTo(5e7, -1);

    const chain = (await t.owner.query(`SELECT action, reason, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`release_request:${r.id}`])).rows;
    const actions = chain.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['clinical.administration_recorded', 'clinical.follow_up_recorded', 'clinical.measurement_corrected', 'clinical.administration_corrected']));
    const corrected = chain.find((e) => e.action === 'clinical.measurement_corrected');
    expect(corrected).toMatchObject({ reason: 'echo report re-read: 44 %', before: { value_number: 41, method: 'echo' }, after: { value_number: 44, method: 'mri' } });
    const weight = chain.find((e) => e.action === 'clinical.administration_corrected');
    expect(Number(weight.before.patient_weight_kg)).toBe(20);
    expect(Number(weight.after.patient_weight_kg)).toBe(6.8);
    expect(chain.filter((e) => e.action === 'clinical.follow_up_recorded')).toHaveLength(3); // the visit and its two measurements
    // the history of the request shows them too
    const history = (await get(`/release-requests/${r.id}`, 'coordinator')).body.history.map((h: { action: string }) => h.action);
    expect(history).toContain('clinical.measurement_corrected');
    const broken = (await t.owner.query(VERIFY_ALL_SQL)).rows.filter((c) => c.first_invalid !== null);
    expect(broken).toEqual([]);
    // and the database refuses a correction without a reason
    const c = await t.appRolePool.connect();
    try {
      await c.query(`BEGIN`);
      await c.query(`SELECT set_config('app.actor_type', 'user', true), set_config('app.actor_id', 'someone', true)`);
      await expect(c.query(`UPDATE clinical_measurements SET value_number = 50 WHERE release_request_id = $1 AND measure = 'lvef_pct'`, [r.id])).rejects.toMatchObject({ code: 'CB422' });
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('due and overdue visits are listed from the protocol schedule and the infusion day; a recorded visit leaves the list', async () => {
    const r = await deliveredRequest();
    must(await post(`/release-requests/${r.id}/administration`, administration()), 201, 'administration');
    must(await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 0, assessedAt: new Date().toISOString(), measurements: [{ measure: 'lvef_pct', value: 38, method: 'echo' }] }), 201, 'baseline');
    // an infusion 2026-01-01 (recorded as a correction, with a reason, as the owner would)
    const c = await t.owner.connect();
    try {
      await c.query(`BEGIN`);
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true), set_config('app.reason', 'test: infusion date', true)`);
      await c.query(`UPDATE clinical_administrations SET administered_at = '2026-01-01T10:00:00Z' WHERE release_request_id = $1`, [r.id]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    const mine = async (q: string) => (await get(`/follow-ups?${q}`, 'coordinator')).body.items.filter((i: { requestId: string }) => i.requestId === r.id);
    // as of 2026-02-10: day 30 (due 2026-01-31, window until 02-14) is due; day 180 and 365 upcoming; day 0 recorded
    expect(await mine('asOf=2026-02-10')).toEqual([expect.objectContaining({ visitDay: 30, dueDate: '2026-01-31', windowUntil: '2026-02-14', state: 'due', protocol: PROTOCOL })]);
    expect(await mine('asOf=2026-03-01')).toEqual([expect.objectContaining({ visitDay: 30, state: 'overdue', daysOverdue: 15 })]);
    expect((await mine('asOf=2026-03-01&status=upcoming')).map((i: { visitDay: number }) => i.visitDay)).toEqual([180, 365]);
    expectProblem(await get('/follow-ups?status=late'), 422);
    const record = await get(`/release-requests/${r.id}/clinical`, 'medical_director');
    expect(record.body.schedule.map((s: { visitDay: number; state: string }) => [s.visitDay, s.state])).toEqual([[0, 'done'], [30, 'overdue'], [180, 'overdue'], [365, expect.any(String)]]);
  });
});

// ---- what it teaches ---------------------------------------------------------------------------

/** A seeded generator (mulberry32): the same cohort every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Patient { id: string; identifier: string; requestNumber: string; din: string; route: string; diagnosis: string; count: number; weightKg: number; baseline: number; day180: number | null; ageMonths: number }
const cohort: Patient[] = [];

describe('what it teaches', () => {
  beforeAll(async () => {
    const random = rng(17);
    // 12 intramyocardial (HLHS 6, dilated cardiomyopathy 5, Barth syndrome 1), 6 intracoronary (HLHS), 2 intravenous (HLHS)
    const plan = [
      ...Array.from({ length: 6 }, () => ['intramyocardial', 'Hypoplastic left heart syndrome']),
      ...Array.from({ length: 5 }, () => ['intramyocardial', 'Dilated cardiomyopathy']),
      ['intramyocardial', 'Barth syndrome'],
      ...Array.from({ length: 6 }, () => ['intracoronary', 'Hypoplastic left heart syndrome']),
      ...Array.from({ length: 2 }, () => ['intravenous', 'Hypoplastic left heart syndrome']),
    ];
    const make = async (i: number) => {
      const [route, diagnosis] = plan[i];
      const weightKg = Math.round((3 + random() * 12) * 10) / 10;
      const dosePerKg = [5e6, 3e7, 2e8][i % 3] * (0.8 + random() * 0.4); // across the three MNC bands
      const count = Math.round(dosePerKg * weightKg);
      const baseline = Math.round((25 + random() * 20) * 10) / 10;
      const day180 = i % 7 === 6 ? null : Math.round((baseline - 5 + random() * 20) * 10) / 10; // some without a day-180 echo
      const r = await deliveredRequest({ identifier: `MRN-C${String(i).padStart(3, '0')}`, weightKg, diagnosis });
      must(await post(`/release-requests/${r.id}/administration`, administration({ route, measuredCellCount: count, patientAgeMonths: 3 + i, protocol: { identifier: PROTOCOL, arm: i % 2 ? 'B' : 'A' } })), 201, 'administration');
      must(await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 0, assessedAt: new Date().toISOString(), measurements: [{ measure: 'lvef_pct', value: baseline, method: 'echo' }, { measure: 'ross_class', value: 'III' }] }), 201, 'baseline');
      if (day180 !== null) must(await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 180, assessedAt: new Date().toISOString(), measurements: [{ measure: 'lvef_pct', value: day180, method: 'echo' }, { measure: 'ross_class', value: 'II' }] }), 201, 'day 180');
      cohort[i] = { ...r, route, diagnosis, count, weightKg, baseline, day180, ageMonths: 3 + i };
    };
    for (let i = 0; i < plan.length; i += 4) await Promise.all([0, 1, 2, 3].filter((j) => i + j < plan.length).map((j) => make(i + j)));
  }, 300_000);

  const bandOf = (p: Patient) => {
    const d = p.count / p.weightKg;
    return d < 1e7 ? 'mnc_lt_1e7' : d < 1e8 ? 'mnc_1e7_1e8' : 'mnc_ge_1e8';
  };
  /** The same statistics, computed here from the generated values (t quantiles from the printed table). */
  const T975: Record<number, number> = { 1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646, 8: 2.306, 9: 2.2622, 10: 2.2281, 11: 2.201, 12: 2.1788, 13: 2.1604, 14: 2.1448, 15: 2.1314, 16: 2.1199, 17: 2.1098, 18: 2.1009, 19: 2.093 };
  function expected(ps: Patient[]) {
    const xs = ps.filter((p) => p.day180 !== null).map((p) => p.day180! - p.baseline);
    const n = xs.length;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sorted = [...xs].sort((a, b) => a - b);
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    const half = (T975[n - 1] * sd) / Math.sqrt(n);
    return { n, mean, median, sd, lower: mean - half, upper: mean + half };
  }
  const ours = (ps: Patient[]) => new Set(ps.map((p) => p.id));

  it('the summary over a generated cohort equals the change from baseline computed independently (n, mean, median, SD, 95 % t interval), overall and per route and dose band', async () => {
    // the other tests' requests are in the database too: the cohort filters select only ours by route, and all cohorts are ours for intracoronary
    const check = async (query: string, ps: Patient[]) => {
      const res = await get(`/outcomes/summary?${query}`);
      expect(res.status).toBe(200);
      const lvef = res.body.measures.find((m: { measure: string; visitDay: number }) => m.measure === 'lvef_pct' && m.visitDay === 180);
      const e = expected(ps);
      expect(lvef).toMatchObject({ statistic: 'change_from_baseline', unit: '%', n: e.n });
      expect(lvef.mean).toBeCloseTo(e.mean, 9);
      expect(lvef.median).toBeCloseTo(e.median, 9);
      expect(lvef.sd).toBeCloseTo(e.sd, 9);
      expect(lvef.ci95.lower).toBeCloseTo(e.lower, 3);
      expect(lvef.ci95.upper).toBeCloseTo(e.upper, 3);
      return res.body;
    };
    const coronary = cohort.filter((p) => p.route === 'intracoronary');
    const body = await check('use=clinical_trial&route=intracoronary', coronary);
    expect(body.counts).toMatchObject({ administrations: 6, patients: 6, followUpsByVisitDay: { '0': 6, '180': coronary.filter((p) => p.day180 !== null).length } });
    expect(body.ciMethod).toMatch(/Student t/);
    expect(body.categories).toEqual(expect.arrayContaining([{ measure: 'ross_class', name: expect.any(String), visitDay: 180, counts: { II: coronary.filter((p) => p.day180 !== null).length } }]));
    const band = 'mnc_1e7_1e8';
    const myo = cohort.filter((p) => p.route === 'intramyocardial' && bandOf(p) === band);
    // intramyocardial requests of the other tests (5 × 10^7 MNC/kg) fall in this band too: count them in
    const others = (await t.owner.query(
      `SELECT a.release_request_id, b.value_number AS baseline, v.value_number AS day180
         FROM clinical_administrations a
         LEFT JOIN clinical_measurements b ON b.release_request_id = a.release_request_id AND b.measure = 'lvef_pct' AND b.follow_up_id IN (SELECT id FROM clinical_follow_ups WHERE visit_day = 0)
         LEFT JOIN clinical_measurements v ON v.release_request_id = a.release_request_id AND v.measure = 'lvef_pct' AND v.follow_up_id IN (SELECT id FROM clinical_follow_ups WHERE visit_day = 180)
        WHERE a.route = 'intramyocardial' AND a.dose_per_kg >= 1e7 AND a.dose_per_kg < 1e8 AND NOT (a.release_request_id = ANY($1::uuid[]))`,
      [[...ours(cohort)]],
    )).rows.filter((o) => o.baseline !== null && o.day180 !== null).map((o) => ({ ...cohort[0], baseline: o.baseline, day180: o.day180 }));
    await check(`route=intramyocardial&cellType=mnc&doseBand=${band}`, [...myo, ...others]);
    expectProblem(await get('/outcomes/summary?route=intranasal'), 422);
  });

  it('de-identification (bank policy, HIPAA 45 CFR 164.514(b) as guidance; k = 5): no identifier, name, DIN, request number or calendar date in the export; stable keyed pseudonyms; a rare diagnosis suppressed and a small class withheld', async () => {
    const res = await get('/outcomes/export', 'medical_director');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['x-export-min-cell-size']).toBe('5');
    const csv = res.text;
    const lines = csv.trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header).toEqual(['patient', 'intended_use', 'protocol', 'protocol_arm', 'cell_type', 'route', 'dose_band', 'dose_per_kg', 'viability_pct', 'recovery_pct', 'age_months', 'diagnosis', 'visit_day', 'days_from_infusion', 'measure', 'value', 'unit', 'method', 'adverse_reaction_linked']);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    // no identifier, name, DIN, request number, facility or physician; no calendar date or time
    for (const p of cohort) {
      expect(csv).not.toContain(p.identifier);
      expect(csv).not.toContain(p.din);
      expect(csv).not.toContain(p.requestNumber);
    }
    for (const s of ['Ana', 'Silva', 'Mehta', "Children's Heart Centre", 'Park']) expect(csv).not.toContain(s);
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(csv).not.toMatch(/\d{2}:\d{2}/);
    // pseudonyms: keyed HMAC over facility + identifier, not a hash anyone could recompute
    const hmac = (id: string) => 'P' + createHmac('sha256', SECRET).update(`children's heart centre\u0000${id.toUpperCase()}`).digest('hex').slice(0, 20);
    const first = cohort.find((p) => p.route === 'intracoronary')!;
    const mine = rows.filter((r) => r.patient === hmac(first.identifier));
    expect(mine.length).toBe(first.day180 === null ? 2 : 4);
    expect(mine[0]).toMatchObject({ intended_use: 'clinical_trial', protocol: PROTOCOL, route: 'intracoronary', cell_type: 'mnc', age_months: String(first.ageMonths), diagnosis: 'hypoplastic left heart syndrome', days_from_infusion: '0' });
    expect(csv).not.toContain(createHash('sha256').update(first.identifier).digest('hex').slice(0, 20));
    // the same pseudonyms in the next export
    const again = await get('/outcomes/export', 'auditor');
    expect(again.text).toBe(csv);
    // suppression: Barth syndrome (1 patient) is suppressed; the two intravenous patients are withheld
    expect(csv.toLowerCase()).not.toContain('barth');
    const barth = cohort.find((p) => p.diagnosis === 'Barth syndrome')!;
    expect(rows.filter((r) => r.patient === hmac(barth.identifier)).every((r) => r.diagnosis === '[suppressed]')).toBe(true);
    for (const p of cohort.filter((x) => x.route === 'intravenous')) expect(rows.some((r) => r.patient === hmac(p.identifier))).toBe(false);
    expect(rows.some((r) => r.route === 'intravenous' && r.intended_use === 'clinical_trial')).toBe(false);
    expect(Number(res.headers['x-export-withheld-patients'])).toBeGreaterThanOrEqual(2);
    // Part 11.10(e) / bank policy: each export is on record (who, k, what was suppressed), chained
    const exports = (await t.owner.query(`SELECT actor_id, action, after FROM audit_entries WHERE chain = 'outcomes_export' ORDER BY seq`)).rows;
    expect(exports).toHaveLength(2);
    expect(exports[0]).toMatchObject({ actor_id: await t.userId('medical_director'), action: 'outcomes.exported', after: { min_cell_size: 5, withheld_patients: Number(res.headers['x-export-withheld-patients']) } });
    // dilated cardiomyopathy: 5 patients in one class, kept
    expect(rows.filter((r) => r.diagnosis === 'dilated cardiomyopathy').map((r) => r.patient).filter((v, i, a) => a.indexOf(v) === i)).toHaveLength(5);
  });

  it('the chart of change by dose band and route is an SVG with a bar per route and band', async () => {
    const res = await get('/outcomes/chart.svg?measure=lvef_pct&visitDay=180&use=clinical_trial', 'coordinator');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = res.text ?? res.body.toString();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    for (const label of ['Intramyocardial', 'Intracoronary', '1–10 × 10^7 MNC/kg', 'Change from baseline in Left ventricular ejection fraction, day 180']) expect(svg).toContain(label);
    expectProblem(await get('/outcomes/chart.svg?measure=ross_class', 'coordinator'), 422);
  });

  it('only the medical director, coordinators and auditors read outcomes (issue 17): admin, QA and the laboratory are 403 and see clinical audit entries without their values; the auditor records nothing', async () => {
    for (const role of ['admin', 'quality_assurance', 'lab_technician'] as const) {
      for (const path of ['/outcomes/summary', '/outcomes/export', '/outcomes/chart.svg?measure=lvef_pct', '/follow-ups', `/release-requests/${cohort[0].id}/clinical`]) {
        expectProblem(await get(path, role), 403);
      }
    }
    for (const role of ['medical_director', 'coordinator', 'auditor'] as const) expect((await get('/outcomes/summary', role)).status).toBe(200);
    expectProblem(await post(`/release-requests/${cohort[0].id}/follow-ups`, { visitDay: 30, assessedAt: new Date().toISOString(), measurements: [{ measure: 'lvef_pct', value: 40 }] }, 'auditor'), 403);
    expectProblem(await post('/clinical/routes', { code: 'intrathecal', name: 'Intrathecal' }, 'coordinator'), 403);
    // the request's history and the audit log show other roles that clinical entries exist, not their values
    const clinicalEntries = (h: { after: { record?: string } | null }[]) => h.filter((e) => e.after?.record?.startsWith('clinical_'));
    const seen = clinicalEntries((await get(`/release-requests/${cohort[0].id}`, 'auditor')).body.history);
    expect(seen.find((e) => e.after!.record === 'clinical_measurements' && (e.after as { measure?: string }).measure === 'lvef_pct')).toMatchObject({ after: { value_number: cohort[0].baseline } });
    for (const role of ['lab_technician', 'quality_assurance', 'admin'] as const) {
      const hidden = clinicalEntries((await get(`/release-requests/${cohort[0].id}`, role)).body.history);
      expect(hidden.length).toBe(seen.length);
      expect(hidden.every((e) => (e.after as { values?: string }).values === '[redacted]' && !('value_number' in e.after!) && !('dose_per_kg' in e.after!))).toBe(true);
    }
    const log = await get(`/audit?chain=release_request:${cohort[0].id}`, 'quality_assurance');
    expect(log.status).toBe(200);
    expect(clinicalEntries(log.body.items).every((e) => (e.after as { values?: string }).values === '[redacted]')).toBe(true);
    expect(clinicalEntries(log.body.items).length).toBeGreaterThan(0);
  });
});

describe('reference tables are data', () => {
  it('admin adds a route, a cell type, a dose band and a measure; they are used at once; changes are audited; overlaps and duplicates refused', async () => {
    must(await post('/clinical/routes', { code: 'intrathecal', name: 'Intrathecal' }, 'admin'), 201, 'route');
    expectProblem(await post('/clinical/routes', { code: 'intrathecal', name: 'Intrathecal' }, 'admin'), 409);
    must(await post('/clinical/cell-types', { code: 'aldh_bright', name: 'ALDH-bright cells', countedCells: 'ALDHbr', doseSource: 'measured' }, 'admin'), 201, 'cell type');
    must(await post('/clinical/dose-bands', { code: 'aldh_lt_1e6', cellType: 'aldh_bright', label: '< 10^6/kg', minPerKg: 0, maxPerKg: 1e6 }, 'admin'), 201, 'band');
    expectProblem(await post('/clinical/dose-bands', { code: 'aldh_overlap', cellType: 'aldh_bright', label: 'overlap', minPerKg: 5e5, maxPerKg: 2e6 }, 'admin'), 422);
    must(await post('/clinical/measures', { code: 'six_minute_walk_m', name: 'Six-minute walk', unit: 'm', valueType: 'number', minValue: 10, maxValue: 900, applicableUses: ['clinical_trial'], changeFromBaseline: true }, 'admin'), 201, 'measure');
    const ref = await get('/clinical/reference', 'lab_technician');
    expect(ref.status).toBe(200);
    expect(ref.body.routes.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['intravenous', 'intracoronary', 'intramyocardial', 'intra_arterial', 'intrathecal']));
    expect(ref.body.cellTypes.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['whole_unit', 'tnc', 'mnc', 'cd34_selected', 'cd133_selected', 'aldh_bright']));
    expect(ref.body.measures.find((m: { code: string }) => m.code === 'lvef_pct')).toMatchObject({ unit: '%', minValue: 5, maxValue: 90, methods: ['echo', 'mri'] });

    const r = await deliveredRequest({ weightKg: 10 });
    const res = await post(`/release-requests/${r.id}/administration`, administration({ cellType: 'aldh_bright', route: 'intrathecal', measuredCellCount: 5e6 }));
    expect(res.status).toBe(201);
    expect(res.body.administration.dosePerKg).toBeCloseTo(5e5, 6);
    must(await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 0, assessedAt: new Date().toISOString(), measurements: [{ measure: 'six_minute_walk_m', value: 120 }] }), 201, 'visit');
    expectProblem(await post(`/release-requests/${r.id}/follow-ups`, { visitDay: 30, assessedAt: new Date().toISOString(), measurements: [{ measure: 'six_minute_walk_m', value: 5000 }] }), 422);

    const amended = await patch(`/clinical/protocols/${protocolId}`, { reason: 'amendment 2: day 730 visit', followUpDays: [0, 30, 180, 365, 730] }, 'admin');
    expect(amended.status).toBe(200);
    expect(amended.body.followUpDays).toEqual([0, 30, 180, 365, 730]);
    const trail = (await t.owner.query(`SELECT chain, action, reason FROM audit_entries WHERE chain LIKE 'clinical_reference:%' ORDER BY at`)).rows;
    expect(trail).toEqual(expect.arrayContaining([
      expect.objectContaining({ chain: 'clinical_reference:clinical_routes:intrathecal', action: 'clinical_reference.route_created' }),
      expect.objectContaining({ chain: `clinical_reference:clinical_protocols:${protocolId}`, action: 'clinical_reference.protocol_updated', reason: 'amendment 2: day 730 visit' }),
      expect.objectContaining({ chain: 'clinical_reference:outcome_measures:lvef_pct', action: 'clinical_reference.seeded' }),
    ]));
  });
});
