import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit's storage history (where it was, and when: 21 CFR 1271.290(b)) is kept once per statement,
 * beside the box and freezer counts, not once per row (issue 19, the import's positions step).
 *
 * The row trigger `storage_history_position_changed` (migrations PhysicalTruth, StorageHistoryContiguous)
 * closed the stay a unit left and opened the one it entered for every unit placed: 52–70 µs a unit
 * in a 5,000-unit placement statement (`IMPORT_EXPLAIN=1`), with a subquery and a foreign-key check
 * per row. `storage_unit_positions_statement` reads the statement's moves once from its transition
 * tables (the pairs of old and new rows the counts already read) and then, set-based and in this
 * order: the counts of each box and freezer (as `storage_unit_counts_statement` of StorageCountsSet
 * did), the stays left closed, the stays entered opened. One clock reading per statement closes and
 * opens, so a move's stays still meet to the microsecond; a unit's stays never overlap (the open stay
 * is unique per unit and a new stay starts no earlier than the last one ended, as before).
 *
 * An UPDATE that moves nothing (most of them: a status, a result) pays one look at the pairs, which
 * the counts paid already; the history's row trigger fired only on `UPDATE OF position_id`, but a
 * trigger with transition tables can not name columns, so the look is shared rather than added.
 *
 * `plan_cache_mode = force_generic_plan`: the statements take the moves as array parameters, and
 * PostgreSQL costs an array parameter's generic plan for ten elements, so it never settles on the
 * generic plan and plans each statement again at every call (the donors' statements met the same,
 * src/donors/donors.sql.ts). Measured over 200 single-unit store/retrieve UPDATEs in one transaction
 * (`track_functions`): 715 µs a call replanning, 362 µs generic, against 480 µs for the two functions
 * this replaces (340 µs the counts' function, 140 the history's row trigger). The generic plans are index
 * lookups per move, linear in the statement's moves, as the custom plans of large statements were.
 */
export class StorageHistorySet1763763100000 implements MigrationInterface {
  name = 'StorageHistorySet1763763100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION storage_unit_positions_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan AS $$
      DECLARE
        v_dins text[];
        v_from uuid[];
        v_to uuid[];
        -- clock_timestamp(), not now(): changes of one unit are serialised by its row lock, so a
        -- transaction that began earlier but got the lock later still records a later time; read
        -- once, so the stay left and the stay entered meet exactly
        v_at timestamptz;
      BEGIN
        -- the units that changed position, with where from and where to (null: not stored)
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.din), array_agg(NULL::uuid), array_agg(n.position_id)
            INTO v_dins, v_from, v_to FROM pos_new n WHERE n.position_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(o.din), array_agg(o.position_id), array_agg(NULL::uuid)
            INTO v_dins, v_from, v_to FROM pos_old o WHERE o.position_id IS NOT NULL;
        ELSE
          -- most updates of a unit do not move it: one look at the pairs (the DIN never changes)
          SELECT array_agg(n.din), array_agg(o.position_id), array_agg(n.position_id)
            INTO v_dins, v_from, v_to
            FROM pos_old o JOIN pos_new n ON n.din = o.din
           WHERE o.position_id IS DISTINCT FROM n.position_id;
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        -- each unit that entered a position counts +1 for its box and its freezer, each that left one -1
        WITH moves AS (
          SELECT p.box_id, p.freezer_id, m.delta
            FROM unnest(v_from, v_to) AS x(from_pos, to_pos)
           CROSS JOIN LATERAL (VALUES (x.to_pos, 1), (x.from_pos, -1)) AS m(position_id, delta)
            JOIN storage_positions p ON p.id = m.position_id),
        boxes AS (
          UPDATE storage_boxes b SET used_count = b.used_count + x.delta
            FROM (SELECT box_id, sum(delta)::integer AS delta FROM moves GROUP BY box_id HAVING sum(delta) <> 0) x
           WHERE b.id = x.box_id)
        UPDATE freezer_occupancy f SET used_count = f.used_count + x.delta
          FROM (SELECT freezer_id, sum(delta)::integer AS delta FROM moves GROUP BY freezer_id HAVING sum(delta) <> 0) x
         WHERE f.freezer_id = x.freezer_id;
        -- the history: a deleted unit row (which the history's foreign key refuses) leaves the stays as they are
        IF TG_OP = 'DELETE' THEN
          RETURN NULL;
        END IF;
        v_at := clock_timestamp();
        UPDATE unit_storage_history h SET stored_until = greatest(v_at, h.stored_from)
          FROM unnest(v_dins, v_from) AS m(din, from_pos)
         WHERE m.from_pos IS NOT NULL AND h.din = m.din AND h.stored_until IS NULL;
        INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from)
        SELECT m.din, p.id, p.freezer_id, p.label,
               greatest(v_at, (SELECT max(h.stored_until) FROM unit_storage_history h WHERE h.din = m.din))
          FROM unnest(v_dins, v_to) WITH ORDINALITY AS m(din, to_pos, k) JOIN storage_positions p ON p.id = m.to_pos
         ORDER BY m.k;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION storage_unit_positions_statement() FROM PUBLIC`);
    await q.query(`DROP TRIGGER cord_blood_units_storage_counts_insert ON cord_blood_units`);
    await q.query(`DROP TRIGGER cord_blood_units_storage_counts_update ON cord_blood_units`);
    await q.query(`DROP TRIGGER cord_blood_units_storage_counts_delete ON cord_blood_units`);
    await q.query(`DROP TRIGGER cord_blood_units_storage_history ON cord_blood_units`);
    await q.query(`DROP FUNCTION storage_unit_counts_statement()`);
    await q.query(`DROP FUNCTION storage_history_position_changed()`);
    // named as the counts' triggers were, so they fire where those did among the unit's statement triggers
    await q.query(`CREATE TRIGGER cord_blood_units_storage_positions_insert AFTER INSERT ON cord_blood_units
      REFERENCING NEW TABLE AS pos_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_positions_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_positions_update AFTER UPDATE ON cord_blood_units
      REFERENCING OLD TABLE AS pos_old NEW TABLE AS pos_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_positions_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_positions_delete AFTER DELETE ON cord_blood_units
      REFERENCING OLD TABLE AS pos_old FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_positions_statement()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_positions_insert ON cord_blood_units`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_positions_update ON cord_blood_units`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_positions_delete ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS storage_unit_positions_statement()`);
    // the two functions and their triggers as StorageCountsSet and StorageHistoryContiguous left them
    await q.query(`
      CREATE FUNCTION storage_unit_counts_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_positions uuid[];
        v_deltas integer[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.position_id), array_agg(1) INTO v_positions, v_deltas FROM count_new n WHERE n.position_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(o.position_id), array_agg(-1) INTO v_positions, v_deltas FROM count_old o WHERE o.position_id IS NOT NULL;
        ELSE
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
    await q.query(`
      CREATE FUNCTION storage_history_position_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
        v_at timestamptz := clock_timestamp();
      BEGIN
        IF v_old IS NOT DISTINCT FROM NEW.position_id THEN
          RETURN NULL;
        END IF;
        IF v_old IS NOT NULL THEN
          UPDATE unit_storage_history SET stored_until = greatest(v_at, stored_from) WHERE din = NEW.din AND stored_until IS NULL;
        END IF;
        IF NEW.position_id IS NOT NULL THEN
          INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from)
          SELECT NEW.din, p.id, p.freezer_id, p.label,
                 greatest(v_at, (SELECT max(h.stored_until) FROM unit_storage_history h WHERE h.din = NEW.din))
            FROM storage_positions p WHERE p.id = NEW.position_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION storage_history_position_changed() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_history AFTER INSERT OR UPDATE OF position_id ON cord_blood_units
      FOR EACH ROW EXECUTE FUNCTION storage_history_position_changed()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_counts_insert AFTER INSERT ON cord_blood_units
      REFERENCING NEW TABLE AS count_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_counts_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_counts_update AFTER UPDATE ON cord_blood_units
      REFERENCING OLD TABLE AS count_old NEW TABLE AS count_new FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_counts_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_storage_counts_delete AFTER DELETE ON cord_blood_units
      REFERENCING OLD TABLE AS count_old FOR EACH STATEMENT EXECUTE FUNCTION storage_unit_counts_statement()`);
  }
}
