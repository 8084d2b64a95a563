import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { TestApp, startTestApp } from './setup/test-app';
import { auth, collect, createDonor, hoursAgo, makeEligible, processUnit } from './setup/fixtures';

/**
 * Races across two app instances on one database (each with its own pool): the database decides,
 * never a read-then-write in Node. (Reservation and position races: test/release-requests and
 * test/storage specs.)
 */
let a: TestApp;
let b: TestApp;
let donorId: string;

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({}, a);
  donorId = (await createDonor(a)).id;
  await makeEligible(a, donorId, 'public');
});
afterAll(async () => {
  await b.close();
  await a.close();
});

const both = <T>(n: number, f: (app: TestApp, i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i % 2 ? b : a, i)));

describe('races over two app instances', () => {
  it('ISBT 128: 50 concurrent collections over two instances never repeat a DIN', async () => {
    const token = await auth(a, 'coordinator');
    const res = await both(50, (app) =>
      app.http().post('/api/v1/collections').set(token).send({ donorId, hospital: 'H', collectedBy: 'C', birthAt: hoursAgo(3), collectedAt: hoursAgo(2.9), deliveryType: 'vaginal', gestationalAgeWeeks: 39, method: 'ex_utero' }),
    );
    expect(res.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(res.map((r) => r.body.unit.din)).size).toBe(50);
  });

  it('Part 11.10(e): 100 concurrent changes to one unit over two instances: all audited, seq 1..N with no gap or fork, chain verifies', async () => {
    const { unit } = await collect(a, donorId);
    await processUnit(a, unit.din);
    const lab = await auth(a, 'lab_technician');
    const before = (await a.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1`, [unit.din])).rows[0].n;
    const res = await both(100, (app, i) =>
      app.http().post(`/api/v1/units/${unit.din}/abo`).set(lab).send({ abo: ['O', 'A', 'B', 'AB'][i % 4], rh: i % 2 ? 'positive' : 'negative', typedAt: new Date(Date.now() - 60_000 + i * 10).toISOString() }),
    );
    expect(res.every((r) => r.status === 200)).toBe(true);
    const seqs = (await a.owner.query(`SELECT seq FROM audit_entries WHERE chain = $1 ORDER BY seq`, [unit.din])).rows.map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const results = (await a.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE din = $1 AND kind = 'abo'`, [unit.din])).rows[0].n;
    expect(results).toBe(101);
    expect(seqs.length).toBeGreaterThanOrEqual(before + 100);
    const v = await b.http().get(`/api/v1/units/${unit.din}/audit/verify`).set(await auth(a, 'auditor'));
    expect(v.body).toEqual({ valid: true, entries: seqs.length });
    // the newest typing won, whatever order the requests committed in
    const u = await a.http().get(`/api/v1/units/${unit.din}`).set(lab);
    expect(u.body).toMatchObject({ abo: 'AB', rh: 'positive' });
  });

  it('20 identical lab events at once over two instances apply once; the others answer the first answer', async () => {
    const admin = await a.token('admin');
    const key = (await a.http().post('/api/v1/integrations').set('authorization', `Bearer ${admin}`).send({ name: 'race-lims' })).body.apiKey;
    const { unit } = await collect(a, donorId);
    const event = { eventId: 'race-1', type: 'sample.received', occurredAt: hoursAgo(1), din: unit.din, data: { receivedAt: hoursAgo(1), temperatureOk: true } };
    const res = await both(20, (app) => app.http().post('/api/v1/lab/events').set('x-api-key', key).send(event));
    const codes = res.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(19);
    const stored = (await a.owner.query(`SELECT count(*)::int AS n FROM lab_events WHERE event_id = 'race-1'`)).rows[0].n;
    expect(stored).toBe(1);
    const receipts = (await a.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE din = $1 AND kind = 'receipt'`, [unit.din])).rows[0].n;
    expect(receipts).toBe(1);
  });

  it('after all of it, every audit chain in the database verifies', async () => {
    const broken = (await a.owner.query(VERIFY_ALL_SQL)).rows.filter((r) => r.first_invalid !== null);
    expect(broken).toEqual([]);
  });
});
