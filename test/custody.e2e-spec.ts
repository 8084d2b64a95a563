import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { domainErrorFromDatabase } from '../src/common/database-errors';
import { mod37_2 } from '../src/common/din';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';
import { auth, collect, createDonor, createFreezer, hoursAgo, makeEligible, processUnit, store, asSystem } from './setup/fixtures';

let t: TestApp;
let donorId: string;
let freezerId: string;
beforeAll(async () => {
  t = await startTestApp();
  donorId = (await createDonor(t)).id;
  await makeEligible(t, donorId, 'public');
  freezerId = (await createFreezer(t)).id;
});
afterAll(async () => {
  await t.close();
});

const chain = async (din: string) => t.http().get(`/api/v1/units/${din}/custody`).set(await auth(t, 'auditor'));
const handover = async (din: string, body: Record<string, unknown>, role: 'lab_technician' | 'coordinator' = 'lab_technician') =>
  t.http().post(`/api/v1/units/${din}/custody`).set(await auth(t, role)).send(body);

/** A unit collected, received, processed and stored, then taken out for testing (held by the laboratory). */
async function unitAtLab(): Promise<string> {
  const { unit } = await collect(t, donorId);
  await processUnit(t, unit.din);
  await store(t, unit.din, freezerId);
  const r = await t.http().post(`/api/v1/units/${unit.din}/retrieve`).set(await auth(t, 'lab_technician')).send({ reason: 'testing' });
  if (r.status !== 200) throw new Error(`retrieve: ${r.status} ${JSON.stringify(r.body)}`);
  return unit.din;
}

describe('GET /units/:din/custody', () => {
  it('FACT-NetCord: collection, receipt and storage each record a handover; the chain is in order and complete', async () => {
    const { unit } = await collect(t, donorId);
    await processUnit(t, unit.din);
    await store(t, unit.din, freezerId);
    const res = await chain(unit.din);
    expect(res.status).toBe(200);
    expect(res.body.complete).toBe(true);
    expect(res.body.breaks).toEqual([]);
    expect(res.body.events.map((e: { kind: string }) => e.kind)).toEqual(['collection', 'receipt', 'storage']);
    expect(res.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    const [c, r, s] = res.body.events;
    expect(c).toMatchObject({ from: null, to: 'J. Rivera (St Mary)', location: 'St Mary', linked: true });
    expect(r).toMatchObject({ from: 'J. Rivera (St Mary)', to: 'Processing laboratory', temperatureOk: true });
    expect(s.from).toBe('Processing laboratory');
    expect(s.to).toMatch(/^freezer F\d+/);
    expect(res.body.custodian).toBe(s.to);
  });

  it('accepts the DIN with its check character; a wrong check character is 422, an unknown DIN 404', async () => {
    const { unit } = await collect(t, donorId);
    expect((await chain(`${unit.din}${mod37_2(unit.din)}`)).body.events).toHaveLength(1);
    const wrong = mod37_2(unit.din) === 'A' ? 'B' : 'A';
    expectProblem(await chain(`${unit.din}${wrong}`), 422);
    expectProblem(await chain('W123426999999'), 404);
    expectProblem(await handover('W123426999999', { from: 'x', to: 'y', location: 'z', handedOverAt: hoursAgo(1) }), 404);
  });

  it('FACT-NetCord: a chain where an event does not hand over from the previous holder is not complete, and the break is named', async () => {
    const { unit } = await collect(t, donorId);
    // someone writing around the service (as the owner): the database records it, the chain check shows it
    const c = await t.owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test', true)`);
      await c.query(`INSERT INTO custody_events (din, seq, kind, from_party, to_party, location, handed_over_at) VALUES ($1, 2, 'manual', 'Somebody else', 'Courier Z', 'dock', now())`, [unit.din]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    const res = await chain(unit.din);
    expect(res.body.complete).toBe(false);
    expect(res.body.breaks).toEqual([{ seq: 2, from: 'Somebody else', expectedFrom: 'J. Rivera (St Mary)' }]);
    expect(res.body.events[1].linked).toBe(false);
  });
});

describe('POST /units/:din/custody (manual handover)', () => {
  it('FACT-NetCord: a handover from the current custodian is recorded with shipper and logger ids, keeps the chain complete and is audited on the unit', async () => {
    const din = await unitAtLab();
    const res = await handover(din, {
      from: 'Processing laboratory', to: 'QA sample room (M. Chen)', location: 'Building B, room 114', handedOverAt: new Date().toISOString(),
      condition: 'sealed', shipperId: 'DS-1', temperatureLoggerId: 'TL-1',
    });
    expect(res.status).toBe(201);
    expect(res.body.event).toMatchObject({ kind: 'manual', from: 'Processing laboratory', to: 'QA sample room (M. Chen)', shipperId: 'DS-1', temperatureLoggerId: 'TL-1', condition: 'sealed' });
    expect(res.body.complete).toBe(true);
    expect(res.body.custodian).toBe('QA sample room (M. Chen)');
    const got = await chain(din);
    expect(got.body.events.map((e: { kind: string }) => e.kind)).toEqual(['collection', 'receipt', 'storage', 'retrieval', 'manual']);
    expect(got.body.complete).toBe(true);
    const unit = await t.http().get(`/api/v1/units/${din}`).set(await auth(t, 'auditor'));
    expect(unit.body.custodian.name).toBe('QA sample room (M. Chen)');
    const audit = await t.owner.query(`SELECT action, after, actor_type FROM audit_entries WHERE chain = $1 AND action = 'unit.custody.handed_over' ORDER BY seq`, [din]);
    expect(audit.rows.length).toBeGreaterThanOrEqual(2); // the custody event and the unit's custodian
    expect(audit.rows.some((r) => r.after?.kind === 'manual' && r.after?.to_party === 'QA sample room (M. Chen)')).toBe(true);
    expect(audit.rows.every((r) => r.actor_type === 'user')).toBe(true);
  });

  it('FACT-NetCord: a handover whose from is not the current custodian is 409 naming the custodian, and records nothing', async () => {
    const din = await unitAtLab();
    const before = (await chain(din)).body.events.length;
    const res = await handover(din, { from: 'Courier X', to: 'Ward 3', location: 'Ward 3', handedOverAt: new Date().toISOString() });
    expectProblem(res, 409);
    expect(res.body.custodian).toBe('Processing laboratory');
    expect(res.body.detail).toContain('Processing laboratory');
    expect((await chain(din)).body.events).toHaveLength(before);
  });

  it('FACT-NetCord: of two concurrent handovers from the same custodian, one wins and the other is 409', async () => {
    const din = await unitAtLab();
    const at = new Date().toISOString();
    const [a, b] = await Promise.all([
      handover(din, { from: 'Processing laboratory', to: 'Room A', location: 'A', handedOverAt: at }),
      handover(din, { from: 'Processing laboratory', to: 'Room B', location: 'B', handedOverAt: at }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const got = await chain(din);
    expect(got.body.complete).toBe(true);
    expect(got.body.events.filter((e: { kind: string }) => e.kind === 'manual')).toHaveLength(1);
  });

  it('a unit stored in a freezer position is retrieved, not handed over (409)', async () => {
    const { unit } = await collect(t, donorId);
    await processUnit(t, unit.din);
    await store(t, unit.din, freezerId);
    const custodian = (await chain(unit.din)).body.custodian;
    const res = await handover(unit.din, { from: custodian, to: 'Ward 3', location: 'Ward 3', handedOverAt: new Date().toISOString() });
    expectProblem(res, 409);
    expect(res.body.detail).toContain('retrieve');
  });

  it('refuses bad input with 422 naming the field: same from and to, a future or out-of-order time, missing or extra fields', async () => {
    const din = await unitAtLab();
    const ok = { from: 'Processing laboratory', to: 'Room A', location: 'A', handedOverAt: new Date().toISOString() };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, to: 'Processing laboratory' }, 'to'],
      [{ ...ok, handedOverAt: new Date(Date.now() + 3600_000).toISOString() }, 'handedOverAt'],
      [{ ...ok, handedOverAt: hoursAgo(1000) }, 'handedOverAt'],
      [{ ...ok, handedOverAt: 'yesterday' }, 'handedOverAt'],
      [{ from: ok.from, to: ok.to, handedOverAt: ok.handedOverAt }, 'location'],
      [{ ...ok, courier: 'x' }, 'courier'],
      [{ ...ok, from: '' }, 'from'],
    ];
    for (const [body, field] of cases) {
      const res = await handover(din, body);
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('DESIGN 7 / 21 CFR 1271.290: custody events are in time order — a handover earlier than the last event is 422 on handedOverAt, and the database refuses one on any path', async () => {
    const din = await unitAtLab();
    const last = (await chain(din)).body.events.at(-1);
    const early = new Date(Date.parse(last.handedOverAt) - 60_000).toISOString();
    const res = await handover(din, { from: 'Processing laboratory', to: 'Room A', location: 'A', handedOverAt: early });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ field: 'handedOverAt', message: expect.stringContaining(`last custody event (retrieval at ${last.handedOverAt})`) }]);
    // the same handover at the time of the last event is in order
    expect((await handover(din, { from: 'Processing laboratory', to: 'Room A', location: 'A', handedOverAt: last.handedOverAt })).status).toBe(201);

    // the database decides, whatever the code path: an INSERT earlier than the last event is refused
    const err = await asSystem(t, (c) =>
      c.query(`INSERT INTO custody_events (din, seq, kind, from_party, to_party, location, handed_over_at) VALUES ($1, 99, 'manual', 'Room A', 'Room B', 'B', $2)`, [din, early]),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CB422', column: 'handed_over_at' });
    const mapped = domainErrorFromDatabase(err);
    expect(mapped).toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'handedOverAt', message: expect.stringContaining('time order') }] } });
    expect((await chain(din)).body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('DESIGN.md 6: lab technicians record handovers, coordinators may not; every staff role reads the chain', async () => {
    const din = await unitAtLab();
    expectProblem(await handover(din, { from: 'Processing laboratory', to: 'Room A', location: 'A', handedOverAt: new Date().toISOString() }, 'coordinator'), 403);
    for (const role of ['coordinator', 'quality_assurance', 'medical_director', 'auditor'] as const) {
      expect((await t.http().get(`/api/v1/units/${din}/custody`).set(await auth(t, role))).status).toBe(200);
    }
    expectProblem(await t.http().get(`/api/v1/units/${din}/custody`), 401);
  });
});
