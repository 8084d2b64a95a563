import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records an inspector reads (issue 13; DESIGN.md section 12):
 *
 * - `auth_sessions`: one row per login (the token carries its id), so "the first signing in a
 *   session" (21 CFR Part 11.200(a)(1)(i)) is decided by the database, on every instance.
 * - `security_events`: repeated failed logins and signatures, reported at once (Part 11.300(d)),
 *   append-only, each appended to the hash-chained audit trail on the chain `security`.
 * - receipt acceptance (21 CFR 1271.265(a)): the container/contamination check and the acceptance
 *   status of a unit; a unit whose acceptance is pending can not be processed (CHECK).
 * - excursion reviews document their corrective action (1271.260(d)); periodic reviews of a
 *   freezer's recorded temperatures (1271.260(e)) on the freezer's audit chain.
 * - the ISBT 128 facility identification number's first character is A–N, P–Z or 1–9 (CHECK on the
 *   DIN), and the flag characters a pre-printed DIN was scanned with are kept on its collection.
 */
export class InspectorRecords1763761200000 implements MigrationInterface {
  name = 'InspectorRecords1763761200000';

  async up(q: QueryRunner): Promise<void> {
    // ---- signing sessions (Part 11.200(a)(1)(i)) -------------------------------------------
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        first_signed_at timestamptz,
        last_signed_at timestamptz,
        signatures integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id, created_at DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE auth_sessions TO cbb_app`);

    // ---- security events (Part 11.300(d)) ---------------------------------------------------
    await q.query(`
      CREATE TABLE security_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('repeated_failed_logins', 'repeated_failed_signatures', 'login_address_throttled')),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id uuid REFERENCES users(id),
        email text,
        address text,
        failures integer NOT NULL CHECK (failures > 0),
        detail text NOT NULL CHECK (length(btrim(detail)) > 0)
      )`);
    await q.query(`CREATE INDEX security_events_at_idx ON security_events (occurred_at DESC, id DESC)`);
    await q.query(`GRANT SELECT, INSERT ON TABLE security_events TO cbb_app`);
    await q.query(`
      CREATE FUNCTION audit_security_event() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM audit_append('security', NULL, NULL, 'security_event.' || NEW.kind, NULL, to_jsonb(NEW));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER security_events_audit AFTER INSERT ON security_events FOR EACH ROW EXECUTE FUNCTION audit_security_event()`);
    await q.query(`CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);

    // ---- receipt acceptance (1271.265(a)) ---------------------------------------------------
    await q.query(`
      ALTER TABLE cord_blood_units
        ADD COLUMN receipt_container_intact boolean,
        ADD COLUMN receipt_contamination_suspected boolean,
        ADD COLUMN acceptance_status text CHECK (acceptance_status IN ('accepted', 'pending', 'rejected')),
        ADD COLUMN acceptance_decided_at timestamptz,
        ADD COLUMN acceptance_decided_by text,
        ADD COLUMN acceptance_decider_name text,
        ADD COLUMN acceptance_reason text,
        ADD CONSTRAINT cord_blood_units_acceptance_before_processing CHECK (
          acceptance_status IS DISTINCT FROM 'pending'
          OR (processed_at IS NULL AND status IN ('received', 'on_hold', 'rejected', 'discarded'))),
        ADD CONSTRAINT cord_blood_units_acceptance_rejected CHECK (
          acceptance_status IS DISTINCT FROM 'rejected' OR status IN ('rejected', 'discarded'))`);

    // ---- excursion corrective action (1271.260(d)) ------------------------------------------
    // NOT VALID: reviews made before this rule keep their record as it was; every new one complies
    await q.query(`ALTER TABLE unit_excursions ADD COLUMN review_corrective_action text`);
    await q.query(`
      ALTER TABLE unit_excursions ADD CONSTRAINT unit_excursions_corrective_action
        CHECK (reviewed_at IS NULL OR length(btrim(review_corrective_action)) >= 3) NOT VALID`);

    // ---- periodic review of recorded temperatures (1271.260(e)) -----------------------------
    await q.query(`
      CREATE TABLE freezer_temperature_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        freezer_id uuid NOT NULL REFERENCES freezers(id),
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('acceptable', 'action_required')),
        finding text NOT NULL CHECK (length(btrim(finding)) >= 3),
        corrective_action text,
        readings integer NOT NULL,
        excursions integer NOT NULL,
        reviewed_by text NOT NULL,
        reviewer_name text NOT NULL,
        meaning text NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT freezer_temperature_reviews_period CHECK (period_from < period_to AND period_to <= reviewed_at),
        CONSTRAINT freezer_temperature_reviews_action CHECK (outcome = 'acceptable' OR length(btrim(corrective_action)) >= 3)
      )`);
    await q.query(`CREATE INDEX freezer_temperature_reviews_freezer_idx ON freezer_temperature_reviews (freezer_id, period_to DESC)`);
    await q.query(`GRANT SELECT, INSERT ON TABLE freezer_temperature_reviews TO cbb_app`);
    await q.query(`CREATE TRIGGER freezer_temperature_reviews_audit AFTER INSERT OR UPDATE OR DELETE ON freezer_temperature_reviews FOR EACH ROW EXECUTE FUNCTION audit_freezer_row('freezer_id')`);
    await q.query(`CREATE TRIGGER freezer_temperature_reviews_append_only BEFORE UPDATE OR DELETE ON freezer_temperature_reviews FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);

    // ---- ISBT 128 facility identification number ---------------------------------------------
    // ST-001 data structure 001: the FIN's first character is A–N, P–Z or 1–9 (never O or 0)
    await q.query(`
      ALTER TABLE cord_blood_units
        DROP CONSTRAINT cord_blood_units_din_check,
        ADD CONSTRAINT cord_blood_units_din_check CHECK (din ~ '^[A-NP-Z1-9][0-9]{4}[0-9]{2}[0-9]{6}$')`);
    await q.query(`ALTER TABLE collections ADD COLUMN din_flags char(2) CHECK (din_flags ~ '^[0-9]{2}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collections DROP COLUMN IF EXISTS din_flags`);
    await q.query(`ALTER TABLE cord_blood_units DROP CONSTRAINT cord_blood_units_din_check, ADD CONSTRAINT cord_blood_units_din_check CHECK (din ~ '^[A-Z][0-9]{4}[0-9]{2}[0-9]{6}$')`);
    await q.query(`DROP TABLE IF EXISTS freezer_temperature_reviews`);
    await q.query(`ALTER TABLE unit_excursions DROP CONSTRAINT IF EXISTS unit_excursions_corrective_action, DROP COLUMN IF EXISTS review_corrective_action`);
    await q.query(`
      ALTER TABLE cord_blood_units
        DROP CONSTRAINT IF EXISTS cord_blood_units_acceptance_rejected,
        DROP CONSTRAINT IF EXISTS cord_blood_units_acceptance_before_processing,
        DROP COLUMN IF EXISTS acceptance_reason, DROP COLUMN IF EXISTS acceptance_decider_name, DROP COLUMN IF EXISTS acceptance_decided_by,
        DROP COLUMN IF EXISTS acceptance_decided_at, DROP COLUMN IF EXISTS acceptance_status,
        DROP COLUMN IF EXISTS receipt_contamination_suspected, DROP COLUMN IF EXISTS receipt_container_intact`);
    await q.query(`DROP TABLE IF EXISTS security_events`);
    await q.query(`DROP FUNCTION IF EXISTS audit_security_event()`);
    await q.query(`DROP TABLE IF EXISTS auth_sessions`);
  }
}
