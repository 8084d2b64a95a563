import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit's storage history is contiguous: when a unit moves, the interval it leaves ends at the very
 * instant the next one starts. The trigger of migration PhysicalTruth read `clock_timestamp()` twice
 * (once to close the old interval, once to open the new one), so the two could differ by a few
 * microseconds: a gap in which, on record, the unit was nowhere. One reading now serves both.
 */
export class StorageHistoryContiguous1763762000000 implements MigrationInterface {
  name = 'StorageHistoryContiguous1763762000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION storage_history_position_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
        -- clock_timestamp(), not now(): changes of one unit are serialised by its row lock, so a
        -- transaction that began earlier but got the lock later still records a later time; read
        -- once, so the interval left and the interval entered meet exactly
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION storage_history_position_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
      BEGIN
        IF v_old IS NOT DISTINCT FROM NEW.position_id THEN
          RETURN NULL;
        END IF;
        IF v_old IS NOT NULL THEN
          UPDATE unit_storage_history SET stored_until = greatest(clock_timestamp(), stored_from) WHERE din = NEW.din AND stored_until IS NULL;
        END IF;
        IF NEW.position_id IS NOT NULL THEN
          INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from)
          SELECT NEW.din, p.id, p.freezer_id, p.label, clock_timestamp() FROM storage_positions p WHERE p.id = NEW.position_id;
        END IF;
        RETURN NULL;
      END $$`);
  }
}
