import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit placed or moved is audited per statement too (issue 19 "Bulk import"; 21 CFR 11.10(e)).
 *
 * AuditEngine left the unit rows whose position changes to a per-row trigger (`cord_blood_units_audit_placed`
 * / `_moved`, `audit_unit_row`) because `cord_blood_units_storage`, an AFTER ROW trigger, could insert the
 * unit into its freezer's open excursion, and that entry (`unit_excursions.insert`, on the unit's chain) must
 * follow the unit's own. The import places 5,000 units a statement through it: one PL/pgSQL append per row.
 *
 * Now the excursion record is written by a statement trigger that fires after the unit's audit
 * (`cord_blood_units_excursions_insert` / `_update`: statement triggers of one event fire in name order, after
 * every row trigger), for all the statement's placed or moved units in row order, so each unit's chain still
 * reads: its change (position included), then its excursion record — the same entries as before. The freezer
 * is still read FOR SHARE by the row trigger (out of service, status checks and the counters unchanged), so
 * its open excursion can not change between that row and the statement's end. The unit audit statement
 * triggers no longer leave position changes to a row trigger, and the two per-row triggers are dropped.
 */
export class PlacementAuditSet1763762250000 implements MigrationInterface {
  name = 'PlacementAuditSet1763762250000';

  async up(q: QueryRunner): Promise<void> {
    // the row trigger as migration Storage wrote it, without the excursion insert (moved to the statement trigger below)
    await q.query(`
      CREATE OR REPLACE FUNCTION storage_unit_position_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
        v_new uuid := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.position_id END;
        v_old_box uuid;
        v_new_box uuid;
        v_old_freezer uuid;
        v_new_freezer uuid;
        v_label text;
        v_freezer record;
      BEGIN
        IF v_old IS NOT DISTINCT FROM v_new THEN
          RETURN NULL;
        END IF;
        IF v_new IS NOT NULL THEN
          SELECT p.box_id, p.label INTO v_new_box, v_label FROM storage_positions p WHERE p.id = v_new;
          -- FOR SHARE: waits for a concurrent change of the freezer (out of service, an excursion opening)
          SELECT f.id, f.code, f.name, f.in_service, f.open_excursion_id INTO v_freezer
            FROM storage_boxes b JOIN freezers f ON f.id = b.freezer_id WHERE b.id = v_new_box FOR SHARE OF f;
          v_new_freezer := v_freezer.id;
          IF NOT v_freezer.in_service THEN
            RAISE EXCEPTION 'freezer % (%) is out of service: no unit can be placed in it', v_freezer.code, v_freezer.name
              USING ERRCODE = 'CB409';
          END IF;
          IF v_old IS NULL AND NEW.status NOT IN ('quarantine', 'available', 'on_hold') THEN
            RAISE EXCEPTION 'unit % is %: only a unit in quarantine, available or on_hold can be stored', NEW.din, NEW.status
              USING ERRCODE = 'CB409';
          END IF;
          -- an open excursion of the freezer: recorded by storage_unit_excursions_statement, after the unit's audit entry
        END IF;
        IF v_old IS NOT NULL THEN
          SELECT p.box_id, b.freezer_id INTO v_old_box, v_old_freezer
            FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id WHERE p.id = v_old;
        END IF;
        IF v_old_box IS DISTINCT FROM v_new_box THEN
          UPDATE storage_boxes SET used_count = used_count + CASE WHEN id = v_new_box THEN 1 ELSE -1 END
           WHERE id IN (v_old_box, v_new_box);
        END IF;
        IF v_old_freezer IS DISTINCT FROM v_new_freezer THEN
          UPDATE freezer_occupancy SET used_count = used_count + CASE WHEN freezer_id = v_new_freezer THEN 1 ELSE -1 END
           WHERE freezer_id IN (v_old_freezer, v_new_freezer);
        END IF;
        RETURN NULL;
      END $$`);

    // every unit of the statement placed or moved into a freezer with an open excursion carries it (in row order)
    await q.query(`
      CREATE FUNCTION storage_unit_excursions_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        -- most statements: no freezer has an open excursion (a small table)
        IF NOT EXISTS (SELECT 1 FROM freezers WHERE open_excursion_id IS NOT NULL) THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO unit_excursions (din, excursion_id, position_label)
          SELECT x.din, f.open_excursion_id, p.label
            FROM (SELECT array_agg(t.din) AS dins, array_agg(t.position_id) AS pos FROM audit_new t) a,
                 unnest(a.dins, a.pos) WITH ORDINALITY AS x(din, position_id, k)
            JOIN storage_positions p ON p.id = x.position_id
            JOIN storage_boxes b ON b.id = p.box_id
            JOIN freezers f ON f.id = b.freezer_id
           WHERE f.open_excursion_id IS NOT NULL
           ORDER BY x.k
          ON CONFLICT (din, excursion_id) DO NOTHING;
        ELSE
          INSERT INTO unit_excursions (din, excursion_id, position_label)
          SELECT x.din, f.open_excursion_id, p.label
            FROM (SELECT array_agg(t.position_id) AS pos FROM audit_old t) o,
                 (SELECT array_agg(t.din) AS dins, array_agg(t.position_id) AS pos FROM audit_new t) a,
                 unnest(o.pos, a.dins, a.pos) WITH ORDINALITY AS x(old_position_id, din, position_id, k)
            JOIN storage_positions p ON p.id = x.position_id
            JOIN storage_boxes b ON b.id = p.box_id
            JOIN freezers f ON f.id = b.freezer_id
           WHERE x.old_position_id IS DISTINCT FROM x.position_id AND f.open_excursion_id IS NOT NULL
           ORDER BY x.k
          ON CONFLICT (din, excursion_id) DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION storage_unit_excursions_statement() FROM PUBLIC`);

    // the unit tables' statement audit: every row now (no column is left to a row trigger), and steps
    // 2-4 of AuditEngine's function are audit_append_set (migration DonorAuditSet), not a copy of it
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_unit_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
      BEGIN
        -- every row's diff, in the statement's row order; old and new rows pair up by position
        IF TG_OP = 'INSERT' THEN
          WITH nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k), array_agg(NULL::jsonb ORDER BY r.k), array_agg(d.after ORDER BY r.k)
            INTO v_dins, v_before, v_after
            FROM nr, unnest(nr.a) WITH ORDINALITY AS r(n, k)
            CROSS JOIN LATERAL audit_row_diff('INSERT', NULL, r.n, '{created_at,updated_at}', NULL) d;
        ELSE
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at,version}') d;
          IF v_din_changed THEN
            RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
          END IF;
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        -- one row (most statements of the service): the row trigger's append, which is cheaper for one
        IF cardinality(v_dins) = 1 THEN
          PERFORM audit_append(v_dins[1], v_dins[1], NULL, v_action, v_before[1], v_after[1]);
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(v_dins, v_dins, array_fill(NULL::uuid, ARRAY[cardinality(v_dins)]), v_action, v_before, v_after);
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER cord_blood_units_audit_placed ON cord_blood_units`);
    await q.query(`DROP TRIGGER cord_blood_units_audit_moved ON cord_blood_units`);
    await q.query(`DROP TRIGGER cord_blood_units_audit_insert ON cord_blood_units`);
    await q.query(`DROP TRIGGER cord_blood_units_audit_update ON cord_blood_units`);
    await q.query(`CREATE TRIGGER cord_blood_units_audit_insert AFTER INSERT ON cord_blood_units REFERENCING NEW TABLE AS audit_new
      FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_audit_update AFTER UPDATE ON cord_blood_units REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
      FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement()`);
    // named to fire after cord_blood_units_audit_insert / _update
    await q.query(`CREATE TRIGGER cord_blood_units_excursions_insert AFTER INSERT ON cord_blood_units REFERENCING NEW TABLE AS audit_new
      FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_excursions_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_excursions_update AFTER UPDATE ON cord_blood_units REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
      FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_excursions_statement()`);
  }

  async down(): Promise<void> {
    throw new Error('PlacementAuditSet1763762250000 is not reverted: restore from a backup instead');
  }
}
