import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinical use and outcomes (issue 17): what was given on a release request, the follow-up visits
 * after it with structured measurements, and the reference tables they are defined by.
 *
 * Reference tables are data, managed by admin (DESIGN.md section 6: "reference tables"), seeded here:
 * - `clinical_protocols`: a trial's identifier, title, sponsor, IND or EU CT number, arms, and its
 *   own follow-up schedule (days from infusion) and visit window;
 * - `clinical_use_schedules`: the follow-up schedule of each intended use, for requests outside a protocol;
 * - `clinical_cell_types`: the product as prepared (whole unit, or a fraction) and where its dose count
 *   comes from (`unit_tnc`: the unit's TNC; `measured`: the fraction's measured count);
 * - `clinical_routes`: how it was given;
 * - `clinical_dose_bands`: dose bands per cell type (for the outcome summary and chart);
 * - `outcome_measures`: what a follow-up measures: unit, value type, plausible range or categories,
 *   allowed methods, the uses it applies to, whether a change from baseline is meaningful.
 * Changes to reference rows are hash-chained on `clinical_reference:<table>:<key>`.
 *
 * Records of one release request (`clinical_administrations`, `clinical_follow_ups`,
 * `clinical_measurements`) are appended, in the same transaction, to the request's own audit chain
 * `release_request:<id>` (migration ReleaseRequests), so the request's history shows what was given
 * and what followed. The database also:
 * - recomputes the dose from the unit's counts, the fraction's measured count and the weight, and
 *   refuses a row whose dose differs (a dose is computed, never typed);
 * - refuses a measurement outside its definition (type, range, categories, method, use): CB422;
 * - refuses a correction (UPDATE of what was recorded) without a reason (`app.reason`): CB422; the
 *   audit entry keeps the old value.
 * Each de-identified export is recorded (`outcome_exports`, chained on `outcomes_export`): who, when,
 * under which minimum cell size, and what was suppressed.
 * Nothing here is ever deleted (no DELETE privilege).
 */
export class ClinicalOutcomes1763761000000 implements MigrationInterface {
  name = 'ClinicalOutcomes1763761000000';

  async up(q: QueryRunner): Promise<void> {
    // ---- reference tables ------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE clinical_protocols (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        identifier text NOT NULL,
        title text NOT NULL,
        sponsor text NOT NULL,
        ind_number text,
        eu_ct_number text,
        arms text[] NOT NULL DEFAULT '{}',
        follow_up_days integer[] NOT NULL,
        visit_window_days integer NOT NULL DEFAULT 14,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clinical_protocols_identifier_key UNIQUE (identifier),
        CONSTRAINT clinical_protocols_regulatory_number CHECK (ind_number IS NOT NULL OR eu_ct_number IS NOT NULL),
        CONSTRAINT clinical_protocols_schedule_valid CHECK (cardinality(follow_up_days) BETWEEN 1 AND 50 AND 0 <= ALL (follow_up_days) AND 3650 >= ALL (follow_up_days)),
        CONSTRAINT clinical_protocols_window_valid CHECK (visit_window_days BETWEEN 0 AND 180)
      )`);
    await q.query(`
      CREATE TABLE clinical_use_schedules (
        intended_use text PRIMARY KEY CHECK (intended_use IN ('allogeneic_transplant', 'autologous', 'directed_family', 'clinical_trial')),
        follow_up_days integer[] NOT NULL,
        visit_window_days integer NOT NULL DEFAULT 14,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clinical_use_schedules_valid CHECK (cardinality(follow_up_days) BETWEEN 1 AND 50 AND 0 <= ALL (follow_up_days) AND 3650 >= ALL (follow_up_days)
                                                       AND visit_window_days BETWEEN 0 AND 180)
      )`);
    await q.query(`
      CREATE TABLE clinical_cell_types (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        name text NOT NULL,
        counted_cells text NOT NULL,
        dose_source text NOT NULL CHECK (dose_source IN ('unit_tnc', 'measured')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE clinical_routes (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        name text NOT NULL,
        description text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE clinical_dose_bands (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        cell_type text NOT NULL REFERENCES clinical_cell_types(code),
        label text NOT NULL,
        min_per_kg double precision NOT NULL CHECK (min_per_kg >= 0),
        max_per_kg double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clinical_dose_bands_range CHECK (max_per_kg IS NULL OR max_per_kg > min_per_kg)
      )`);
    // bands of one cell type do not overlap (a dose falls in one band): checked under a table lock
    await q.query(`
      CREATE FUNCTION clinical_dose_bands_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_other text;
      BEGIN
        LOCK TABLE clinical_dose_bands IN SHARE ROW EXCLUSIVE MODE;
        SELECT code INTO v_other FROM clinical_dose_bands b
         WHERE b.cell_type = NEW.cell_type AND b.code <> NEW.code
           AND b.min_per_kg < coalesce(NEW.max_per_kg, 'infinity'::double precision)
           AND NEW.min_per_kg < coalesce(b.max_per_kg, 'infinity'::double precision)
         LIMIT 1;
        IF v_other IS NOT NULL THEN
          RAISE EXCEPTION 'dose band % overlaps band % of %', NEW.code, v_other, NEW.cell_type USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER clinical_dose_bands_no_overlap BEFORE INSERT OR UPDATE ON clinical_dose_bands FOR EACH ROW EXECUTE FUNCTION clinical_dose_bands_no_overlap()`);
    await q.query(`
      CREATE TABLE outcome_measures (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        name text NOT NULL,
        unit text,
        value_type text NOT NULL CHECK (value_type IN ('number', 'integer', 'boolean', 'category')),
        min_value double precision,
        max_value double precision,
        categories text[],
        methods text[] NOT NULL DEFAULT '{}',
        applicable_uses text[] NOT NULL,
        change_from_baseline boolean NOT NULL DEFAULT false,
        links_adverse_reaction boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcome_measures_numeric_range CHECK (value_type NOT IN ('number', 'integer') OR (min_value IS NOT NULL AND max_value IS NOT NULL AND min_value < max_value)),
        CONSTRAINT outcome_measures_categories CHECK ((value_type = 'category') = (categories IS NOT NULL AND cardinality(categories) >= 2)),
        CONSTRAINT outcome_measures_baseline_numeric CHECK (NOT change_from_baseline OR value_type IN ('number', 'integer')),
        CONSTRAINT outcome_measures_uses CHECK (cardinality(applicable_uses) >= 1
          AND applicable_uses <@ ARRAY['allogeneic_transplant', 'autologous', 'directed_family', 'clinical_trial'])
      )`);

    // ---- the record of one release request ------------------------------------------------------
    await q.query(`
      CREATE TABLE clinical_administrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_request_id uuid NOT NULL REFERENCES release_requests(id),
        din text NOT NULL REFERENCES cord_blood_units(din),
        protocol_id uuid REFERENCES clinical_protocols(id),
        protocol_arm text,
        cell_type text NOT NULL REFERENCES clinical_cell_types(code),
        route text NOT NULL REFERENCES clinical_routes(code),
        procedure text,
        administered_at timestamptz NOT NULL,
        patient_weight_kg numeric(6,2) NOT NULL,
        patient_age_months integer NOT NULL,
        measured_cell_count double precision,
        dose_per_kg double precision NOT NULL,
        cd34_per_kg double precision,
        viability_pct numeric(5,2) NOT NULL,
        recovery_pct numeric(5,2) NOT NULL,
        notes text,
        correction_reason text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clinical_administrations_request_key UNIQUE (release_request_id),
        CONSTRAINT clinical_administrations_weight CHECK (patient_weight_kg >= 0.3 AND patient_weight_kg <= 300),
        CONSTRAINT clinical_administrations_age CHECK (patient_age_months BETWEEN 0 AND 1500),
        CONSTRAINT clinical_administrations_viability CHECK (viability_pct >= 0 AND viability_pct <= 100),
        CONSTRAINT clinical_administrations_recovery CHECK (recovery_pct >= 0 AND recovery_pct <= 200),
        CONSTRAINT clinical_administrations_measured_count CHECK (measured_cell_count IS NULL OR measured_cell_count > 0),
        CONSTRAINT clinical_administrations_dose CHECK (dose_per_kg > 0),
        CONSTRAINT clinical_administrations_arm CHECK ((protocol_id IS NULL) = (protocol_arm IS NULL))
      )`);
    await q.query(`CREATE INDEX clinical_administrations_filters_idx ON clinical_administrations (route, cell_type)`);
    await q.query(`
      CREATE TABLE clinical_follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_request_id uuid NOT NULL REFERENCES clinical_administrations(release_request_id),
        visit_day integer NOT NULL CHECK (visit_day BETWEEN 0 AND 3650),
        assessed_at timestamptz NOT NULL,
        notes text,
        correction_reason text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clinical_follow_ups_visit_key UNIQUE (release_request_id, visit_day)
      )`);
    await q.query(`
      CREATE TABLE clinical_measurements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        follow_up_id uuid NOT NULL REFERENCES clinical_follow_ups(id),
        release_request_id uuid NOT NULL REFERENCES clinical_administrations(release_request_id),
        measure text NOT NULL REFERENCES outcome_measures(code),
        value_number double precision,
        value_text text,
        value_bool boolean,
        method text,
        adverse_reaction_id uuid,
        description text,
        correction_reason text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clinical_measurements_visit_measure_key UNIQUE (follow_up_id, measure),
        CONSTRAINT clinical_measurements_one_value CHECK (num_nonnulls(value_number, value_text, value_bool) = 1)
      )`);
    await q.query(`CREATE INDEX clinical_measurements_request_idx ON clinical_measurements (release_request_id, measure)`);
    await q.query(`COMMENT ON COLUMN clinical_measurements.adverse_reaction_id IS 'the adverse reaction record (issue 15, not built yet): a foreign key is added when that table exists'`);

    // ---- who took the de-identified export, when, under which k ----------------------------------
    await q.query(`
      CREATE TABLE outcome_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exported_by text NOT NULL,
        exported_at timestamptz NOT NULL DEFAULT now(),
        min_cell_size integer NOT NULL CHECK (min_cell_size >= 5),
        administrations integer NOT NULL,
        withheld_patients integer NOT NULL,
        suppressed_diagnoses integer NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_outcome_export_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM audit_append('outcomes_export', NULL, NULL, 'outcomes.exported', NULL, to_jsonb(NEW));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outcome_exports_audit AFTER INSERT ON outcome_exports FOR EACH ROW EXECUTE FUNCTION audit_outcome_export_row()`);
    await q.query(`GRANT SELECT, INSERT ON TABLE outcome_exports TO cbb_app`);

    // ---- the dose is computed, never typed --------------------------------------------------------
    await q.query(`
      CREATE FUNCTION clinical_administration_dose_check() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_source text;
        v_counted text;
        v_unit record;
        v_req record;
        v_expected double precision;
        v_cd34 double precision;
      BEGIN
        SELECT dose_source, counted_cells INTO v_source, v_counted FROM clinical_cell_types WHERE code = NEW.cell_type;
        SELECT tnc_count, cd34_count INTO v_unit FROM cord_blood_units WHERE din = NEW.din;
        SELECT din INTO v_req FROM release_requests WHERE id = NEW.release_request_id;
        IF v_req.din IS DISTINCT FROM NEW.din THEN
          RAISE EXCEPTION 'the administration names unit %, but the request holds %', NEW.din, v_req.din USING ERRCODE = 'CB422';
        END IF;
        IF v_source = 'unit_tnc' THEN
          IF NEW.measured_cell_count IS NOT NULL THEN
            RAISE EXCEPTION 'measuredCellCount is only for a prepared fraction, not for %', NEW.cell_type USING ERRCODE = 'CB422';
          END IF;
          IF v_unit.tnc_count IS NULL OR v_unit.tnc_count <= 0 THEN
            RAISE EXCEPTION 'unit % has no TNC count to compute the dose from', NEW.din USING ERRCODE = 'CB422';
          END IF;
          v_expected := v_unit.tnc_count::double precision / NEW.patient_weight_kg::double precision;
          v_cd34 := CASE WHEN v_unit.cd34_count IS NULL THEN NULL ELSE v_unit.cd34_count::double precision / NEW.patient_weight_kg::double precision END;
        ELSE
          IF NEW.measured_cell_count IS NULL THEN
            RAISE EXCEPTION 'measuredCellCount (the % count of the prepared fraction) is required for %', v_counted, NEW.cell_type USING ERRCODE = 'CB422';
          END IF;
          v_expected := NEW.measured_cell_count / NEW.patient_weight_kg::double precision;
          v_cd34 := CASE WHEN v_counted = 'CD34+' THEN v_expected ELSE NULL END;
        END IF;
        IF abs(NEW.dose_per_kg - v_expected) > 1e-9 * v_expected
           OR (v_cd34 IS NULL) <> (NEW.cd34_per_kg IS NULL)
           OR (v_cd34 IS NOT NULL AND abs(NEW.cd34_per_kg - v_cd34) > 1e-9 * v_cd34) THEN
          RAISE EXCEPTION 'the dose is computed from the unit counts, the measured count and the weight (% per kg expected, % given)', v_expected, NEW.dose_per_kg
            USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER clinical_administrations_dose BEFORE INSERT OR UPDATE ON clinical_administrations
        FOR EACH ROW EXECUTE FUNCTION clinical_administration_dose_check()`);

    // ---- a measurement fits its definition --------------------------------------------------------
    await q.query(`
      CREATE FUNCTION clinical_measurement_check() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        m outcome_measures;
        v_use text;
        v_visit uuid;
      BEGIN
        SELECT * INTO m FROM outcome_measures WHERE code = NEW.measure;
        SELECT r.intended_use INTO v_use FROM release_requests r WHERE r.id = NEW.release_request_id;
        SELECT f.release_request_id INTO v_visit FROM clinical_follow_ups f WHERE f.id = NEW.follow_up_id;
        IF v_visit IS DISTINCT FROM NEW.release_request_id THEN
          RAISE EXCEPTION 'the follow-up visit belongs to another request' USING ERRCODE = 'CB422';
        END IF;
        IF NOT v_use = ANY (m.applicable_uses) THEN
          RAISE EXCEPTION '% is not a measure for %', m.code, v_use USING ERRCODE = 'CB422';
        END IF;
        IF m.value_type IN ('number', 'integer') THEN
          IF NEW.value_number IS NULL OR NEW.value_number < m.min_value OR NEW.value_number > m.max_value
             OR (m.value_type = 'integer' AND NEW.value_number <> trunc(NEW.value_number)) THEN
            RAISE EXCEPTION '% must be % between % and %', m.code, CASE WHEN m.value_type = 'integer' THEN 'an integer' ELSE 'a number' END,
              m.min_value, m.max_value || coalesce(' ' || m.unit, '') USING ERRCODE = 'CB422';
          END IF;
        ELSIF m.value_type = 'boolean' THEN
          IF NEW.value_bool IS NULL THEN
            RAISE EXCEPTION '% must be true or false', m.code USING ERRCODE = 'CB422';
          END IF;
        ELSIF NEW.value_text IS NULL OR NOT NEW.value_text = ANY (m.categories) THEN
          RAISE EXCEPTION '% must be one of %', m.code, array_to_string(m.categories, ', ') USING ERRCODE = 'CB422';
        END IF;
        IF NEW.method IS NOT NULL AND NOT NEW.method = ANY (m.methods) THEN
          RAISE EXCEPTION '% is not a method of %', NEW.method, m.code USING ERRCODE = 'CB422';
        END IF;
        IF NEW.adverse_reaction_id IS NOT NULL AND NOT m.links_adverse_reaction THEN
          RAISE EXCEPTION '% does not link an adverse reaction', m.code USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER clinical_measurements_check BEFORE INSERT OR UPDATE ON clinical_measurements
        FOR EACH ROW EXECUTE FUNCTION clinical_measurement_check()`);

    // ---- a correction needs a reason --------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION clinical_correction_needs_reason() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nullif(current_setting('app.reason', true), '') IS NULL THEN
          RAISE EXCEPTION 'a correction of % needs a reason', TG_TABLE_NAME USING ERRCODE = 'CB422';
        END IF;
        IF NEW.release_request_id IS DISTINCT FROM OLD.release_request_id THEN
          RAISE EXCEPTION 'a clinical record can not move to another request' USING ERRCODE = 'CB422';
        END IF;
        RETURN NEW;
      END $$`);
    for (const t of ['clinical_administrations', 'clinical_follow_ups', 'clinical_measurements']) {
      await q.query(`CREATE TRIGGER ${t}_correction BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION clinical_correction_needs_reason()`);
    }

    // ---- audit: the request's chain ---------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION audit_clinical_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
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
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        v_after := v_after || jsonb_build_object('record', TG_TABLE_NAME);
        PERFORM audit_append('release_request:' || NEW.release_request_id, NULL, NULL,
                             coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);
    for (const t of ['clinical_administrations', 'clinical_follow_ups', 'clinical_measurements']) {
      await q.query(`CREATE TRIGGER ${t}_audit AFTER INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit_clinical_row()`);
    }

    await q.query(`
      CREATE FUNCTION audit_clinical_reference_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
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
        END IF;
        PERFORM audit_append('clinical_reference:' || TG_TABLE_NAME || ':' || (v_new ->> TG_ARGV[0]), NULL, NULL,
                             coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);
    const reference: [string, string][] = [
      ['clinical_protocols', 'id'], ['clinical_use_schedules', 'intended_use'], ['clinical_cell_types', 'code'],
      ['clinical_routes', 'code'], ['clinical_dose_bands', 'code'], ['outcome_measures', 'code'],
    ];
    for (const [t, key] of reference) {
      await q.query(`CREATE TRIGGER ${t}_audit AFTER INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit_clinical_reference_row('${key}')`);
    }

    for (const t of [...reference.map(([name]) => name), 'clinical_administrations', 'clinical_follow_ups', 'clinical_measurements']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE ${t} TO cbb_app`);
    }

    // ---- seed (actor: the migration) ----------------------------------------------------------------
    await q.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'migration', true),
                          set_config('app.actor_name', 'migration ClinicalOutcomes', true), set_config('app.action', 'clinical_reference.seeded', true)`);
    await q.query(`
      INSERT INTO clinical_use_schedules (intended_use, follow_up_days, visit_window_days) VALUES
        ('allogeneic_transplant', '{0,30,100,180,365}', 14),
        ('autologous', '{0,30,100,180,365}', 14),
        ('directed_family', '{0,30,100,180,365}', 14),
        ('clinical_trial', '{0,30,180,365}', 14)`);
    await q.query(`
      INSERT INTO clinical_cell_types (code, name, counted_cells, dose_source) VALUES
        ('whole_unit', 'Whole unit (thawed, washed or diluted)', 'TNC', 'unit_tnc'),
        ('tnc', 'Total nucleated cell fraction', 'TNC', 'measured'),
        ('mnc', 'Mononuclear cell fraction', 'MNC', 'measured'),
        ('cd34_selected', 'CD34+ selected cells', 'CD34+', 'measured'),
        ('cd133_selected', 'CD133+ selected cells', 'CD133+', 'measured')`);
    await q.query(`
      INSERT INTO clinical_routes (code, name, description) VALUES
        ('intravenous', 'Intravenous', 'peripheral or central venous infusion'),
        ('intracoronary', 'Intracoronary', 'into a coronary artery by catheter'),
        ('intramyocardial', 'Intramyocardial', 'injected into the myocardium, e.g. during a Glenn or Fontan operation'),
        ('intra_arterial', 'Intra-arterial', 'into an artery other than a coronary artery')`);
    await q.query(`
      INSERT INTO clinical_dose_bands (code, cell_type, label, min_per_kg, max_per_kg) VALUES
        ('whole_lt_2_5e7', 'whole_unit', '< 2.5 × 10^7 TNC/kg', 0, 2.5e7),
        ('whole_2_5e7_5e7', 'whole_unit', '2.5–5 × 10^7 TNC/kg', 2.5e7, 5e7),
        ('whole_ge_5e7', 'whole_unit', '≥ 5 × 10^7 TNC/kg', 5e7, NULL),
        ('tnc_lt_1e7', 'tnc', '< 1 × 10^7 TNC/kg', 0, 1e7),
        ('tnc_1e7_5e7', 'tnc', '1–5 × 10^7 TNC/kg', 1e7, 5e7),
        ('tnc_ge_5e7', 'tnc', '≥ 5 × 10^7 TNC/kg', 5e7, NULL),
        ('mnc_lt_1e7', 'mnc', '< 1 × 10^7 MNC/kg', 0, 1e7),
        ('mnc_1e7_1e8', 'mnc', '1–10 × 10^7 MNC/kg', 1e7, 1e8),
        ('mnc_ge_1e8', 'mnc', '≥ 1 × 10^8 MNC/kg', 1e8, NULL),
        ('cd34_lt_1e5', 'cd34_selected', '< 1 × 10^5 CD34+/kg', 0, 1e5),
        ('cd34_1e5_1e6', 'cd34_selected', '1–10 × 10^5 CD34+/kg', 1e5, 1e6),
        ('cd34_ge_1e6', 'cd34_selected', '≥ 1 × 10^6 CD34+/kg', 1e6, NULL),
        ('cd133_lt_1e5', 'cd133_selected', '< 1 × 10^5 CD133+/kg', 0, 1e5),
        ('cd133_1e5_1e6', 'cd133_selected', '1–10 × 10^5 CD133+/kg', 1e5, 1e6),
        ('cd133_ge_1e6', 'cd133_selected', '≥ 1 × 10^6 CD133+/kg', 1e6, NULL)`);
    const all = `'{allogeneic_transplant,autologous,directed_family,clinical_trial}'`;
    const cardiac = `'{autologous,directed_family,clinical_trial}'`;
    await q.query(`
      INSERT INTO outcome_measures (code, name, unit, value_type, min_value, max_value, categories, methods, applicable_uses, change_from_baseline, links_adverse_reaction) VALUES
        ('neutrophil_engraftment_day', 'Neutrophil engraftment: first of 3 days with ANC ≥ 0.5 × 10^9/L', 'day', 'integer', 1, 100, NULL, '{}', ${all}, false, false),
        ('platelet_engraftment_day', 'Platelet engraftment: first of 7 days with platelets ≥ 20 × 10^9/L unsupported', 'day', 'integer', 1, 365, NULL, '{}', ${all}, false, false),
        ('donor_chimerism_pct', 'Donor chimerism', '%', 'number', 0, 100, NULL, '{STR,qPCR,NGS}', ${all}, false, false),
        ('acute_gvhd_grade', 'Acute GvHD, maximum grade (MAGIC)', NULL, 'category', NULL, NULL, '{0,I,II,III,IV}', '{}', ${all}, false, false),
        ('chronic_gvhd', 'Chronic GvHD, NIH global severity', NULL, 'category', NULL, NULL, '{none,mild,moderate,severe}', '{}', ${all}, false, false),
        ('relapse', 'Relapse or progression of the disease', NULL, 'boolean', NULL, NULL, NULL, '{}', ${all}, false, false),
        ('alive', 'Alive at the visit (survival)', NULL, 'boolean', NULL, NULL, NULL, '{}', ${all}, false, false),
        ('lvef_pct', 'Left ventricular ejection fraction', '%', 'number', 5, 90, NULL, '{echo,mri}', ${cardiac}, true, false),
        ('rvef_pct', 'Right ventricular ejection fraction', '%', 'number', 5, 90, NULL, '{echo,mri}', ${cardiac}, true, false),
        ('tapse_mm', 'Tricuspid annular plane systolic excursion (RV function)', 'mm', 'number', 1, 40, NULL, '{echo}', ${cardiac}, true, false),
        ('nyha_class', 'NYHA functional class', NULL, 'category', NULL, NULL, '{I,II,III,IV}', '{}', ${cardiac}, false, false),
        ('ross_class', 'Ross heart failure class (children)', NULL, 'category', NULL, NULL, '{I,II,III,IV}', '{}', ${cardiac}, false, false),
        ('nt_probnp_pg_ml', 'NT-proBNP', 'pg/mL', 'number', 5, 150000, NULL, '{}', ${cardiac}, true, false),
        ('serious_adverse_event', 'Serious adverse event since the last visit', NULL, 'boolean', NULL, NULL, NULL, '{}', ${all}, false, true)`);
    await q.query(`SELECT set_config('app.action', '', true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outcome_exports`);
    await q.query(`DROP FUNCTION IF EXISTS audit_outcome_export_row()`);
    for (const t of ['clinical_measurements', 'clinical_follow_ups', 'clinical_administrations', 'outcome_measures', 'clinical_dose_bands', 'clinical_routes', 'clinical_cell_types', 'clinical_use_schedules', 'clinical_protocols']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    for (const f of ['clinical_dose_bands_no_overlap', 'audit_clinical_reference_row', 'audit_clinical_row', 'clinical_correction_needs_reason', 'clinical_measurement_check', 'clinical_administration_dose_check']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}()`);
    }
  }
}
