import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donors (21 CFR 1271 donor eligibility: consent, screening, IDM markers), birth collections and the
 * cord blood unit with its state machine. The database enforces the transitions (a forbidden one
 * raises CB409 naming the allowed ones), the physical preconditions of `available`, DIN uniqueness,
 * and the audit of every change: donor-level changes go to the donor's chain and to each of the
 * donor's units' chains, so a unit's trail shows the consent and tests it was released under.
 */
export class DonorsCollectionsUnits1763760100000 implements MigrationInterface {
  name = 'DonorsCollectionsUnits1763760100000';

  async up(q: QueryRunner): Promise<void> {
    // ---- donors -----------------------------------------------------------------------------
    await q.query(`CREATE SEQUENCE donor_number_seq`);
    await q.query(`
      CREATE TABLE donors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donor_number text NOT NULL DEFAULT ('D' || lpad(nextval('donor_number_seq')::text, 7, '0')),
        first_name text NOT NULL,
        last_name text NOT NULL,
        date_of_birth date NOT NULL,
        email text,
        phone text,
        banking_type text NOT NULL CHECK (banking_type IN ('public', 'family')),
        ethnicity text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT donors_donor_number_key UNIQUE (donor_number)
      )`);
    await q.query(`CREATE INDEX donors_last_name_idx ON donors (lower(last_name) text_pattern_ops)`);
    await q.query(`CREATE INDEX donors_first_name_idx ON donors (lower(first_name) text_pattern_ops)`);

    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donor_id uuid NOT NULL REFERENCES donors(id),
        type text NOT NULL CHECK (type IN ('public_donation', 'family_storage', 'research')),
        form_version text NOT NULL,
        signed_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consents_withdrawal_complete CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX consents_donor_idx ON consents (donor_id)`);

    await q.query(`
      CREATE TABLE screenings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donor_id uuid NOT NULL REFERENCES donors(id),
        version text NOT NULL,
        completed_at timestamptz NOT NULL,
        deferral_reasons text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX screenings_donor_idx ON screenings (donor_id, completed_at DESC)`);

    await q.query(`
      CREATE TABLE idm_tests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donor_id uuid NOT NULL REFERENCES donors(id),
        marker text NOT NULL CHECK (marker IN ('HIV-1','HIV-2','HBsAg','anti-HBc','HCV','HTLV-I/II','syphilis','WNV','T. cruzi','CMV')),
        result text NOT NULL CHECK (result IN ('negative', 'positive', 'indeterminate')),
        sample_drawn_at timestamptz NOT NULL,
        tested_at timestamptz,
        method text,
        lab text,
        source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'lab_event')),
        lab_event_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idm_tests_donor_idx ON idm_tests (donor_id, marker)`);

    // ---- the unit ---------------------------------------------------------------------------
    await q.query(`
      ALTER TABLE cord_blood_units
        ADD COLUMN donor_id uuid NOT NULL REFERENCES donors(id),
        ADD COLUMN banking_type text NOT NULL CHECK (banking_type IN ('public', 'family')),
        ADD COLUMN hold_from_status text,
        ADD COLUMN received_at timestamptz,
        ADD COLUMN receipt_temperature_ok boolean,
        ADD COLUMN receipt_notes text,
        ADD COLUMN receipt_flags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN processed_at timestamptz,
        ADD COLUMN volume_ml numeric(8,2) CHECK (volume_ml > 0),
        ADD COLUMN tnc_count numeric CHECK (tnc_count >= 0),
        ADD COLUMN cd34_count numeric CHECK (cd34_count >= 0),
        ADD COLUMN viability_pct numeric(5,2) CHECK (viability_pct BETWEEN 0 AND 100),
        ADD COLUMN cfu_count numeric CHECK (cfu_count >= 0),
        ADD COLUMN nrbc_count numeric CHECK (nrbc_count >= 0),
        ADD COLUMN processing_method text,
        ADD COLUMN abo text CHECK (abo IN ('O', 'A', 'B', 'AB')),
        ADD COLUMN rh text CHECK (rh IN ('positive', 'negative')),
        ADD COLUMN abo_typed_at timestamptz,
        ADD COLUMN hla jsonb,
        ADD COLUMN hla_resolution text,
        ADD COLUMN hla_method text,
        ADD COLUMN hla_typed_at timestamptz,
        ADD COLUMN sterility_aerobic text CHECK (sterility_aerobic IN ('negative', 'positive')),
        ADD COLUMN sterility_anaerobic text CHECK (sterility_anaerobic IN ('negative', 'positive')),
        ADD COLUMN sterility_organism text,
        ADD COLUMN sterility_resulted_at timestamptz,
        ADD COLUMN position_id uuid,
        ADD COLUMN stored_at timestamptz,
        ADD COLUMN custodian text,
        ADD COLUMN custodian_since timestamptz,
        ADD COLUMN reserved_for uuid,
        ADD COLUMN discard_reason text,
        ADD COLUMN rejection_reason text,
        ADD CONSTRAINT cord_blood_units_status_valid CHECK (status IN
          ('collected','received','processed','quarantine','available','reserved','shipped','delivered','infused','rejected','on_hold','discarded')),
        ADD CONSTRAINT cord_blood_units_din_check_valid CHECK (din_check ~ '^[0-9A-Z*]$'),
        -- one position per unit (a column) and one unit per position (this unique index)
        ADD CONSTRAINT cord_blood_units_position_key UNIQUE (position_id),
        -- a unit is reserved for one request, and a request reserves one unit
        ADD CONSTRAINT cord_blood_units_reserved_for_key UNIQUE (reserved_for),
        -- FACT-NetCord: what must physically hold for a unit to be offered (the service checks the rest)
        ADD CONSTRAINT cord_blood_units_available_preconditions CHECK (
          status <> 'available' OR (
            position_id IS NOT NULL AND processed_at IS NOT NULL
            AND sterility_aerobic = 'negative' AND sterility_anaerobic = 'negative'
            AND (banking_type = 'family' OR hla IS NOT NULL))),
        ADD CONSTRAINT cord_blood_units_discard_reason CHECK (status <> 'discarded' OR discard_reason IS NOT NULL),
        ADD CONSTRAINT cord_blood_units_reject_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
        ADD CONSTRAINT cord_blood_units_hold_from CHECK ((status = 'on_hold') = (hold_from_status IS NOT NULL))`);
    await q.query(`CREATE INDEX cord_blood_units_status_idx ON cord_blood_units (status, banking_type)`);
    await q.query(`CREATE INDEX cord_blood_units_donor_idx ON cord_blood_units (donor_id)`);

    // The state machine, as data: the database refuses any other change of status.
    await q.query(`
      CREATE TABLE unit_status_transitions (
        from_status text NOT NULL,
        to_status text NOT NULL,
        PRIMARY KEY (from_status, to_status)
      )`);
    await q.query(`
      INSERT INTO unit_status_transitions (from_status, to_status) VALUES
        ('collected', 'received'), ('collected', 'rejected'), ('collected', 'on_hold'), ('collected', 'discarded'),
        ('received', 'processed'), ('received', 'rejected'), ('received', 'on_hold'), ('received', 'discarded'),
        ('processed', 'quarantine'), ('processed', 'on_hold'), ('processed', 'discarded'),
        ('quarantine', 'available'), ('quarantine', 'on_hold'), ('quarantine', 'discarded'),
        ('available', 'reserved'), ('available', 'on_hold'), ('available', 'discarded'),
        ('reserved', 'shipped'), ('reserved', 'available'), ('reserved', 'on_hold'),
        ('shipped', 'delivered'), ('shipped', 'discarded'),
        ('delivered', 'infused'), ('delivered', 'discarded'),
        ('rejected', 'discarded'),
        ('on_hold', 'discarded')`);
    await q.query(`GRANT SELECT ON TABLE unit_status_transitions TO cbb_app`);
    await q.query(`
      CREATE FUNCTION unit_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_allowed text;
      BEGIN
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'on_hold' THEN
          -- a hold returns to the state it came from (or the unit is discarded)
          IF NEW.status <> 'discarded' AND NEW.status IS DISTINCT FROM OLD.hold_from_status THEN
            RAISE EXCEPTION 'unit % is on hold from %: it can go to % or discarded, not %', OLD.din, OLD.hold_from_status, OLD.hold_from_status, NEW.status
              USING ERRCODE = 'CBT01', DETAIL = OLD.hold_from_status || ',discarded';
          END IF;
          NEW.hold_from_status := NULL;
          RETURN NEW;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM unit_status_transitions WHERE from_status = OLD.status AND to_status = NEW.status) THEN
          SELECT string_agg(to_status, ',' ORDER BY to_status) INTO v_allowed FROM unit_status_transitions WHERE from_status = OLD.status;
          RAISE EXCEPTION 'unit % can not go from % to %; allowed: %', OLD.din, OLD.status, NEW.status, coalesce(v_allowed, 'none (terminal)')
            USING ERRCODE = 'CBT01', DETAIL = coalesce(v_allowed, '');
        END IF;
        IF NEW.status = 'on_hold' THEN
          NEW.hold_from_status := OLD.status;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER cord_blood_units_status_guard BEFORE UPDATE OF status ON cord_blood_units FOR EACH ROW EXECUTE FUNCTION unit_status_guard()`);
    await q.query(`
      CREATE FUNCTION unit_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status <> 'collected' THEN
          RAISE EXCEPTION 'a new unit starts as collected, not %', NEW.status USING ERRCODE = 'CBT01';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER cord_blood_units_insert_guard BEFORE INSERT ON cord_blood_units FOR EACH ROW EXECUTE FUNCTION unit_insert_guard()`);

    // ---- collections: one birth, one unit ----------------------------------------------------
    await q.query(`
      CREATE TABLE collections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        din text NOT NULL REFERENCES cord_blood_units(din),
        donor_id uuid NOT NULL REFERENCES donors(id),
        hospital text NOT NULL,
        collected_by text NOT NULL,
        birth_at timestamptz NOT NULL,
        collected_at timestamptz NOT NULL,
        delivery_type text NOT NULL CHECK (delivery_type IN ('vaginal', 'cesarean')),
        gestational_age_weeks numeric(4,1) NOT NULL CHECK (gestational_age_weeks BETWEEN 20 AND 45),
        method text NOT NULL CHECK (method IN ('in_utero', 'ex_utero')),
        bag_lot text,
        anticoagulant_volume_ml numeric(6,1) CHECK (anticoagulant_volume_ml >= 0),
        gross_volume_ml numeric(7,1) CHECK (gross_volume_ml > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT collections_din_key UNIQUE (din),
        CONSTRAINT collections_after_birth CHECK (collected_at >= birth_at)
      )`);
    await q.query(`CREATE INDEX collections_donor_idx ON collections (donor_id)`);
    await q.query(`CREATE TRIGGER collections_audit AFTER INSERT OR UPDATE OR DELETE ON collections FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);

    // ISBT 128: the 6-digit sequence per facility and year never repeats (row lock on the counter)
    await q.query(`
      CREATE TABLE din_counters (
        facility_id text NOT NULL,
        year smallint NOT NULL,
        last_sequence integer NOT NULL CHECK (last_sequence BETWEEN 0 AND 999999),
        PRIMARY KEY (facility_id, year)
      )`);

    // Every result as it arrived (staff or lab event), including older ones that did not replace
    // the current value: the unit row holds the newest by occurred_at.
    await q.query(`
      CREATE TABLE unit_results (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        din text NOT NULL REFERENCES cord_blood_units(din),
        kind text NOT NULL CHECK (kind IN ('receipt', 'processing', 'hla', 'abo', 'sterility')),
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        applied boolean NOT NULL,
        source text NOT NULL CHECK (source IN ('staff', 'lab_event')),
        lab_event_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX unit_results_din_idx ON unit_results (din, kind, occurred_at)`);
    await q.query(`CREATE TRIGGER unit_results_audit AFTER INSERT OR UPDATE OR DELETE ON unit_results FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);

    // ---- donor-level audit: the donor's chain and each of the donor's units' chains -------------
    await q.query(`
      CREATE FUNCTION audit_donor_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        v_donor uuid := (v_row ->> TG_ARGV[0])::uuid;
        v_before jsonb;
        v_after jsonb;
        v_action text;
        v_din text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_after := to_jsonb(NEW) - 'created_at' - 'updated_at';
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
            INTO v_before, v_after
            FROM jsonb_each(to_jsonb(NEW)) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
           WHERE n.value IS DISTINCT FROM o.value AND n.key NOT IN ('updated_at');
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        ELSE
          v_before := to_jsonb(OLD);
        END IF;
        v_action := coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP));
        PERFORM audit_append('donor:' || v_donor, NULL, v_donor, v_action, v_before, v_after);
        FOR v_din IN SELECT din FROM cord_blood_units WHERE donor_id = v_donor ORDER BY din LOOP
          PERFORM audit_append(v_din, v_din, v_donor, v_action, v_before, v_after);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER donors_audit AFTER INSERT OR UPDATE OR DELETE ON donors FOR EACH ROW EXECUTE FUNCTION audit_donor_row('id')`);
    for (const t of ['consents', 'screenings', 'idm_tests']) {
      await q.query(`CREATE TRIGGER ${t}_audit AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit_donor_row('donor_id')`);
    }

    // ---- privileges: the app reads and writes, never deletes ---------------------------------
    for (const t of ['donors', 'consents', 'screenings', 'idm_tests', 'collections', 'unit_results', 'din_counters']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE ${t} TO cbb_app`);
    }
    await q.query(`GRANT USAGE ON SEQUENCE donor_number_seq TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unit_results', 'din_counters', 'collections', 'idm_tests', 'screenings', 'consents']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_status_guard ON cord_blood_units`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_insert_guard ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS unit_status_guard()`);
    await q.query(`DROP FUNCTION IF EXISTS unit_insert_guard()`);
    await q.query(`DROP TABLE IF EXISTS unit_status_transitions`);
    await q.query(`DELETE FROM cord_blood_units`);
    await q.query(`
      ALTER TABLE cord_blood_units
        DROP CONSTRAINT cord_blood_units_status_valid, DROP CONSTRAINT cord_blood_units_din_check_valid,
        DROP CONSTRAINT cord_blood_units_position_key, DROP CONSTRAINT cord_blood_units_reserved_for_key,
        DROP CONSTRAINT cord_blood_units_available_preconditions, DROP CONSTRAINT cord_blood_units_discard_reason,
        DROP CONSTRAINT cord_blood_units_reject_reason, DROP CONSTRAINT cord_blood_units_hold_from,
        DROP COLUMN donor_id, DROP COLUMN banking_type, DROP COLUMN hold_from_status, DROP COLUMN received_at,
        DROP COLUMN receipt_temperature_ok, DROP COLUMN receipt_notes, DROP COLUMN receipt_flags, DROP COLUMN processed_at,
        DROP COLUMN volume_ml, DROP COLUMN tnc_count, DROP COLUMN cd34_count, DROP COLUMN viability_pct, DROP COLUMN cfu_count,
        DROP COLUMN nrbc_count, DROP COLUMN processing_method, DROP COLUMN abo, DROP COLUMN rh, DROP COLUMN abo_typed_at,
        DROP COLUMN hla, DROP COLUMN hla_resolution, DROP COLUMN hla_method, DROP COLUMN hla_typed_at,
        DROP COLUMN sterility_aerobic, DROP COLUMN sterility_anaerobic, DROP COLUMN sterility_organism,
        DROP COLUMN sterility_resulted_at, DROP COLUMN position_id, DROP COLUMN stored_at, DROP COLUMN custodian,
        DROP COLUMN custodian_since, DROP COLUMN reserved_for, DROP COLUMN discard_reason, DROP COLUMN rejection_reason`);
    await q.query(`DROP FUNCTION IF EXISTS audit_donor_row()`);
    await q.query(`DROP TABLE IF EXISTS donors`);
    await q.query(`DROP SEQUENCE IF EXISTS donor_number_seq`);
  }
}
