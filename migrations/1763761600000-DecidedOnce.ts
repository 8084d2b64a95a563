import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions recorded once stay as recorded, whatever path writes the row (review of the change):
 * a supply lot's QC decision, a CAPA action's completion and its effectiveness check, a look-back
 * unit's disposition. The services refused a second decision; now the database does too.
 *
 * `decided_once(marker, col, …)`: once the marker column of the old row is set, neither it nor the
 * listed columns may change (CB409, answered 409 naming the column).
 */
export class DecidedOnce1763761600000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before jsonb := to_jsonb(OLD);
        after jsonb := to_jsonb(NEW);
        col text;
      BEGIN
        IF coalesce(before -> TG_ARGV[0], 'null'::jsonb) = 'null'::jsonb THEN
          RETURN NEW;
        END IF;
        FOREACH col IN ARRAY TG_ARGV LOOP
          IF (before -> col) IS DISTINCT FROM (after -> col) THEN
            RAISE EXCEPTION '%.% is decided once and can not change (it was %)', TG_TABLE_NAME, col, before ->> col
              USING ERRCODE = 'CB409', COLUMN = col;
          END IF;
        END LOOP;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER supply_lots_qc_once BEFORE UPDATE ON supply_lots
      FOR EACH ROW EXECUTE FUNCTION decided_once('qc_decided_at', 'qc_status', 'qc_decided_by', 'qc_decided_by_name', 'qc_note')`);
    await q.query(`CREATE TRIGGER deviation_capa_done_once BEFORE UPDATE ON deviation_capa_actions
      FOR EACH ROW EXECUTE FUNCTION decided_once('done_at')`);
    await q.query(`CREATE TRIGGER deviation_capa_effectiveness_once BEFORE UPDATE ON deviation_capa_actions
      FOR EACH ROW EXECUTE FUNCTION decided_once('effectiveness_checked_at', 'effectiveness', 'effectiveness_note')`);
    await q.query(`CREATE TRIGGER lookback_units_disposition_once BEFORE UPDATE ON lookback_units
      FOR EACH ROW EXECUTE FUNCTION decided_once('disposition', 'disposition_note', 'dispositioned_by', 'dispositioned_by_name')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER lookback_units_disposition_once ON lookback_units`);
    await q.query(`DROP TRIGGER deviation_capa_effectiveness_once ON deviation_capa_actions`);
    await q.query(`DROP TRIGGER deviation_capa_done_once ON deviation_capa_actions`);
    await q.query(`DROP TRIGGER supply_lots_qc_once ON supply_lots`);
    await q.query(`DROP FUNCTION decided_once()`);
  }
}
