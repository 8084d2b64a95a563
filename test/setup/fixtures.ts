import type { PoolClient } from 'pg';
import { mod37_2 } from '../../src/common/din';
import { REQUIRED_MARKERS } from '../../src/donors/eligibility';
import { INITIAL_PASSWORD, PASSWORD, type TestApp } from './test-app';

/**
 * The one fixture factory of the tests. First what goes through the real HTTP API, as staff would
 * (single units with a full history); then what is made directly in SQL (many units in a storable
 * state quickly, and reads of what the database recorded).
 */
export const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

export async function auth(t: TestApp, role: Parameters<TestApp['token']>[0]) {
  return { authorization: `Bearer ${await t.token(role)}` };
}

export async function createDonor(t: TestApp, bankingType: 'public' | 'family' = 'public', names = { firstName: 'Ana', lastName: 'Silva' }) {
  const res = await t.http().post('/api/v1/donors').set(await auth(t, 'coordinator')).send({ ...names, dateOfBirth: '1990-05-01', bankingType, email: 'ana@example.org' });
  if (res.status !== 201) throw new Error(`donor: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; donorNumber: string };
}

/**
 * What every new IDM test record must name (21 CFR 1271.80(c), (d)): test kit, method, CLIA
 * laboratory, plasma-dilution assessment. Spread into every IDM body a test sends (issue 13).
 */
export const IDM_DOCUMENTATION = { testKit: 'Procleix Ultrio Elite (FDA-licensed)', method: 'NAT', lab: 'Regional IDM laboratory', labCliaNumber: '05D1234567', transfusedBeforeSample: false } as const;

/** Consent, a clean screening and every required marker (CMV included) negative on a sample drawn `sampleAt`. */
export async function makeEligible(t: TestApp, donorId: string, bankingType: 'public' | 'family', sampleAt = hoursAgo(30)) {
  const coord = await auth(t, 'coordinator');
  const lab = await auth(t, 'lab_technician');
  const consent = await t.http().post(`/api/v1/donors/${donorId}/consents`).set(coord).send({ type: bankingType === 'public' ? 'public_donation' : 'family_storage', formVersion: 'v1', signedAt: hoursAgo(100) });
  if (consent.status !== 201) throw new Error(`consent: ${consent.status} ${JSON.stringify(consent.body)}`);
  await t.http().post(`/api/v1/donors/${donorId}/screenings`).set(coord).send({ version: 'MBHQ-1', completedAt: hoursAgo(90), deferralReasons: [] }).expect(201);
  for (const marker of REQUIRED_MARKERS) {
    await t.http().post(`/api/v1/donors/${donorId}/infectious-disease-tests`).set(lab).send({ marker, result: 'negative', sampleDrawnAt: sampleAt, ...IDM_DOCUMENTATION }).expect(201);
  }
  return consent.body as { id: string };
}

export async function collect(t: TestApp, donorId: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http().post('/api/v1/collections').set(await auth(t, 'coordinator')).send({
    donorId, hospital: 'St Mary', collectedBy: 'J. Rivera', birthAt: hoursAgo(25), collectedAt: hoursAgo(24.8),
    deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero', grossVolumeMl: 95, ...overrides,
  });
  if (res.status !== 201) throw new Error(`collection: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; unit: { din: string; dinCheck: string; status: string } };
}

/** A unit created through the real collection path (a new donor, then the collection), optionally with a pre-printed DIN. */
export async function collectedUnit(t: TestApp, din?: string): Promise<{ din: string; donorId: string; donorNumber: string }> {
  const donor = await createDonor(t);
  const { unit } = await collect(t, donor.id, din ? { din } : {});
  return { din: unit.din, donorId: donor.id, donorNumber: donor.donorNumber };
}

/** The unit as the API shows it (read by an auditor). */
export async function unitOf(t: TestApp, din: string) {
  return (await t.http().get(`/api/v1/units/${din}`).set(await auth(t, 'auditor'))).body;
}

export const HLA = { A: ['02:01', '24:02'], B: ['07:02', '44:02'], C: ['07:02', '05:01'], DRB1: ['15:01', '04:01'], DQB1: ['06:02', '03:01'] };

/** receipt → processing → HLA → ABO → sterility, as the laboratory does. */
export async function processUnit(t: TestApp, din: string, opts: { hla?: Record<string, string[]> | null; tncCount?: number } = {}) {
  const lab = await auth(t, 'lab_technician');
  await t.http().post(`/api/v1/units/${din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
  await t.http().post(`/api/v1/units/${din}/processing`).set(lab).send({ processedAt: hoursAgo(18), volumeMl: 25, tncCount: opts.tncCount ?? 1.5e9, cd34Count: 5e6, viabilityPct: 95 }).expect(200);
  if (opts.hla !== null) await t.http().post(`/api/v1/units/${din}/hla`).set(lab).send({ loci: opts.hla ?? HLA, resolution: 'high', typedAt: hoursAgo(10) }).expect(200);
  await t.http().post(`/api/v1/units/${din}/abo`).set(lab).send({ abo: 'O', rh: 'positive', typedAt: hoursAgo(10) }).expect(200);
  await t.http().post(`/api/v1/units/${din}/sterility`).set(lab).send({ aerobic: 'negative', anaerobic: 'negative', resultedAt: hoursAgo(5) }).expect(200);
}

let freezerCount = 0;
export async function createFreezer(t: TestApp, layout: Partial<{ racks: number; boxesPerRack: number; rows: number; columns: number }> = {}) {
  const res = await t.http().post('/api/v1/storage/freezers').set(await auth(t, 'lab_technician')).send({
    name: `Dewar ${++freezerCount}-${Math.random().toString(36).slice(2, 6)}`, type: 'vapor_phase', racks: 2, boxesPerRack: 2, rows: 5, columns: 5, ...layout,
  });
  if (res.status !== 201) throw new Error(`freezer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

export async function store(t: TestApp, din: string, freezerId: string) {
  const res = await t.http().post(`/api/v1/units/${din}/storage`).set(await auth(t, 'lab_technician')).send({ freezerId });
  if (res.status !== 200 && res.status !== 201) throw new Error(`store: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A QA release signature (DESIGN.md section 12): the signer's e-mail, password and the act's meaning. */
export const QA_SIGNATURE = { email: 'quality_assurance@bank.test', password: 'staff-password-123', meaning: 'release' };

/**
 * 21 CFR 1271.50(a) (issue 13): the medical director's e-signed eligibility determination of a unit,
 * which `available` needs. `status` must match the status computed from the records.
 */
export async function determineEligibility(t: TestApp, din: string, status: 'eligible' | 'ineligible' = 'eligible', reason?: string) {
  const res = await t.http().post(`/api/v1/units/${din}/eligibility-determination`).set(await auth(t, 'medical_director'))
    .send({ status, ...(reason ? { reason } : {}), signature: { email: 'medical_director@bank.test', password: PASSWORD, meaning: 'determination' } });
  if (res.status !== 201) throw new Error(`determination: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A public (or family) unit all the way to `available`, through the API. */
export async function availableUnit(t: TestApp, opts: { bankingType?: 'public' | 'family'; freezerId?: string; hla?: Record<string, string[]>; tncCount?: number; donorId?: string } = {}) {
  const bankingType = opts.bankingType ?? 'public';
  let donorId = opts.donorId;
  if (!donorId) {
    donorId = (await createDonor(t, bankingType)).id;
    await makeEligible(t, donorId, bankingType);
  }
  const { unit } = await collect(t, donorId);
  await processUnit(t, unit.din, { hla: opts.hla, tncCount: opts.tncCount });
  const freezerId = opts.freezerId ?? (await createFreezer(t)).id;
  await store(t, unit.din, freezerId);
  await determineEligibility(t, unit.din);
  const res = await t.http().post(`/api/v1/units/${unit.din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'available', reason: 'release criteria met', signature: QA_SIGNATURE });
  if (res.status !== 200) throw new Error(`available: ${res.status} ${JSON.stringify(res.body)}`);
  return { din: unit.din, donorId, freezerId };
}

/**
 * A staff account with the given roles (a user may hold several), created by the administrator and
 * logged in after replacing its one-time password, as a new member of staff does.
 */
export async function staffUser(t: TestApp, roles: string[], name = 'Staff member'): Promise<{ id: string; email: string; token: string; headers: { authorization: string } }> {
  const email = `${roles.join('-').replace(/_/g, '')}-${Math.random().toString(36).slice(2, 8)}@bank.test`;
  const created = await t.http().post('/api/v1/users').set(await auth(t, 'admin')).send({ email, name, password: INITIAL_PASSWORD, roles });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: INITIAL_PASSWORD });
  const changed = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${login.body.accessToken}`).send({ currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD });
  if (changed.status !== 200) throw new Error(`password: ${changed.status} ${JSON.stringify(changed.body)}`);
  const token = changed.body.accessToken as string;
  return { id: created.body.id, email, token, headers: { authorization: `Bearer ${token}` } };
}

/**
 * Runs `fn` in one transaction with an actor set, as the application does, so the audit triggers
 * accept the change and record who made it. `role: 'owner'` (the default) writes what the
 * application role may not (units in any state, for fixtures); `role: 'app'` runs as the
 * application's role (tests of its grants and triggers). `actor: null` sets none; `requestId` is
 * set only when given.
 */
export async function inTransaction<T>(
  t: TestApp,
  fn: (c: PoolClient) => Promise<T>,
  { role = 'owner', actor = { type: 'system', id: 'test-fixture' }, requestId }: { role?: 'owner' | 'app'; actor?: { type: string; id: string } | null; requestId?: string } = {},
): Promise<T> {
  const c = await (role === 'app' ? t.appRolePool : t.owner).connect();
  try {
    await c.query('BEGIN');
    if (actor) await c.query(`SELECT set_config('app.actor_type', $1, true), set_config('app.actor_id', $2, true)`, [actor.type, actor.id]);
    if (requestId !== undefined) await c.query(`SELECT set_config('app.request_id', $1, true)`, [requestId]);
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** SQL as the owner with the system actor `test-fixture` (units made directly in SQL). */
export const asSystem = <T>(t: TestApp, fn: (c: PoolClient) => Promise<T>): Promise<T> => inTransaction(t, fn);

let sequence = 0;
/** DINs of a facility no other fixture uses (W9999), so they never meet the ones the API assigns (each spec file has its own database). */
export function fixtureDin(): string {
  return `W999926${String(++sequence).padStart(6, '0')}`;
}

/**
 * `n` public units moved collected → received → processed in SQL, with processing, HLA and negative
 * sterility recorded (so only storage, eligibility and excursions stand between them and `available`).
 */
export async function processedUnits(t: TestApp, n: number, upTo: 'collected' | 'received' | 'processed' = 'processed'): Promise<string[]> {
  return asSystem(t, async (c) => {
    const donor = await c.query(`INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) VALUES ('Fixture', 'Donor', '1990-01-01', 'public') RETURNING id`);
    const dins = Array.from({ length: n }, () => fixtureDin());
    await c.query(
      `INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type)
       SELECT d, c, $3, 'public' FROM unnest($1::text[], $2::text[]) AS x(d, c)`,
      [dins, dins.map((d) => mod37_2(d)), donor.rows[0].id],
    );
    if (upTo === 'collected') return dins;
    await c.query(`UPDATE cord_blood_units SET status = 'received', received_at = now() - interval '20 hours' WHERE din = ANY($1)`, [dins]);
    if (upTo === 'received') return dins;
    await c.query(
      `UPDATE cord_blood_units SET status = 'processed', processed_at = now() - interval '18 hours', volume_ml = 25, tnc_count = 1.5e9,
              cd34_count = 5e6, viability_pct = 95, hla = '{"A":["02:01","24:02"],"B":["07:02","44:02"],"DRB1":["15:01","04:01"]}',
              hla_typed_at = now(), sterility_aerobic = 'negative', sterility_anaerobic = 'negative', sterility_resulted_at = now()
        WHERE din = ANY($1)`,
      [dins],
    );
    return dins;
  });
}

/** An eligibility determination in force for a unit set up in SQL (issue 13: `available` needs one), if it has none. */
export const FIXTURE_DETERMINATION_SQL = `INSERT INTO eligibility_determinations (din, status, computed, records, determined_by, determined_by_name, signature)
  SELECT $1, 'eligible', '{}', '{}', 'storage-fixture', 'Storage fixture', '{}'
   WHERE NOT EXISTS (SELECT 1 FROM eligibility_determinations WHERE din = $1 AND voided_at IS NULL)`;

/**
 * Sets a unit's status in SQL (the state machine and the storage triggers still apply). Before
 * `available` it writes an eligibility determination in force, as the database requires since issue
 * 13 (trigger cord_blood_units_available_determination): these units skip the donor workflow.
 */
export async function setStatus(t: TestApp, din: string, ...statuses: string[]): Promise<void> {
  await asSystem(t, async (c) => {
    for (const s of statuses) {
      if (s === 'available') {
        await c.query(FIXTURE_DETERMINATION_SQL, [din]);
      }
      await c.query(`UPDATE cord_blood_units SET status = $2 WHERE din = $1`, [din, s]);
    }
  });
}

/** Audit entries of a unit, oldest first. */
export async function auditOf(t: TestApp, din: string) {
  const r = await t.owner.query(`SELECT seq, action, reason, before, after, signature, actor_id FROM audit_entries WHERE din = $1 ORDER BY seq`, [din]);
  return r.rows as { seq: number; action: string; reason: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; signature: Record<string, unknown> | null; actor_id: string }[];
}

/** Custody events of a unit, in order. */
export async function custodyOf(t: TestApp, din: string) {
  const r = await t.owner.query(`SELECT seq, kind, from_party, to_party, location FROM custody_events WHERE din = $1 ORDER BY seq`, [din]);
  return r.rows as { seq: number; kind: string; from_party: string | null; to_party: string; location: string | null }[];
}

/** Units per box counted from the units themselves, to compare with the maintained counters. */
export async function actualBoxCounts(t: TestApp, freezerId: string): Promise<Map<string, number>> {
  const r = await t.owner.query(
    `SELECT b.id, count(u.din)::int AS n FROM storage_boxes b
       LEFT JOIN storage_positions p ON p.box_id = b.id LEFT JOIN cord_blood_units u ON u.position_id = p.id
      WHERE b.freezer_id = $1 GROUP BY b.id`,
    [freezerId],
  );
  return new Map(r.rows.map((x) => [x.id as string, x.n as number]));
}

/**
 * Makes the units' current stay in their position start `minutes` earlier in the storage history
 * (as the owner: the application can not write the history). For tests whose readings are dated in
 * the past: an excursion concerns the units that were in the freezer at the reading's time.
 */
export async function storedSince(t: TestApp, dins: string[], minutes: number): Promise<void> {
  await t.owner.query(
    `UPDATE unit_storage_history SET stored_from = stored_from - make_interval(mins => $2) WHERE din = ANY($1::text[]) AND stored_until IS NULL`,
    [dins, minutes],
  );
}
