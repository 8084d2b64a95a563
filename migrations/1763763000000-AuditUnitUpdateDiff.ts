import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit UPDATE's audit diff compares columns, not JSON images (issue 19, the import's six unit
 * UPDATEs a unit, and every lab event). `audit_unit_statement` turned each old and each new unit row
 * into jsonb (47 columns, about 12 µs a row each), then compared the two images key by key in
 * `audit_row_diff` (about 25 µs a row): some 60 µs of a 5,000-unit UPDATE's 130 µs a row, before the
 * append. The diff of a unit row is now written out column by column, `o.c IS DISTINCT FROM n.c`,
 * and only a changed column is turned into JSON (about 10 µs a row, measured in psql on 5,000 units).
 *
 * The entries are the same: `jsonb_build_object('c', v)` and `to_jsonb(row) -> 'c'` convert a value
 * the same way, and jsonb's equality of two images is the type's equality for every column type of
 * the table (test/audit-unit-update.e2e-spec.ts runs the same UPDATEs on a database migrated up to
 * the migration before this one and compares the entries).
 *
 * Old and new rows pair up by position through two arrays (as in `audit_unit_statement`), not by a
 * join: plpgsql keeps the plan of a session's first statement, and a join planned for one row (a
 * nested loop) took quadratic time on the next batch of 500 (bench:ingest, batches 1,810–1,992 →
 * 1,534–1,658 events/s with the join). A statement of fewer than four rows, the service's usual one,
 * takes the JSON images: the column-wise statement costs some 70 µs more for one row and saves about
 * 45 µs a row (psql, 40 statements each way).
 *
 * The function runs with `jit = off`: a first version (the join) was planned above `jit_above_cost`,
 * and PostgreSQL 15 spent about 90 ms compiling its 92 expressions with LLVM on every statement,
 * longer than the statement (auto_explain). Trigger statements of this size never repay a compile.
 *
 * The column list is written into the function when it is built (`audit_unit_update_statement_build`,
 * from the catalog). A migration that adds, drops or renames a column of `cord_blood_units` calls
 * the builder again; one that forgets loses no change: the function checks, once per statement, that
 * the table still has the columns it was built for, and otherwise takes the generic path (the JSON
 * images, as before), and the spec fails on the stale list.
 */
export class AuditUnitUpdateDiff1763763000000 implements MigrationInterface {
  name = 'AuditUnitUpdateDiff1763763000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_unit_update_statement_build() RETURNS void
      LANGUAGE plpgsql SET search_path = public, pg_temp AS $build$
      DECLARE
        v_columns text;
        v_before text;
        v_after text;
        v_aliases text;
        v_din bigint;
      BEGIN
        -- the old row's columns are o1, o2, …, the new row's n1, n2, … (attnum order) in the statement below
        SELECT string_agg(x.attname, ',' ORDER BY x.i),
               string_agg(format('(CASE WHEN o%2$s IS DISTINCT FROM n%2$s THEN jsonb_build_object(%1$L, o%2$s) ELSE ''{}''::jsonb END)', x.attname, x.i), ' || '
                          ORDER BY x.i) FILTER (WHERE x.attname NOT IN ('updated_at', 'version')),
               string_agg(format('(CASE WHEN o%2$s IS DISTINCT FROM n%2$s THEN jsonb_build_object(%1$L, n%2$s) ELSE ''{}''::jsonb END)', x.attname, x.i), ' || '
                          ORDER BY x.i) FILTER (WHERE x.attname NOT IN ('updated_at', 'version')),
               string_agg('o' || x.i, ', ' ORDER BY x.i) || ', ' || string_agg('n' || x.i, ', ' ORDER BY x.i),
               max(x.i) FILTER (WHERE x.attname = 'din')
          INTO v_columns, v_before, v_after, v_aliases, v_din
          FROM (SELECT a.attname, row_number() OVER (ORDER BY a.attnum) AS i
                  FROM pg_attribute a
                 WHERE a.attrelid = 'cord_blood_units'::regclass AND a.attnum > 0 AND NOT a.attisdropped) x;
        EXECUTE format($fn$
      CREATE OR REPLACE FUNCTION audit_unit_update_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $body$
      DECLARE
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_by_column boolean;
        v_action text := audit_action('cord_blood_units.update');
      BEGIN
        -- old and new rows pair up by position, as in audit_unit_statement. A statement of a few rows
        -- (the service's, one unit) takes the JSON images: the column-wise statement costs about
        -- 70 µs more for one row and saves about 45 µs a row (measured in psql)
        SELECT count(*) >= 4 INTO v_by_column FROM audit_new;
        IF v_by_column THEN
          v_by_column := coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
                                    WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped) = %1$L, false);
        END IF;
        IF v_by_column THEN
          -- the columns this function was built for: compared column by column
          -- paired by position through two arrays, not by a join: plpgsql keeps the plan it made for
          -- the first statement of the session, and a join planned for one row (a nested loop) took
          -- quadratic time on a batch of 500
          SELECT array_agg(d.din ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or(d.din_changed)
            INTO v_dins, v_before, v_after, v_din_changed
            FROM (SELECT r.k, r.n%5$s AS din, r.o%5$s IS DISTINCT FROM r.n%5$s AS din_changed,
                         nullif(%2$s, '{}'::jsonb) AS before,
                         nullif(%3$s, '{}'::jsonb) AS after
                    FROM (SELECT array_agg(t::cord_blood_units) AS a FROM audit_old t) o, (SELECT array_agg(t::cord_blood_units) AS a FROM audit_new t) nw,
                         unnest(o.a, nw.a) WITH ORDINALITY AS r(%4$s, k)) d;
        ELSE
          -- a few rows, or the table's columns changed since audit_unit_update_statement_build ran: the JSON images
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at,version}') d;
        END IF;
        IF v_din_changed THEN
          RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        IF cardinality(v_dins) = 1 THEN
          PERFORM audit_append(v_dins[1], v_dins[1], NULL, v_action, v_before[1], v_after[1]);
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(v_dins, v_dins, array_fill(NULL::uuid, ARRAY[cardinality(v_dins)]), v_action, v_before, v_after);
        RETURN NULL;
      END $body$$fn$, v_columns, v_before, v_after, v_aliases, v_din);
        EXECUTE format('COMMENT ON FUNCTION audit_unit_update_statement() IS %L', 'columns: ' || v_columns);
        REVOKE ALL ON FUNCTION audit_unit_update_statement() FROM PUBLIC;
      END $build$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_unit_update_statement_build() FROM PUBLIC`);
    await q.query(`SELECT audit_unit_update_statement_build()`);
    await q.query(`DROP TRIGGER cord_blood_units_audit_update ON cord_blood_units`);
    // the same name: AFTER statement triggers fire in name order, so the entry keeps its place
    await q.query(`CREATE TRIGGER cord_blood_units_audit_update AFTER UPDATE ON cord_blood_units
      REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_update_statement()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER cord_blood_units_audit_update ON cord_blood_units`);
    await q.query(`CREATE TRIGGER cord_blood_units_audit_update AFTER UPDATE ON cord_blood_units
      REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement()`);
    await q.query(`DROP FUNCTION audit_unit_update_statement()`);
    await q.query(`DROP FUNCTION audit_unit_update_statement_build()`);
  }
}
