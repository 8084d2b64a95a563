import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Release requests (FACT-NetCord release; DESIGN.md section 2): a transplant centre's or family's
 * request, from submission to infusion: submitted → reserved → approved (medical director,
 * e-signed) → shipped → delivered → completed; cancelled from any state before shipped.
 *
 * What the database guarantees here:
 * - one request per unit and one unit per request: `cord_blood_units_reserved_for_key` (unique
 *   reserved_for, from the units migration) plus the foreign key added below;
 * - the request's state machine (trigger `release_requests_status_guard`, SQLSTATE CBT01 naming the
 *   allowed next states, answered 409) and the facts each state needs (CHECKs: a unit from reserved
 *   on, the approval from approved on, the shipment, the delivery, the infusion, the cancellation);
 * - no half-reservation: at commit, a request from reserved on is the one its unit is reserved for,
 *   and a unit's reservation points at a request that holds that unit and is not submitted or
 *   cancelled (deferred constraint triggers, SQLSTATE CB409);
 * - the audit trail: every change of a request is appended (hash-chained, same transaction) to the
 *   request's own chain `release_request:<id>` (its history), and, once it names a unit, also to
 *   that unit's chain, so the unit's trail shows its reservation, approval, shipment and delivery.
 */
export class ReleaseRequests1763760500000 implements MigrationInterface {
  name = 'ReleaseRequests1763760500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE release_request_number_seq`);
    await q.query(`
      CREATE TABLE release_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_number text NOT NULL DEFAULT ('RR' || lpad(nextval('release_request_number_seq')::text, 6, '0')),
        status text NOT NULL DEFAULT 'submitted',
        requesting_facility text NOT NULL,
        physician text NOT NULL,
        patient_identifier text NOT NULL,
        patient_weight_kg numeric(6,2) NOT NULL,
        patient_diagnosis text NOT NULL,
        patient_hla jsonb,
        intended_use text NOT NULL,
        needed_by timestamptz NOT NULL,
        submitted_by text NOT NULL,
        din text REFERENCES cord_blood_units(din),
        reserved_at timestamptz,
        reserved_by text,
        match_grade text,
        match_detail jsonb,
        tnc_per_kg double precision,
        cd34_per_kg double precision,
        dose_override_reason text,
        approved_at timestamptz,
        approved_by text,
        approver_name text,
        approval_meaning text,
        courier text,
        dispatched_at timestamptz,
        shipper_id text,
        temperature_logger_id text,
        shipped_by text,
        received_at timestamptz,
        received_by text,
        delivery_temperature_ok boolean,
        infused_at timestamptz,
        outcome_notes text,
        cancelled_at timestamptz,
        cancel_reason text,
        cancelled_from text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT release_requests_number_key UNIQUE (request_number),
        CONSTRAINT release_requests_status_valid CHECK (status IN ('submitted', 'reserved', 'approved', 'shipped', 'delivered', 'completed', 'cancelled')),
        CONSTRAINT release_requests_intended_use_valid CHECK (intended_use IN ('allogeneic_transplant', 'autologous', 'directed_family', 'clinical_trial')),
        CONSTRAINT release_requests_weight_valid CHECK (patient_weight_kg >= 0.3 AND patient_weight_kg <= 300),
        CONSTRAINT release_requests_unit_from_reserved CHECK (status IN ('submitted', 'cancelled') OR (din IS NOT NULL AND reserved_at IS NOT NULL)),
        CONSTRAINT release_requests_approval_from_approved CHECK (status NOT IN ('approved', 'shipped', 'delivered', 'completed') OR (approved_at IS NOT NULL AND approved_by IS NOT NULL)),
        CONSTRAINT release_requests_shipment_from_shipped CHECK (status NOT IN ('shipped', 'delivered', 'completed') OR (dispatched_at IS NOT NULL AND courier IS NOT NULL AND shipper_id IS NOT NULL AND temperature_logger_id IS NOT NULL)),
        CONSTRAINT release_requests_delivery_from_delivered CHECK (status NOT IN ('delivered', 'completed') OR (received_at IS NOT NULL AND received_by IS NOT NULL AND delivery_temperature_ok IS NOT NULL)),
        CONSTRAINT release_requests_outcome_when_completed CHECK (status <> 'completed' OR infused_at IS NOT NULL),
        CONSTRAINT release_requests_cancellation CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX release_requests_status_idx ON release_requests (status, created_at DESC)`);
    await q.query(`CREATE INDEX release_requests_created_idx ON release_requests (created_at DESC)`);
    await q.query(`CREATE INDEX release_requests_din_idx ON release_requests (din) WHERE din IS NOT NULL`);

    await q.query(`
      ALTER TABLE cord_blood_units
        ADD CONSTRAINT cord_blood_units_reserved_for_fk FOREIGN KEY (reserved_for) REFERENCES release_requests(id)`);

    // ---- the request's state machine ------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION release_request_next_states(p_status text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE p_status
          WHEN 'submitted' THEN ARRAY['reserved', 'cancelled']
          WHEN 'reserved' THEN ARRAY['approved', 'cancelled']
          WHEN 'approved' THEN ARRAY['shipped', 'cancelled']
          WHEN 'shipped' THEN ARRAY['delivered']
          WHEN 'delivered' THEN ARRAY['completed']
          ELSE ARRAY[]::text[] END
      $$`);
    await q.query(`
      CREATE FUNCTION release_request_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_allowed text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'submitted' THEN
            RAISE EXCEPTION 'a new release request starts as submitted, not %', NEW.status USING ERRCODE = 'CBT01', DETAIL = 'submitted';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.din IS DISTINCT FROM OLD.din AND OLD.din IS NOT NULL THEN
          RAISE EXCEPTION 'release request % already names unit %; it can not name another', OLD.request_number, OLD.din USING ERRCODE = 'CB409';
        END IF;
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
          RETURN NEW;
        END IF;
        v_allowed := release_request_next_states(OLD.status);
        IF NOT NEW.status = ANY (v_allowed) THEN
          RAISE EXCEPTION 'release request % can not go from % to %; allowed: %', OLD.request_number, OLD.status, NEW.status,
            coalesce(nullif(array_to_string(v_allowed, ', '), ''), 'none (final)')
            USING ERRCODE = 'CBT01', DETAIL = array_to_string(v_allowed, ',');
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER release_requests_status_guard BEFORE INSERT OR UPDATE ON release_requests FOR EACH ROW EXECUTE FUNCTION release_request_status_guard()`);

    // ---- no half-reservation, checked at commit -------------------------------------------------
    await q.query(`
      CREATE FUNCTION release_reservation_consistent() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_request record;
        v_reserved_for uuid;
      BEGIN
        IF TG_TABLE_NAME = 'release_requests' THEN
          SELECT id, request_number, status, din INTO v_request FROM release_requests WHERE id = NEW.id;
          IF v_request.din IS NULL THEN
            RETURN NULL;
          END IF;
          SELECT reserved_for INTO v_reserved_for FROM cord_blood_units WHERE din = v_request.din;
          IF v_request.status NOT IN ('submitted', 'cancelled') AND v_reserved_for IS DISTINCT FROM v_request.id THEN
            RAISE EXCEPTION 'release request % is % but unit % is not reserved for it', v_request.request_number, v_request.status, v_request.din
              USING ERRCODE = 'CB409';
          END IF;
          IF v_request.status IN ('submitted', 'cancelled') AND v_reserved_for IS NOT DISTINCT FROM v_request.id THEN
            RAISE EXCEPTION 'release request % is % but unit % is still reserved for it', v_request.request_number, v_request.status, v_request.din
              USING ERRCODE = 'CB409';
          END IF;
        ELSE
          SELECT reserved_for INTO v_reserved_for FROM cord_blood_units WHERE din = NEW.din;
          IF v_reserved_for IS NULL THEN
            RETURN NULL;
          END IF;
          SELECT id, request_number, status, din INTO v_request FROM release_requests WHERE id = v_reserved_for;
          IF v_request.din IS DISTINCT FROM NEW.din OR v_request.status IN ('submitted', 'cancelled') THEN
            RAISE EXCEPTION 'unit % is reserved for release request % which does not hold it', NEW.din, v_request.request_number
              USING ERRCODE = 'CB409';
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER release_requests_reservation_consistent AFTER INSERT OR UPDATE ON release_requests
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION release_reservation_consistent()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER cord_blood_units_reservation_consistent AFTER UPDATE OF reserved_for ON cord_blood_units
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION release_reservation_consistent()`);

    // ---- audit: the request's own chain, and its unit's chain once it names one ------------------
    await q.query(`
      CREATE FUNCTION audit_release_request_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_row release_requests := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        v_before jsonb;
        v_after jsonb;
        v_action text;
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
          v_after := v_after || jsonb_build_object('id', NEW.id, 'request_number', NEW.request_number);
        ELSE
          v_before := to_jsonb(OLD);
        END IF;
        v_action := coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP));
        PERFORM audit_append('release_request:' || v_row.id, NULL, NULL, v_action, v_before, v_after);
        IF v_row.din IS NOT NULL THEN
          PERFORM audit_append(v_row.din, v_row.din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER release_requests_audit AFTER INSERT OR UPDATE OR DELETE ON release_requests FOR EACH ROW EXECUTE FUNCTION audit_release_request_row()`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE release_requests TO cbb_app`);
    await q.query(`GRANT USAGE ON SEQUENCE release_request_number_seq TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_reservation_consistent ON cord_blood_units`);
    await q.query(`ALTER TABLE cord_blood_units DROP CONSTRAINT IF EXISTS cord_blood_units_reserved_for_fk`);
    await q.query(`DROP TABLE IF EXISTS release_requests`);
    await q.query(`DROP FUNCTION IF EXISTS audit_release_request_row()`);
    await q.query(`DROP FUNCTION IF EXISTS release_reservation_consistent()`);
    await q.query(`DROP FUNCTION IF EXISTS release_request_status_guard()`);
    await q.query(`DROP FUNCTION IF EXISTS release_request_next_states(text)`);
    await q.query(`DROP SEQUENCE IF EXISTS release_request_number_seq`);
  }
}
