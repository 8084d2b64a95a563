import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import { mod37_2 } from '../src/common/din';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { databaseBefore, runEach } from './setup/migrated-before';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * Migration AuditUnitUpdateDiff: a unit UPDATE's audit entry is diffed column by column
 * (`audit_unit_update_statement`, built from the catalog) instead of from two JSON images. The same
 * statements, run on a database migrated up to the migration before it and on the current one, must
 * write the same entries, value for value, for every column type of the unit row; and a column the
 * function was not built for must still be recorded.
 */
let t: TestApp;
let before: Awaited<ReturnType<typeof databaseBefore>>;

beforeAll(async () => {
  t = await startTestApp();
  before = await databaseBefore(t.databaseUrl, 1763763000000); // AuditUnitUpdateDiff
}, 120_000);
afterAll(async () => {
  await before?.drop();
  await t.close();
});

const DONOR = '0b7d3c1e-0000-4000-8000-00000000d001';
const DONOR2 = '0b7d3c1e-0000-4000-8000-00000000d002';
// the column-wise diff runs for statements of four rows or more (fewer take the JSON images), so
// every statement but the one-row ones touches four or more of these six
const DINS = ['W123426910001', 'W123426910002', 'W123426910003', 'W123426910004', 'W123426910005', 'W123426910006'];
const [A, B, C] = DINS;
const all = `din IN (${DINS.map((d) => `'${d}'`).join(', ')})`;
const rest = `din IN (${DINS.slice(1).map((d) => `'${d}'`).join(', ')})`;

/** Each statement its own transaction with an actor, as the service runs them. */
const STATEMENTS: string[] = [
  `INSERT INTO donors (id, first_name, last_name, date_of_birth, banking_type) VALUES ('${DONOR}', 'Ada', 'One', '1990-01-01', 'public')`,
  `INSERT INTO donors (id, first_name, last_name, date_of_birth, banking_type) VALUES ('${DONOR2}', 'Bea', 'Two', '1991-02-02', 'public')`,
  ...DINS.map((d) => `INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ('${d}', '${mod37_2(d)}', '${DONOR}', 'public')`),
  // one row, many types from null: text, timestamptz, numeric with and without scale, jsonb, text[], integer, boolean
  `UPDATE cord_blood_units SET custodian = 'Courier', custodian_since = '2026-11-01T10:00:00.123456Z', volume_ml = 80.5, tnc_count = 1.20e9, cd34_count = 3000000,
          viability_pct = 97.25, hla = '{"A": ["01:01", "02:01"], "B": ["07:02"], "DRB1": ["15:01"]}', hla_resolution = 'high',
          receipt_flags = '{"late", "warm"}', (product_code, product_code_version) = (SELECT code, version FROM product_codes ORDER BY version, code LIMIT 1), receipt_container_intact = true,
          abo = 'O', rh = 'positive', updated_at = now() WHERE ${all}`,
  // a change of updated_at alone: no entry; the same values written again: no entry (several rows, and one)
  `UPDATE cord_blood_units SET updated_at = now() WHERE ${all}`,
  `UPDATE cord_blood_units SET volume_ml = 80.50, tnc_count = 1200000000.0, hla = '{"DRB1": ["15:01"], "B": ["07:02"], "A": ["01:01", "02:01"]}', updated_at = now() WHERE ${all}`,
  `UPDATE cord_blood_units SET volume_ml = 80.50, updated_at = now() WHERE din = '${A}'`,
  // values to null, a uuid, a boolean to false, an array element, a jsonb value inside, a char-free text to ''
  `UPDATE cord_blood_units SET custodian = NULL, product_code = NULL, product_code_version = NULL, donor_id = '${DONOR2}', receipt_container_intact = false,
          receipt_flags = '{"late"}', hla = jsonb_set(hla, '{A,1}', '"03:01"'), receipt_notes = '', updated_at = now() WHERE ${all}`,
  // one row alone (the JSON images) and the rest together (column by column): the same kind of change
  `UPDATE cord_blood_units SET cfu_count = 12.5, hla_method = 'NGS', updated_at = now() WHERE din = '${A}'`,
  `UPDATE cord_blood_units SET cfu_count = 12.5, hla_method = 'NGS', updated_at = now() WHERE ${rest}`,
  // several rows in one statement, each with its own change, one with none
  `UPDATE cord_blood_units SET custodian = CASE din WHEN '${A}' THEN 'Lab' WHEN '${B}' THEN 'Vault' ELSE custodian END,
          processing_method = CASE WHEN din = '${B}' THEN 'Sepax' ELSE processing_method END, updated_at = now() WHERE ${all}`,
  // a status change through the guards, with the fields it carries
  `UPDATE cord_blood_units SET status = 'received', received_at = '2026-11-02T08:00:00Z', receipt_temperature_ok = true, updated_at = now() WHERE ${rest}`,
  // text with quotes and unicode, a timestamp to another zone's rendering of the same instant (no change)
  `UPDATE cord_blood_units SET receipt_notes = CASE WHEN din = '${A}' THEN 'bag "B" — 2°C' ELSE receipt_notes END, custodian_since = '2026-11-01T11:00:00.123456+01:00',
          updated_at = now() WHERE ${all}`,
];

const runAll = (pool: Pool, statements: string[], actor: string) =>
  runEach(pool, statements.map((sql) => [sql, { 'app.actor_type': 'system', 'app.actor_id': actor, 'app.reason': 'equivalence' }]));

/** The unit chains' entries, but for what differs by nature (at, hashes, the clock's own timestamps). */
async function entries(pool: Pool, actor: string): Promise<{ chain: string; seq: number; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]> {
  const r = await pool.query(`SELECT chain, seq, din, donor_id, action, actor_type, actor_id, reason, before, after
                                FROM audit_entries WHERE actor_id = $1 AND chain = ANY ($2) ORDER BY chain, seq`, [actor, DINS]);
  return r.rows.map((e) => JSON.parse(JSON.stringify(e).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00/g, (s) => (s.startsWith('2026-11-') ? s : '<now>'))));
}

describe('a unit UPDATE diffed column by column (migration AuditUnitUpdateDiff)', () => {
  it('21 CFR 11.10(e) audit trail: the column-wise diff of a unit UPDATE writes the entries the JSON images wrote, value for value, for every column type', async () => {
    await runAll(before.pool, STATEMENTS, 'unit-diff-test');
    await runAll(t.owner, STATEMENTS, 'unit-diff-test');
    const [was, now] = [await entries(before.pool, 'unit-diff-test'), await entries(t.owner, 'unit-diff-test')];
    expect(now).toEqual(was);
    const updates = now.filter((e) => e.action === 'cord_blood_units.update');
    const ofA = updates.filter((e) => e.chain === A);
    // A: typed, to null, cfu alone, its share of the several-row statement, the notes; the others:
    // typed, to null, cfu, B its own change, the status (C and the rest have none in the several-row one)
    expect(ofA).toHaveLength(5);
    expect(updates.filter((e) => e.chain === B)).toHaveLength(5);
    expect(updates.filter((e) => e.chain === C)).toHaveLength(4);
    expect(updates).toHaveLength(5 + 5 + 4 * 4);
    expect(ofA[0].after).toMatchObject({ custodian: 'Courier', volume_ml: 80.5, receipt_flags: ['late', 'warm'], receipt_container_intact: true });
    expect(typeof ofA[0].after!.product_code_version).toBe('number');
    expect(ofA[0].before).toMatchObject({ custodian: null, volume_ml: null, hla: null });
    expect(Object.keys(ofA[0].after!)).not.toContain('updated_at');
    expect(ofA[1].after).toMatchObject({ custodian: null, donor_id: DONOR2, receipt_container_intact: false, receipt_notes: '' });
    expect(ofA[2].after).toEqual({ cfu_count: 12.5, hla_method: 'NGS' });
    expect(updates.find((e) => e.chain === C && e.after?.cfu_count)!.after).toEqual({ cfu_count: 12.5, hla_method: 'NGS' });
    expect(ofA[4].after).toEqual({ receipt_notes: 'bag "B" — 2°C' });
    expect(updates.find((e) => e.chain === B && e.after?.status)!.after).toMatchObject({ status: 'received', receipt_temperature_ok: true });
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
  });

  it('21 CFR 11.10(e) audit trail: the diff was built for every column the unit table has now (a migration that changes its columns calls audit_unit_update_statement_build)', async () => {
    const r = await t.owner.query<{ built: string; now: string }>(
      `SELECT obj_description('audit_unit_update_statement()'::regprocedure, 'pg_proc') AS built,
              'columns: ' || (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'cord_blood_units'::regclass AND attnum > 0 AND NOT attisdropped) AS now`,
    );
    expect(r.rows[0].built).toBe(r.rows[0].now);
  });

  it('21 CFR 11.10(e) audit trail: a column added without rebuilding the diff is still recorded (the JSON images), and recorded column-wise once rebuilt', async () => {
    const c = await t.owner.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'unit-diff-added', true)`);
      // four units, so that both statements would take the column-wise diff
      const mine = ['W123426910011', 'W123426910012', 'W123426910013', 'W123426910014'];
      await c.query(`INSERT INTO donors (id, first_name, last_name, date_of_birth, banking_type) VALUES ('0b7d3c1e-0000-4000-8000-00000000d011', 'Cy', 'Three', '1992-03-03', 'public')`);
      for (const d of mine) {
        await c.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ('${d}', '${mod37_2(d)}', '0b7d3c1e-0000-4000-8000-00000000d011', 'public')`);
      }
      await c.query(`ALTER TABLE cord_blood_units ADD COLUMN audit_probe text`);
      await c.query(`UPDATE cord_blood_units SET audit_probe = 'stale', custodian = 'P1', updated_at = now() WHERE din = ANY ($1)`, [mine]);
      await c.query(`SELECT audit_unit_update_statement_build()`);
      await c.query(`UPDATE cord_blood_units SET audit_probe = 'rebuilt', custodian = 'P2', updated_at = now() WHERE din = ANY ($1)`, [mine]);
      const r = await c.query(`SELECT chain, before, after FROM audit_entries WHERE actor_id = 'unit-diff-added' AND action = 'cord_blood_units.update' ORDER BY chain, id`);
      expect(r.rows).toEqual(mine.flatMap((d) => [
        { chain: d, before: { audit_probe: null, custodian: null }, after: { audit_probe: 'stale', custodian: 'P1' } },
        { chain: d, before: { audit_probe: 'stale', custodian: 'P1' }, after: { audit_probe: 'rebuilt', custodian: 'P2' } },
      ]));
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });
});
