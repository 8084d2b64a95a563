import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time and physical truth (DESIGN.md section 7).
 *
 * - `unit_storage_history`: where each unit was, and from when until when (half-open intervals
 *   `[stored_from, stored_until)`, database clock). Kept by a trigger on every change of a unit's
 *   `position_id` (store, move, retrieve), so no code path can change a position without its
 *   history; the application role can only read it. An excursion concerns the units that were in
 *   the freezer at the time of its readings (21 CFR 1271.260(d)/(e); FACT-NetCord storage), which is
 *   read from here, not from the units there when a (buffered, late) reading arrives.
 *   Backfilled from the custody chain (each `storage` event opens an interval at its time, the next
 *   event of the unit closes it), then from `stored_at` for any stored unit still without one.
 * - Custody events of a unit are in time order (21 CFR 1271.290 tracking): an event earlier than
 *   the unit's last one is refused (SQLSTATE CB422 naming the column, answered 422).
 * - Lab events may be `dismissed` by staff with a reason (who, when, why kept on the row); every
 *   change of a lab event's outcome (parked → applied, → dismissed, replays) is appended to the
 *   hash-chained audit trail on a `lab_event:<id>` chain, in the same transaction. The raw event
 *   stays as received (trigger lab_events_keep_raw) and is never deleted.
 */
export class PhysicalTruth1763760700000 implements MigrationInterface {
  name = 'PhysicalTruth1763760700000';

  async up(q: QueryRunner): Promise<void> {
    // ---- storage history ----------------------------------------------------------------------
    await q.query(`
      CREATE TABLE unit_storage_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        din text NOT NULL REFERENCES cord_blood_units(din),
        position_id uuid NOT NULL REFERENCES storage_positions(id),
        freezer_id uuid NOT NULL REFERENCES freezers(id),
        position_label text NOT NULL,
        stored_from timestamptz NOT NULL,
        stored_until timestamptz,
        CONSTRAINT unit_storage_history_interval CHECK (stored_until IS NULL OR stored_until >= stored_from)
      )`);
    // one open interval per unit (a unit is in one position or none)
    await q.query(`CREATE UNIQUE INDEX unit_storage_history_open_key ON unit_storage_history (din) WHERE stored_until IS NULL`);
    // "which units were in freezer F at time T": intervals of F that started by T
    await q.query(`CREATE INDEX unit_storage_history_freezer_idx ON unit_storage_history (freezer_id, stored_from)`);
    await q.query(`CREATE INDEX unit_storage_history_din_idx ON unit_storage_history (din, stored_from)`);

    await q.query(`
      CREATE FUNCTION storage_history_position_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old uuid := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.position_id END;
      BEGIN
        -- clock_timestamp(), not now(): changes of one unit are serialised by its row lock, so a
        -- transaction that began earlier but got the lock later still records a later time
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
    await q.query(`
      CREATE TRIGGER cord_blood_units_storage_history AFTER INSERT OR UPDATE OF position_id ON cord_blood_units
        FOR EACH ROW EXECUTE FUNCTION storage_history_position_changed()`);

    // Backfill: the custody chain records every store and move (kind 'storage', at the position's
    // label) and the retrieval that ends a stay; the next event of the unit closes each interval.
    await q.query(`
      INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from, stored_until)
      SELECT x.din, p.id, p.freezer_id, p.label, x.handed_over_at,
             CASE WHEN x.next_at IS NOT NULL THEN greatest(x.next_at, x.handed_over_at)
                  WHEN u.position_id IS DISTINCT FROM p.id THEN greatest(u.updated_at, x.handed_over_at) END
        FROM (SELECT din, kind, location, handed_over_at,
                     lead(handed_over_at) OVER (PARTITION BY din ORDER BY seq) AS next_at
                FROM custody_events) x
        JOIN storage_positions p ON p.label = x.location
        JOIN cord_blood_units u ON u.din = x.din
       WHERE x.kind = 'storage'`);
    await q.query(`
      INSERT INTO unit_storage_history (din, position_id, freezer_id, position_label, stored_from)
      SELECT u.din, p.id, p.freezer_id, p.label, coalesce(u.stored_at, u.updated_at)
        FROM cord_blood_units u JOIN storage_positions p ON p.id = u.position_id
       WHERE NOT EXISTS (SELECT 1 FROM unit_storage_history h WHERE h.din = u.din AND h.stored_until IS NULL)`);
    await q.query(`GRANT SELECT ON TABLE unit_storage_history TO cbb_app`);

    // ---- custody in time order ------------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION custody_events_in_time_order() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_last record;
      BEGIN
        SELECT seq, kind, handed_over_at INTO v_last FROM custody_events WHERE din = NEW.din ORDER BY seq DESC LIMIT 1;
        IF FOUND AND NEW.handed_over_at < v_last.handed_over_at THEN
          RAISE EXCEPTION 'a custody event of unit % at % would be earlier than its last one (% at %): custody events are recorded in time order',
            NEW.din, to_char(NEW.handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            v_last.kind, to_char(v_last.handed_over_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            USING ERRCODE = 'CB422', COLUMN = 'handed_over_at', TABLE = 'custody_events';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER custody_events_time_order BEFORE INSERT ON custody_events FOR EACH ROW EXECUTE FUNCTION custody_events_in_time_order()`);

    // ---- lab events: dismissal and their own audit chain ------------------------------------------
    await q.query(`ALTER TABLE lab_events DROP CONSTRAINT lab_events_status_check`);
    await q.query(`
      ALTER TABLE lab_events
        ADD CONSTRAINT lab_events_status_check CHECK (status IN ('applied', 'parked', 'rejected', 'dismissed')),
        ADD COLUMN dismissed_at timestamptz,
        ADD COLUMN dismissed_by text,
        ADD COLUMN dismissed_by_name text,
        ADD COLUMN dismiss_reason text,
        ADD CONSTRAINT lab_events_dismissal CHECK (
          (status = 'dismissed') = (dismissed_at IS NOT NULL)
          AND (dismissed_at IS NULL) = (dismissed_by IS NULL)
          AND (dismissed_at IS NULL) = (dismiss_reason IS NULL)
          AND (dismiss_reason IS NULL OR length(btrim(dismiss_reason)) BETWEEN 1 AND 2000))`);
    await q.query(`
      CREATE FUNCTION audit_lab_event_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb := to_jsonb(OLD);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
          INTO v_before, v_after
          FROM jsonb_each(v_new) n
         WHERE n.value IS DISTINCT FROM v_old -> n.key AND n.key NOT IN ('attempts', 'last_attempt_at');
        IF v_after IS NULL THEN
          RETURN NULL;
        END IF;
        v_after := v_after || jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'type', NEW.type, 'din', NEW.din, 'donor_number', NEW.donor_number);
        PERFORM audit_append('lab_event:' || NEW.id, NULL, NULL,
                             coalesce(nullif(current_setting('app.action', true), ''), 'lab_event.' || NEW.status), v_before, v_after);
        RETURN NULL;
      END $$`);
    // the outcome only: an event's arrival is its raw, immutable row; what happens to it later is audited
    await q.query(`
      CREATE TRIGGER lab_events_audit AFTER UPDATE ON lab_events FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION audit_lab_event_row()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS lab_events_audit ON lab_events`);
    await q.query(`DROP FUNCTION IF EXISTS audit_lab_event_row()`);
    await q.query(`ALTER TABLE lab_events DROP CONSTRAINT lab_events_dismissal, DROP CONSTRAINT lab_events_status_check`);
    await q.query(`ALTER TABLE lab_events DROP COLUMN dismissed_at, DROP COLUMN dismissed_by, DROP COLUMN dismissed_by_name, DROP COLUMN dismiss_reason`);
    await q.query(`ALTER TABLE lab_events ADD CONSTRAINT lab_events_status_check CHECK (status IN ('applied', 'parked', 'rejected'))`);
    await q.query(`DROP TRIGGER IF EXISTS custody_events_time_order ON custody_events`);
    await q.query(`DROP FUNCTION IF EXISTS custody_events_in_time_order()`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage_history ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS storage_history_position_changed()`);
    await q.query(`DROP TABLE IF EXISTS unit_storage_history`);
  }
}
