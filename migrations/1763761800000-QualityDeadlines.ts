import type { MigrationInterface, QueryRunner } from 'typeorm';

const QUALITY_KINDS = ['capa_overdue', 'deviation_report_due', 'deviation_report_overdue', 'adverse_reaction_report_due', 'adverse_reaction_report_overdue'];
const kindList = QUALITY_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * What is left of issue 15 (DESIGN.md sections 9 and 10):
 *
 * 1. Equipment look-back: `lookbacks.trigger_type` takes `equipment` (the units whose collection or
 *    processing used the equipment in a time window: `unit_equipment.used_at`, indexed for it).
 * 2. Equipment out of service and back (21 CFR 1271.200(a), (c)): QA's reason and time on the
 *    equipment row (audited on `equipment:<id>` by the existing row trigger); a return to service
 *    needs a calibration or maintenance performed and recorded since it went out, and no due date
 *    left in the past (trigger `equipment_service_state_guard`, CB422). While out of service its use
 *    is refused by `supply_link_guard`.
 * 3. Alarms on quality deadlines: five `alarm_kinds` (a CAPA action past due; the FDA report of a
 *    deviation of a distributed unit, 1271.350(b), 45 days, and of a serious adverse reaction,
 *    1271.350(a), 15 days: near its deadline and past it). Raised by the sweep job, once per thing
 *    (unique index on kind and subject whatever the state), cleared by triggers in the transaction
 *    that records the CAPA done or the report filed. A new reaction, CAPA action or deviation unit
 *    enqueues a sweep at once (graphile_worker.add_job in the same transaction).
 * 4. Rules that lived only in Node: a unit held by an open look-back without a disposition can not
 *    leave on_hold except to discarded (trigger `lookback_hold_guard`, CBL09 answered 409, the message of the
 *    Node check); a freezer's temperature reviews follow each other without a gap (trigger
 *    `freezer_review_no_gap`, CB422 on period_from, serialised per freezer).
 */
export class QualityDeadlines1763761800000 implements MigrationInterface {
  name = 'QualityDeadlines1763761800000';

  async up(q: QueryRunner): Promise<void> {
    // ---- 1. equipment look-back -------------------------------------------------------------------
    await q.query(`ALTER TABLE lookbacks DROP CONSTRAINT lookbacks_trigger_type_check`);
    await q.query(`ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_trigger_type_check CHECK (trigger_type IN ('donor', 'supply_lot', 'freezer', 'dins', 'equipment'))`);
    await q.query(`CREATE INDEX unit_equipment_used_idx ON unit_equipment (equipment_id, used_at)`);

    // ---- 2. equipment out of service and back ------------------------------------------------------
    await q.query(`
      ALTER TABLE equipment
        ADD COLUMN out_of_service_since timestamptz,
        ADD COLUMN out_of_service_reason text,
        ADD COLUMN out_of_service_by text,
        ADD COLUMN out_of_service_by_name text`);
    await q.query(`
      ALTER TABLE equipment ADD CONSTRAINT equipment_out_of_service_recorded CHECK (
        in_service = (out_of_service_since IS NULL)
        AND (out_of_service_since IS NULL) = (out_of_service_reason IS NULL)
        AND (out_of_service_since IS NULL) = (out_of_service_by IS NULL)
        AND (out_of_service_reason IS NULL OR length(btrim(out_of_service_reason)) > 0))`);
    await q.query(`
      CREATE FUNCTION equipment_service_state_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_today date := (now() AT TIME ZONE 'UTC')::date;
        v_since date := (OLD.out_of_service_since AT TIME ZONE 'UTC')::date;
      BEGIN
        IF NOT OLD.in_service AND NEW.in_service THEN
          IF NOT EXISTS (SELECT 1 FROM equipment_services s
                          WHERE s.equipment_id = NEW.id AND s.created_at >= OLD.out_of_service_since AND s.performed_on >= v_since) THEN
            RAISE EXCEPTION 'equipment % (serial %) returns to service only with a calibration or maintenance performed and recorded since it was taken out of service on %',
              NEW.name, NEW.serial_number, v_since USING ERRCODE = 'CB422';
          END IF;
          IF NEW.calibration_due_on < v_today OR NEW.maintenance_due_on < v_today THEN
            RAISE EXCEPTION 'equipment % (serial %) can not return to service: its % was due on %', NEW.name, NEW.serial_number,
              CASE WHEN NEW.calibration_due_on < v_today THEN 'calibration' ELSE 'maintenance' END,
              CASE WHEN NEW.calibration_due_on < v_today THEN NEW.calibration_due_on ELSE NEW.maintenance_due_on END
              USING ERRCODE = 'CB422';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER equipment_service_state_guard BEFORE UPDATE OF in_service ON equipment FOR EACH ROW EXECUTE FUNCTION equipment_service_state_guard()`);

    // ---- 3. alarms on quality deadlines ------------------------------------------------------------
    await q.query(`ALTER TABLE alarms DROP CONSTRAINT alarms_subject_type_check`);
    await q.query(`ALTER TABLE alarms ADD CONSTRAINT alarms_subject_type_check CHECK (subject_type IN ('freezer_excursion', 'freezer', 'lab_events', 'capa_action', 'deviation', 'adverse_reaction'))`);
    await q.query(`
      INSERT INTO alarm_kinds (kind, severity, escalates, description) VALUES
        ('capa_overdue', 'warning', false, 'A CAPA action of a deviation is past its due date and not done; clears when it is recorded done'),
        ('deviation_report_due', 'warning', false, 'A deviation concerning a distributed unit: its FDA report (21 CFR 1271.350(b), 45 days from discovery) is due within FDA_REPORT_WARN_DAYS; clears when the report, or why it is not reportable, is recorded'),
        ('deviation_report_overdue', 'critical', true, 'A deviation concerning a distributed unit: its FDA report (21 CFR 1271.350(b), 45 days from discovery) is past due; clears when the report, or why it is not reportable, is recorded'),
        ('adverse_reaction_report_due', 'warning', false, 'A serious adverse reaction: its FDA report (21 CFR 1271.350(a), 15 days from receipt) is due within FDA_REPORT_WARN_DAYS; clears when the report is recorded'),
        ('adverse_reaction_report_overdue', 'critical', true, 'A serious adverse reaction: its FDA report (21 CFR 1271.350(a), 15 days from receipt) is past due; clears when the report is recorded')`);
    // once per thing: a CAPA action, a deviation's or a reaction's report deadline alarms once, whatever happens to that alarm
    await q.query(`CREATE UNIQUE INDEX alarms_quality_once_key ON alarms (kind, subject_id) WHERE kind IN (${kindList})`);

    await q.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'migration:${this.name}', true), set_config('app.action', 'notification.subscriptions.defaults', true)`);
    await q.query(`
      INSERT INTO notification_subscriptions (role, alarm_kind, event)
      SELECT 'quality_assurance', k, e FROM unnest(ARRAY[${kindList}]) k, unnest(ARRAY['raised', 'cleared']) e
      UNION ALL
      SELECT 'medical_director', k, e FROM unnest(ARRAY['adverse_reaction_report_due', 'adverse_reaction_report_overdue']) k, unnest(ARRAY['raised', 'cleared']) e
      UNION ALL
      SELECT r, k, 'escalated' FROM unnest(ARRAY['quality_assurance', 'medical_director']) r, unnest(ARRAY['deviation_report_overdue', 'adverse_reaction_report_overdue']) k`);
    await q.query(`SELECT set_config('app.actor_type', '', true), set_config('app.actor_id', '', true), set_config('app.action', '', true)`);

    // resolved in the transaction that resolves it (the actor who recorded it is on the alarm's chain)
    await q.query(`
      CREATE FUNCTION alarms_quality_resolved() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_kinds text[];
        v_reason text;
      BEGIN
        IF TG_TABLE_NAME = 'deviation_capa_actions' THEN
          v_kinds := ARRAY['capa_overdue'];
          v_reason := 'the CAPA action was recorded done';
        ELSIF TG_TABLE_NAME = 'deviations' THEN
          v_kinds := ARRAY['deviation_report_due', 'deviation_report_overdue'];
          v_reason := CASE WHEN NEW.fda_reported_at IS NOT NULL THEN 'the FDA report was recorded (' || NEW.fda_report_reference || ')'
                           ELSE 'QA recorded why the deviation is not reportable' END;
        ELSE
          v_kinds := ARRAY['adverse_reaction_report_due', 'adverse_reaction_report_overdue'];
          v_reason := 'the FDA report was recorded (' || NEW.fda_report_reference || ')';
        END IF;
        UPDATE alarms SET state = 'cleared', cleared_at = now(), cleared_reason = v_reason
         WHERE kind = ANY(v_kinds) AND subject_id = NEW.id::text AND state <> 'cleared';
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER capa_done_clears_alarm AFTER UPDATE OF done_at ON deviation_capa_actions
      FOR EACH ROW WHEN (OLD.done_at IS NULL AND NEW.done_at IS NOT NULL) EXECUTE FUNCTION alarms_quality_resolved()`);
    await q.query(`CREATE TRIGGER deviation_report_clears_alarm AFTER UPDATE OF fda_reported_at, fda_not_reportable_reason ON deviations
      FOR EACH ROW WHEN (OLD.fda_reported_at IS NULL AND OLD.fda_not_reportable_reason IS NULL AND (NEW.fda_reported_at IS NOT NULL OR NEW.fda_not_reportable_reason IS NOT NULL))
      EXECUTE FUNCTION alarms_quality_resolved()`);
    await q.query(`CREATE TRIGGER adverse_reaction_report_clears_alarm AFTER UPDATE OF fda_reported_at ON adverse_reactions
      FOR EACH ROW WHEN (OLD.fda_reported_at IS NULL AND NEW.fda_reported_at IS NOT NULL) EXECUTE FUNCTION alarms_quality_resolved()`);

    // a record that starts a clock (or is entered already late) is looked at by the sweep at once, not within the minute
    await q.query(`
      CREATE FUNCTION alarms_quality_sweep_now() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM graphile_worker.add_job('alarms.sweep', '{}'::json, job_key := 'alarms:sweep', run_at := now(), max_attempts := 1);
        RETURN NULL;
      END $$`);
    for (const table of ['adverse_reactions', 'deviation_capa_actions', 'deviation_units']) {
      await q.query(`CREATE TRIGGER ${table}_sweep_now AFTER INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION alarms_quality_sweep_now()`);
    }

    // ---- 4. rules that lived only in Node ------------------------------------------------------------
    // A unit held by an open look-back (held by it, or already on hold when it opened) with no
    // disposition yet stays on hold or is discarded (21 CFR 1271.290; FACT-NetCord, bank policy).
    await q.query(`
      CREATE FUNCTION lookback_hold_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_number text;
      BEGIN
        SELECT l.lookback_number INTO v_number
          FROM lookback_units lu JOIN lookbacks l ON l.id = lu.lookback_id
         WHERE lu.din = NEW.din AND lu.disposition IS NULL AND lu.action IN ('held', 'already_on_hold') AND l.status = 'open'
         ORDER BY l.lookback_number LIMIT 1;
        IF v_number IS NOT NULL THEN
          RAISE EXCEPTION 'Unit % is held by look-back %, which has not dispositioned it yet: it stays on hold or is discarded', NEW.din, v_number
            USING ERRCODE = 'CBL09', DETAIL = v_number;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER cord_blood_units_lookback_hold BEFORE UPDATE OF status ON cord_blood_units
      FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status NOT IN ('on_hold', 'discarded'))
      EXECUTE FUNCTION lookback_hold_guard()`);

    // Freezer temperature reviews (21 CFR 1271.260(e)) follow each other without a gap: serialised per
    // freezer (an advisory lock, so two reviews of one freezer on any path see each other).
    await q.query(`
      CREATE FUNCTION freezer_review_no_gap() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_last timestamptz;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('freezer_temperature_reviews:' || NEW.freezer_id::text, 0));
        SELECT max(period_to) INTO v_last FROM freezer_temperature_reviews WHERE freezer_id = NEW.freezer_id;
        IF v_last IS NOT NULL AND NEW.period_from > v_last THEN
          RAISE EXCEPTION 'periodFrom leaves a gap: the last review covered up to %; start there or earlier',
            to_char(v_last AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') USING ERRCODE = 'CB422', COLUMN = 'period_from';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER freezer_temperature_reviews_no_gap BEFORE INSERT ON freezer_temperature_reviews FOR EACH ROW EXECUTE FUNCTION freezer_review_no_gap()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER freezer_temperature_reviews_no_gap ON freezer_temperature_reviews`);
    await q.query(`DROP FUNCTION freezer_review_no_gap()`);
    await q.query(`DROP TRIGGER cord_blood_units_lookback_hold ON cord_blood_units`);
    await q.query(`DROP FUNCTION lookback_hold_guard()`);
    for (const table of ['adverse_reactions', 'deviation_capa_actions', 'deviation_units']) await q.query(`DROP TRIGGER ${table}_sweep_now ON ${table}`);
    await q.query(`DROP FUNCTION alarms_quality_sweep_now()`);
    await q.query(`DROP TRIGGER adverse_reaction_report_clears_alarm ON adverse_reactions`);
    await q.query(`DROP TRIGGER deviation_report_clears_alarm ON deviations`);
    await q.query(`DROP TRIGGER capa_done_clears_alarm ON deviation_capa_actions`);
    await q.query(`DROP FUNCTION alarms_quality_resolved()`);
    await q.query(`DELETE FROM notification_subscriptions WHERE alarm_kind IN (${kindList})`);
    await q.query(`DROP INDEX alarms_quality_once_key`);
    await q.query(`DELETE FROM alarm_kinds WHERE kind IN (${kindList})`);
    await q.query(`ALTER TABLE alarms DROP CONSTRAINT alarms_subject_type_check`);
    await q.query(`ALTER TABLE alarms ADD CONSTRAINT alarms_subject_type_check CHECK (subject_type IN ('freezer_excursion', 'freezer', 'lab_events'))`);
    await q.query(`DROP TRIGGER equipment_service_state_guard ON equipment`);
    await q.query(`DROP FUNCTION equipment_service_state_guard()`);
    await q.query(`ALTER TABLE equipment DROP CONSTRAINT equipment_out_of_service_recorded`);
    await q.query(`ALTER TABLE equipment DROP COLUMN out_of_service_since, DROP COLUMN out_of_service_reason, DROP COLUMN out_of_service_by, DROP COLUMN out_of_service_by_name`);
    await q.query(`DROP INDEX unit_equipment_used_idx`);
    await q.query(`ALTER TABLE lookbacks DROP CONSTRAINT lookbacks_trigger_type_check`);
    await q.query(`ALTER TABLE lookbacks ADD CONSTRAINT lookbacks_trigger_type_check CHECK (trigger_type IN ('donor', 'supply_lot', 'freezer', 'dins'))`);
  }
}
