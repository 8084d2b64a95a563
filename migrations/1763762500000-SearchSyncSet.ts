import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search read model (`unit_search`, migration UnitSearch) is kept per STATEMENT (issue 19): its
 * row trigger upserted one available unit at a time, and under a multi-row UPDATE of units (a lab
 * event batch applied set-based, a look-back's hold, the import's status steps) it was the largest
 * cost of the statement (about 60 % of a 500-unit result UPDATE under EXPLAIN ANALYZE). Now one
 * DELETE and one upsert over the statement's transition tables.
 *
 * Same content as the row trigger left: a unit is in `unit_search` exactly while it is available and
 * not reserved, with the values of `unit_search_source`. The row trigger fired only when a statement
 * named one of the model's columns (`UPDATE OF status, reserved_for, …`); a trigger with transition
 * tables can not have a column list, so this one fires on every UPDATE of units and keeps only the
 * rows where one of those columns changed (an UPDATE that sets them to the same values changed
 * nothing in the model either). Old and new rows pair up by DIN, which the unit can not change.
 */
export class SearchSyncSet1763762500000 implements MigrationInterface {
  name = 'SearchSyncSet1763762500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION unit_search_sync_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_dins text[];
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          -- units that left the model: were available and unreserved, are not any more
          DELETE FROM unit_search s
           USING search_old o JOIN search_new n ON n.din = o.din
           WHERE s.din = n.din AND o.status = 'available' AND NOT (n.status = 'available' AND n.reserved_for IS NULL);
          SELECT array_agg(n.din) INTO v_dins FROM search_old o JOIN search_new n ON n.din = o.din
           WHERE (o.status, o.reserved_for, o.hla, o.tnc_count, o.cd34_count, o.banking_type, o.donor_id)
                 IS DISTINCT FROM (n.status, n.reserved_for, n.hla, n.tnc_count, n.cd34_count, n.banking_type, n.donor_id);
        ELSE
          SELECT array_agg(n.din) INTO v_dins FROM search_new n;
        END IF;
        -- those of the changed units that are in the model now, with their values
        INSERT INTO unit_search
        SELECT v.* FROM unit_search_source v WHERE v.din = ANY (v_dins) ORDER BY v.din
        ON CONFLICT (din) DO UPDATE SET donor_id = EXCLUDED.donor_id, family = EXCLUDED.family, typed = EXCLUDED.typed,
          a_lo = EXCLUDED.a_lo, a_hi = EXCLUDED.a_hi, b_lo = EXCLUDED.b_lo, b_hi = EXCLUDED.b_hi,
          d_lo = EXCLUDED.d_lo, d_hi = EXCLUDED.d_hi, tnc_count = EXCLUDED.tnc_count, cd34_count = EXCLUDED.cd34_count;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION unit_search_sync_statement() FROM PUBLIC`);
    await q.query(`DROP TRIGGER cord_blood_units_search_sync ON cord_blood_units`);
    await q.query(`DROP FUNCTION unit_search_sync()`);
    await q.query(`CREATE TRIGGER cord_blood_units_search_sync_insert AFTER INSERT ON cord_blood_units REFERENCING NEW TABLE AS search_new
      FOR EACH STATEMENT EXECUTE FUNCTION unit_search_sync_statement()`);
    await q.query(`CREATE TRIGGER cord_blood_units_search_sync_update AFTER UPDATE ON cord_blood_units REFERENCING OLD TABLE AS search_old NEW TABLE AS search_new
      FOR EACH STATEMENT EXECUTE FUNCTION unit_search_sync_statement()`);
  }

  async down(): Promise<void> {
    throw new Error('SearchSyncSet1763762500000 is not reverted: restore from a backup instead');
  }
}
