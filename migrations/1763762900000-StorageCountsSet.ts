import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A box's and a freezer's unit counts are kept once per statement, not once per row (issue 19, the
 * import's positions step). The row trigger `storage_unit_position_changed` updated
 * `freezer_occupancy` for every unit placed: a chunk of 5,000 placements in one freezer updated its
 * one row 5,000 times in one transaction, and each update walks the versions the transaction left
 * before it (281 µs a unit at 20,000 units, the largest step of the import).
 *
 * The row trigger keeps its checks (the freezer in service and share-locked, the unit's status);
 * `storage_unit_counts_statement` adds each box's and each freezer's net change of the statement in
 * one UPDATE each, from the statement's transition tables (INSERT, UPDATE and DELETE of units). The
 * counts after a statement are the same; only the moments inside one statement differ.
 */
export class StorageCountsSet1763762900000 implements MigrationInterface {
  name = 'StorageCountsSet1763762900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`      CREATE OR REPLACE FUNCTION storage_unit_position_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
        v_new uuid := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.position_id END;
        v_new_box uuid;
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
        -- the box's and the freezer's counts: storage_unit_counts_statement, once per statement
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION storage_unit_counts_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_positions uuid[];
        v_deltas integer[];
      BEGIN
        -- each unit that entered a position counts +1 for its box and its freezer, each that left one -1
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.position_id), array_agg(1) INTO v_positions, v_deltas FROM count_new n WHERE n.position_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(o.position_id), array_agg(-1) INTO v_positions, v_deltas FROM count_old o WHERE o.position_id IS NOT NULL;
        ELSE
          -- most updates of a unit do not move it: one look at the pairs (the DIN never changes)
          SELECT array_agg(m.position_id), array_agg(m.delta) INTO v_positions, v_deltas
            FROM count_old o JOIN count_new n ON n.din = o.din
            CROSS JOIN LATERAL (VALUES (n.position_id, 1), (o.position_id, -1)) AS m(position_id, delta)
           WHERE o.position_id IS DISTINCT FROM n.position_id AND m.position_id IS NOT NULL;
        END IF;
        IF v_positions IS NULL THEN
          RETURN NULL;
        END IF;
        WITH moves AS (
          SELECT p.box_id, p.freezer_id, m.delta
            FROM unnest(v_positions, v_deltas) AS m(position_id, delta) JOIN storage_positions p ON p.id = m.position_id),
        boxes AS (
          UPDATE storage_boxes b SET used_count = b.used_count + x.delta
            FROM (SELECT box_id, sum(delta)::integer AS delta FROM moves GROUP BY box_id HAVING sum(delta) <> 0) x
           WHERE b.id = x.box_id)
        UPDATE freezer_occupancy f SET used_count = f.used_count + x.delta
          FROM (SELECT freezer_id, sum(delta)::integer AS delta FROM moves GROUP BY freezer_id HAVING sum(delta) <> 0) x
         WHERE f.freezer_id = x.freezer_id;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION storage_unit_counts_statement() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_counts_insert AFTER INSERT ON cord_blood_units
      REFERENCING NEW TABLE AS count_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_counts_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_counts_update AFTER UPDATE ON cord_blood_units
      REFERENCING OLD TABLE AS count_old NEW TABLE AS count_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_counts_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_counts_delete AFTER DELETE ON cord_blood_units
      REFERENCING OLD TABLE AS count_old FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_counts_statement()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_counts_insert ON cord_blood_units`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_counts_update ON cord_blood_units`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_counts_delete ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS storage_unit_counts_statement()`);
    await q.query(`      CREATE OR REPLACE FUNCTION storage_unit_position_changed() RETURNS trigger
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
  }
}
