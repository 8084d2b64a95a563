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
 * The function runs with \`jit = off\`: the planner puts the column-wise statement of 5,000 rows above
 * \`jit_above_cost\` (it guesses 125,000 joined rows), and PostgreSQL 15 then spent about 90 ms
 * compiling its 92 expressions with LLVM on every statement, longer than the statement itself (EXPLAIN
 * ANALYZE through auto_explain; 5,000-unit UPDATEs 462–599 ms with JIT, 338–449 ms without).
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
      BEGIN
        SELECT string_agg(a.attname, ',' ORDER BY a.attnum),
               string_agg(format('(CASE WHEN o.%1$I IS DISTINCT FROM n.%1$I THEN jsonb_build_object(%1$L, o.%1$I) ELSE ''{}''::jsonb END)', a.attname), ' || '
                          ORDER BY a.attnum) FILTER (WHERE a.attname NOT IN ('updated_at', 'version')),
               string_agg(format('(CASE WHEN o.%1$I IS DISTINCT FROM n.%1$I THEN jsonb_build_object(%1$L, n.%1$I) ELSE ''{}''::jsonb END)', a.attname), ' || '
                          ORDER BY a.attnum) FILTER (WHERE a.attname NOT IN ('updated_at', 'version'))
          INTO v_columns, v_before, v_after
          FROM pg_attribute a
         WHERE a.attrelid = 'cord_blood_units'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        EXECUTE format($fn$
      CREATE OR REPLACE FUNCTION audit_unit_update_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $body$
      DECLARE
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_action text := audit_action('cord_blood_units.update');
      BEGIN
        -- old and new rows pair up by position, as in audit_unit_statement
        IF (SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
             WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped) = %1$L THEN
          -- the columns this function was built for: compared column by column
          SELECT array_agg(d.din ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY d.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or(d.din_changed)
            INTO v_dins, v_before, v_after, v_din_changed
            FROM (SELECT n.k, n.din, o.din IS DISTINCT FROM n.din AS din_changed,
                         nullif(%2$s, '{}'::jsonb) AS before,
                         nullif(%3$s, '{}'::jsonb) AS after
                    FROM (SELECT row_number() OVER () AS k, t.* FROM audit_old t) o
                    JOIN (SELECT row_number() OVER () AS k, t.* FROM audit_new t) n ON n.k = o.k) d;
        ELSE
          -- the table's columns changed since audit_unit_update_statement_build ran: the JSON images
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
      END $body$$fn$, v_columns, v_before, v_after);
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
