import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { asSystem, auth, availableUnit, createFreezer, fixtureDin, hoursAgo, processedUnits, setStatus } from './setup/fixtures';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * Issue 19: a batch's independent unit results are applied set-based (one transaction, one
 * multi-row statement per step), and every per-unit audit chain, every stored event and every answer
 * is exactly what the one-by-one path gives. Two instances on one database: `one` applies batches one
 * event at a time (LAB_EVENTS_BATCH_SET_BASED=false), `set` set-based; each gets its own units in the
 * same states and the same events (eventIds prefixed by the instance).
 */
let one: TestApp;
let set: TestApp;
let key: string;
let excursionId: string;

beforeAll(async () => {
  one = await startTestApp({ LAB_EVENTS_BATCH_SET_BASED: 'false' });
  set = await startTestApp({ LAB_EVENTS_BATCH_SET_BASED: 'true' }, one);
  const res = await one.http().post('/api/v1/integrations').set(await auth(one, 'admin')).send({ name: 'set-based-lims' });
  expect(res.status).toBe(201);
  key = res.body.apiKey;
  // one closed excursion both sides' units share, so its blocker reads alike
  const freezerId = (await createFreezer(one)).id;
  const e = await asSystem(one, (c) =>
    c.query(`INSERT INTO freezer_excursions (freezer_id, started_at, ended_at, limit_c, retrospective) VALUES ($1, now() - interval '2 days', now() - interval '47 hours', -150, true) RETURNING id`, [freezerId]),
  );
  excursionId = e.rows[0].id;
});
afterAll(async () => {
  await set.close();
  await one.close();
});

const PATH = '/api/v1/lab/events';
const T = hoursAgo(3);
const EARLIER = hoursAgo(4);
const HLA_NEW = { A: ['01:01', '03:01'], B: ['08:01', '35:01'], DRB1: ['03:01', '01:01'] };

type Ev = { eventId: string; type: string; occurredAt: string; din: string; data: Record<string, unknown> };
const hla = (id: string, din: string, at = T): Ev => ({ eventId: id, type: 'hla.typed', occurredAt: at, din, data: { loci: HLA_NEW, resolution: 'high', method: 'NGS' } });
const abo = (id: string, din: string): Ev => ({ eventId: id, type: 'abo.typed', occurredAt: T, din, data: { abo: 'A', rh: 'negative' } });
const sterility = (id: string, din: string, result = 'negative'): Ev => ({ eventId: id, type: 'sterility.resulted', occurredAt: T, din, data: { aerobic: result, anaerobic: 'negative', ...(result === 'positive' ? { organism: 'S. epidermidis' } : {}) } });
const processing = (id: string, din: string, tncCount = 1.6e9): Ev => ({
  eventId: id, type: 'processing.completed', occurredAt: T, din,
  data: { processedAt: T, volumeMl: 24.5, tncCount, cd34Count: 5.1e6, viabilityPct: 94, cfuCount: 3e5, method: 'AXP' },
});

/**
 * One side's units, in every state a batch meets (made through `one`: the test's users live there), and
 * the batch about them (same order both sides) for the instance `t`.
 */
async function scenario(t: TestApp, p: string): Promise<{ dins: string[]; events: unknown[]; priorSeq: Map<string, number> }> {
  const [p1, p2, p3, q1, sup, two, x1, x2, x3] = await processedUnits(one, 9);
  await setStatus(one, q1, 'quarantine');
  const [col] = await processedUnits(one, 1, 'collected');
  const [rec] = await processedUnits(one, 1, 'received');
  const [disc] = await processedUnits(one, 1);
  await asSystem(one, (c) => c.query(`UPDATE cord_blood_units SET status = 'discarded', discard_reason = 'fixture: a discarded unit' WHERE din = $1`, [disc]));
  const freezerId = (await createFreezer(one)).id;
  const av1 = (await availableUnit(one, { freezerId })).din;
  const av2 = (await availableUnit(one, { freezerId })).din;
  // an available unit with an excursion QA has not reviewed (set in SQL: the excursion path would hold it at once)
  const av3 = (await availableUnit(one, { freezerId })).din;
  await asSystem(one, (c) => c.query(`INSERT INTO unit_excursions (din, excursion_id) VALUES ($1, $2)`, [av3, excursionId]));
  const unknown = fixtureDin();
  // sent before the batch: the batch's older HLA result of `sup` is superseded; `dup` is resent
  const pre = [hla(`${p}-pre-sup`, sup, T), abo(`${p}-dup`, x3)];
  const r = await t.http().post(PATH).set('x-api-key', key).send({ events: pre });
  expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
  const events: unknown[] = [
    hla(`${p}-1`, p1),
    abo(`${p}-2`, p2),
    processing(`${p}-3`, p3, 5e8), // below the bank's minimum TNC: a receipt flag
    sterility(`${p}-4`, q1),
    hla(`${p}-5`, av1), // an available unit that stays releasable
    sterility(`${p}-6`, av2, 'positive'), // breaks a release precondition: on hold in the same UPDATE
    hla(`${p}-7`, sup, EARLIER), // superseded
    hla(`${p}-8`, two), // two events for one unit: one by one, in order
    abo(`${p}-9`, two),
    hla(`${p}-10`, col), // waits for the receipt
    processing(`${p}-11`, rec), // moves received → processed
    hla(`${p}-12`, unknown), // parked until the unit exists
    abo(`${p}-13`, disc), // refused
    { eventId: `${p}-14`, type: 'abo.typed', occurredAt: T, din: x1, data: { abo: 'Z', rh: 'positive' } }, // invalid
    abo(`${p}-dup`, x3), // a retry of an event already stored
    sterility(`${p}-15`, x2),
    hla(`${p}-16`, av3), // no longer meets its release criteria: on hold after the result
  ];
  const dins = [p1, p2, p3, q1, av1, av2, sup, two, col, rec, unknown, disc, x1, x2, x3, av3];
  const seqs = await t.owner.query<{ din: string; seq: number }>(`SELECT din, max(seq)::int AS seq FROM audit_entries WHERE din = ANY($1) GROUP BY din`, [dins]);
  const priorSeq = new Map(seqs.rows.map((s) => [s.din, s.seq]));
  return { dins, events, priorSeq };
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const UUID_IN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Replaces what differs by nature between the two sides: DINs, eventId prefixes, generated ids, and the
 * fixture's own timestamps in `before` (each side's units were made at another moment; every `after`
 * value, which the batch wrote, is compared as it is).
 */
function normaliser(from: string[], to: string[], prefix: string): (v: unknown) => unknown {
  const dins = new Map(from.map((d, i) => [d, to[i]]));
  const str = (s: string): string => {
    let out = s.replace(UUID_IN, '<uuid>');
    out = out.split(`${prefix}-`).join('X-');
    for (const [a, b] of dins) out = out.split(a).join(b);
    return out;
  };
  const walk = (v: unknown, key?: string, inBefore = false): unknown => {
    // a `before` holds the fixture's values, stamped when each side's units were made
    if (typeof v === 'string' && inBefore && TIMESTAMP.test(v)) return '<fixture time>';
    if (typeof v === 'string') return str(v);
    if (typeof v === 'number' && key === 'id') return '<id>';
    if (Array.isArray(v)) return v.map((x) => walk(x, undefined, inBefore));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k, inBefore || k === 'before')]));
    return v;
  };
  return (v) => walk(v);
}

async function chainsAfter(t: TestApp, dins: string[], prior: Map<string, number>) {
  const r = await t.owner.query(
    `SELECT din, seq, action, reason, before, after, actor_type, actor_id, actor_name, signature FROM audit_entries WHERE din = ANY($1) ORDER BY din, seq`,
    [dins],
  );
  return dins.map((d) => ({ din: d, prior: prior.get(d) ?? 0, entries: r.rows.filter((e) => e.din === d && e.seq > (prior.get(d) ?? 0)) }));
}

async function storedEvents(t: TestApp, prefix: string) {
  const r = await t.owner.query(
    `SELECT event_id, type, din, status, problem, answer_status, answer_body, attempts FROM lab_events WHERE event_id LIKE $1 ORDER BY substring(event_id from length($2) + 2)`,
    [`${prefix}-%`, prefix],
  );
  return r.rows;
}

describe('lab event batches applied set-based (issue 19)', () => {
  it('issue 19: the same batch applied set-based and one by one gives identical audit chains, stored events and answers', async () => {
    const a = await scenario(one, 'A');
    const b = await scenario(set, 'B');
    const ra = await one.http().post(PATH).set('x-api-key', key).send({ events: a.events });
    const rb = await set.http().post(PATH).set('x-api-key', key).send({ events: b.events });
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    const na = normaliser(a.dins, a.dins, 'A');
    const nb = normaliser(b.dins, a.dins, 'B');

    // the answers: every outcome the one-by-one path has, identical on the set-based side
    expect(ra.body.results.map((x: { status: string }) => x.status)).toEqual([
      'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'parked', 'applied', 'parked', 'rejected', 'rejected', 'duplicate', 'applied', 'applied',
    ]);
    expect(ra.body.results[6].superseded).toBe(true);
    expect(nb(rb.body.results)).toEqual(na(ra.body.results));

    // the chains: seq, action, reason, before, after and actor of every entry the batch appended
    const ca = await chainsAfter(one, a.dins, a.priorSeq);
    const cb = await chainsAfter(set, b.dins, b.priorSeq);
    expect(ca.reduce((n, c) => n + c.entries.length, 0)).toBeGreaterThan(15);
    expect(nb(cb)).toEqual(na(ca));
    const held = ca.find((c) => c.din === a.dins[15])!.entries.at(-1)!;
    expect(held).toMatchObject({ action: 'unit.held', after: { status: 'on_hold' } });
    expect(held.reason).toMatch(/^hla\.typed result: excursion: temperature excursion .* has not been reviewed by QA$/);

    // the stored events and their first answers
    expect(nb(await storedEvents(set, 'B'))).toEqual(na(await storedEvents(one, 'A')));

    // and the set path did run: the independent results of the set side share one transaction
    // (one created_at), those of the one-by-one side do not
    const txs = async (t: TestApp, prefix: string) =>
      (await t.owner.query(`SELECT count(DISTINCT r.created_at)::int AS n FROM unit_results r JOIN lab_events e ON e.id = r.lab_event_id WHERE e.event_id = ANY($1)`,
        [['1', '2', '3', '4', '5', '6', '7', '15', '16'].map((s) => `${prefix}-${s}`)])).rows[0].n;
    expect(await txs(set, 'B')).toBe(1);
    expect(await txs(one, 'A')).toBe(9);
  });

  it('issue 19: the same batch resent answers every event as a duplicate with its first answer, on both paths', async () => {
    const units = await processedUnits(set, 6);
    const events = units.map((din, i) => (i % 2 ? abo(`R-${i}`, din) : hla(`R-${i}`, din)));
    const first = await set.http().post(PATH).set('x-api-key', key).send({ events });
    expect(first.body.results.every((x: { status: string }) => x.status === 'applied')).toBe(true);
    for (const app of [set, one]) {
      const again = await app.http().post(PATH).set('x-api-key', key).send({ events });
      expect(again.body.results).toEqual(first.body.results.map((x: { eventId: string; id: string }) => ({ eventId: x.eventId, status: 'duplicate', id: x.id, eventStatus: 'applied' })));
    }
    const single = await set.http().post(PATH).set('x-api-key', key).send(events[0] as object);
    expect(single.status).toBe(200);
    expect(single.body).toEqual({ id: first.body.results[0].id, eventId: 'R-0', type: 'hla.typed', status: 'applied' });
    const n = (await set.owner.query(`SELECT count(*)::int AS n FROM unit_results WHERE din = ANY($1)`, [units])).rows[0].n;
    expect(n).toBe(6);
  });

  it('issue 19: overlapping batches sent at once to two instances apply every event once, and every chain verifies', async () => {
    const units = await processedUnits(set, 60);
    const batchA = units.slice(0, 40).map((din, i) => hla(`O-h-${i}`, din));
    const batchB = units.slice(20).map((din, i) => abo(`O-a-${i}`, din));
    const send = (app: TestApp, events: Ev[]) => app.http().post(PATH).set('x-api-key', key).send({ events });
    // each batch twice, to each instance, all at once: overlapping units, and the same eventIds racing
    const res = await Promise.all([send(set, batchA), send(one, batchB), send(one, batchA), send(set, batchB)]);
    for (const r of res) expect(r.status).toBe(200);
    for (const [x, y] of [[res[0], res[2]], [res[1], res[3]]]) {
      x.body.results.forEach((rx: { status: string; id: string }, i: number) => {
        const ry = y.body.results[i];
        expect([rx.status, ry.status].sort()).toEqual(['applied', 'duplicate']);
        expect(rx.id).toBe(ry.id);
      });
    }
    const counts = await set.owner.query(`SELECT kind, count(*)::int AS n, count(DISTINCT din)::int AS units FROM unit_results WHERE din = ANY($1) GROUP BY kind ORDER BY kind`, [units]);
    expect(counts.rows).toEqual([{ kind: 'abo', n: 40, units: 40 }, { kind: 'hla', n: 40, units: 40 }]);
    const broken = (await set.owner.query(VERIFY_ALL_SQL)).rows.filter((r) => r.first_invalid !== null);
    expect(broken).toEqual([]);
  });
});
