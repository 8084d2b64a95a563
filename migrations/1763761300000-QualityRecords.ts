import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality records (DESIGN.md section 9): deviations with their units and CAPA actions, adverse
 * reactions after infusion, and documents attached to a donor, unit, deviation or release request.
 *
 * What the database guarantees here:
 * - gap-free numbers `DV000001`, `AR000001`: one counter row per kind, incremented by the BEFORE
 *   INSERT trigger in the inserting transaction (its row lock serialises concurrent reports; a
 *   rolled-back report gives its number back, unlike a sequence);
 * - a deviation closes only with QA's signature, when every CAPA action is done with its
 *   effectiveness checked and every unit concerned has a disposition (trigger, CB409), and a closed
 *   deviation is never changed again, nor are its units or actions;
 * - every unit concerned is either held or carries QA's reason for not holding it (CHECK);
 * - a deviation concerning a distributed unit closes only with its FDA report (21 CFR 1271.350(b))
 *   or QA's reason why it is not reportable;
 * - a document's bytes, SHA-256 and size agree (CHECK computed by PostgreSQL) and never change; a
 *   document is never deleted, only superseded once, with a reason;
 * - the audit trail: deviations, their units and actions on the chain `deviation:<id>` (a unit's
 *   entry also on the unit's chain); adverse reactions on `adverse_reaction:<id>` and the unit's
 *   chain; documents on their owner's chain (`donor:<id>`, the DIN, `deviation:<id>`,
 *   `release_request:<id>`), without their bytes (the SHA-256 stands for them).
 */
export class QualityRecords1763761300000 implements MigrationInterface {
  name = 'QualityRecords1763761300000';

  async up(q: QueryRunner): Promise<void> {
    // ---- gap-free record numbers ----------------------------------------------------------------
    await q.query(`CREATE TABLE quality_record_counters (kind text PRIMARY KEY, last_value integer NOT NULL)`);
    await q.query(`
      CREATE FUNCTION quality_record_number() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_prefix text := TG_ARGV[0];
        v_column text := TG_ARGV[1];
        v_next integer;
      BEGIN
        INSERT INTO quality_record_counters (kind, last_value) VALUES (TG_TABLE_NAME, 1)
          ON CONFLICT (kind) DO UPDATE SET last_value = quality_record_counters.last_value + 1
          RETURNING last_value INTO v_next;
        NEW := jsonb_populate_record(NEW, jsonb_build_object(v_column, v_prefix || lpad(v_next::text, 6, '0')));
        RETURN NEW;
      END $$`);

    // ---- deviations ------------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE deviations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deviation_number text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        title text NOT NULL,
        description text NOT NULL,
        occurred_at timestamptz NOT NULL,
        discovered_at timestamptz NOT NULL,
        where_found text NOT NULL,
        category text NOT NULL,
        severity text NOT NULL,
        source text NOT NULL DEFAULT 'staff',
        source_reference text,
        reported_by text NOT NULL,
        reported_by_name text NOT NULL,
        investigation text,
        root_cause text,
        fda_reported_at timestamptz,
        fda_report_reference text,
        fda_not_reportable_reason text,
        closure_summary text,
        closed_at timestamptz,
        closed_by text,
        closed_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deviations_number_key UNIQUE (deviation_number),
        CONSTRAINT deviations_status_valid CHECK (status IN ('open', 'investigating', 'closed')),
        CONSTRAINT deviations_severity_valid CHECK (severity IN ('minor', 'major', 'critical')),
        CONSTRAINT deviations_category_valid CHECK (category IN ('collection', 'receipt', 'processing', 'testing', 'storage', 'labeling', 'distribution', 'documentation', 'equipment', 'supplies', 'other')),
        CONSTRAINT deviations_source_valid CHECK (source IN ('staff', 'system', 'adverse_reaction')),
        CONSTRAINT deviations_time_order CHECK (occurred_at <= discovered_at),
        CONSTRAINT deviations_fda_report CHECK ((fda_reported_at IS NULL) = (fda_report_reference IS NULL) AND (fda_reported_at IS NULL OR fda_not_reportable_reason IS NULL)),
        CONSTRAINT deviations_fda_after_discovery CHECK (fda_reported_at IS NULL OR fda_reported_at >= discovered_at),
        CONSTRAINT deviations_closure CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND closure_summary IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX deviations_status_idx ON deviations (status, discovered_at DESC)`);
    await q.query(`CREATE INDEX deviations_discovered_idx ON deviations (discovered_at DESC, id)`);
    await q.query(`CREATE TRIGGER deviations_number BEFORE INSERT ON deviations FOR EACH ROW EXECUTE FUNCTION quality_record_number('DV', 'deviation_number')`);

    await q.query(`
      CREATE TABLE deviation_units (
        deviation_id uuid NOT NULL REFERENCES deviations(id),
        din text NOT NULL REFERENCES cord_blood_units(din),
        hold text NOT NULL,
        not_held_reason text,
        status_when_added text NOT NULL,
        added_by text NOT NULL,
        disposition text,
        disposition_reason text,
        dispositioned_at timestamptz,
        dispositioned_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (deviation_id, din),
        CONSTRAINT deviation_units_hold_valid CHECK (hold IN ('placed', 'already_on_hold', 'not_held')),
        CONSTRAINT deviation_units_not_held_reason CHECK ((hold = 'not_held') = (not_held_reason IS NOT NULL)),
        CONSTRAINT deviation_units_disposition_valid CHECK (disposition IS NULL OR disposition IN ('use_as_is', 'discard', 'not_affected', 'distributed_consignee_notified')),
        CONSTRAINT deviation_units_disposition_complete CHECK (
          (disposition IS NULL) = (disposition_reason IS NULL) AND (disposition IS NULL) = (dispositioned_at IS NULL) AND (disposition IS NULL) = (dispositioned_by IS NULL))
      )`);
    await q.query(`CREATE INDEX deviation_units_din_idx ON deviation_units (din)`);

    await q.query(`
      CREATE TABLE deviation_capa_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deviation_id uuid NOT NULL REFERENCES deviations(id),
        kind text NOT NULL,
        description text NOT NULL,
        owner text NOT NULL,
        due_date date NOT NULL,
        done_at timestamptz,
        done_by text,
        done_note text,
        effectiveness text,
        effectiveness_note text,
        effectiveness_checked_at timestamptz,
        effectiveness_checked_by text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deviation_capa_kind_valid CHECK (kind IN ('correction', 'corrective', 'preventive')),
        CONSTRAINT deviation_capa_done CHECK ((done_at IS NULL) = (done_by IS NULL) AND (done_at IS NULL) = (done_note IS NULL)),
        CONSTRAINT deviation_capa_effectiveness_valid CHECK (effectiveness IS NULL OR effectiveness IN ('effective', 'not_effective')),
        CONSTRAINT deviation_capa_effectiveness_complete CHECK (
          (effectiveness IS NULL) = (effectiveness_checked_at IS NULL) AND (effectiveness IS NULL) = (effectiveness_checked_by IS NULL)
          AND (effectiveness IS NULL) = (effectiveness_note IS NULL)),
        CONSTRAINT deviation_capa_effectiveness_after_done CHECK (effectiveness IS NULL OR done_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX deviation_capa_deviation_idx ON deviation_capa_actions (deviation_id, due_date)`);
    await q.query(`CREATE INDEX deviation_capa_open_due_idx ON deviation_capa_actions (due_date) WHERE effectiveness IS NULL`);

    // A deviation's state machine and its closure rule; nothing of a closed deviation changes again.
    await q.query(`
      CREATE FUNCTION deviation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_open integer;
        v_undispositioned text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'open' THEN
            RAISE EXCEPTION 'a new deviation starts open, not %', NEW.status USING ERRCODE = 'CB422';
          END IF;
          RETURN NEW;
        END IF;
        IF OLD.status = 'closed' THEN
          RAISE EXCEPTION 'deviation % is closed: it can not be changed', OLD.deviation_number USING ERRCODE = 'CB409';
        END IF;
        IF NEW.deviation_number IS DISTINCT FROM OLD.deviation_number OR NEW.reported_by IS DISTINCT FROM OLD.reported_by OR NEW.source IS DISTINCT FROM OLD.source THEN
          RAISE EXCEPTION 'the number, reporter and source of deviation % can not be changed', OLD.deviation_number USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status = 'open' AND OLD.status <> 'open' THEN
          RAISE EXCEPTION 'deviation % can not go back from % to open', OLD.deviation_number, OLD.status USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status = 'closed' THEN
          SELECT count(*) INTO v_open FROM deviation_capa_actions WHERE deviation_id = NEW.id AND (done_at IS NULL OR effectiveness IS NULL);
          IF v_open > 0 THEN
            RAISE EXCEPTION 'deviation % can not be closed: % CAPA action(s) not done or without an effectiveness check', OLD.deviation_number, v_open
              USING ERRCODE = 'CB409';
          END IF;
          -- 21 CFR 1271.350(b): a deviation concerning a distributed unit is reported to FDA, or QA records why it is not reportable
          IF NEW.fda_reported_at IS NULL AND NEW.fda_not_reportable_reason IS NULL AND EXISTS (
               SELECT 1 FROM deviation_units WHERE deviation_id = NEW.id AND status_when_added IN ('shipped', 'delivered', 'infused')) THEN
            RAISE EXCEPTION 'deviation % can not be closed: it concerns a distributed unit and has neither an FDA report nor the reason it is not reportable', OLD.deviation_number
              USING ERRCODE = 'CB409';
          END IF;
          SELECT string_agg(din, ', ' ORDER BY din) INTO v_undispositioned FROM deviation_units WHERE deviation_id = NEW.id AND disposition IS NULL;
          IF v_undispositioned IS NOT NULL THEN
            RAISE EXCEPTION 'deviation % can not be closed: no disposition for unit(s) %', OLD.deviation_number, v_undispositioned
              USING ERRCODE = 'CB409';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER deviations_guard BEFORE INSERT OR UPDATE ON deviations FOR EACH ROW EXECUTE FUNCTION deviation_guard()`);
    // Units and actions of a closed deviation are frozen; the row lock on the deviation serialises
    // them with its closure (FOR KEY SHARE here vs the closure's row UPDATE).
    await q.query(`
      CREATE FUNCTION deviation_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_status text;
        v_number text;
      BEGIN
        SELECT status, deviation_number INTO v_status, v_number FROM deviations WHERE id = NEW.deviation_id FOR SHARE;
        IF v_status = 'closed' THEN
          RAISE EXCEPTION 'deviation % is closed: its units and CAPA actions can not be changed', v_number USING ERRCODE = 'CB409';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.deviation_id IS DISTINCT FROM OLD.deviation_id THEN
          RAISE EXCEPTION 'a record of deviation % can not move to another deviation', v_number USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER deviation_units_guard BEFORE INSERT OR UPDATE ON deviation_units FOR EACH ROW EXECUTE FUNCTION deviation_child_guard()`);
    await q.query(`CREATE TRIGGER deviation_capa_guard BEFORE INSERT OR UPDATE ON deviation_capa_actions FOR EACH ROW EXECUTE FUNCTION deviation_child_guard()`);

    // ---- adverse reactions -----------------------------------------------------------------------
    await q.query(`
      CREATE TABLE adverse_reactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reaction_number text NOT NULL,
        release_request_id uuid NOT NULL REFERENCES release_requests(id),
        din text NOT NULL REFERENCES cord_blood_units(din),
        onset_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        description text NOT NULL,
        severity text NOT NULL,
        serious boolean NOT NULL,
        seriousness_criteria text[] NOT NULL DEFAULT '{}',
        communicable_disease boolean NOT NULL DEFAULT false,
        causality text NOT NULL DEFAULT 'not_assessed',
        investigation text,
        product_implicated boolean,
        deviation_id uuid REFERENCES deviations(id),
        fda_reported_at timestamptz,
        fda_report_reference text,
        reported_by text NOT NULL,
        reported_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT adverse_reactions_number_key UNIQUE (reaction_number),
        CONSTRAINT adverse_reactions_deviation_key UNIQUE (deviation_id),
        CONSTRAINT adverse_reactions_severity_valid CHECK (severity IN ('mild', 'moderate', 'severe', 'life_threatening', 'fatal')),
        CONSTRAINT adverse_reactions_causality_valid CHECK (causality IN ('not_assessed', 'unrelated', 'unlikely', 'possible', 'probable', 'definite')),
        CONSTRAINT adverse_reactions_criteria_valid CHECK (seriousness_criteria <@ ARRAY['fatal', 'life_threatening', 'permanent_impairment', 'medical_intervention', 'hospitalization']::text[]),
        CONSTRAINT adverse_reactions_serious_has_criteria CHECK (serious = (cardinality(seriousness_criteria) > 0)),
        CONSTRAINT adverse_reactions_time_order CHECK (onset_at <= received_at),
        CONSTRAINT adverse_reactions_fda_report CHECK ((fda_reported_at IS NULL) = (fda_report_reference IS NULL)),
        CONSTRAINT adverse_reactions_fda_after_receipt CHECK (fda_reported_at IS NULL OR fda_reported_at >= received_at),
        CONSTRAINT adverse_reactions_deviation_when_implicated CHECK (deviation_id IS NULL OR product_implicated)
      )`);
    await q.query(`CREATE INDEX adverse_reactions_received_idx ON adverse_reactions (received_at DESC, id)`);
    await q.query(`CREATE INDEX adverse_reactions_din_idx ON adverse_reactions (din)`);
    await q.query(`CREATE TRIGGER adverse_reactions_number BEFORE INSERT ON adverse_reactions FOR EACH ROW EXECUTE FUNCTION quality_record_number('AR', 'reaction_number')`);
    await q.query(`
      CREATE FUNCTION adverse_reaction_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reaction_number IS DISTINCT FROM OLD.reaction_number OR NEW.release_request_id IS DISTINCT FROM OLD.release_request_id
           OR NEW.din IS DISTINCT FROM OLD.din OR NEW.received_at IS DISTINCT FROM OLD.received_at OR NEW.reported_by IS DISTINCT FROM OLD.reported_by THEN
          RAISE EXCEPTION 'the number, request, unit, receipt time and reporter of adverse reaction % can not be changed', OLD.reaction_number USING ERRCODE = 'CB409';
        END IF;
        IF OLD.fda_reported_at IS NOT NULL AND (NEW.fda_reported_at IS DISTINCT FROM OLD.fda_reported_at OR NEW.fda_report_reference IS DISTINCT FROM OLD.fda_report_reference) THEN
          RAISE EXCEPTION 'the FDA report of adverse reaction % is recorded: it can not be changed', OLD.reaction_number USING ERRCODE = 'CB409';
        END IF;
        IF OLD.deviation_id IS NOT NULL AND NEW.deviation_id IS DISTINCT FROM OLD.deviation_id THEN
          RAISE EXCEPTION 'adverse reaction % already links deviation; it can not link another', OLD.reaction_number USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER adverse_reactions_guard BEFORE UPDATE ON adverse_reactions FOR EACH ROW EXECUTE FUNCTION adverse_reaction_guard()`);

    // ---- documents -------------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_type text NOT NULL,
        donor_id uuid REFERENCES donors(id),
        din text REFERENCES cord_blood_units(din),
        deviation_id uuid REFERENCES deviations(id),
        release_request_id uuid REFERENCES release_requests(id),
        title text NOT NULL,
        file_name text NOT NULL,
        media_type text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_by_name text NOT NULL,
        supersedes uuid REFERENCES documents(id),
        superseded_by uuid REFERENCES documents(id),
        superseded_at timestamptz,
        supersede_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT documents_owner_type_valid CHECK (owner_type IN ('donor', 'unit', 'deviation', 'release_request')),
        CONSTRAINT documents_one_owner CHECK (
          num_nonnulls(donor_id, din, deviation_id, release_request_id) = 1 AND
          CASE owner_type WHEN 'donor' THEN donor_id IS NOT NULL WHEN 'unit' THEN din IS NOT NULL
                          WHEN 'deviation' THEN deviation_id IS NOT NULL ELSE release_request_id IS NOT NULL END),
        CONSTRAINT documents_media_type_valid CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain')),
        CONSTRAINT documents_size CHECK (size_bytes = octet_length(content) AND size_bytes > 0),
        CONSTRAINT documents_sha256 CHECK (sha256 = encode(sha256(content), 'hex')),
        CONSTRAINT documents_superseded CHECK ((superseded_by IS NULL) = (superseded_at IS NULL) AND (superseded_by IS NULL) = (supersede_reason IS NULL)),
        CONSTRAINT documents_supersedes_key UNIQUE (supersedes)
      )`);
    await q.query(`CREATE INDEX documents_donor_idx ON documents (donor_id, created_at) WHERE donor_id IS NOT NULL`);
    await q.query(`CREATE INDEX documents_din_idx ON documents (din, created_at) WHERE din IS NOT NULL`);
    await q.query(`CREATE INDEX documents_deviation_idx ON documents (deviation_id, created_at) WHERE deviation_id IS NOT NULL`);
    await q.query(`CREATE INDEX documents_release_request_idx ON documents (release_request_id, created_at) WHERE release_request_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION document_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'documents are never deleted (supersede it with a reason)' USING ERRCODE = 'CB409';
        END IF;
        IF OLD.superseded_by IS NOT NULL THEN
          RAISE EXCEPTION 'document % is already superseded', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF (to_jsonb(NEW) - 'superseded_by' - 'superseded_at' - 'supersede_reason') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by' - 'superseded_at' - 'supersede_reason') THEN
          RAISE EXCEPTION 'a stored document can not be changed (only superseded, with a reason)' USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER documents_guard BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION document_guard()`);

    // ---- audit -----------------------------------------------------------------------------------
    // The row diff of a quality record, appended to the record's chain (`<kind>:<id of TG_ARGV[1]>`)
    // and, for a row that names a unit, to the unit's chain too. The bytes of a document are not
    // recorded: its SHA-256 and size stand for them.
    await q.query(`
      CREATE FUNCTION audit_quality_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_kind text := TG_ARGV[0];
        v_new jsonb := to_jsonb(NEW) - 'content';
        v_old jsonb;
        v_before jsonb;
        v_after jsonb;
        v_action text;
        v_chain text;
        v_donor uuid;
        v_din text := v_new ->> 'din';
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_after := v_new - 'created_at' - 'updated_at';
        ELSE
          v_old := to_jsonb(OLD) - 'content';
          SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
            INTO v_before, v_after
            FROM jsonb_each(v_new) n
           WHERE n.value IS DISTINCT FROM v_old -> n.key AND n.key NOT IN ('updated_at');
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_strip_nulls(jsonb_build_object('id', v_new -> 'id', 'din', v_new -> 'din', 'deviation_id', v_new -> 'deviation_id'));
        END IF;
        v_action := coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP));
        IF v_kind = 'document' THEN
          CASE v_new ->> 'owner_type'
            WHEN 'donor' THEN v_donor := (v_new ->> 'donor_id')::uuid; v_chain := 'donor:' || v_donor;
            WHEN 'unit' THEN v_chain := v_din;
            WHEN 'deviation' THEN v_chain := 'deviation:' || (v_new ->> 'deviation_id');
            ELSE v_chain := 'release_request:' || (v_new ->> 'release_request_id');
          END CASE;
          PERFORM audit_append(v_chain, CASE WHEN v_chain = v_din THEN v_din END, v_donor, v_action, v_before, v_after);
          RETURN NULL;
        END IF;
        v_chain := v_kind || ':' || (v_new ->> TG_ARGV[1]);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        IF v_din IS NOT NULL THEN
          PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER deviations_audit AFTER INSERT OR UPDATE ON deviations FOR EACH ROW EXECUTE FUNCTION audit_quality_row('deviation', 'id')`);
    await q.query(`CREATE TRIGGER deviation_units_audit AFTER INSERT OR UPDATE ON deviation_units FOR EACH ROW EXECUTE FUNCTION audit_quality_row('deviation', 'deviation_id')`);
    await q.query(`CREATE TRIGGER deviation_capa_audit AFTER INSERT OR UPDATE ON deviation_capa_actions FOR EACH ROW EXECUTE FUNCTION audit_quality_row('deviation', 'deviation_id')`);
    await q.query(`CREATE TRIGGER adverse_reactions_audit AFTER INSERT OR UPDATE ON adverse_reactions FOR EACH ROW EXECUTE FUNCTION audit_quality_row('adverse_reaction', 'id')`);
    await q.query(`CREATE TRIGGER documents_audit AFTER INSERT OR UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION audit_quality_row('document', 'id')`);

    // ---- privileges: the app reads and writes, never deletes ---------------------------------------
    for (const t of ['deviations', 'deviation_units', 'deviation_capa_actions', 'adverse_reactions', 'documents']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE ${t} TO cbb_app`);
    }
    await q.query(`GRANT SELECT ON TABLE quality_record_counters TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['documents', 'adverse_reactions', 'deviation_capa_actions', 'deviation_units', 'deviations', 'quality_record_counters']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    for (const f of ['audit_quality_row', 'document_guard', 'adverse_reaction_guard', 'deviation_child_guard', 'deviation_guard', 'quality_record_number']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}()`);
    }
  }
}
