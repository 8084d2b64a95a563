import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { PhysicalTruth1763760700000 } from '../migrations/1763760700000-PhysicalTruth';
import { systemActor } from '../src/common/actor';
import { DomainError } from '../src/common/domain-error';
import { Db } from '../src/database/db.service';
import { ExcursionsService } from '../src/storage/excursions.service';
import { PlacementService } from '../src/storage/placement.service';
import { QA_SIGNATURE, auth, collect, createDonor, makeEligible, processUnit, determineEligibility, actualBoxCounts, asSystem, auditOf, custodyOf, processedUnits, setStatus, storedSince } from './setup/fixtures';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const API = '/api/v1';
const LAB = 'Processing laboratory';

interface Freezer {
  id: string;
  code: string;
  name: string;
  capacity: number;
  used: number;
  free: number;
  racks: { id: string; label: string; used: number; boxes: { id: string; label: string; used: number; capacity: number }[] }[];
}

let freezerNo = 0;
async function freezer(body: Record<string, unknown> = {}): Promise<Freezer> {
  const res = await t
    .http()
    .post(`${API}/storage/freezers`)
    .set(await auth(t, 'lab_technician'))
    .send({ name: `Tank ${++freezerNo}`, type: 'liquid_nitrogen', racks: 2, boxesPerRack: 2, rows: 3, columns: 3, ...body });
  if (res.status !== 201) throw new Error(`freezer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function store(din: string, body: Record<string, unknown>) {
  return t.http().post(`${API}/units/${din}/storage`).set(await auth(t, 'lab_technician')).send(body);
}

async function move(din: string, positionId: string, reason = 'reorganising the rack') {
  return t.http().post(`${API}/units/${din}/move`).set(await auth(t, 'lab_technician')).send({ positionId, reason });
}

async function retrieve(din: string, reason: string, comment?: string) {
  return t.http().post(`${API}/units/${din}/retrieve`).set(await auth(t, 'lab_technician')).send(comment ? { reason, comment } : { reason });
}

async function unit(din: string) {
  const res = await t.http().get(`${API}/units/${din}`).set(await auth(t, 'auditor'));
  expect(res.status).toBe(200);
  return res.body;
}

async function getFreezer(ref: string): Promise<Freezer> {
  const res = await t.http().get(`${API}/storage/freezers/${ref}`).set(await auth(t, 'auditor'));
  expect(res.status).toBe(200);
  return res.body;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function reading(freezerId: string, temperatureC: number, readAt: string) {
  const res = await t.http().post(`${API}/storage/freezers/${freezerId}/temperatures`).set(await auth(t, 'lab_technician')).send({ temperatureC, readAt });
  if (res.status !== 201) throw new Error(`reading: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { reading: { id: string; aboveLimit: boolean }; excursion: { id: string | null; effect: string } };
}

async function positionOf(din: string): Promise<string | null> {
  const r = await t.owner.query(`SELECT p.label FROM cord_blood_units u LEFT JOIN storage_positions p ON p.id = u.position_id WHERE u.din = $1`, [din]);
  return r.rows[0]?.label ?? null;
}

/** A small deterministic generator, so the mixed sequence is the same on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('freezers and their layout', () => {
  it('FACT-NetCord: creates a freezer with its racks, boxes and positions, addressable by id and by readable label', async () => {
    const f = await freezer({ racks: 2, boxesPerRack: 3, rows: 2, columns: 4 });
    expect(f).toMatchObject({ type: 'liquid_nitrogen', maxTemperatureC: -150, capacity: 48, used: 0, free: 48, inService: true, layout: { racks: 2, boxesPerRack: 3, rows: 2, columns: 4 } });
    expect(f.code).toMatch(/^F\d{2}$/);
    expect(f.racks.map((r) => r.label)).toEqual([`${f.code}-R01`, `${f.code}-R02`]);
    expect(f.racks[1].boxes.map((b) => b.label)).toEqual([`${f.code}-R02-B01`, `${f.code}-R02-B02`, `${f.code}-R02-B03`]);

    const labels = await t.owner.query(
      `SELECT p.label FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id WHERE b.freezer_id = $1 ORDER BY b.rack_no, b.box_no, p.row_no, p.col_no`,
      [f.id],
    );
    expect(labels.rows).toHaveLength(48);
    expect(labels.rows[0].label).toBe(`${f.code}-R01-B01-A1`);
    expect(labels.rows[47].label).toBe(`${f.code}-R02-B03-B4`);

    expect((await getFreezer(f.code.toLowerCase())).id).toBe(f.id);
    expect((await getFreezer(f.id)).code).toBe(f.code);
    const box = await t.http().get(`${API}/storage/boxes/${f.code}-R01-B02`).set(await auth(t, 'coordinator'));
    expect(box.status).toBe(200);
    expect(box.body).toMatchObject({ label: `${f.code}-R01-B02`, rack: 1, box: 2, rows: 2, columns: 4, capacity: 8, used: 0, free: 8, freezer: { id: f.id, code: f.code } });
    expect(box.body.positions.map((p: { label: string }) => p.label).slice(0, 5)).toEqual([
      `${f.code}-R01-B02-A1`, `${f.code}-R01-B02-A2`, `${f.code}-R01-B02-A3`, `${f.code}-R01-B02-A4`, `${f.code}-R01-B02-B1`,
    ]);
    expect((await t.http().get(`${API}/storage/boxes/${box.body.id}`).set(await auth(t, 'auditor'))).body.label).toBe(`${f.code}-R01-B02`);

    const next = await freezer();
    expect(Number(next.code.slice(1))).toBe(Number(f.code.slice(1)) + 1);

    const trail = await t.owner.query(`SELECT action, after FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`freezer:${f.id}`]);
    expect(trail.rows.map((r) => r.action)).toEqual(['freezer.created']);
    expect(trail.rows[0].after).toMatchObject({ name: f.name, racks: 2, boxes_per_rack: 3 });
  });

  it('refuses zero and absurd layouts and bad fields (422), a duplicate name (409)', async () => {
    const lab = await auth(t, 'lab_technician');
    const base = { name: 'Layout test', type: 'vapor_phase', racks: 1, boxesPerRack: 1, rows: 1, columns: 1 };
    const cases: [Record<string, unknown>, string][] = [
      [{ racks: 0 }, 'racks'],
      [{ columns: -1 }, 'columns'],
      [{ rows: 27 }, 'rows'],
      [{ boxesPerRack: 2.5 }, 'boxesPerRack'],
      [{ racks: 100, boxesPerRack: 10, rows: 10, columns: 11 }, 'layout'],
      [{ type: 'fridge' }, 'type'],
      [{ maxTemperatureC: 'cold' }, 'maxTemperatureC'],
      [{ name: 'F07' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ shelves: 3 }, 'shelves'],
    ];
    for (const [change, field] of cases) {
      const res = await t.http().post(`${API}/storage/freezers`).set(lab).send({ ...base, ...change });
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const first = await freezer({ name: 'Unique Dewar' });
    const dup = await t.http().post(`${API}/storage/freezers`).set(lab).send({ ...base, name: 'unique dewar' });
    expectProblem(dup, 409);
    expect(dup.body.detail).toMatch(/already exists/);
    const count = await t.owner.query(`SELECT count(*)::int AS n FROM freezers WHERE lower(name) = 'unique dewar'`);
    expect(count.rows[0].n).toBe(1);
    expect(first.name).toBe('Unique Dewar');
  });

  it('answers unknown freezers, boxes and positions 404', async () => {
    const any = await auth(t, 'auditor');
    for (const ref of [randomUUID(), 'F999', 'no-such-freezer', "x' OR '1'='1"]) {
      expectProblem(await t.http().get(`${API}/storage/freezers/${encodeURIComponent(ref)}`).set(any), 404);
      expectProblem(await t.http().get(`${API}/storage/freezers/${encodeURIComponent(ref)}/temperatures`).set(any), 404);
    }
    for (const ref of [randomUUID(), 'F01-R99-B99', 'garbage']) {
      expectProblem(await t.http().get(`${API}/storage/boxes/${ref}`).set(any), 404);
    }
    expectProblem(await t.http().get(`${API}/storage/free-positions`).query({ freezerId: randomUUID() }).set(any), 404);
    expectProblem(await t.http().get(`${API}/storage/excursions/${randomUUID()}`).set(any), 404);
    expectProblem(await t.http().get(`${API}/storage/excursions/not-a-uuid`).set(any), 404);
    const [din] = await processedUnits(t, 1);
    expectProblem(await store(din, { positionId: 'F01-R99-B01-A1' }), 404);
    expectProblem(await store(din, { positionId: randomUUID() }), 404);
    expectProblem(await store(din, { positionId: 'top shelf' }), 404);
    expectProblem(await store(din, { freezerId: randomUUID() }), 404);
    expectProblem(await store('W999999999999', { freezerId: 'F01' }), 404);
    expectProblem(await store(din, {}), 422);
    expectProblem(await store(din, { positionId: 'F01-R01-B01-A1', freezerId: 'F01' }), 422);
    expect(await positionOf(din)).toBeNull();
  });

  it('creates a 100,000-position freezer (set-based inserts) and refuses one position more', async () => {
    const big = await freezer({ racks: 10, boxesPerRack: 100, rows: 10, columns: 10 });
    expect(big.capacity).toBe(100_000);
    const n = await t.owner.query(`SELECT count(*)::int AS n FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id WHERE b.freezer_id = $1`, [big.id]);
    expect(n.rows[0].n).toBe(100_000);
    const over = await t.http().post(`${API}/storage/freezers`).set(await auth(t, 'lab_technician')).send({ name: 'Too big', type: 'mechanical', racks: 1, boxesPerRack: 1000, rows: 10, columns: 11 });
    expectProblem(over, 422);
  });

  it('RBAC (DESIGN.md section 6): lab technicians manage freezers and storage, every staff role reads storage', async () => {
    const f = await freezer();
    const [din] = await processedUnits(t, 1);
    for (const role of ['coordinator', 'quality_assurance', 'medical_director', 'auditor'] as const) {
      const h = await auth(t, role);
      expectProblem(await t.http().post(`${API}/storage/freezers`).set(h).send({ name: `by ${role}`, type: 'mechanical', racks: 1, boxesPerRack: 1, rows: 1, columns: 1 }), 403);
      expectProblem(await t.http().patch(`${API}/storage/freezers/${f.id}`).set(h).send({ name: 'renamed' }), 403);
      expectProblem(await t.http().post(`${API}/units/${din}/storage`).set(h).send({ freezerId: f.id }), 403);
      expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/temperatures`).set(h).send({ temperatureC: -190 }), 403);
      expect((await t.http().get(`${API}/storage/freezers`).set(h)).status).toBe(200);
      expect((await t.http().get(`${API}/storage/freezers/${f.id}`).set(h)).status).toBe(200);
      expect((await t.http().get(`${API}/storage/boxes/${f.racks[0].boxes[0].id}`).set(h)).status).toBe(200);
      expect((await t.http().get(`${API}/storage/free-positions`).set(h)).status).toBe(200);
      expect((await t.http().get(`${API}/storage/excursions`).set(h)).status).toBe(200);
      expect((await t.http().get(`${API}/storage/freezers/${f.id}/temperatures`).set(h)).status).toBe(200);
    }
    expectProblem(await t.http().get(`${API}/storage/freezers`), 401);
    expect((await store(din, { freezerId: f.id })).status).toBe(200);
  });

  it('lists freezers in creation order with used and free positions, paginated', async () => {
    const f = await freezer({ racks: 1, boxesPerRack: 1, rows: 2, columns: 2 });
    const dins = await processedUnits(t, 3);
    for (const d of dins) expect((await store(d, { freezerId: f.code })).status).toBe(200);
    const all = await t.http().get(`${API}/storage/freezers`).query({ pageSize: 500 }).set(await auth(t, 'auditor'));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.items.length);
    const codes = all.body.items.map((x: { code: string }) => Number(x.code.slice(1)));
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(all.body.items.find((x: { id: string }) => x.id === f.id)).toMatchObject({ capacity: 4, used: 3, free: 1 });
    const units = await t.http().get(`${API}/units`).query({ freezerId: f.id }).set(await auth(t, 'auditor'));
    expect(units.status).toBe(200);
    expect(units.body.items.map((u: { din: string }) => u.din).sort()).toEqual([...dins].sort());
    const page2 = await t.http().get(`${API}/storage/freezers`).query({ page: 2, pageSize: 1 }).set(await auth(t, 'auditor'));
    expect(page2.body).toMatchObject({ page: 2, pageSize: 1, total: all.body.total });
    expect(page2.body.items[0].id).toBe(all.body.items[1].id);
    expectProblem(await t.http().get(`${API}/storage/freezers`).query({ pageSize: 0 }).set(await auth(t, 'auditor')), 422);
  });
});

describe('storing, moving and retrieving units', () => {
  it('FACT-NetCord: storing a processed unit puts it in quarantine in that position, with its audit entries and a custody event', async () => {
    const [din] = await processedUnits(t, 1);
    const f = await freezer();
    const label = `${f.code}-R01-B02-B3`;
    const res = await store(din, { positionId: label.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      din,
      status: 'quarantine',
      position: { label, freezerId: f.id, freezerCode: f.code, freezerName: f.name, rack: 1, box: 2, row: 2, rowLabel: 'B', column: 3 },
      custodian: { name: `freezer ${f.code} (${f.name})` },
      excursions: [],
    });
    expect((await unit(din)).position).toMatchObject({ label, boxId: f.racks[0].boxes[1].id });

    const entries = (await auditOf(t, din)).filter((e) => e.action === 'unit.stored');
    expect(entries).toHaveLength(3);
    expect(entries[0].before).toMatchObject({ status: 'processed', position_id: null });
    expect(entries[0].after).toMatchObject({ status: 'quarantine', position_id: res.body.position.id });
    expect(entries[1].after).toMatchObject({ kind: 'storage', to_party: `freezer ${f.code} (${f.name})`, location: label });
    expect(entries[2].after).toMatchObject({ custodian: `freezer ${f.code} (${f.name})` });
    expect(entries.every((e) => e.actor_id === entries[0].actor_id && e.actor_id !== 'test-fixture')).toBe(true);

    expect(await custodyOf(t, din)).toEqual([{ seq: 1, kind: 'storage', from_party: null, to_party: `freezer ${f.code} (${f.name})`, location: label }]);

    const box = await t.http().get(`${API}/storage/boxes/${f.code}-R01-B02`).set(await auth(t, 'auditor'));
    expect(box.body).toMatchObject({ used: 1, free: 8 });
    expect(box.body.positions.find((p: { label: string }) => p.label === label).unit).toEqual({ din, dinCheck: res.body.dinCheck, status: 'quarantine' });
    expect(await getFreezer(f.id)).toMatchObject({ used: 1, free: 35 });
  });

  it('refuses to store a unit twice, a unit that is not storable, and into an out-of-service freezer (409); the database refuses it too', async () => {
    const f = await freezer();
    const [stored] = await processedUnits(t, 1);
    expect((await store(stored, { freezerId: f.id })).status).toBe(200);
    const again = await store(stored, { freezerId: f.id });
    expectProblem(again, 409);
    expect(again.body.detail).toMatch(/already stored/);

    const [received] = await processedUnits(t, 1, 'received');
    const early = await store(received, { freezerId: f.id });
    expectProblem(early, 409);
    expect(early.body.detail).toMatch(/received/);
    const [pos] = (await t.owner.query(`SELECT p.id FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id WHERE b.freezer_id = $1 ORDER BY b.rack_no DESC LIMIT 1`, [f.id])).rows;
    await expect(asSystem(t, (c) => c.query(`UPDATE cord_blood_units SET position_id = $2 WHERE din = $1`, [received, pos.id]))).rejects.toThrow(/only a unit in quarantine/);

    const lab = await auth(t, 'lab_technician');
    expectProblem(await t.http().patch(`${API}/storage/freezers/${f.id}`).set(lab).send({ inService: false }), 422);
    const off = await t.http().patch(`${API}/storage/freezers/${f.code}`).set(lab).send({ inService: false, reason: 'LN2 autofill fault; emptying' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ inService: false, serviceReason: 'LN2 autofill fault; emptying', used: 1 });
    const [another] = await processedUnits(t, 1);
    for (const body of [{ freezerId: f.id }, { positionId: `${f.code}-R02-B02-C3` }]) {
      const res = await store(another, body);
      expectProblem(res, 409);
      expect(res.body.detail).toMatch(/out of service/);
    }
    await expect(asSystem(t, (c) => c.query(`UPDATE cord_blood_units SET status = 'quarantine', position_id = $2 WHERE din = $1`, [another, pos.id]))).rejects.toThrow(/out of service/);
    const free = await t.http().get(`${API}/storage/free-positions`).query({ freezerId: f.id }).set(lab);
    expect(free.body.items).toEqual([]);
    // its history stays: the unit in it, readings, the audit of the change; the unit can still leave it
    expect(await positionOf(stored)).not.toBeNull();
    expect((await reading(f.id, -190, minutesAgo(1))).reading.aboveLimit).toBe(false);
    const trail = await t.owner.query(`SELECT action, reason FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`freezer:${f.id}`]);
    expect(trail.rows.at(-1)).toEqual({ action: 'freezer.out_of_service', reason: 'LN2 autofill fault; emptying' });
    const other = await freezer();
    expect((await move(stored, `${other.code}-R01-B01-A1`, 'emptying the faulty dewar')).status).toBe(200);
    const back = await t.http().patch(`${API}/storage/freezers/${f.id}`).set(lab).send({ inService: true, reason: 'autofill repaired and validated', name: 'Tank repaired' });
    expect(back.body).toMatchObject({ inService: true, name: 'Tank repaired' });
    expect((await store(another, { freezerId: f.id })).status).toBe(200);
  });

  it('FACT-NetCord: one unit per position — 100 concurrent requests for one position, over two app instances, store exactly one unit and answer the rest 409', async () => {
    const dins = await processedUnits(t, 100);
    const f = await freezer();
    const label = `${f.code}-R01-B01-A1`;
    const lab = await auth(t, 'lab_technician');
    const second = await startTestApp({}, t);
    let answers;
    try {
      answers = await Promise.all(dins.map((din, i) => (i % 2 ? second : t).http().post(`${API}/units/${din}/storage`).set(lab).send({ positionId: label })));
    } finally {
      await second.close();
    }
    const byStatus = answers.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: 1, 409: 99 });
    for (const r of answers.filter((x) => x.status === 409)) {
      expectProblem(r, 409);
      expect(r.body.code).toBe('POSITION_TAKEN');
    }
    const held = await t.owner.query(`SELECT din, status FROM cord_blood_units WHERE position_id = (SELECT id FROM storage_positions WHERE label = $1)`, [label]);
    expect(held.rows).toHaveLength(1);
    expect(held.rows[0].status).toBe('quarantine');
    const losers = dins.filter((d) => d !== held.rows[0].din);
    const unchanged = await t.owner.query(`SELECT count(*)::int AS n FROM cord_blood_units WHERE din = ANY($1) AND status = 'processed' AND position_id IS NULL AND custodian IS NULL`, [losers]);
    expect(unchanged.rows[0].n).toBe(99);
    const stray = await t.owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE din = ANY($1) AND action = 'unit.stored'`, [losers]);
    expect(stray.rows[0].n).toBe(0);
    expect((await getFreezer(f.id)).used).toBe(1);
  });

  it('stores into the first free position in a stable order; concurrent stores into one freezer never collide', async () => {
    const f = await freezer({ racks: 1, boxesPerRack: 2, rows: 2, columns: 2 });
    const [first, ...rest] = await processedUnits(t, 9); // 8 positions: one stored by label, one by freezer, 7 racing for the 6 left
    expect((await store(first, { positionId: `${f.code}-R01-B01-A2` })).status).toBe(200);
    const free = await t.http().get(`${API}/storage/free-positions`).query({ freezerId: f.code, limit: 10 }).set(await auth(t, 'auditor'));
    const expected = ['R01-B01-A1', 'R01-B01-B1', 'R01-B01-B2', 'R01-B02-A1', 'R01-B02-A2', 'R01-B02-B1', 'R01-B02-B2'].map((l) => `${f.code}-${l}`);
    expect(free.body.items.map((p: { label: string }) => p.label)).toEqual(expected);
    expect(free.body.nextCursor).toBeNull();
    const paged = await t.http().get(`${API}/storage/free-positions`).query({ freezerId: f.id, limit: 3 }).set(await auth(t, 'auditor'));
    expect(paged.body.items.map((p: { label: string }) => p.label)).toEqual(expected.slice(0, 3));
    const page2 = await t.http().get(`${API}/storage/free-positions`).query({ freezerId: f.id, limit: 3, cursor: paged.body.nextCursor }).set(await auth(t, 'auditor'));
    expect(page2.body.items.map((p: { label: string }) => p.label)).toEqual(expected.slice(3, 6));
    expectProblem(await t.http().get(`${API}/storage/free-positions`).query({ cursor: 'nope' }).set(await auth(t, 'auditor')), 422);

    const [one, ...concurrent] = rest;
    const firstFree = await store(one, { freezerId: f.id });
    expect(firstFree.body.position.label).toBe(expected[0]);
    const lab = await auth(t, 'lab_technician');
    const answers = await Promise.all(concurrent.map((din) => t.http().post(`${API}/units/${din}/storage`).set(lab).send({ freezerId: f.id })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 409]);
    const taken = answers.filter((a) => a.status === 200).map((a) => a.body.position.label).sort();
    expect(taken).toEqual(expected.slice(1).sort());
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.detail).toMatch(/no free position/);
    expect(await getFreezer(f.id)).toMatchObject({ used: 8, free: 0 });
  });

  it('moves a unit with a reason in one update: audited, custody recorded, counts follow; a taken target is 409 and leaves it in place', async () => {
    const f = await freezer({ racks: 1, boxesPerRack: 2, rows: 2, columns: 2 });
    const g = await freezer({ racks: 1, boxesPerRack: 1, rows: 1, columns: 2 });
    const [a, b] = await processedUnits(t, 2);
    await store(a, { positionId: `${f.code}-R01-B01-A1` });
    await store(b, { positionId: `${f.code}-R01-B01-A2` });
    const lab = await auth(t, 'lab_technician');
    expectProblem(await t.http().post(`${API}/units/${a}/move`).set(lab).send({ positionId: `${f.code}-R01-B02-A1` }), 422);

    const moved = await move(a, `${f.code}-R01-B02-A1`, 'balancing boxes');
    expect(moved.status).toBe(200);
    expect(moved.body.position.label).toBe(`${f.code}-R01-B02-A1`);
    const taken = await move(a, `${f.code}-R01-B01-A2`);
    expectProblem(taken, 409);
    expect(taken.body.code).toBe('POSITION_TAKEN');
    expect(await positionOf(a)).toBe(`${f.code}-R01-B02-A1`);
    expectProblem(await move(a, `${f.code}-R01-B02-A1`), 409);
    expectProblem(await move(a, `${f.code}-R09-B01-A1`), 404);

    expect((await move(a, `${g.code}-R01-B01-A2`, 'to the backup dewar')).status).toBe(200);
    const detail = await getFreezer(f.id);
    expect(detail.racks[0].boxes.map((x) => x.used)).toEqual([1, 0]);
    expect(detail.used).toBe(1);
    expect((await getFreezer(g.id)).used).toBe(1);

    const moves = (await auditOf(t, a)).filter((e) => e.action === 'unit.moved' && e.before && 'position_id' in e.before);
    expect(moves.map((m) => m.reason)).toEqual(['balancing boxes', 'to the backup dewar']);
    expect(moves[1].before!.position_id).toBe(moves[0].after!.position_id);
    const custody = await custodyOf(t, a);
    expect(custody.map((c) => [c.kind, c.from_party, c.to_party, c.location])).toEqual([
      ['storage', null, `freezer ${f.code} (${f.name})`, `${f.code}-R01-B01-A1`],
      ['storage', `freezer ${f.code} (${f.name})`, `freezer ${f.code} (${f.name})`, `${f.code}-R01-B02-A1`],
      ['storage', `freezer ${f.code} (${f.name})`, `freezer ${g.code} (${g.name})`, `${g.code}-R01-B01-A2`],
    ]);
    const [unstored] = await processedUnits(t, 1);
    expectProblem(await move(unstored, `${f.code}-R01-B02-B2`), 409);
  });

  it('move atomicity: under concurrent moves a stored unit is always in exactly one position, and no move or count is lost', async () => {
    const f = await freezer({ racks: 1, boxesPerRack: 4, rows: 2, columns: 2 });
    const dins = await processedUnits(t, 4);
    for (const d of dins) expect((await store(d, { freezerId: f.id })).status).toBe(200);
    const labels = (await t.owner.query(`SELECT p.label FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id WHERE b.freezer_id = $1`, [f.id])).rows.map((r) => r.label as string);
    const random = rng(42);
    const lab = await auth(t, 'lab_technician');
    let done = false;
    const observations: number[] = [];
    const poll = (async () => {
      while (!done) {
        const [view, rows] = await Promise.all([
          t.http().get(`${API}/storage/freezers/${f.id}`).set(lab),
          t.owner.query(`SELECT count(*)::int AS n, count(DISTINCT position_id)::int AS d FROM cord_blood_units WHERE din = ANY($1) AND position_id IS NOT NULL`, [dins]),
        ]);
        observations.push(view.body.used, rows.rows[0].n, rows.rows[0].d);
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const din = dins[Math.floor(random() * dins.length)];
        const target = labels[Math.floor(random() * labels.length)];
        return t.http().post(`${API}/units/${din}/move`).set(lab).send({ positionId: target, reason: `shuffle ${i}` });
      }),
    );
    done = true;
    await poll;
    expect(answers.every((a) => [200, 409].includes(a.status))).toBe(true);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    expect(observations.length).toBeGreaterThan(0);
    expect(new Set(observations)).toEqual(new Set([4]));

    const counters = await getFreezer(f.id);
    const actual = await actualBoxCounts(t, f.id);
    for (const box of counters.racks[0].boxes) expect(box.used).toBe(actual.get(box.id));
    expect(counters.used).toBe(4);
    const okMoves = answers.filter((a) => a.status === 200).length;
    let logged = 0;
    for (const din of dins) {
      // each move's "before" is the previous one's "after": no move was lost or applied twice
      const trail = (await auditOf(t, din)).filter((e) => e.before && e.after && 'position_id' in e.after);
      for (let i = 1; i < trail.length; i++) expect(trail[i].before!.position_id).toBe(trail[i - 1].after!.position_id);
      logged += trail.length - 1;
      const custody = await custodyOf(t, din);
      expect(custody.at(-1)!.location).toBe(await positionOf(din));
    }
    expect(logged).toBe(okMoves);
  });

  it('retrieves for testing, discard and shipping by state; an available unit stays stored (409); every retrieval is audited with custody', async () => {
    const f = await freezer();
    const [q, avail, disc, loose] = await processedUnits(t, 4);
    for (const d of [q, avail, disc]) expect((await store(d, { freezerId: f.id })).status).toBe(200);

    expectProblem(await retrieve(q, 'lunch'), 422);
    expectProblem(await retrieve(q, 'shipping'), 409);
    const out = await retrieve(q, 'testing', 'confirmatory HLA typing');
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: 'quarantine', position: null, custodian: { name: LAB } });
    const retrieved = (await auditOf(t, q)).filter((e) => e.action === 'unit.retrieved');
    expect(retrieved.map((e) => e.reason)).toEqual(['testing: confirmatory HLA typing', 'testing: confirmatory HLA typing', 'testing: confirmatory HLA typing']);
    expect(retrieved[0].after).toMatchObject({ position_id: null, stored_at: null });
    expect((await custodyOf(t, q)).at(-1)).toMatchObject({ kind: 'retrieval', from_party: `freezer ${f.code} (${f.name})`, to_party: LAB, location: `${f.code}-R01-B01-A1` });
    expect((await getFreezer(f.id)).used).toBe(2);
    expectProblem(await retrieve(q, 'testing'), 409);
    const restored = await store(q, { freezerId: f.id });
    expect(restored.status).toBe(200);
    expect(restored.body.position.label).toBe(`${f.code}-R01-B01-A1`);

    await setStatus(t, avail, 'available');
    for (const reason of ['testing', 'shipping', 'discard']) {
      const res = await retrieve(avail, reason);
      expectProblem(res, 409);
      expect(res.body.detail).toMatch(/available/);
    }
    await setStatus(t, avail, 'reserved');
    const shipped = await retrieve(avail, 'shipping');
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'reserved', position: null });

    await asSystem(t, (c) => c.query(`UPDATE cord_blood_units SET status = 'discarded', discard_reason = 'sterility positive' WHERE din = $1`, [disc]));
    expect((await retrieve(disc, 'discard')).status).toBe(200);
    expectProblem(await retrieve(loose, 'testing'), 409);
    expect(await getFreezer(f.id)).toMatchObject({ used: 1 });
  });

  it('retrieveInTx runs in the caller’s transaction, rolls back with it, and gives the caller its audit context back', async () => {
    const storage = t.app.get(PlacementService);
    const db = t.app.get(Db);
    const f = await freezer();
    const [din] = await processedUnits(t, 1);
    await store(din, { freezerId: f.id });
    await setStatus(t, din, 'available', 'reserved');

    await expect(
      db.tx(systemActor('release-test'), async (tx) => {
        await tx.audit({ action: 'release.shipped', reason: 'courier collected' });
        await storage.retrieve(tx, din, 'shipping', 'Courier MedEx');
        throw new Error('the caller fails later');
      }),
    ).rejects.toThrow('the caller fails later');
    expect(await positionOf(din)).toBe(`${f.code}-R01-B01-A1`);
    expect((await auditOf(t, din)).some((e) => e.action === 'unit.retrieved')).toBe(false);

    await db.tx(systemActor('release-test'), async (tx) => {
      await tx.audit({ action: 'release.shipped', reason: 'courier collected' });
      await storage.retrieve(tx, din, 'shipping', 'Courier MedEx');
      await tx.query(`UPDATE cord_blood_units SET receipt_notes = 'shipped in dry shipper 7' WHERE din = $1`, [din]);
    });
    expect(await positionOf(din)).toBeNull();
    const tail = (await auditOf(t, din)).slice(-4);
    expect(tail.map((e) => [e.action, e.reason])).toEqual([
      ['unit.retrieved', 'shipping'],
      ['unit.retrieved', 'shipping'],
      ['unit.retrieved', 'shipping'],
      ['release.shipped', 'courier collected'],
    ]);
    expect((await custodyOf(t, din)).at(-1)).toMatchObject({ kind: 'retrieval', to_party: 'Courier MedEx' });
  });

  it('occupancy counts stay exact after a mixed sequence of store, move and retrieve', async () => {
    const f = await freezer({ racks: 2, boxesPerRack: 2, rows: 2, columns: 3 });
    const dins = await processedUnits(t, 16);
    const random = rng(7);
    const lab = await auth(t, 'lab_technician');
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      const din = dins[Math.floor(random() * dins.length)];
      const op = random();
      let res;
      if (op < 0.45) {
        res = random() < 0.5
          ? await store(din, { freezerId: f.id })
          : await store(din, { positionId: `${f.code}-R0${1 + Math.floor(random() * 2)}-B0${1 + Math.floor(random() * 2)}-${'AB'[Math.floor(random() * 2)]}${1 + Math.floor(random() * 3)}` });
      } else if (op < 0.75) {
        const free = await t.http().get(`${API}/storage/free-positions`).query({ freezerId: f.id, limit: 24 }).set(lab);
        const target = free.body.items.length ? free.body.items[Math.floor(random() * free.body.items.length)].label : `${f.code}-R01-B01-A1`;
        res = await move(din, target, `mixed ${i}`);
      } else {
        res = await retrieve(din, 'testing', `mixed ${i}`);
      }
      expect([200, 409]).toContain(res.status);
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(20);
    expect(statuses).toContain(409);

    const stored = (await t.owner.query(`SELECT count(*)::int AS n FROM cord_blood_units WHERE din = ANY($1) AND position_id IS NOT NULL`, [dins])).rows[0].n;
    const detail = await getFreezer(f.id);
    const actual = await actualBoxCounts(t, f.id);
    expect(detail.used).toBe(stored);
    expect(detail.free).toBe(24 - stored);
    for (const rack of detail.racks) {
      expect(rack.used).toBe(rack.boxes.reduce((s, b) => s + b.used, 0));
      for (const box of rack.boxes) {
        expect(box.used).toBe(actual.get(box.id));
        const grid = await t.http().get(`${API}/storage/boxes/${box.id}`).set(lab);
        expect(grid.body.positions.filter((p: { unit: unknown }) => p.unit !== null)).toHaveLength(box.used);
      }
    }
    const free = await t.http().get(`${API}/storage/free-positions`).query({ freezerId: f.id, limit: 100 }).set(lab);
    expect(free.body.items).toHaveLength(24 - stored);
    const occupied = new Set((await t.owner.query(`SELECT position_id FROM cord_blood_units WHERE position_id IS NOT NULL`)).rows.map((r) => r.position_id));
    expect(free.body.items.some((p: { id: string }) => occupied.has(p.id))).toBe(false);
  });
  it('occupancy counts and 21 CFR 1271.290(b) storage history stay exact when one statement stores, moves and empties several units at once (both are kept per statement)', async () => {
    const a = await freezer({ racks: 1, boxesPerRack: 2, rows: 2, columns: 2 });
    const b = await freezer({ racks: 1, boxesPerRack: 1, rows: 2, columns: 2 });
    const dins = await processedUnits(t, 5);
    for (const din of dins.slice(0, 4)) expect((await store(din, { freezerId: a.id })).status).toBe(200);
    const positions = async (freezerId: string) =>
      (await t.owner.query<{ id: string }>(`SELECT id FROM storage_positions WHERE freezer_id = $1 ORDER BY label`, [freezerId])).rows.map((r) => r.id);
    const [pa, pb] = [await positions(a.id), await positions(b.id)];
    const owner = await t.owner.connect();
    try {
      await owner.query(`BEGIN; SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      // one UPDATE: two units to freezer B, one within A to its last free position, one out of storage,
      // and the fifth unit (not stored, in quarantine) into freezer B
      await owner.query(`UPDATE cord_blood_units SET status = 'quarantine' WHERE din = $1`, [dins[4]]);
      await owner.query(
        `UPDATE cord_blood_units u SET position_id = x.pos FROM unnest($1::text[], $2::uuid[]) AS x(din, pos) WHERE u.din = x.din`,
        [dins, [pb[0], pb[1], pa[7], null, pb[2]]],
      );
      await owner.query('COMMIT');
    } finally {
      owner.release();
    }
    for (const [f, used] of [[a, 1], [b, 3]] as const) {
      const detail = await getFreezer(f.id);
      expect(detail.used).toBe(used);
      const actual = await actualBoxCounts(t, f.id);
      for (const box of detail.racks.flatMap((r) => r.boxes)) expect(box.used).toBe(actual.get(box.id));
    }
    // each unit's stays: the one it left closed and the one it entered opened, all at the statement's
    // one clock reading (so each unit's stays meet); the unit taken out has no open stay, the unit
    // stored for the first time one
    const stays = (await t.owner.query<{ din: string; position_id: string; from: string; until: string | null }>(
      `SELECT din, position_id, stored_from::text AS from, stored_until::text AS until FROM unit_storage_history WHERE din = ANY($1) ORDER BY din, stored_from, id`, [dins],
    )).rows;
    const of = (din: string) => stays.filter((h) => h.din === din).map(({ position_id, from, until }) => ({ position_id, from, until }));
    const left = of(dins[3])[0].until;
    expect(left).not.toBeNull();
    for (const [din, to] of [[dins[0], pb[0]], [dins[1], pb[1]], [dins[2], pa[7]]] as const) {
      const [before, after] = of(din);
      expect(of(din)).toHaveLength(2);
      expect(pa).toContain(before.position_id);
      expect(before.until).toBe(left);
      expect(after).toEqual({ position_id: to, from: left, until: null });
    }
    expect(of(dins[3])).toHaveLength(1);
    expect(of(dins[4])).toEqual([{ position_id: pb[2], from: left, until: null }]);
  });
});

describe('temperatures and excursions', () => {
  it('FACT-NetCord: a reading above the limit opens an excursion carried by every unit stored in the freezer (one audit entry each); a reading within closes it', async () => {
    const f = await freezer();
    const g = await freezer();
    const dins = await processedUnits(t, 5);
    const [a, b, c, later, elsewhere] = dins;
    for (const d of [a, b, c]) await store(d, { freezerId: f.id });
    await store(elsewhere, { freezerId: g.id });
    // stored an hour ago: in the freezer at the readings' times (DESIGN.md section 7)
    await storedSince(t, [a, b, c, elsewhere], 60);

    expect((await reading(f.id, -190, minutesAgo(50))).excursion).toEqual({ id: null, effect: 'none' });
    const opened = await reading(f.id, -140, minutesAgo(40));
    expect(opened.excursion.effect).toBe('opened');
    const excursionId = opened.excursion.id!;
    for (const d of [a, b, c]) {
      const entries = (await auditOf(t, d)).filter((e) => e.action === 'freezer.excursion.opened');
      expect(entries).toHaveLength(1);
      expect(entries[0].after).toMatchObject({ din: d, excursion_id: excursionId });
      expect((await unit(d)).excursions).toEqual([expect.objectContaining({ id: excursionId, open: true, freezerCode: f.code, review: null, blocksRelease: true })]);
    }
    expect((await auditOf(t, elsewhere)).some((e) => e.action.startsWith('freezer.excursion'))).toBe(false);
    expect((await unit(elsewhere)).excursions).toEqual([]);
    expect((await getFreezer(f.id) as unknown as { openExcursion: { id: string } }).openExcursion.id).toBe(excursionId);

    expect((await reading(f.id, -135, minutesAgo(30))).excursion).toEqual({ id: excursionId, effect: 'continued' });
    for (const d of [a, b, c]) expect((await auditOf(t, d)).filter((e) => e.action.startsWith('freezer.excursion'))).toHaveLength(1);
    // a unit stored while the excursion is open carries it too
    await store(later, { freezerId: f.id });
    expect((await unit(later)).excursions.map((e: { id: string }) => e.id)).toEqual([excursionId]);

    expect((await reading(f.id, -180, minutesAgo(20))).excursion).toEqual({ id: excursionId, effect: 'closed' });
    expect((await reading(f.id, -185, minutesAgo(10))).excursion.effect).toBe('none');

    const auditor = await auth(t, 'auditor');
    const list = await t.http().get(`${API}/storage/excursions`).query({ freezerId: f.code }).set(auditor);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: excursionId, freezerId: f.id, freezerCode: f.code, open: false, retrospective: false, limitC: -150,
      peakTemperatureC: -135, readingsAboveLimit: 2, unitCount: 4, unreviewedCount: 4,
    });
    expect(list.body.items[0].units.map((u: { din: string }) => u.din).sort()).toEqual([a, b, c, later].sort());
    expect(list.body.items[0].endedAt).toBe(new Date(list.body.items[0].endedAt).toISOString());
    expect((await t.http().get(`${API}/storage/excursions`).query({ status: 'open', freezerId: f.id }).set(auditor)).body.items).toEqual([]);
    expect((await t.http().get(`${API}/storage/excursions`).query({ status: 'closed', din: a }).set(auditor)).body.items.map((e: { id: string }) => e.id)).toEqual([excursionId]);
    expect((await t.http().get(`${API}/storage/excursions`).query({ din: elsewhere }).set(auditor)).body.items).toEqual([]);
    const one = await t.http().get(`${API}/storage/excursions/${excursionId}`).query({ pageSize: 2 }).set(auditor);
    expect(one.body.units).toHaveLength(2);
    expect(one.body.unitCount).toBe(4);

    const freezerTrail = await t.owner.query(`SELECT action FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`freezer:${f.id}`]);
    expect(freezerTrail.rows.map((r) => r.action)).toEqual(['freezer.created', 'freezer.excursion.opened', 'freezer.excursion.opened', 'freezer.excursion.closed', 'freezer.excursion.closed']);

    const readings = await t.http().get(`${API}/storage/freezers/${f.id}/temperatures`).set(auditor);
    expect(readings.body.items.map((r: { temperatureC: number }) => r.temperatureC)).toEqual([-185, -180, -135, -140, -190]);
    expect(readings.body.items.map((r: { aboveLimit: boolean }) => r.aboveLimit)).toEqual([false, false, true, true, false]);
    const p1 = await t.http().get(`${API}/storage/freezers/${f.code}/temperatures`).query({ limit: 2 }).set(auditor);
    const p2 = await t.http().get(`${API}/storage/freezers/${f.code}/temperatures`).query({ limit: 2, cursor: p1.body.nextCursor }).set(auditor);
    expect([...p1.body.items, ...p2.body.items].map((r: { temperatureC: number }) => r.temperatureC)).toEqual([-185, -180, -135, -140]);
    const window = await t.http().get(`${API}/storage/freezers/${f.id}/temperatures`).query({ from: minutesAgo(45), to: minutesAgo(25) }).set(auditor);
    expect(window.body.items.map((r: { temperatureC: number }) => r.temperatureC)).toEqual([-135, -140]);
    expectProblem(await t.http().get(`${API}/storage/freezers/${f.id}/temperatures`).query({ from: 'yesterday' }).set(auditor), 422);
  });

  it('FACT-NetCord, 21 CFR 1271.260(d): a unit that went through an excursion can not be made available until QA has reviewed it with its corrective action, e-signed (Part 11.200)', async () => {
    const f = await freezer();
    const donor = await createDonor(t, 'public');
    await makeEligible(t, donor.id, 'public');
    const { unit: u } = await collect(t, donor.id);
    await processUnit(t, u.din);
    expect((await store(u.din, { freezerId: f.id })).body.status).toBe('quarantine');
    await storedSince(t, [u.din], 60);
    const { excursion } = await reading(f.id, -120, minutesAgo(30));

    const qa = await auth(t, 'quality_assurance');
    const blocked = await t.http().post(`${API}/units/${u.din}/status`).set(qa).send({ to: 'available', reason: 'criteria met', signature: QA_SIGNATURE });
    expectProblem(blocked, 409);
    expect(blocked.body.detail).toContain(`temperature excursion ${excursion.id} in freezer ${f.code}`);

    const review = (body: Record<string, unknown>, who = qa) => t.http().post(`${API}/storage/excursions/${excursion.id}/units/${u.din}/review`).set(who).send(body);
    const body = { reason: 'Peak -120 °C for 25 minutes; within validated limits', correctiveAction: 'Dewar lid seal replaced; alarm threshold re-verified', signature: { email: QA_SIGNATURE.email, password: QA_SIGNATURE.password, meaning: 'review' } };
    const stillOpen = await review(body);
    expectProblem(stillOpen, 409);
    expect(stillOpen.body.detail).toMatch(/still open/);
    await reading(f.id, -190, minutesAgo(5));
    expectProblem(await review(body, await auth(t, 'lab_technician')), 403);
    expectProblem(await review({ reason: 'ok' }), 422);
    // 21 CFR 1271.260(d): the corrective action is documented on every review
    const noAction = await review({ reason: body.reason, signature: body.signature });
    expectProblem(noAction, 422);
    expect(noAction.body.errors.map((e: { field: string }) => e.field)).toContain('correctiveAction');
    expectProblem(await review({ ...body, signature: { email: QA_SIGNATURE.email, password: 'wrong-password-1', meaning: 'review' } }), 401);
    expectProblem(await t.http().post(`${API}/storage/excursions/${randomUUID()}/units/${u.din}/review`).set(qa).send(body), 404);
    const ok = await review(body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ din: u.din, review: { outcome: 'acceptable', reason: body.reason, correctiveAction: body.correctiveAction, meaning: 'review', reviewedBy: await t.userId('quality_assurance') } });
    expectProblem(await review(body), 409);
    const entry = (await auditOf(t, u.din)).find((e) => e.action === 'unit.excursion.reviewed');
    expect(entry).toMatchObject({ reason: body.reason, signature: { signerName: 'Test quality_assurance', meaning: 'review' }, after: { review_outcome: 'acceptable' } });
    expect((await unit(u.din)).excursions[0]).toMatchObject({ open: false, blocksRelease: false, review: { outcome: 'acceptable' } });

    await determineEligibility(t, u.din);
    const released = await t.http().post(`${API}/units/${u.din}/status`).set(qa).send({ to: 'available', reason: 'criteria met', signature: QA_SIGNATURE });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('available');
  });

  it('FACT-NetCord: an available unit caught by an excursion goes on hold, and the database refuses it available or shipped until QA accepts the excursion', async () => {
    const f = await freezer();
    const [x, y] = await processedUnits(t, 2);
    for (const d of [x, y]) {
      await store(d, { freezerId: f.id });
      await setStatus(t, d, 'available');
    }
    await storedSince(t, [x, y], 60);
    const { excursion } = await reading(f.id, -100, minutesAgo(30));
    for (const d of [x, y]) {
      const view = await unit(d);
      expect(view).toMatchObject({ status: 'on_hold', holdFromStatus: 'available' });
      const held = (await auditOf(t, d)).find((e) => e.action === 'unit.held');
      expect(held!.reason).toContain(excursion.id!);
    }
    await reading(f.id, -195, minutesAgo(20));
    await expect(setStatus(t, x, 'available')).rejects.toThrow(/excursion/);

    const qa = await auth(t, 'quality_assurance');
    const sig = { email: QA_SIGNATURE.email, password: QA_SIGNATURE.password, meaning: 'review' };
    const bad = await t.http().post(`${API}/storage/excursions/${excursion.id}/units/${x}/review`).set(qa).send({ reason: 'bag seal compromised', outcome: 'unacceptable', correctiveAction: 'unit quarantined for discard; freezer alarm escalated', signature: sig });
    expect(bad.status).toBe(200);
    await expect(setStatus(t, x, 'available')).rejects.toThrow(/excursion/);
    const blockers = await t.app.get(ExcursionsService).releaseBlockers(t.app.get(Db), x);
    expect(blockers).toEqual([expect.stringMatching(/judged unacceptable by QA/)]);

    expect((await t.http().post(`${API}/storage/excursions/${excursion.id}/units/${y}/review`).set(qa).send({ reason: 'within limits', correctiveAction: 'LN2 level restored; fill schedule tightened', signature: sig })).status).toBe(200);
    await setStatus(t, y, 'available', 'reserved', 'shipped');
    expect((await unit(y)).status).toBe('shipped');

    // moving an available unit into a freezer during an open excursion holds it as well
    const h = await freezer();
    const [z] = await processedUnits(t, 1);
    await store(z, { freezerId: f.id });
    await setStatus(t, z, 'available');
    await reading(h.id, -110, minutesAgo(2));
    const moved = await move(z, `${h.code}-R01-B01-A1`, 'rebalancing');
    expect(moved.body).toMatchObject({ status: 'on_hold', excursions: [expect.objectContaining({ freezerId: h.id, open: true })] });
  });

  it('DESIGN 7 / 21 CFR 1271.260(e): a late reading links only the units stored at its time — a unit stored later is not touched, a unit moved or taken out since is linked (and held if available)', async () => {
    const f = await freezer();
    const g = await freezer();
    const [early, movedOut, retrieved, between, later] = await processedUnits(t, 5);
    for (const d of [early, movedOut, retrieved, between, later]) expect((await store(d, { freezerId: f.id })).status).toBe(200);
    const firstLabel = await positionOf(movedOut);
    await setStatus(t, movedOut, 'available');
    expect((await move(movedOut, `${g.code}-R01-B01-A1`)).status).toBe(200);
    expect((await retrieve(retrieved, 'testing')).status).toBe(200);
    expect((await retrieve(between, 'testing')).status).toBe(200);
    await setStatus(t, later, 'available');
    // the storage history the database kept, dated as it happened on the bench (minutes ago)
    const stay = async (din: string, freezerId: string, from: number, until: number | null) =>
      t.owner.query(
        `UPDATE unit_storage_history SET stored_from = now() - make_interval(mins => $3), stored_until = CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(mins => $4::int) END
          WHERE din = $1 AND freezer_id = $2`,
        [din, freezerId, from, until],
      );
    await stay(early, f.id, 60, null);
    await stay(movedOut, f.id, 60, 10);
    await stay(movedOut, g.id, 10, null);
    await stay(retrieved, f.id, 60, 5);
    await stay(between, f.id, 25, 15);
    // `later` was stored 2 minutes ago (12:57), after the buffered reading it is about to meet (12:55)
    await stay(later, f.id, 2, null);

    const opened = await reading(f.id, -120, minutesAgo(30));
    expect(opened.excursion.effect).toBe('opened');
    const id = opened.excursion.id!;
    const linked = async () => (await t.owner.query(`SELECT din, position_label FROM unit_excursions WHERE excursion_id = $1 ORDER BY din`, [id])).rows;
    expect((await linked()).map((r) => r.din)).toEqual([early, movedOut, retrieved].sort());
    expect((await linked()).find((r) => r.din === movedOut)!.position_label).toBe(firstLabel);
    expect(await unit(later)).toMatchObject({ status: 'available', excursions: [] });
    expect((await auditOf(t, later)).some((e) => e.action.startsWith('freezer.excursion'))).toBe(false);
    // moved to another freezer since, still in the bank and available: held until QA reviews it
    expect(await unit(movedOut)).toMatchObject({ status: 'on_hold', holdFromStatus: 'available', excursions: [expect.objectContaining({ id, freezerId: f.id })] });
    expect(await unit(retrieved)).toMatchObject({ status: 'quarantine', excursions: [expect.objectContaining({ id, blocksRelease: true })] });

    // a reading that continues the excursion concerns the units in the freezer at its time: `later` now
    expect((await reading(f.id, -125, minutesAgo(1))).excursion).toEqual({ id, effect: 'continued' });
    expect(await unit(later)).toMatchObject({ status: 'on_hold', excursions: [expect.objectContaining({ id })] });
    expect((await auditOf(t, later)).filter((e) => e.action === 'freezer.excursion.unit_recorded')).toHaveLength(1);
    expect((await reading(f.id, -190, minutesAgo(0))).excursion).toEqual({ id, effect: 'closed' });

    // a late reading inside the closed window: `between` was in the freezer at its time
    expect((await reading(f.id, -130, minutesAgo(20))).excursion).toEqual({ id, effect: 'within_existing' });
    expect((await linked()).map((r) => r.din)).toEqual([early, movedOut, retrieved, between, later].sort());
    expect(await unit(between)).toMatchObject({ status: 'quarantine', excursions: [expect.objectContaining({ id })] });
    // and again: nothing is recorded twice
    expect((await reading(f.id, -131, minutesAgo(19))).excursion.effect).toBe('within_existing');
    expect((await auditOf(t, between)).filter((e) => e.action.startsWith('freezer.excursion'))).toHaveLength(1);
  });

  it('DESIGN 7: the storage history is kept by the database on every store, move and retrieve, contiguous to the microsecond, and the application can not write it', async () => {
    const f = await freezer();
    const [d] = await processedUnits(t, 1);
    await store(d, { freezerId: f.id });
    const a = await positionOf(d);
    await move(d, `${f.code}-R02-B02-C3`);
    await retrieve(d, 'testing');
    const rows = (await t.owner.query(`SELECT position_label, stored_from, stored_until FROM unit_storage_history WHERE din = $1 ORDER BY stored_from, id`, [d])).rows;
    expect(rows.map((r) => r.position_label)).toEqual([a, `${f.code}-R02-B02-C3`]);
    expect(rows[0].stored_until).toEqual(rows[1].stored_from);
    expect(rows[1].stored_until).not.toBeNull();
    // contiguous to the microsecond (a JS Date keeps milliseconds): the interval left ends at the
    // instant the next begins, so there is no moment in which the unit was nowhere on record
    const gaps = (await t.owner.query(
      `SELECT count(*)::int AS n FROM (SELECT stored_until, lead(stored_from) OVER (ORDER BY stored_from, id) AS next_from FROM unit_storage_history WHERE din = $1) h
        WHERE next_from IS NOT NULL AND next_from <> stored_until`, [d])).rows[0].n;
    expect(gaps).toBe(0);
    const custody = await custodyOf(t, d);
    expect(custody.map((c) => c.kind)).toEqual(['storage', 'storage', 'retrieval']);
    const c = await t.owner.connect();
    try {
      await c.query('SET ROLE cbb_app');
      await expect(c.query(`UPDATE unit_storage_history SET stored_from = now() WHERE din = $1`, [d])).rejects.toThrow(/permission denied/);
      await expect(c.query(`INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from) SELECT $1, id, freezer_id, label, now() FROM storage_positions LIMIT 1`, [d])).rejects.toThrow(/permission denied/);
    } finally {
      await c.query('RESET ROLE');
      c.release();
    }
  });

  it('lab-event readings: recordTemperature takes a freezer by id, code or name and refuses an unknown one with NOT_FOUND', async () => {
    const storage = t.app.get(ExcursionsService);
    const db = t.app.get(Db);
    const f = await freezer({ name: 'Monitored Dewar', maxTemperatureC: -135 });
    const actor = systemActor('lab-event-test');
    const r1 = await db.tx(actor, (tx) => storage.recordTemperature(tx, 'monitored dewar', -150, new Date(Date.now() - 30 * 60_000), 'lab_event'));
    expect(r1).toMatchObject({ freezerId: f.id, aboveLimit: false, excursion: { effect: 'none' } });
    const r2 = await db.tx(actor, (tx) => storage.recordTemperature(tx, f.code, -130, new Date(Date.now() - 20 * 60_000), 'lab_event'));
    expect(r2.excursion.effect).toBe('opened');
    const r3 = await db.tx(actor, (tx) => storage.recordTemperature(tx, f.id, -140, new Date(Date.now() - 10 * 60_000), 'lab_event'));
    expect(r3.excursion).toEqual({ id: r2.excursion.id, effect: 'closed' });
    const src = await t.owner.query(`SELECT source, recorded_by FROM freezer_temperature_readings WHERE freezer_id = $1`, [f.id]);
    expect(src.rows.every((r) => r.source === 'lab_event' && r.recorded_by === 'lab-event-test')).toBe(true);

    const unknown = db.tx(actor, (tx) => storage.recordTemperature(tx, 'Dewar that does not exist', -190, new Date(), 'lab_event'));
    await expect(unknown).rejects.toBeInstanceOf(DomainError);
    await expect(db.tx(actor, (tx) => storage.recordTemperature(tx, randomUUID(), -190, new Date(), 'lab_event'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(db.tx(actor, (tx) => storage.recordTemperature(tx, f.id, Number.NaN, new Date(), 'lab_event'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(db.tx(actor, (tx) => storage.recordTemperature(tx, f.id, -190, new Date(Date.now() + 3600_000), 'lab_event'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const lab = await auth(t, 'lab_technician');
    for (const bad of [{ temperatureC: 'cold' }, { temperatureC: -500 }, { temperatureC: -190, readAt: 'noon' }, { temperatureC: -190, readAt: new Date(Date.now() + 3600_000).toISOString() }, {}]) {
      expectProblem(await t.http().post(`${API}/storage/freezers/${f.id}/temperatures`).set(lab).send(bad), 422);
    }
    expectProblem(await t.http().post(`${API}/storage/freezers/F999/temperatures`).set(lab).send({ temperatureC: -190 }), 404);
  });

  it('FACT-NetCord: a late reading is judged against the history — it never closes an excursion; above the limit it extends one or records a retrospective one', async () => {
    const f = await freezer();
    const [d] = await processedUnits(t, 1);
    await store(d, { freezerId: f.id });
    await storedSince(t, [d], 90);
    const nextAt = minutesAgo(30);
    await reading(f.id, -190, minutesAgo(60));
    await reading(f.id, -188, nextAt);
    await reading(f.id, -189, minutesAgo(20));

    const lateAt = minutesAgo(45);
    const retro = await reading(f.id, -120, lateAt);
    expect(retro.excursion.effect).toBe('recorded_retrospectively');
    const ex = (await unit(d)).excursions;
    expect(ex).toEqual([expect.objectContaining({ id: retro.excursion.id, open: false, retrospective: true, peakTemperatureC: -120, blocksRelease: true })]);
    expect(ex[0].startedAt).toBe(new Date(lateAt).toISOString());
    expect(ex[0].endedAt).toBe(new Date(nextAt).toISOString());
    expect((await reading(f.id, -125, minutesAgo(40))).excursion).toEqual({ id: retro.excursion.id, effect: 'within_existing' });
    expect((await auditOf(t, d)).filter((e) => e.action === 'freezer.excursion.recorded')).toHaveLength(1);

    const live = await reading(f.id, -130, minutesAgo(5));
    expect(live.excursion.effect).toBe('opened');
    expect((await reading(f.id, -191, minutesAgo(8))).excursion.effect).toBe('none');
    expect((await getFreezer(f.id) as unknown as { openExcursion: { id: string } }).openExcursion.id).toBe(live.excursion.id);
    const extAt = minutesAgo(6);
    const ext = await reading(f.id, -140, extAt);
    expect(ext.excursion).toEqual({ id: live.excursion.id, effect: 'extended' });
    const list = await t.http().get(`${API}/storage/excursions`).query({ freezerId: f.id, status: 'open' }).set(await auth(t, 'auditor'));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: live.excursion.id, peakTemperatureC: -130, readingsAboveLimit: 2, startedAt: new Date(extAt).toISOString() });
  });
});

describe('the storage history migration', () => {
  it('DESIGN 7: the backfill rebuilds each unit’s stays from its custody chain (store, move, retrieve), with one open stay per stored unit', async () => {
    const f = await freezer();
    const [kept, moved, out] = await processedUnits(t, 3);
    for (const d of [kept, moved, out]) await store(d, { freezerId: f.id });
    await move(moved, `${f.code}-R02-B01-B2`);
    await retrieve(out, 'testing');
    const read = async () =>
      (await t.owner.query(`SELECT din, position_label, stored_from, stored_until FROM unit_storage_history WHERE din = ANY($1) ORDER BY din, stored_from, id`, [[kept, moved, out]])).rows as {
        din: string; position_label: string; stored_from: Date; stored_until: Date | null;
      }[];
    const before = await read();
    expect(before.map((r) => [r.din, r.stored_until === null])).toEqual(
      [[kept, true], [moved, false], [moved, true], [out, false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // undo and redo the migration on this spec's database: the history is rebuilt from custody alone
    const c = await t.owner.connect();
    try {
      const runner = { query: (sql: string, params?: unknown[]) => c.query(sql, params) } as unknown as QueryRunner;
      const migration = new PhysicalTruth1763760700000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      c.release();
    }
    const after = await read();
    expect(after.map((r) => [r.din, r.position_label, r.stored_until === null])).toEqual(before.map((r) => [r.din, r.position_label, r.stored_until === null]));
    // times come from the custody events, recorded in the same transactions (within a second)
    after.forEach((r, i) => {
      expect(Math.abs(r.stored_from.getTime() - before[i].stored_from.getTime())).toBeLessThan(1000);
      if (r.stored_until) expect(Math.abs(r.stored_until.getTime() - before[i].stored_until!.getTime())).toBeLessThan(1000);
    });
    // and the trigger is back
    await retrieve(kept, 'testing');
    expect((await read()).filter((r) => r.din === kept).every((r) => r.stored_until !== null)).toBe(true);
  });
});
