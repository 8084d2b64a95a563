import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { auth, collect, createDonor, createFreezer, HLA, hoursAgo, makeEligible, IDM_DOCUMENTATION } from './setup/fixtures';
import { Db } from '../src/database/db.service';
import { systemActor } from '../src/common/actor';
import { expectProblem, TestApp, startTestApp } from './setup/test-app';

/**
 * The hostile inputs found by the generated run (issue 11), each reproduced by hand: DESIGN.md
 * section 3 "never a 500 for anything a client sent", every error application/problem+json, and a
 * refused request writes nothing.
 */
let t: TestApp;
let lab: Record<string, string>;
let coord: Record<string, string>;
let admin: Record<string, string>;
let apiKey: string;
let donorId: string;
let din: string;
let freezerId: string;

const NUL = 'a\u0000b';
const LONE = 'x\ud800y@example.org';

function fieldsOf(res: { body: { errors?: { field: string }[] } }): string[] {
  return (res.body.errors ?? []).map((e) => e.field);
}

beforeAll(async () => {
  t = await startTestApp();
  lab = await auth(t, 'lab_technician');
  coord = await auth(t, 'coordinator');
  admin = await auth(t, 'admin');
  apiKey = (await t.http().post('/api/v1/integrations').set(admin).send({ name: 'rules' })).body.apiKey;
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  din = (await collect(t, donorId)).unit.din;
  await t.http().post(`/api/v1/units/${din}/receipt`).set(lab).send({ receivedAt: hoursAgo(20), temperatureOk: true }).expect(200);
  freezerId = (await createFreezer(t)).id;
});
afterAll(async () => {
  await t.close();
});

async function unitRow() {
  return (await t.owner.query(`SELECT processing_method, hla, sterility_organism, status FROM cord_blood_units WHERE din = $1`, [din])).rows[0];
}

describe('DESIGN 3: never a 500 for anything a client sent — text PostgreSQL can not store', () => {
  it('a NUL byte in staff text fields (method, resolution, organism) is 422 naming the field, and nothing is written', async () => {
    const before = await unitRow();
    const processing = await t.http().post(`/api/v1/units/${din}/processing`).set(lab).send({ processedAt: hoursAgo(18), volumeMl: 25, tncCount: 1.5e9, cd34Count: 5e6, viabilityPct: 95, method: NUL });
    expectProblem(processing, 422);
    expect(fieldsOf(processing)).toContain('method');
    const hla = await t.http().post(`/api/v1/units/${din}/hla`).set(lab).send({ loci: HLA, resolution: NUL });
    expectProblem(hla, 422);
    expect(fieldsOf(hla)).toContain('resolution');
    const sterility = await t.http().post(`/api/v1/units/${din}/sterility`).set(lab).send({ aerobic: 'positive', anaerobic: 'negative', organism: NUL });
    expectProblem(sterility, 422);
    expect(fieldsOf(sterility)).toContain('organism');
    expect(await unitRow()).toEqual(before);
  });

  it('a NUL byte in an hla.typed lab event is that event\'s 422, naming data.resolution; a batch rejects only that event', async () => {
    const one = await t.http().post('/api/v1/lab/events').set('x-api-key', apiKey).send({ eventId: 'nul-1', type: 'hla.typed', occurredAt: hoursAgo(1), din, data: { loci: HLA, resolution: 'high', method: NUL } });
    expectProblem(one, 422);
    expect(fieldsOf(one)).toContain('data.method');
    const batch = await t.http().post('/api/v1/lab/events').set('x-api-key', apiKey).send({
      events: [
        { eventId: 'nul-2', type: 'sterility.resulted', occurredAt: hoursAgo(1), din, data: { aerobic: 'positive', anaerobic: 'negative', organism: NUL } },
        { eventId: 'nul-3', type: 'abo.typed', occurredAt: hoursAgo(1), din, data: { abo: 'O', rh: 'positive' } },
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', expect.not.stringMatching(/rejected/)]);
    expect(batch.body.results[0].problem.errors.map((e: { field: string }) => e.field)).toContain('data.organism');
  });

  it('a NUL byte in a JSON key, a query string or a path parameter is a 4xx problem, never a 500', async () => {
    const key = await t.http().post('/api/v1/donors').set(coord).send({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', bankingType: 'public', ['x\u0000']: 1 });
    expectProblem(key, 422);
    const query = await t.http().get('/api/v1/donors').query({ search: NUL }).set(coord);
    expectProblem(query, 422);
    const path = await t.http().get(`/api/v1/units/${encodeURIComponent(NUL)}`).set(lab);
    expect([404, 422]).toContain(path.status);
    expectProblem(path, path.status);
  });

  it('a lone surrogate in an email is 422 naming the field (POST /users, POST /donors, PATCH /donors/:id)', async () => {
    const user = await t.http().post('/api/v1/users').set(admin).send({ email: LONE, name: 'X', password: 'staff-password-123', roles: ['auditor'] });
    expectProblem(user, 422);
    expect(fieldsOf(user)).toContain('email');
    const donor = await t.http().post('/api/v1/donors').set(coord).send({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', bankingType: 'public', email: LONE });
    expectProblem(donor, 422);
    expect(fieldsOf(donor)).toContain('email');
    const patch = await t.http().patch(`/api/v1/donors/${donorId}`).set(coord).send({ reason: 'fix the email', email: LONE });
    expectProblem(patch, 422);
    expect(fieldsOf(patch)).toContain('email');
  });

  it('a lone surrogate anywhere else is refused rather than stored as U+FFFD', async () => {
    const res = await t.http().post('/api/v1/donors').set(coord).send({ firstName: 'A\udc00', lastName: 'B', dateOfBirth: '1990-01-01', bankingType: 'public' });
    expectProblem(res, 422);
    expect(fieldsOf(res)).toContain('firstName');
  });
});

describe('DESIGN 3: never a 500 — numbers in exponent form', () => {
  it.each([1e-7, 5e-324, -1.5e-9])('temperatureC %p and maxTemperatureC %p are 422 (too many decimals), not a crash of the decimal check', async (n) => {
    const reading = await t.http().post(`/api/v1/storage/freezers/${freezerId}/temperatures`).set(lab).send({ temperatureC: n });
    expectProblem(reading, 422);
    expect(fieldsOf(reading)).toContain('temperatureC');
    const freezer = await t.http().post('/api/v1/storage/freezers').set(lab).send({ name: `Exp ${n}`, type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 1, columns: 1, maxTemperatureC: n });
    expectProblem(freezer, 422);
    expect(fieldsOf(freezer)).toContain('maxTemperatureC');
  });

  it('an exponent number with few enough decimals is still accepted (-1.5e2 is -150)', async () => {
    const freezer = await t.http().post('/api/v1/storage/freezers').set(lab).send({ name: 'Exp ok', type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 1, columns: 1, maxTemperatureC: -1.5e2 });
    expect(freezer.status).toBe(201);
    expect(freezer.body.maxTemperatureC).toBe(-150);
  });
});

describe('DESIGN 3: extra fields are 422 — whatever they are called', () => {
  it.each(['toString', 'hasOwnProperty', 'prototype', 'constructor', 'valueOf', 'isPrototypeOf'])('an extra key %p is 422 like any other extra key', async (key) => {
    const res = await t
      .http()
      .post('/api/v1/donors')
      .set(coord)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', bankingType: 'public', [key]: 1 }));
    expectProblem(res, 422);
    expect(fieldsOf(res)).toContain(key);
  });

  it('a nested extra key named toString is 422 too (signature.toString), and in a lab event (data.toString)', async () => {
    const res = await t.http().post(`/api/v1/units/${din}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'on_hold', reason: 'check', signature: { email: 'quality_assurance@bank.test', password: 'x', meaning: 'release', toString: 1 } });
    expectProblem(res, 422);
    const event = await t.http().post('/api/v1/lab/events').set('x-api-key', apiKey).send({ eventId: 'proto-1', type: 'abo.typed', occurredAt: hoursAgo(1), din, data: { abo: 'O', rh: 'positive', toString: 1 } });
    expectProblem(event, 422);
    expect(fieldsOf(event)).toContain('data.toString');
  });

  it('__proto__ is refused (400 malformed, prototype poisoning)', async () => {
    const res = await t.http().post('/api/v1/donors').set(coord).set('content-type', 'application/json').send('{"firstName":"A","lastName":"B","dateOfBirth":"1990-01-01","bankingType":"public","__proto__":{"x":1}}');
    expect([400, 422]).toContain(res.status);
    expectProblem(res, res.status);
  });

  it('a signature that is not an object ([] or "x") is 422', async () => {
    const qa = await auth(t, 'quality_assurance');
    for (const signature of [[], 'x', 1]) {
      const res = await t.http().post(`/api/v1/units/${din}/status`).set(qa).send({ to: 'on_hold', reason: 'check the bag', signature });
      expectProblem(res, 422);
      expect(fieldsOf(res)).toContain('signature');
    }
    expect((await unitRow()).status).toBe('received');
  });

  it('a null (or array, or scalar) body on PATCH /users/:id is 422, not a 200 that changes nothing', async () => {
    const id = await t.userId('auditor');
    for (const raw of ['null', '[]', '"x"', '1', 'true']) {
      const res = await t.http().patch(`/api/v1/users/${id}`).set(admin).set('content-type', 'application/json').send(raw);
      expectProblem(res, 422);
    }
  });
});

describe('DESIGN 3: 422 for well-formed but invalid input — blank text, impossible dates, allele names', () => {
  it('blank or whitespace-only text is refused wherever text is required (one rule, every DTO)', async () => {
    const cases: [string, string, Record<string, unknown>, string, Record<string, string>][] = [
      ['post', '/api/v1/collections', { donorId, hospital: '   ', collectedBy: 'J', birthAt: hoursAgo(2), collectedAt: hoursAgo(1.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero' }, 'hospital', coord],
      ['post', '/api/v1/collections', { donorId, hospital: 'St Mary', collectedBy: '\t\n', birthAt: hoursAgo(2), collectedAt: hoursAgo(1.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero' }, 'collectedBy', coord],
      ['post', '/api/v1/donors', { firstName: ' ', lastName: 'B', dateOfBirth: '1990-01-01', bankingType: 'public' }, 'firstName', coord],
      ['post', `/api/v1/donors/${donorId}/consents`, { type: 'research', formVersion: '  ', signedAt: hoursAgo(1) }, 'formVersion', coord],
      ['post', `/api/v1/donors/${donorId}/consents`, { type: 'research', formVersion: '\u00a0\u2003', signedAt: hoursAgo(1) }, 'formVersion', coord],
      ['post', '/api/v1/release-requests', { requestingFacility: 'X', physician: '   ', patient: { identifier: 'P1', weightKg: 20, diagnosis: 'ALL', hla: { A: ['02:01', '24:02'], B: ['07:02', '44:02'], DRB1: ['15:01', '04:01'] } }, intendedUse: 'allogeneic_transplant', neededBy: new Date(Date.now() + 86400_000).toISOString() }, 'physician', coord],
      ['post', '/api/v1/release-requests', { requestingFacility: 'X', physician: 'Dr Y', patient: { identifier: '  ', weightKg: 20, diagnosis: 'ALL', hla: { A: ['02:01', '24:02'], B: ['07:02', '44:02'], DRB1: ['15:01', '04:01'] } }, intendedUse: 'allogeneic_transplant', neededBy: new Date(Date.now() + 86400_000).toISOString() }, 'patient.identifier', coord],
      ['post', `/api/v1/donors/${donorId}/screenings`, { version: 'v1', completedAt: hoursAgo(1), deferralReasons: ['  '] }, 'deferralReasons', coord],
      ['post', `/api/v1/units/${din}/status`, { to: 'on_hold', reason: '     ' }, 'reason', await auth(t, 'quality_assurance')],
    ];
    for (const [method, url, body, field, headers] of cases) {
      const res = await (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set(headers).send(body);
      expectProblem(res, 422);
      expect(fieldsOf(res).some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
    }
  });

  it('an IDM sample dated 9999-12-31 (staff route and lab event) is 422; a year-1000 one too', async () => {
    for (const sampleDrawnAt of ['9999-12-31T00:00:00Z', '1000-01-01T00:00:00Z']) {
      const staff = await t.http().post(`/api/v1/donors/${donorId}/infectious-disease-tests`).set(lab).send({ marker: 'HIV-1', result: 'negative', sampleDrawnAt, testedAt: hoursAgo(1), ...IDM_DOCUMENTATION });
      expectProblem(staff, 422);
      expect(fieldsOf(staff)).toContain('sampleDrawnAt');
    }
    const donorNumber = (await t.http().get(`/api/v1/donors/${donorId}`).set(coord)).body.donorNumber;
    const event = await t.http().post('/api/v1/lab/events').set('x-api-key', apiKey).send({ eventId: 'idm-9999', type: 'idm.resulted', occurredAt: hoursAgo(1), donorNumber, data: { marker: 'HIV-1', result: 'negative', sampleDrawnAt: '9999-12-31T00:00:00Z', ...IDM_DOCUMENTATION } });
    expectProblem(event, 422);
    expect(fieldsOf(event)).toContain('data.sampleDrawnAt');
    const testedLater = await t.http().post('/api/v1/lab/events').set('x-api-key', apiKey).send({ eventId: 'idm-tested-9999', type: 'idm.resulted', occurredAt: hoursAgo(1), donorNumber, data: { marker: 'HIV-1', result: 'negative', sampleDrawnAt: hoursAgo(30), testedAt: '9999-12-31T00:00:00Z', ...IDM_DOCUMENTATION } });
    expectProblem(testedLater, 422);
    expect(fieldsOf(testedLater)).toContain('data.testedAt');
  });

  it('an ISO 8601 week or ordinal date (valid ISO, no JavaScript Date) is 422 and never reaches PostgreSQL as an invalid Date', async () => {
    for (const week of ['2026-W05-1', '2026-W05']) {
      const patch = await t.http().patch(`/api/v1/units/${din}`).set(lab).send({ reason: 'receipt time typo', receivedAt: week });
      expectProblem(patch, 422);
      const other = (await collect(t, donorId)).unit.din;
      const receipt = await t.http().post(`/api/v1/units/${other}/receipt`).set(lab).send({ receivedAt: week, temperatureOk: true });
      expectProblem(receipt, 422);
      expect(fieldsOf(receipt)).toContain('receivedAt');
      const collection = await t.http().post('/api/v1/collections').set(coord).send({ donorId, hospital: 'St Mary', collectedBy: 'J', birthAt: week, collectedAt: hoursAgo(1), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero' });
      expectProblem(collection, 422);
      expect(fieldsOf(collection)).toContain('birthAt');
    }
  });

  it('the date rules follow the DTO: a declared date of birth in the future is 422, free text that looks like a date (a bag lot 2026-W05-1) is kept as sent', async () => {
    const future = await t.http().post('/api/v1/donors').set(coord).send({ firstName: 'A', lastName: 'B', dateOfBirth: '2999-01-01', bankingType: 'public' });
    expectProblem(future, 422);
    expect(fieldsOf(future)).toContain('dateOfBirth');
    const lot = await t.http().post('/api/v1/collections').set(coord).send({ donorId, hospital: 'St Mary', collectedBy: 'J', birthAt: hoursAgo(2), collectedAt: hoursAgo(1.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero', bagLot: '2026-W05-1' });
    expect(lot.status).toBe(201);
    const stored = await t.owner.query(`SELECT bag_lot FROM collections WHERE id = $1`, [lot.body.id]);
    expect(stored.rows[0].bag_lot).toBe('2026-W05-1');
  });

  it('HLA allele names: 00:00, a one-field 02 and 2:01 are 422; 02:01, 02:01:01 and 02:01:01:02 are accepted (staff route, lab event, search)', async () => {
    for (const bad of [['00:00', '24:02'], ['02', '24:02'], ['2:01', '24:02'], ['02:01', '00:01:01']]) {
      const staff = await t.http().post(`/api/v1/units/${din}/hla`).set(lab).send({ loci: { ...HLA, A: bad }, resolution: 'high' });
      expectProblem(staff, 422);
      expect(fieldsOf(staff)).toContain('loci.A');
      const event = await t.http().post('/api/v1/lab/events').set('x-api-key', apiKey).send({ eventId: `hla-${bad.join('-')}`, type: 'hla.typed', occurredAt: hoursAgo(1), din, data: { loci: { ...HLA, A: bad }, resolution: 'high' } });
      expectProblem(event, 422);
      const search = await t.http().post('/api/v1/search/units').set(coord).send({ hla: { A: bad, B: HLA.B, DRB1: HLA.DRB1 }, weightKg: 20 });
      expectProblem(search, 422);
    }
    const good = await t.http().post(`/api/v1/units/${din}/hla`).set(lab).send({ loci: { ...HLA, A: ['02:01:01', '24:02:01:02'] }, resolution: 'high' });
    expect(good.status).toBe(200);
  });
});

/** A raw HTTP exchange, so that nothing (supertest, URL normalisation) touches the request line. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string; error?: string }> {
  const url = new URL(t.baseUrl);
  return new Promise((resolve) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: opts.method ?? 'GET', path, headers: opts.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', (e) => resolve({ status: 0, headers: {}, body: text, error: String(e) }));
    });
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: String(e) }));
    if (opts.body) req.end(opts.body);
    else req.end();
  });
}

function expectRawProblem(res: { status: number; headers: Record<string, unknown>; body: string; error?: string }, status: number): Record<string, unknown> {
  expect(res.error).toBeUndefined();
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  for (const k of ['type', 'title', 'status', 'detail']) expect(body).toHaveProperty(k);
  expect(body.status).toBe(status);
  return body;
}

describe('DESIGN 3: every error is application/problem+json — also the ones the HTTP layer raises', () => {
  it('bad percent-encoding in a path is 400 problem+json', async () => {
    const token = lab.authorization;
    for (const path of ['/api/v1/collections/%', '/api/v1/units/%E0%A4%A', '/api/v1/collections/%zz']) {
      expectRawProblem(await raw(path, { headers: { authorization: token } }), 400);
    }
  });

  it('a path parameter over the router limit is 414 problem+json that does not echo the URL', async () => {
    const long = 'W'.repeat(300);
    const res = await raw(`/api/v1/units/${long}`, { headers: { authorization: lab.authorization } });
    const body = expectRawProblem(res, 414);
    expect(res.body).not.toContain(long);
    expect(String(body.detail)).not.toContain(long.slice(0, 50));
  });

  it('a 70,000-character path is 431 problem+json', async () => {
    const res = await raw(`/api/v1/units/${'a'.repeat(70_000)}`);
    expectRawProblem(res, 431);
  });

  it('an 11 MB body is always a readable 413 problem+json, never a connection reset', async () => {
    const body = Buffer.from(`{"firstName":"${'x'.repeat(11 * 1024 * 1024)}"}`);
    for (let i = 0; i < 3; i++) {
      const res = await raw('/api/v1/donors', { method: 'POST', headers: { authorization: coord.authorization, 'content-type': 'application/json', 'content-length': String(body.length) }, body });
      expectRawProblem(res, 413);
    }
    const chunked = await raw('/api/v1/donors', { method: 'POST', headers: { authorization: coord.authorization, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body });
    expectRawProblem(chunked, 413);
    expect((await t.http().get('/api/v1/health')).status).toBe(200);
  });
});

describe('node-postgres: one query at a time on a connection (pg 9 refuses a second one; the test environment fails a test on its warning)', () => {
  it('queries started together on one transaction run one after the other, in the order they were started', async () => {
    const db = t.app.get(Db);
    const order = await db.tx(systemActor('test'), async (tx) => {
      await tx.query(`CREATE TEMP TABLE hostile_order (n int) ON COMMIT DROP`);
      await Promise.all([0, 1, 2, 3, 4].map((n) => tx.query(`INSERT INTO hostile_order SELECT $1::int FROM pg_sleep(0.01 * (5 - $1::int))`, [n])));
      return tx.query<{ n: number }>(`SELECT n FROM hostile_order`);
    });
    expect(order.map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a query still queued when another of the transaction fails runs before ROLLBACK, and the error is the first one', async () => {
    const db = t.app.get(Db);
    const failed = await db
      .tx(systemActor('test'), (tx) => Promise.all([tx.query(`SELECT 1/0`), tx.query(`SELECT pg_sleep(0.02)`), tx.query(`SELECT 1`)]))
      .catch((err: Error) => err);
    expect(String((failed as Error).message)).toMatch(/division by zero/);
    expect((await t.http().get('/api/v1/health/ready')).status).toBe(200);
  });

  it('GET /units/:din inside and outside transactions reads its extensions without overlapping queries', async () => {
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/api/v1/units/${din}`).set(lab)).status).toBe(200);
    expect((await t.http().get('/api/v1/units').set(lab)).status).toBe(200);
  });

  it('a date JavaScript can not represent in a query string (2026-W05-1) is 422, never an invalid Date sent to PostgreSQL', async () => {
    const qa = await auth(t, 'quality_assurance');
    for (const q of [{ from: '2026-W05-1' }, { to: '2026-W05' }]) {
      const res = await t.http().get('/api/v1/audit').query(q).set(qa);
      expectProblem(res, 422);
    }
    const temps = await t.http().get(`/api/v1/storage/freezers/${freezerId}/temperatures`).query({ from: '2026-W05-1' }).set(lab);
    expectProblem(temps, 422);
  });
});
