import { REQUIRED_MARKERS } from '../../src/donors/eligibility';
import { INITIAL_PASSWORD, PASSWORD, type TestApp } from './test-app';

/** Shared fixtures that go through the real HTTP API, as staff would. */
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
