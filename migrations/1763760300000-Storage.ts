import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cryostorage (FACT-NetCord storage standards; 21 CFR 1271.260 storage, 1271.290 tracking):
 * freezers → racks → boxes → positions, temperature readings and excursions.
 *
 * What the database guarantees here:
 * - one unit per position and one position per unit: `cord_blood_units_position_key` (the unique
 *   `position_id` column) plus the foreign key to `storage_positions` added below;
 * - no unit is placed into an out-of-service freezer, and only a unit in quarantine, available or
 *   on_hold may newly take a position (trigger `cord_blood_units_storage`, SQLSTATE CB409);
 * - per-box and per-freezer used counts stay equal to the units stored (the same trigger, their only writer);
 * - a unit placed into a freezer with an open excursion carries it (same trigger), and opening an
 *   excursion records it on every unit stored in the freezer (the service, under the freezer's row lock
 *   that the trigger also takes: no store can slip between);
 * - a unit with an unreviewed (or unacceptable) excursion can not be made `available` (other than a
 *   cancelled reservation returning) nor `shipped` (trigger `cord_blood_units_unreviewed_excursion_gate`);
 * - every per-unit excursion row is audited on the unit's chain; freezer changes and excursion
 *   openings/closings are audited on a `freezer:<id>` chain (same hash-chained audit_entries).
 */
export class Storage1763760300000 implements MigrationInterface {
  name = 'Storage1763760300000';

  async up(q: QueryRunner): Promise<void> {
    // Readable label parts: numbers padded to two digits (R03, B07, F01; R100 past 99), rows as letters.
    await q.query(`
      CREATE FUNCTION storage_num(n integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN n < 10 THEN '0' || n::text ELSE n::text END
      $$`);

    await q.query(`
      CREATE TABLE freezers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq integer NOT NULL,
        code text GENERATED ALWAYS AS ('F' || storage_num(seq)) STORED,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('liquid_nitrogen', 'vapor_phase', 'mechanical')),
        max_temperature_c numeric(5,1) NOT NULL DEFAULT -150 CHECK (max_temperature_c BETWEEN -273 AND 40),
        racks integer NOT NULL,
        boxes_per_rack integer NOT NULL,
        rows_per_box integer NOT NULL,
        columns_per_box integer NOT NULL,
        capacity bigint GENERATED ALWAYS AS (racks::bigint * boxes_per_rack * rows_per_box * columns_per_box) STORED,
        in_service boolean NOT NULL DEFAULT true,
        service_changed_at timestamptz,
        service_reason text,
        open_excursion_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT freezers_seq_key UNIQUE (seq),
        CONSTRAINT freezers_code_key UNIQUE (code),
        CONSTRAINT freezers_name_valid CHECK (length(btrim(name)) BETWEEN 1 AND 100 AND name !~* '^F[0-9]+$'),
        CONSTRAINT freezers_layout_valid CHECK (
          racks BETWEEN 1 AND 1000 AND boxes_per_rack BETWEEN 1 AND 1000
          AND rows_per_box BETWEEN 1 AND 26 AND columns_per_box BETWEEN 1 AND 99
          AND racks::bigint * boxes_per_rack * rows_per_box * columns_per_box <= 100000)
      )`);
    await q.query(`CREATE UNIQUE INDEX freezers_name_key ON freezers (lower(name))`);

    // Units stored per freezer, kept by the storage trigger (the freezer list reads it: one row per freezer).
    // A table of its own so the counter's row lock never meets the FOR SHARE lock stores take on freezers.
    await q.query(`
      CREATE TABLE freezer_occupancy (
        freezer_id uuid PRIMARY KEY REFERENCES freezers(id),
        used_count integer NOT NULL DEFAULT 0 CHECK (used_count >= 0)
      )`);
    await q.query(`
      CREATE FUNCTION storage_freezer_created() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO freezer_occupancy (freezer_id) VALUES (NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER freezers_occupancy AFTER INSERT ON freezers FOR EACH ROW EXECUTE FUNCTION storage_freezer_created()`);

    await q.query(`
      CREATE TABLE storage_racks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        freezer_id uuid NOT NULL REFERENCES freezers(id),
        rack_no integer NOT NULL CHECK (rack_no >= 1),
        label text NOT NULL,
        CONSTRAINT storage_racks_freezer_rack_key UNIQUE (freezer_id, rack_no),
        CONSTRAINT storage_racks_label_key UNIQUE (label)
      )`);

    // used_count: units stored in the box, maintained only by the trigger below (the app role can not write it)
    await q.query(`
      CREATE TABLE storage_boxes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        freezer_id uuid NOT NULL REFERENCES freezers(id),
        rack_id uuid NOT NULL REFERENCES storage_racks(id),
        freezer_seq integer NOT NULL,
        rack_no integer NOT NULL,
        box_no integer NOT NULL CHECK (box_no >= 1),
        label text NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 1),
        used_count integer NOT NULL DEFAULT 0,
        CONSTRAINT storage_boxes_used_range CHECK (used_count BETWEEN 0 AND capacity),
        CONSTRAINT storage_boxes_id_freezer_key UNIQUE (id, freezer_id),
        CONSTRAINT storage_boxes_freezer_rack_box_key UNIQUE (freezer_id, rack_no, box_no),
        CONSTRAINT storage_boxes_label_key UNIQUE (label)
      )`);
    // the stable order of free positions across freezers: freezer (creation order), rack, box
    await q.query(`CREATE INDEX storage_boxes_order_idx ON storage_boxes (freezer_seq, rack_no, box_no)`);
    await q.query(`CREATE INDEX storage_boxes_rack_idx ON storage_boxes (rack_id)`);

    await q.query(`
      CREATE TABLE storage_positions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        box_id uuid NOT NULL,
        freezer_id uuid NOT NULL,
        row_no smallint NOT NULL CHECK (row_no BETWEEN 1 AND 26),
        col_no smallint NOT NULL CHECK (col_no BETWEEN 1 AND 99),
        label text NOT NULL,
        CONSTRAINT storage_positions_box_fk FOREIGN KEY (box_id, freezer_id) REFERENCES storage_boxes (id, freezer_id),
        CONSTRAINT storage_positions_box_cell_key UNIQUE (box_id, row_no, col_no),
        CONSTRAINT storage_positions_label_key UNIQUE (label)
      )`);
    await q.query(`CREATE INDEX storage_positions_freezer_idx ON storage_positions (freezer_id)`);

    await q.query(`
      ALTER TABLE cord_blood_units
        ADD CONSTRAINT cord_blood_units_position_fk FOREIGN KEY (position_id) REFERENCES storage_positions(id)`);

    // ---- temperatures and excursions ----------------------------------------------------------
    await q.query(`
      CREATE TABLE freezer_temperature_readings (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        freezer_id uuid NOT NULL REFERENCES freezers(id),
        read_at timestamptz NOT NULL,
        temperature_c numeric(6,2) NOT NULL CHECK (temperature_c BETWEEN -273.15 AND 100),
        limit_c numeric(5,1) NOT NULL,
        above_limit boolean NOT NULL,
        source text NOT NULL CHECK (source IN ('staff', 'lab_event')),
        recorded_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX freezer_temperature_readings_freezer_idx ON freezer_temperature_readings (freezer_id, read_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE freezer_excursions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        freezer_id uuid NOT NULL REFERENCES freezers(id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        limit_c numeric(5,1) NOT NULL,
        retrospective boolean NOT NULL DEFAULT false,
        opened_by_reading bigint REFERENCES freezer_temperature_readings(id),
        closed_by_reading bigint REFERENCES freezer_temperature_readings(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT freezer_excursions_interval CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX freezer_excursions_one_open_key ON freezer_excursions (freezer_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX freezer_excursions_freezer_idx ON freezer_excursions (freezer_id, started_at DESC)`);
    await q.query(`CREATE INDEX freezer_excursions_started_idx ON freezer_excursions (started_at DESC, id DESC)`);
    await q.query(`ALTER TABLE freezers ADD CONSTRAINT freezers_open_excursion_fk FOREIGN KEY (open_excursion_id) REFERENCES freezer_excursions(id)`);

    // An excursion as it concerns one unit, and QA's review of it for that unit (Part 11 e-signed).
    await q.query(`
      CREATE TABLE unit_excursions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        din text NOT NULL REFERENCES cord_blood_units(din),
        excursion_id uuid NOT NULL REFERENCES freezer_excursions(id),
        position_label text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        reviewed_at timestamptz,
        reviewed_by text,
        reviewer_name text,
        review_outcome text CHECK (review_outcome IN ('acceptable', 'unacceptable')),
        review_reason text,
        review_meaning text,
        CONSTRAINT unit_excursions_din_excursion_key UNIQUE (din, excursion_id),
        CONSTRAINT unit_excursions_review_complete CHECK (
          (reviewed_at IS NULL) = (review_outcome IS NULL) AND (reviewed_at IS NULL) = (reviewed_by IS NULL)
          AND (reviewed_at IS NULL) = (review_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX unit_excursions_excursion_idx ON unit_excursions (excursion_id, din)`);
    await q.query(`CREATE TRIGGER unit_excursions_audit AFTER INSERT OR UPDATE OR DELETE ON unit_excursions FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);

    // ---- freezer-level audit: a 'freezer:<id>' chain in the same hash-chained log -----------------
    await q.query(`
      CREATE FUNCTION audit_freezer_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        v_freezer text := v_row ->> TG_ARGV[0];
        v_before jsonb;
        v_after jsonb;
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
        PERFORM audit_append('freezer:' || v_freezer, NULL, NULL,
          coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER freezers_audit AFTER INSERT OR UPDATE OR DELETE ON freezers FOR EACH ROW EXECUTE FUNCTION audit_freezer_row('id')`);
    await q.query(`CREATE TRIGGER freezer_excursions_audit AFTER INSERT OR UPDATE OR DELETE ON freezer_excursions FOR EACH ROW EXECUTE FUNCTION audit_freezer_row('freezer_id')`);

    // ---- the unit's position changes: counters, service state, storable states, open excursions --
    await q.query(`
      CREATE FUNCTION storage_unit_position_changed() RETURNS trigger
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
          IF v_freezer.open_excursion_id IS NOT NULL THEN
            INSERT INTO unit_excursions (din, excursion_id, position_label) VALUES (NEW.din, v_freezer.open_excursion_id, v_label)
              ON CONFLICT (din, excursion_id) DO NOTHING;
          END IF;
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
    await q.query(`
      CREATE TRIGGER cord_blood_units_storage AFTER INSERT OR DELETE OR UPDATE OF position_id ON cord_blood_units
        FOR EACH ROW EXECUTE FUNCTION storage_unit_position_changed()`);

    // FACT-NetCord: a unit that went through a temperature excursion is not released until QA reviewed it.
    await q.query(`
      CREATE FUNCTION storage_unreviewed_excursion_gate() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_excursion uuid;
      BEGIN
        IF NEW.status IS NOT DISTINCT FROM OLD.status OR NEW.status NOT IN ('available', 'shipped')
           OR (NEW.status = 'available' AND OLD.status = 'reserved') THEN
          RETURN NEW;
        END IF;
        SELECT ue.excursion_id INTO v_excursion FROM unit_excursions ue
         WHERE ue.din = NEW.din AND (ue.reviewed_at IS NULL OR ue.review_outcome = 'unacceptable')
         ORDER BY ue.recorded_at LIMIT 1;
        IF v_excursion IS NOT NULL THEN
          RAISE EXCEPTION 'unit % went through temperature excursion % that QA has not accepted: it can not become %', NEW.din, v_excursion, NEW.status
            USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER cord_blood_units_unreviewed_excursion_gate BEFORE UPDATE OF status ON cord_blood_units
        FOR EACH ROW EXECUTE FUNCTION storage_unreviewed_excursion_gate()`);

    // The first free position of a freezer in the stable order (rack, box, row, column), skipping the
    // ones another transaction is taking right now. Row locks taken here last until commit.
    await q.query(`
      CREATE FUNCTION storage_claim_free_position(p_freezer uuid) RETURNS uuid
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_box uuid;
        v_position uuid;
      BEGIN
        FOR v_box IN SELECT b.id FROM storage_boxes b WHERE b.freezer_id = p_freezer AND b.used_count < b.capacity ORDER BY b.rack_no, b.box_no LOOP
          SELECT p.id INTO v_position FROM storage_positions p
           WHERE p.box_id = v_box AND NOT EXISTS (SELECT 1 FROM cord_blood_units u WHERE u.position_id = p.id)
           ORDER BY p.row_no, p.col_no LIMIT 1
           FOR UPDATE SKIP LOCKED;
          IF v_position IS NOT NULL THEN
            RETURN v_position;
          END IF;
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION storage_claim_free_position(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION storage_claim_free_position(uuid) TO cbb_app`);

    // ---- privileges ---------------------------------------------------------------------------
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE freezers, freezer_excursions, unit_excursions TO cbb_app`);
    await q.query(`GRANT SELECT, INSERT ON TABLE storage_racks, storage_boxes, storage_positions, freezer_temperature_readings TO cbb_app`);
    await q.query(`GRANT SELECT ON TABLE freezer_occupancy TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_unreviewed_excursion_gate ON cord_blood_units`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_storage ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS storage_unreviewed_excursion_gate()`);
    await q.query(`DROP FUNCTION IF EXISTS storage_unit_position_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS storage_claim_free_position(uuid)`);
    await q.query(`ALTER TABLE cord_blood_units DROP CONSTRAINT IF EXISTS cord_blood_units_position_fk`);
    await q.query(`DROP TABLE IF EXISTS unit_excursions`);
    await q.query(`ALTER TABLE freezers DROP CONSTRAINT IF EXISTS freezers_open_excursion_fk`);
    await q.query(`DROP TABLE IF EXISTS freezer_excursions`);
    await q.query(`DROP TABLE IF EXISTS freezer_temperature_readings`);
    await q.query(`DROP TABLE IF EXISTS storage_positions`);
    await q.query(`DROP TABLE IF EXISTS storage_boxes`);
    await q.query(`DROP TABLE IF EXISTS storage_racks`);
    await q.query(`DROP TABLE IF EXISTS freezer_occupancy`);
    await q.query(`DROP TABLE IF EXISTS freezers`);
    await q.query(`DROP FUNCTION IF EXISTS audit_freezer_row()`);
    await q.query(`DROP FUNCTION IF EXISTS storage_freezer_created()`);
    await q.query(`DROP FUNCTION IF EXISTS storage_num(integer)`);
  }
}
