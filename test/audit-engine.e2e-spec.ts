import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PoolClient } from 'pg';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { mod37_2 } from '../src/common/din';
import { createFreezer, processedUnits } from './setup/fixtures';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * The set-based unit audit (migration AuditEngine): a statement over many rows of a unit table writes
 * the chains the row-by-row trigger wrote — entry by entry — in one pass, and concurrent statements
 * over overlapping units queue on the chain heads instead of forking or deadlocking.
 */
let t: TestApp;
let donorId: string;
let dinCounter = 0;

beforeAll(async () => {
  t = await startTestApp();
  donorId = (await asSystem((c) => c.query(`INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) VALUES ('Audit', 'Engine', '1990-01-01', 'public') RETURNING id`))).rows[0].id;
});
afterAll(async () => {
  await t.close();
});

const nextDin = () => `W123426${String(700000 + ++dinCounter).padStart(6, '0')}`;

/** One transaction as the application role, with an actor (or none) on it, as the app runs. */
async function asSystem<T>(fn: (c: PoolClient) => Promise<T>, actor: string | null = 'audit-engine-test'): Promise<T> {
  const c = await t.appRolePool.connect();
  try {
    await c.query('BEGIN');
    if (actor) {
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', $1, true), set_config('app.actor_name', 'Audit engine test', true),
                            set_config('app.reason', 'bulk correction', true), set_config('app.request_id', 'req-engine', true)`, [actor]);
    }
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

/** n units, one INSERT each, identical but for their DIN. */
async function units(n: number): Promise<string[]> {
  const dins = Array.from({ length: n }, nextDin);
  for (const din of dins) {
    await asSystem((c) => c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ($1, $2, $3, 'public')`, [din, mod37_2(din), donorId]));
  }
  return dins;
}

const RECEIVE = `UPDATE cord_blood_units SET status = 'received', received_at = '2026-11-30T08:00:00Z', receipt_flags = '{cold}', updated_at = now() WHERE din = ANY ($1)`;
const TOUCH = `UPDATE cord_blood_units SET updated_at = now() WHERE din = ANY ($1)`;
const RESULTS = `
  INSERT INTO unit_results (din, kind, occurred_at, data, applied, source)
  SELECT d, 'processing', '2026-11-30T09:00:00Z'::timestamptz + k * interval '1 minute', jsonb_build_object('tncCount', 1.5e9 + k), k = 3, 'staff'
    FROM unnest($1::text[]) WITH ORDINALITY AS u(d, o) CROSS JOIN generate_series(1, 3) k
   ORDER BY o, k`;

/** The same changes: as one statement each, as one statement per unit, or (rowByRow) through the former per-row trigger. */
async function change(dins: string[], how: 'statement' | 'per unit' | 'row trigger'): Promise<void> {
  const batches = how === 'per unit' ? dins.map((d) => [d]) : [dins];
  if (how === 'row trigger') {
    // the per-row trigger of the earlier migrations, swapped in for these statements only (owner, one transaction)
    const c = await t.owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'audit-engine-test', true), set_config('app.actor_name', 'Audit engine test', true),
                            set_config('app.reason', 'bulk correction', true), set_config('app.request_id', 'req-engine', true)`);
      await c.query(`ALTER TABLE cord_blood_units DISABLE TRIGGER cord_blood_units_audit_update`);
      await c.query(`ALTER TABLE unit_results DISABLE TRIGGER unit_results_audit_insert`);
      await c.query(`CREATE TRIGGER zz_row_audit AFTER UPDATE ON cord_blood_units FOR EACH ROW WHEN (OLD.position_id IS NOT DISTINCT FROM NEW.position_id) EXECUTE FUNCTION audit_unit_row()`);
      await c.query(`CREATE TRIGGER zz_row_audit AFTER INSERT ON unit_results FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
      await c.query(RECEIVE, [dins]);
      await c.query(RESULTS, [dins]);
      await c.query(TOUCH, [dins]);
      await c.query(`DROP TRIGGER zz_row_audit ON cord_blood_units`);
      await c.query(`DROP TRIGGER zz_row_audit ON unit_results`);
      await c.query(`ALTER TABLE cord_blood_units ENABLE TRIGGER cord_blood_units_audit_update`);
      await c.query(`ALTER TABLE unit_results ENABLE TRIGGER unit_results_audit_insert`);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    } finally {
      c.release();
    }
    return;
  }
  for (const sql of [RECEIVE, RESULTS, TOUCH]) {
    await asSystem(async (c) => {
      for (const b of batches) await c.query(sql, [b]);
    });
  }
}

/** A unit's chain, every field but those that differ by nature (at, hash, prev_hash; the DIN, its check character, the results' ids). */
async function chain(din: string) {
  const r = await t.owner.query(
    `SELECT seq, action, actor_type, actor_id, actor_name, reason, request_id, signature, donor_id, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq`,
    [din],
  );
  return r.rows.map((e) => JSON.parse(JSON.stringify(e).replaceAll(din, '<din>').replace(/"din_check":"."/, '"din_check":"<check>"').replace(/"id":\d+,?/g, '')));
}

describe('the set-based unit audit', () => {
  it('21 CFR 11.10(e) audit trail: a statement over N units writes the same chains as N statements and as the row-by-row trigger, and they verify', async () => {
    const n = 25;
    const [a, b, c] = [await units(n), await units(n), await units(n)];
    await change(a, 'statement');
    await change(b, 'per unit');
    await change(c, 'row trigger');
    for (let i = 0; i < n; i++) {
      const [ca, cb, cc] = [await chain(a[i]), await chain(b[i]), await chain(c[i])];
      // insert, the receipt, three results in their row order; the touch of updated_at alone is no entry
      expect(ca.map((e) => [e.seq, e.action])).toEqual([
        [1, 'cord_blood_units.insert'], [2, 'cord_blood_units.update'], [3, 'unit_results.insert'], [4, 'unit_results.insert'], [5, 'unit_results.insert'],
      ]);
      expect(ca.slice(2).map((e) => e.after.data.tncCount)).toEqual([1.5e9 + 1, 1.5e9 + 2, 1.5e9 + 3]);
      expect(ca[1]).toMatchObject({ actor_id: 'audit-engine-test', actor_name: 'Audit engine test', reason: 'bulk correction', request_id: 'req-engine',
        before: { status: 'collected', received_at: null, receipt_flags: [] }, after: { status: 'received', receipt_flags: ['cold'] } });
      expect(cb).toEqual(ca);
      expect(cc).toEqual(ca);
    }
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
    // and through the service, as an auditor reads it
    const auditor = await t.token('auditor');
    for (const din of [a[0], a[n - 1], b[0], c[0]]) {
      const res = await t.http().get(`/api/v1/units/${din}/audit/verify`).set('authorization', `Bearer ${auditor}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, entries: 5 });
    }
  });

  it('21 CFR 11.10(e) audit trail: one statement gives its entries one time and ids in row order, and moves each head once', async () => {
    const dins = await units(5);
    await asSystem((c) => c.query(RESULTS, [dins]));
    const r = await t.owner.query(`SELECT chain, seq, at, id FROM audit_entries WHERE chain = ANY ($1) AND action = 'unit_results.insert' ORDER BY id`, [dins]);
    expect(r.rows.map((e) => [e.chain, e.seq])).toEqual(dins.flatMap((d) => [[d, 2], [d, 3], [d, 4]]));
    expect(new Set(r.rows.map((e) => e.at.getTime())).size).toBe(1);
    const heads = await t.owner.query(`SELECT h.chain, h.last_seq, h.last_hash = e.hash AS same FROM audit_chain_heads h JOIN audit_entries e ON e.chain = h.chain AND e.seq = h.last_seq WHERE h.chain = ANY ($1)`, [dins]);
    expect(heads.rows.every((h) => h.last_seq === 4 && h.same)).toBe(true);
  });

  it('the chain heads are updated in place: heads made in one statement take the next appends on their own pages (fillfactor 25, migration ChainHeadsFillfactor)', async () => {
    // 200 chains made by one multi-row INSERT fill whole pages of heads; at the default fillfactor of 100
    // most of the next updates then find no room on their page and write their new version on another
    // page (and a new primary-key entry). A version on its own page is a heap-only (HOT) update: the
    // head's columns are not indexed.
    const dins = Array.from({ length: 200 }, nextDin);
    await asSystem((c) => c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) SELECT d, k, $3, 'public' FROM unnest($1::text[], $2::text[]) AS u(d, k)`,
      [dins, dins.map(mod37_2), donorId]));
    const pages = async () => new Map((await t.owner.query(`SELECT chain, (ctid::text::point)[0]::int AS page FROM audit_chain_heads WHERE chain = ANY ($1)`, [dins]))
      .rows.map((r) => [r.chain, `${r.page}`]));
    const before = await pages();
    // two head updates of each chain in one transaction: the receipt (seq 2) and the three results (seq 3–5, one statement)
    await asSystem(async (c) => {
      await c.query(RECEIVE, [dins]);
      await c.query(RESULTS, [dins]);
    });
    const heads = await t.owner.query(`SELECT count(*)::int AS n FROM audit_chain_heads WHERE chain = ANY ($1) AND last_seq = 5`, [dins]);
    expect(heads.rows[0].n).toBe(200);
    const after = await pages();
    const moved = dins.filter((d) => before.get(d) !== after.get(d));
    expect(moved).toEqual([]);
  });

  it('21 CFR 11.10(e) audit trail: a multi-row change that carries no actor is refused, and nothing of it is written', async () => {
    const dins = await units(3);
    await expect(asSystem((c) => c.query(RECEIVE, [dins]), null)).rejects.toMatchObject({ code: 'CB401', message: expect.stringMatching(/carries no actor/) });
    const r = await t.owner.query(`SELECT count(*)::int AS n FROM cord_blood_units WHERE din = ANY ($1) AND status = 'received'`, [dins]);
    expect(r.rows[0].n).toBe(0);
    // a statement that changes nothing audited needs no actor, as before (no entry to attribute)
    await expect(asSystem((c) => c.query(`UPDATE cord_blood_units SET status = status WHERE false`), null)).resolves.toBeDefined();
  });

  it('21 CFR 11.10(e) audit trail: the DIN of a unit record can not be changed by a multi-row statement either', async () => {
    const dins = await units(2);
    await expect(asSystem((c) => c.query(`UPDATE cord_blood_units SET din = overlay(din placing '9' from 8 for 1), din_check = '0' WHERE din = ANY ($1)`, [dins])))
      .rejects.toMatchObject({ code: 'CB409', message: expect.stringMatching(/DIN of a unit record can not be changed/) });
  });

  it('21 CFR 11.10(e) audit trail: two concurrent multi-row statements over overlapping units neither fork a chain nor deadlock (one waits)', async () => {
    const dins = await units(12);
    // A holds the heads of units 0–7; B (units 11 down to 4, the reverse order) waits for A at the first shared head
    const ca = await t.appRolePool.connect();
    const cb = await t.owner.connect();
    const actor = `SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', $1, true)`;
    try {
      await ca.query('BEGIN');
      await ca.query(actor, ['statement-a']);
      await ca.query(RESULTS, [dins.slice(0, 8)]);
      await cb.query('BEGIN');
      await cb.query(actor, ['statement-b']);
      const pidB = (await cb.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
      const b = cb.query(RESULTS, [dins.slice(4).reverse()]);
      let waiting = false;
      for (let i = 0; i < 100 && !waiting; i++) {
        await new Promise((r) => setTimeout(r, 50));
        waiting = (await t.owner.query(`SELECT wait_event_type = 'Lock' AS w FROM pg_stat_activity WHERE pid = $1`, [pidB])).rows[0]?.w === true;
      }
      expect(waiting).toBe(true);
      await ca.query('COMMIT');
      await b;
      await cb.query('COMMIT');
    } finally {
      ca.release();
      cb.release();
    }
    for (const [i, din] of dins.entries()) {
      const e = await t.owner.query(`SELECT seq, actor_id FROM audit_entries WHERE chain = $1 ORDER BY seq`, [din]);
      const expected = ['audit-engine-test', ...(i < 8 ? ['statement-a', 'statement-a', 'statement-a'] : []), ...(i >= 4 ? ['statement-b', 'statement-b', 'statement-b'] : [])];
      expect(e.rows.map((x) => x.actor_id)).toEqual(expected);
      expect(e.rows.map((x) => x.seq)).toEqual(expected.map((_, k) => k + 1));
    }

    // and free-running: pairs of opposite-order statements over the same 40 units, none a deadlock (40P01)
    const many = await units(40);
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        asSystem((c) => c.query(RESULTS, [many])),
        asSystem((c) => c.query(RESULTS, [[...many].reverse()])),
      ]);
    }
    const counts = await t.owner.query(`SELECT min(last_seq) AS lo, max(last_seq) AS hi FROM audit_chain_heads WHERE chain = ANY ($1)`, [many]);
    expect(counts.rows[0]).toEqual({ lo: 1 + 5 * 2 * 3, hi: 1 + 5 * 2 * 3 });
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
  });
});

/** A chain with every id, DIN, donor number, storage position label and hash replaced by its rank of first appearance (they differ by nature between the groups). */
async function normalised(chain: string) {
  const r = await t.owner.query(
    `SELECT seq, action, actor_type, actor_id, actor_name, reason, request_id, signature, donor_id, din, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq`,
    [chain],
  );
  const seen = new Map<string, string>();
  const text = JSON.stringify(r.rows).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|W\d{12}|eng\d+-\d+|[0-9a-f]{64}|[A-Z0-9]+-R\d+-B\d+-[A-Z]\d+|"din_check":"."/g, (m) => {
    if (m.startsWith('"din_check"')) return '"din_check":"<check>"';
    if (!seen.has(m)) seen.set(m, `<${seen.size}>`);
    return seen.get(m)!;
  });
  return JSON.parse(text) as { seq: number; action: string; after: Record<string, unknown> | null }[];
}

/**
 * The set-based donor chain (migration DonorAuditSet): donors, consents, screenings and IDM tests
 * written as one multi-row statement per table append, entry for entry, what one statement per row and
 * the former per-row trigger (audit_donor_row) append, on the donor's chain and on each of its units'
 * chains; and a multi-row collection INSERT appends the donor records one collection INSERT each did.
 */
describe('the set-based donor audit', () => {
  type How = 'statement' | 'per row' | 'row trigger';
  const DONOR_TABLES: [string, string][] = [['donors', 'id'], ['consents', 'donor_id'], ['screenings', 'donor_id'], ['idm_tests', 'donor_id']];
  let group = 0;

  /** Runs each step's SQL once over all rows (`statement`), once per row, or with audit_donor_row swapped back in (owner). */
  async function donorChanges(how: How, n: number): Promise<{ donors: string[]; dins: string[][] }> {
    const tag = `eng${++group}`;
    const ks = Array.from({ length: n }, (_, i) => i + 1);
    const run = async (c: PoolClient, sql: string, params: (k: number[]) => unknown[]) => {
      if (how === 'per row') for (const k of ks) await c.query(sql, params([k]));
      else await c.query(sql, params(ks));
    };
    const inTx = async (fn: (c: PoolClient) => Promise<void>) => {
      if (how !== 'row trigger') return asSystem(fn);
      const c = await t.owner.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'audit-engine-test', true), set_config('app.actor_name', 'Audit engine test', true),
                              set_config('app.reason', 'bulk correction', true), set_config('app.request_id', 'req-engine', true)`);
        for (const [tbl, col] of DONOR_TABLES) {
          await c.query(`ALTER TABLE ${tbl} DISABLE TRIGGER ${tbl}_audit_insert`);
          await c.query(`ALTER TABLE ${tbl} DISABLE TRIGGER ${tbl}_audit_update`);
          await c.query(`CREATE TRIGGER zz_row_audit AFTER INSERT OR UPDATE ON ${tbl} FOR EACH ROW EXECUTE FUNCTION audit_donor_row('${col}')`);
        }
        await fn(c);
        for (const [tbl] of DONOR_TABLES) {
          await c.query(`DROP TRIGGER zz_row_audit ON ${tbl}`);
          await c.query(`ALTER TABLE ${tbl} ENABLE TRIGGER ${tbl}_audit_insert`);
          await c.query(`ALTER TABLE ${tbl} ENABLE TRIGGER ${tbl}_audit_update`);
        }
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      } finally {
        c.release();
      }
    };
    const number = (k: number[]) => k.map((x) => `${tag}-${x}`);
    const DONOR = `(SELECT d.id FROM donors d WHERE d.donor_number = '${tag}-' || k)`;
    await inTx((c) => run(c, `INSERT INTO donors (donor_number, first_name, last_name, date_of_birth, banking_type)
      SELECT n, 'Donor', 'Number ' || k, '1990-01-01'::date + k, 'public' FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS u(n, k, o) ORDER BY o`, (k) => [number(k), k]));
    const donors = (await t.owner.query(`SELECT id FROM donors WHERE donor_number = ANY ($1) ORDER BY date_of_birth`, [number(ks)])).rows.map((r) => r.id as string);
    // two units per donor (the same way for every group), so every donor-table change also lands on two unit chains
    const dins = donors.map(() => [nextDin(), nextDin()]);
    for (const [i, d] of donors.entries()) {
      for (const din of dins[i]) await asSystem((c) => c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ($1, $2, $3, 'public')`, [din, mod37_2(din), d]));
    }
    await inTx(async (c) => {
      await run(c, `INSERT INTO consents (donor_id, type, form_version, signed_at)
        SELECT ${DONOR}, ty, 'v' || k, '2026-11-01T10:00:00Z'::timestamptz + k * interval '1 hour' + j * interval '1 minute' FROM unnest($1::int[]) WITH ORDINALITY AS u(k, o)
         CROSS JOIN unnest(ARRAY['public_donation', 'research']) WITH ORDINALITY AS t(ty, j) ORDER BY o, j`, (k) => [k]);
      await run(c, `INSERT INTO screenings (donor_id, version, completed_at) SELECT ${DONOR}, 'q1', '2026-11-02T10:00:00Z'::timestamptz + k * interval '1 hour'
        FROM unnest($1::int[]) WITH ORDINALITY AS u(k, o) ORDER BY o`, (k) => [k]);
      await run(c, `INSERT INTO idm_tests (donor_id, marker, result, sample_drawn_at, test_kit, method, lab, lab_clia_number, transfused_before_sample)
        SELECT ${DONOR}, m, 'negative', '2026-11-03T10:00:00Z'::timestamptz + k * interval '1 hour', 'Kit', 'NAT', 'Lab', '05D0000000', false
          FROM unnest($1::int[]) WITH ORDINALITY AS u(k, o) CROSS JOIN unnest(ARRAY['HIV-1', 'HBsAg']) WITH ORDINALITY AS t(m, j) ORDER BY o, j`, (k) => [k]);
      // a change (an entry, `id` added to after) and a touch of updated_at alone (no entry)
      await run(c, `UPDATE donors SET phone = '+1 555 0' || u.k, updated_at = now() FROM unnest($1::text[], $2::int[]) AS u(n, k) WHERE donor_number = u.n`, (k) => [number(k), k]);
      await run(c, `UPDATE donors SET updated_at = now() WHERE donor_number = ANY ($1)`, (k) => [number(k)]);
      // one row per donor (the order of two rows of one donor in an UPDATE is the scan's, not the trigger's)
      await run(c, `UPDATE idm_tests SET tested_at = sample_drawn_at + interval '1 day' WHERE marker = 'HIV-1' AND donor_id IN (SELECT id FROM donors WHERE donor_number = ANY ($1))`, (k) => [number(k)]);
    });
    return { donors, dins };
  }

  it('21 CFR 11.10(e) audit trail: donor-table statements over N donors write the same donor and unit chains as N statements and as the row-by-row trigger, and they verify', async () => {
    const n = 6;
    const a = await donorChanges('statement', n);
    const b = await donorChanges('per row', n);
    const c = await donorChanges('row trigger', n);
    for (let i = 0; i < n; i++) {
      const [da, db, dc] = [await normalised(`donor:${a.donors[i]}`), await normalised(`donor:${b.donors[i]}`), await normalised(`donor:${c.donors[i]}`)];
      expect(da.map((e) => [e.seq, e.action])).toEqual([
        [1, 'donors.insert'], [2, 'consents.insert'], [3, 'consents.insert'], [4, 'screenings.insert'], [5, 'idm_tests.insert'], [6, 'idm_tests.insert'],
        [7, 'donors.update'], [8, 'idm_tests.update'],
      ]);
      expect(da[6].after).toMatchObject({ phone: `+1 555 0${i + 1}` });
      expect(db).toEqual(da);
      expect(dc).toEqual(da);
      for (const j of [0, 1]) {
        const [ua, ub, uc] = [await normalised(a.dins[i][j]), await normalised(b.dins[i][j]), await normalised(c.dins[i][j])];
        // the unit's insert, then every donor-record change made after it (not the donor's own insert, made before the unit)
        expect(ua.map((e) => e.action)).toEqual(['cord_blood_units.insert', ...da.slice(1).map((e) => e.action)]);
        expect(ub).toEqual(ua);
        expect(uc).toEqual(ua);
      }
    }
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
  });

  it('21 CFR 11.10(e) audit trail: a multi-row collection INSERT appends the donor records each collection would have alone, after its own entry', async () => {
    const n = 4;
    const a = await donorChanges('per row', n);
    const b = await donorChanges('per row', n);
    const COLLECT = `INSERT INTO collections (din, donor_id, hospital, collected_by, birth_at, collected_at, delivery_type, gestational_age_weeks, method)
      SELECT u.din, u.donor_id, 'Hospital', 'Midwife', '2026-11-04T10:00:00Z'::timestamptz, '2026-11-04T10:10:00Z'::timestamptz, 'vaginal', 39, 'ex_utero'
        FROM unnest($1::text[]) WITH ORDINALITY AS x(din, o) JOIN cord_blood_units u ON u.din = x.din ORDER BY o`;
    const first = (g: { dins: string[][] }) => g.dins.map((d) => d[0]);
    await asSystem((c) => c.query(COLLECT, [first(a)]));
    await asSystem(async (c) => {
      for (const din of first(b)) await c.query(COLLECT, [[din]]);
    });
    for (let i = 0; i < n; i++) {
      const [ua, ub] = [await normalised(a.dins[i][0]), await normalised(b.dins[i][0])];
      expect(ua.slice(-2).map((e) => e.action)).toEqual(['collections.insert', 'unit.donor_records']);
      const records = ua[ua.length - 1].after as { consents: unknown[]; idmTests: { source: { seq: number } }[]; screening: unknown };
      expect(records.consents).toHaveLength(2);
      expect(records.screening).not.toBeNull();
      // each IDM test names its latest entry on the donor's chain: HBsAg its insert (6), HIV-1 its update (8)
      expect(records.idmTests.map((x) => x.source.seq)).toEqual([6, 8]);
      expect(ub).toEqual(ua);
    }
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
  });

  it('21 CFR 11.10(e) audit trail: a multi-row donor-table change that carries no actor is refused, and nothing of it is written', async () => {
    await expect(asSystem((c) => c.query(`INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) SELECT 'No', 'Actor ' || k, '1990-01-01', 'public' FROM generate_series(1, 3) k`), null))
      .rejects.toMatchObject({ code: 'CB401', message: expect.stringMatching(/carries no actor/) });
    const r = await t.owner.query(`SELECT count(*)::int AS n FROM donors WHERE first_name = 'No' AND last_name LIKE 'Actor %'`);
    expect(r.rows[0].n).toBe(0);
  });
});

/**
 * Placement per statement (migration PlacementAuditSet): units placed or moved into a freezer with an
 * open excursion by one multi-row UPDATE get, on each unit's chain, the entries one UPDATE per unit gave:
 * the unit's change (its position included), then its excursion record; a move within the freezer records
 * the excursion once.
 */
describe('the set-based placement audit', () => {
  it('21 CFR 11.10(e) audit trail: units placed and moved by one statement in a freezer under an open excursion have the chains one statement per unit gives (change, then the excursion)', async () => {
    const n = 5;
    const freezer = (await createFreezer(t)).id;
    await asSystem(async (c) => {
      const ex = await c.query(`INSERT INTO freezer_excursions (freezer_id, started_at, limit_c) VALUES ($1, now() - interval '1 hour', -150) RETURNING id`, [freezer]);
      await c.query(`UPDATE freezers SET open_excursion_id = $2, updated_at = now() WHERE id = $1`, [freezer, ex.rows[0].id]);
    });
    const positions = (await t.owner.query(`SELECT id FROM storage_positions WHERE freezer_id = $1 ORDER BY label`, [freezer])).rows.map((r) => r.id as string);
    const groups = [await processedUnits(t, n), await processedUnits(t, n)];
    for (const dins of groups) await asSystem((c) => c.query(`UPDATE cord_blood_units SET status = 'quarantine' WHERE din = ANY ($1)`, [dins]));
    const PLACE = `UPDATE cord_blood_units u SET position_id = x.p, stored_at = '2026-11-30T10:00:00Z', updated_at = now()
      FROM unnest($1::text[], $2::uuid[]) AS x(d, p) WHERE u.din = x.d`;
    const [a, b] = groups;
    // a: one statement for all (placed, then moved one position on); b: one statement per unit
    await asSystem((c) => c.query(PLACE, [a, positions.slice(0, n)]));
    await asSystem((c) => c.query(PLACE, [a, positions.slice(2 * n, 3 * n)]));
    await asSystem(async (c) => {
      for (let i = 0; i < n; i++) await c.query(PLACE, [[b[i]], [positions[n + i]]]);
      for (let i = 0; i < n; i++) await c.query(PLACE, [[b[i]], [positions[3 * n + i]]]);
    });
    for (let i = 0; i < n; i++) {
      // the placement's entries (the fixture's earlier ones carry its clock); recorded_at is the excursion row's now()
      const placement = async (din: string) => (await normalised(din)).slice(-3).map((e) => (e.after && 'recorded_at' in e.after ? { ...e, after: { ...e.after, recorded_at: '<now>' } } : e));
      const [ca, cb] = [await placement(a[i]), await placement(b[i])];
      expect(ca.map((e) => [e.seq, e.action])).toEqual([[5, 'cord_blood_units.update'], [6, 'unit_excursions.insert'], [7, 'cord_blood_units.update']]);
      expect(Object.keys(ca[0].after ?? {})).toEqual(expect.arrayContaining(['position_id', 'stored_at']));
      expect(cb).toEqual(ca);
    }
    const recorded = await t.owner.query(`SELECT count(*)::int AS n FROM unit_excursions WHERE din = ANY ($1)`, [[...a, ...b]]);
    expect(recorded.rows[0].n).toBe(2 * n);
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
  });
});
