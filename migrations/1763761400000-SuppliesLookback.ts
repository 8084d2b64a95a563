import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supplies, equipment and look-back (DESIGN.md section 9; 21 CFR 1271.200, 1271.210, 1271.290;
 * FACT-NetCord supplies, equipment and tracking).
 *
 * - `supply_lots`, `equipment`, `equipment_services`, `supply_exceptions`: each audited on its own
 *   hash chain (`supply_lot:<id>`, `equipment:<id>`, `supply_exception:<id>`) by `audit_record_row`.
 * - `unit_supply_lots`, `unit_equipment`: which lots and equipment a unit's collection or processing
 *   used, one row per link, append-only, audited on the unit's chain (audit_unit_row). A link to a
 *   lot that was not QC-accepted or had expired at the time of use, or to equipment past its
 *   calibration or maintenance due date, is refused by the database (CB422) unless it names a
 *   valid QA exception for that lot or equipment (and unit, when the exception names one).
 * - `lookbacks` (`LB000001`), `lookback_units`, `lookback_consignees`, `lookback_notifications`:
 *   audited on the look-back's chain `lookback:<id>`. The units found are inserted in one statement
 *   and recorded as ONE audit entry listing them (a statement trigger over the transition table), so
 *   a look-back over 5,000 units writes one entry on its chain, not 5,000; each unit's hold is on the
 *   unit's own chain. A look-back closes only when every unit is dispositioned and every consignee
 *   has a recorded notification (trigger lookbacks_closure, CB409).
 */
export class SuppliesLookback1763761400000 implements MigrationInterface {
  name = 'SuppliesLookback1763761400000';

  async up(q: QueryRunner): Promise<void> {
    // one row trigger for the records of this migration: chain = <prefix>:<value of column key>
    await q.query(`
      CREATE FUNCTION audit_record_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_prefix text := TG_ARGV[0];
        v_key text := coalesce(TG_ARGV[1], 'id');
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb;
        v_before jsonb;
        v_after jsonb;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_after := v_new - 'created_at' - 'updated_at';
        ELSE
          v_old := to_jsonb(OLD);
          SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
            INTO v_before, v_after
            FROM jsonb_each(v_new) n
           WHERE n.value IS DISTINCT FROM v_old -> n.key AND n.key <> 'updated_at';
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          IF v_key <> 'id' THEN
            v_after := v_after || jsonb_build_object('id', v_new -> 'id');
          END IF;
        END IF;
        PERFORM audit_append(v_prefix || ':' || (v_new ->> v_key), NULL, NULL,
                             coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    // ---- supply lots ----------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE supply_lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('collection_bag', 'anticoagulant', 'cryoprotectant', 'hetastarch', 'reagent', 'freezing_bag')),
        manufacturer text NOT NULL,
        lot_number text NOT NULL,
        description text,
        expires_on date NOT NULL,
        received_on date NOT NULL,
        qc_status text NOT NULL DEFAULT 'pending' CHECK (qc_status IN ('pending', 'accepted', 'rejected')),
        qc_decided_by text,
        qc_decided_by_name text,
        qc_decided_at timestamptz,
        qc_note text,
        recorded_by text NOT NULL,
        recorded_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT supply_lots_qc_decision CHECK (qc_status = 'pending' OR (qc_decided_by IS NOT NULL AND qc_decided_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX supply_lots_identity_key ON supply_lots (type, lower(manufacturer), lot_number)`);
    await q.query(`CREATE INDEX supply_lots_lot_number_idx ON supply_lots (lot_number)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE supply_lots TO cbb_app`);
    await q.query(`CREATE TRIGGER supply_lots_audit AFTER INSERT OR UPDATE ON supply_lots FOR EACH ROW EXECUTE FUNCTION audit_record_row('supply_lot')`);

    // ---- equipment --------------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE equipment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('centrifuge', 'cell_processor', 'controlled_rate_freezer', 'cell_counter', 'flow_cytometer',
                                           'biosafety_cabinet', 'balance', 'sterile_connector', 'tube_sealer', 'thermometer', 'other')),
        name text NOT NULL,
        manufacturer text,
        model text,
        serial_number text NOT NULL,
        location text,
        calibration_due_on date,
        maintenance_due_on date,
        in_service boolean NOT NULL DEFAULT true,
        recorded_by text NOT NULL,
        recorded_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT equipment_has_a_due_date CHECK (calibration_due_on IS NOT NULL OR maintenance_due_on IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX equipment_serial_key ON equipment (type, lower(serial_number))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE equipment TO cbb_app`);
    await q.query(`CREATE TRIGGER equipment_audit AFTER INSERT OR UPDATE ON equipment FOR EACH ROW EXECUTE FUNCTION audit_record_row('equipment')`);

    await q.query(`
      CREATE TABLE equipment_services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        equipment_id uuid NOT NULL REFERENCES equipment(id),
        kind text NOT NULL CHECK (kind IN ('calibration', 'maintenance')),
        performed_on date NOT NULL,
        performed_by text NOT NULL,
        next_due_on date NOT NULL,
        certificate text,
        notes text,
        recorded_by text NOT NULL,
        recorded_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT equipment_services_due_after CHECK (next_due_on > performed_on)
      )`);
    await q.query(`CREATE INDEX equipment_services_equipment_idx ON equipment_services (equipment_id, performed_on DESC)`);
    await q.query(`GRANT SELECT, INSERT ON TABLE equipment_services TO cbb_app`);
    await q.query(`CREATE TRIGGER equipment_services_audit AFTER INSERT ON equipment_services FOR EACH ROW EXECUTE FUNCTION audit_record_row('equipment', 'equipment_id')`);

    // ---- QA exceptions -----------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE supply_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supply_lot_id uuid REFERENCES supply_lots(id),
        equipment_id uuid REFERENCES equipment(id),
        din text REFERENCES cord_blood_units(din),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        valid_until timestamptz NOT NULL,
        granted_by text NOT NULL,
        granted_by_name text,
        granted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT supply_exceptions_one_subject CHECK (num_nonnulls(supply_lot_id, equipment_id) = 1),
        CONSTRAINT supply_exceptions_valid_after_grant CHECK (valid_until > granted_at)
      )`);
    await q.query(`GRANT SELECT, INSERT ON TABLE supply_exceptions TO cbb_app`);
    await q.query(`CREATE TRIGGER supply_exceptions_audit AFTER INSERT ON supply_exceptions FOR EACH ROW EXECUTE FUNCTION audit_record_row('supply_exception')`);

    // ---- what a unit used ---------------------------------------------------------------------------
    for (const [table, col] of [['unit_supply_lots', 'supply_lot_id'], ['unit_equipment', 'equipment_id']] as const) {
      const ref = col === 'supply_lot_id' ? 'supply_lots' : 'equipment';
      await q.query(`
        CREATE TABLE ${table} (
          din text NOT NULL REFERENCES cord_blood_units(din),
          ${col} uuid NOT NULL REFERENCES ${ref}(id),
          stage text NOT NULL CHECK (stage IN ('collection', 'processing')),
          used_at timestamptz NOT NULL,
          exception_id uuid REFERENCES supply_exceptions(id),
          recorded_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (din, ${col}, stage)
        )`);
      await q.query(`CREATE INDEX ${table}_${col}_idx ON ${table} (${col}, din)`);
      await q.query(`GRANT SELECT, INSERT ON TABLE ${table} TO cbb_app`);
      await q.query(`CREATE TRIGGER ${table}_audit AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
    }

    // the usability rule, in the database: QC accepted and not expired at the time of use (a lot);
    // calibration and maintenance not past due at the time of use and in service (equipment) —
    // unless the link names a QA exception for this lot or equipment, still valid, for this unit if it names one
    await q.query(`
      CREATE FUNCTION supply_link_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_problem text;
        v_ok boolean;
        v_used date := (NEW.used_at AT TIME ZONE 'UTC')::date;
      BEGIN
        IF TG_TABLE_NAME = 'unit_supply_lots' THEN
          SELECT CASE WHEN l.qc_status <> 'accepted' THEN format('supply lot %s (%s) is not QC-accepted (%s)', l.lot_number, l.type, l.qc_status)
                      WHEN l.expires_on < v_used THEN format('supply lot %s (%s) expired on %s', l.lot_number, l.type, l.expires_on) END
            INTO v_problem FROM supply_lots l WHERE l.id = NEW.supply_lot_id;
        ELSE
          SELECT CASE WHEN NOT e.in_service THEN format('equipment %s (serial %s) is out of service', e.name, e.serial_number)
                      WHEN e.calibration_due_on < v_used THEN format('equipment %s (serial %s) was due for calibration on %s', e.name, e.serial_number, e.calibration_due_on)
                      WHEN e.maintenance_due_on < v_used THEN format('equipment %s (serial %s) was due for maintenance on %s', e.name, e.serial_number, e.maintenance_due_on) END
            INTO v_problem FROM equipment e WHERE e.id = NEW.equipment_id;
        END IF;
        IF v_problem IS NULL THEN
          RETURN NEW;
        END IF;
        IF NEW.exception_id IS NOT NULL THEN
          -- (NEW has only its own table's columns: one query per table)
          IF TG_TABLE_NAME = 'unit_supply_lots' THEN
            SELECT x.valid_until > now() AND (x.din IS NULL OR x.din = NEW.din) AND x.supply_lot_id IS NOT DISTINCT FROM NEW.supply_lot_id
              INTO v_ok FROM supply_exceptions x WHERE x.id = NEW.exception_id;
          ELSE
            SELECT x.valid_until > now() AND (x.din IS NULL OR x.din = NEW.din) AND x.equipment_id IS NOT DISTINCT FROM NEW.equipment_id
              INTO v_ok FROM supply_exceptions x WHERE x.id = NEW.exception_id;
          END IF;
          IF v_ok THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '%: refused without a valid QA exception', v_problem USING ERRCODE = 'CB422';
      END $$`);
    await q.query(`CREATE TRIGGER unit_supply_lots_guard BEFORE INSERT ON unit_supply_lots FOR EACH ROW EXECUTE FUNCTION supply_link_guard()`);
    await q.query(`CREATE TRIGGER unit_equipment_guard BEFORE INSERT ON unit_equipment FOR EACH ROW EXECUTE FUNCTION supply_link_guard()`);

    // ---- look-back and recall -----------------------------------------------------------------------
    await q.query(`CREATE SEQUENCE lookback_number_seq`);
    await q.query(`GRANT USAGE ON SEQUENCE lookback_number_seq TO cbb_app`);
    await q.query(`
      CREATE TABLE lookbacks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lookback_number text NOT NULL DEFAULT ('LB' || lpad(nextval('lookback_number_seq')::text, 6, '0')),
        trigger_type text NOT NULL CHECK (trigger_type IN ('donor', 'supply_lot', 'freezer', 'dins')),
        trigger jsonb NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        opened_by text NOT NULL,
        opened_by_name text,
        opened_at timestamptz NOT NULL DEFAULT now(),
        unit_count integer NOT NULL DEFAULT 0,
        held_count integer NOT NULL DEFAULT 0,
        closed_at timestamptz,
        closed_by text,
        closed_by_name text,
        closure_note text,
        closure_signature jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lookbacks_number_key UNIQUE (lookback_number),
        CONSTRAINT lookbacks_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND closure_signature IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX lookbacks_status_idx ON lookbacks (status, opened_at DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE lookbacks TO cbb_app`);
    await q.query(`CREATE TRIGGER lookbacks_audit AFTER INSERT OR UPDATE ON lookbacks FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback')`);

    await q.query(`
      CREATE TABLE lookback_units (
        lookback_id uuid NOT NULL REFERENCES lookbacks(id),
        din text NOT NULL REFERENCES cord_blood_units(din),
        found_status text NOT NULL,
        action text NOT NULL CHECK (action IN ('held', 'already_on_hold', 'distributed', 'out_of_inventory')),
        release_request_id uuid REFERENCES release_requests(id),
        disposition text CHECK (disposition IN ('discarded', 'returned_to_inventory', 'recalled', 'used_recipient_followed_up', 'no_action')),
        disposition_note text,
        dispositioned_by text,
        dispositioned_by_name text,
        dispositioned_at timestamptz,
        PRIMARY KEY (lookback_id, din),
        CONSTRAINT lookback_units_disposition CHECK ((disposition IS NULL) = (dispositioned_at IS NULL) AND (disposition IS NULL OR dispositioned_by IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX lookback_units_din_idx ON lookback_units (din) WHERE disposition IS NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE lookback_units TO cbb_app`);
    // the units found: one entry per statement, listing them (set-based; see the header)
    await q.query(`
      CREATE FUNCTION audit_lookback_units_found() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT lookback_id, jsonb_agg(jsonb_build_object('din', din, 'found_status', found_status, 'action', action, 'release_request_id', release_request_id) ORDER BY din) AS units
                   FROM found GROUP BY lookback_id LOOP
          PERFORM audit_append('lookback:' || r.lookback_id, NULL, NULL,
                               coalesce(nullif(current_setting('app.action', true), ''), 'lookback.units_found'), NULL, jsonb_build_object('units', r.units));
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER lookback_units_found_audit AFTER INSERT ON lookback_units REFERENCING NEW TABLE AS found FOR EACH STATEMENT EXECUTE FUNCTION audit_lookback_units_found()`);
    await q.query(`CREATE TRIGGER lookback_units_audit AFTER UPDATE ON lookback_units FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback', 'lookback_id')`);

    await q.query(`
      CREATE TABLE lookback_consignees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lookback_id uuid NOT NULL REFERENCES lookbacks(id),
        facility text NOT NULL,
        physician text NOT NULL,
        dins text[] NOT NULL,
        request_numbers text[] NOT NULL,
        CONSTRAINT lookback_consignees_key UNIQUE (lookback_id, facility, physician)
      )`);
    await q.query(`GRANT SELECT, INSERT ON TABLE lookback_consignees TO cbb_app`);
    await q.query(`CREATE TRIGGER lookback_consignees_audit AFTER INSERT ON lookback_consignees FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback', 'lookback_id')`);

    await q.query(`
      CREATE TABLE lookback_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lookback_id uuid NOT NULL REFERENCES lookbacks(id),
        consignee_id uuid NOT NULL REFERENCES lookback_consignees(id),
        notified_at timestamptz NOT NULL,
        method text NOT NULL CHECK (method IN ('phone', 'email', 'fax', 'letter', 'in_person')),
        contact text NOT NULL,
        acknowledged boolean NOT NULL DEFAULT false,
        acknowledged_at timestamptz,
        notes text,
        recorded_by text NOT NULL,
        recorded_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lookback_notifications_ack CHECK (acknowledged = (acknowledged_at IS NOT NULL)),
        CONSTRAINT lookback_notifications_ack_after CHECK (acknowledged_at IS NULL OR acknowledged_at >= notified_at)
      )`);
    await q.query(`CREATE INDEX lookback_notifications_consignee_idx ON lookback_notifications (consignee_id)`);
    await q.query(`GRANT SELECT, INSERT ON TABLE lookback_notifications TO cbb_app`);
    await q.query(`CREATE TRIGGER lookback_notifications_audit AFTER INSERT ON lookback_notifications FOR EACH ROW EXECUTE FUNCTION audit_record_row('lookback', 'lookback_id')`);

    // closure: every unit dispositioned, every consignee notified; nothing changes once closed
    await q.query(`
      CREATE FUNCTION lookbacks_closure() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_open integer;
        v_unnotified integer;
      BEGIN
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'look-back % is closed', OLD.lookback_number USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status = 'closed' THEN
          SELECT count(*) INTO v_open FROM lookback_units WHERE lookback_id = NEW.id AND disposition IS NULL;
          SELECT count(*) INTO v_unnotified FROM lookback_consignees c
           WHERE c.lookback_id = NEW.id AND NOT EXISTS (SELECT 1 FROM lookback_notifications n WHERE n.consignee_id = c.id);
          IF v_open > 0 OR v_unnotified > 0 THEN
            RAISE EXCEPTION 'look-back % can not close: % unit(s) without a disposition, % consignee(s) not notified', NEW.lookback_number, v_open, v_unnotified
              USING ERRCODE = 'CB409';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER lookbacks_closure BEFORE UPDATE ON lookbacks FOR EACH ROW EXECUTE FUNCTION lookbacks_closure()`);
    await q.query(`
      CREATE FUNCTION lookback_part_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM lookbacks WHERE id = NEW.lookback_id AND status = 'closed') THEN
          RAISE EXCEPTION 'the look-back is closed: its records no longer change' USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER lookback_units_open BEFORE UPDATE ON lookback_units FOR EACH ROW EXECUTE FUNCTION lookback_part_open()`);
    await q.query(`CREATE TRIGGER lookback_notifications_open BEFORE INSERT ON lookback_notifications FOR EACH ROW EXECUTE FUNCTION lookback_part_open()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['lookback_notifications', 'lookback_consignees', 'lookback_units', 'lookbacks', 'unit_equipment', 'unit_supply_lots', 'supply_exceptions', 'equipment_services', 'equipment', 'supply_lots']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS lookback_number_seq`);
    for (const f of ['lookback_part_open', 'lookbacks_closure', 'audit_lookback_units_found', 'supply_link_guard', 'audit_record_row']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}()`);
    }
  }
}
