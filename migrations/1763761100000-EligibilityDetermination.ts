import { MigrationInterface, QueryRunner } from 'typeorm';

const MARKERS_BEFORE = `'HIV-1','HIV-2','HBsAg','anti-HBc','HCV','HTLV-I/II','syphilis','WNV','T. cruzi','CMV'`;
const MARKERS = `${MARKERS_BEFORE},'syphilis-treponemal'`;

/**
 * The eligibility determination as a recorded act, and the test records it rests on (issue 13).
 *
 * - `eligibility_determinations`: the responsible person's e-signed determination per unit (21 CFR
 *   1271.50(a), 1271.55(d)(1)(iii)), with the computed status and reasons and the records it rested
 *   on (IDM results and screenings, with their audit entry hashes) frozen at that moment. At most
 *   one is in force per unit (partial unique index); a determination is never changed, only voided
 *   once (who/why on the row, and on the unit's audit chain: the table is audited by audit_unit_row).
 * - A unit becomes `available` (from quarantine or a hold) only with a determination in force that
 *   is `eligible`, or `ineligible` for a family unit (trigger, SQLSTATE CB409). The service also
 *   checks that it matches the status computed now (the database does not compute eligibility).
 * - `idm_tests` name the test kit (1271.80(c): FDA-licensed, approved or cleared), the method (NAT
 *   or serology), the laboratory and its CLIA number (1271.80(c)), whether the donor was transfused
 *   or infused in the 48 hours before the sample and, if so, whether the plasma-dilution algorithm
 *   accepted the specimen (1271.80(d)(1)(ii)); and who performed the test (1271.270(a)). Rows
 *   recorded before this migration are `legacy` (the new column's default fills them without
 *   firing row triggers); every new row must carry the fields (CHECK), and no row can be made
 *   legacy afterwards (trigger). New marker `syphilis-treponemal`: the confirmatory test.
 * - `screenings`: a deferral (1271.75(d)) is changed only by a correction with a reason: a change
 *   of `deferral_reasons` without a new correction time and reason is refused (CB422).
 * - `unit_results.performed_by`: who performed a laboratory result (1271.270(a)).
 * - `release_requests.directed_use`: the recipient's relationship or the urgent medical need, and
 *   the physician's notification (1271.65(b)), recorded at approval.
 */
export class EligibilityDetermination1763761100000 implements MigrationInterface {
  name = 'EligibilityDetermination1763761100000';

  async up(q: QueryRunner): Promise<void> {
    // ---- test records --------------------------------------------------------------------------
    await q.query(`ALTER TABLE idm_tests DROP CONSTRAINT idm_tests_marker_check`);
    await q.query(`ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_marker_check CHECK (marker IN (${MARKERS}))`);
    await q.query(`
      ALTER TABLE idm_tests
        ADD COLUMN test_kit text,
        ADD COLUMN lab_clia_number text,
        ADD COLUMN performed_by text,
        ADD COLUMN entered_by uuid REFERENCES users(id),
        ADD COLUMN transfused_before_sample boolean,
        ADD COLUMN dilution_acceptable boolean,
        ADD COLUMN legacy boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE idm_tests ALTER COLUMN legacy SET DEFAULT false`);
    await q.query(`
      ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_documented CHECK (
        legacy OR (
          test_kit IS NOT NULL AND method IN ('NAT', 'serology') AND lab IS NOT NULL AND lab_clia_number IS NOT NULL
          AND transfused_before_sample IS NOT NULL
          AND (transfused_before_sample = false OR dilution_acceptable IS NOT NULL)))`);
    await q.query(`
      CREATE FUNCTION idm_tests_not_legacy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.legacy := false;
        ELSE
          NEW.legacy := OLD.legacy;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER idm_tests_not_legacy BEFORE INSERT OR UPDATE ON idm_tests FOR EACH ROW EXECUTE FUNCTION idm_tests_not_legacy()`);

    // ---- screening corrections -----------------------------------------------------------------
    await q.query(`
      ALTER TABLE screenings
        ADD COLUMN corrected_at timestamptz,
        ADD COLUMN corrected_by uuid REFERENCES users(id),
        ADD COLUMN correction_reason text,
        ADD CONSTRAINT screenings_correction_complete CHECK ((corrected_at IS NULL) = (correction_reason IS NULL))`);
    await q.query(`
      CREATE FUNCTION screenings_deferral_by_correction() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.deferral_reasons IS DISTINCT FROM OLD.deferral_reasons
           AND (NEW.corrected_at IS NOT DISTINCT FROM OLD.corrected_at OR NEW.correction_reason IS NULL) THEN
          RAISE EXCEPTION 'a deferral is changed only by a correction with a reason (21 CFR 1271.75(d))'
            USING ERRCODE = 'CB422', COLUMN = 'correction_reason';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER screenings_deferral_by_correction BEFORE UPDATE ON screenings FOR EACH ROW EXECUTE FUNCTION screenings_deferral_by_correction()`);

    // ---- who performed a unit result -----------------------------------------------------------
    await q.query(`ALTER TABLE unit_results ADD COLUMN performed_by text`);

    // ---- the determination ---------------------------------------------------------------------
    await q.query(`
      CREATE TABLE eligibility_determinations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        din text NOT NULL REFERENCES cord_blood_units(din),
        status text NOT NULL CHECK (status IN ('eligible', 'ineligible')),
        reason text,
        computed jsonb NOT NULL,
        records jsonb NOT NULL,
        determined_by text NOT NULL,
        determined_by_name text NOT NULL,
        signature jsonb NOT NULL,
        determined_at timestamptz NOT NULL DEFAULT now(),
        voided_at timestamptz,
        void_reason text,
        CONSTRAINT eligibility_determinations_void_complete CHECK ((voided_at IS NULL) = (void_reason IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX eligibility_determinations_in_force_key ON eligibility_determinations (din) WHERE voided_at IS NULL`);
    await q.query(`CREATE INDEX eligibility_determinations_din_idx ON eligibility_determinations (din, determined_at)`);
    await q.query(`
      CREATE FUNCTION eligibility_determinations_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided eligibility determination can not change' USING ERRCODE = 'CB409';
        END IF;
        IF (to_jsonb(NEW) - 'voided_at' - 'void_reason') IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'void_reason') THEN
          RAISE EXCEPTION 'an eligibility determination is never changed; it can only be voided' USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER eligibility_determinations_fixed BEFORE UPDATE ON eligibility_determinations FOR EACH ROW EXECUTE FUNCTION eligibility_determinations_fixed()`);
    await q.query(`CREATE TRIGGER eligibility_determinations_audit AFTER INSERT OR UPDATE OR DELETE ON eligibility_determinations FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE eligibility_determinations TO cbb_app`);

    // `available` needs a determination in force (21 CFR 1271.50(a); public units: eligible)
    await q.query(`
      CREATE FUNCTION unit_available_needs_determination() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'available' AND OLD.status NOT IN ('available', 'reserved') AND NOT EXISTS (
             SELECT 1 FROM eligibility_determinations d
              WHERE d.din = NEW.din AND d.voided_at IS NULL AND (d.status = 'eligible' OR NEW.banking_type = 'family')) THEN
          RAISE EXCEPTION 'unit % can not be made available: no donor eligibility determination in force that allows it (21 CFR 1271.50(a))', NEW.din
            USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER cord_blood_units_available_determination BEFORE UPDATE OF status ON cord_blood_units
        FOR EACH ROW EXECUTE FUNCTION unit_available_needs_determination()`);

    // ---- directed use of ineligible or incompletely tested units -------------------------------
    await q.query(`ALTER TABLE release_requests ADD COLUMN directed_use jsonb`);
    await q.query(`
      CREATE FUNCTION release_requests_directed_use() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'approved' AND OLD.status IS DISTINCT FROM 'approved'
           AND (NEW.directed_use IS NULL OR NOT (NEW.directed_use ? 'physicianNotifiedAt'))
           AND EXISTS (SELECT 1 FROM eligibility_determinations d WHERE d.din = NEW.din AND d.voided_at IS NULL AND d.status = 'ineligible') THEN
          RAISE EXCEPTION 'the release of a unit from an ineligible donor needs the directed use and the physician''s notification recorded (21 CFR 1271.65(b))'
            USING ERRCODE = 'CB422', COLUMN = 'directed_use';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER release_requests_directed_use BEFORE UPDATE OF status ON release_requests FOR EACH ROW EXECUTE FUNCTION release_requests_directed_use()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS release_requests_directed_use ON release_requests`);
    await q.query(`DROP FUNCTION IF EXISTS release_requests_directed_use()`);
    await q.query(`ALTER TABLE release_requests DROP COLUMN directed_use`);
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_available_determination ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS unit_available_needs_determination()`);
    await q.query(`DROP TABLE IF EXISTS eligibility_determinations`);
    await q.query(`DROP FUNCTION IF EXISTS eligibility_determinations_fixed()`);
    await q.query(`ALTER TABLE unit_results DROP COLUMN performed_by`);
    await q.query(`DROP TRIGGER IF EXISTS screenings_deferral_by_correction ON screenings`);
    await q.query(`DROP FUNCTION IF EXISTS screenings_deferral_by_correction()`);
    await q.query(`ALTER TABLE screenings DROP CONSTRAINT screenings_correction_complete, DROP COLUMN corrected_at, DROP COLUMN corrected_by, DROP COLUMN correction_reason`);
    await q.query(`DROP TRIGGER IF EXISTS idm_tests_not_legacy ON idm_tests`);
    await q.query(`DROP FUNCTION IF EXISTS idm_tests_not_legacy()`);
    await q.query(`ALTER TABLE idm_tests DROP CONSTRAINT idm_tests_documented`);
    await q.query(`
      ALTER TABLE idm_tests DROP COLUMN test_kit, DROP COLUMN lab_clia_number, DROP COLUMN performed_by, DROP COLUMN entered_by,
        DROP COLUMN transfused_before_sample, DROP COLUMN dilution_acceptable, DROP COLUMN legacy`);
    await q.query(`ALTER TABLE idm_tests DROP CONSTRAINT idm_tests_marker_check`);
    // NOT VALID: confirmatory rows recorded meanwhile stay (history); new rows are checked
    await q.query(`ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_marker_check CHECK (marker IN (${MARKERS_BEFORE})) NOT VALID`);
  }
}
