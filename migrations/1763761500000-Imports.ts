import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import of an existing inventory (issue 19; 21 CFR 1271.290 tracking, Part 11.10(e)).
 *
 * - `imports`: one row per real run (a dry run writes nothing). Its `files` manifest holds, per
 *   source file, its SHA-256 (checked again before the file is read), its row count and the
 *   checkpoint `done` (rows applied), advanced in the same transaction as the chunk it counts: a run
 *   that crashes resumes after the last committed chunk, never applying a row twice.
 * - `import_units`: the status each imported unit is to reach, kept across chunks and crashes so
 *   the set-based status steps (collected → received → processed → quarantine → available) can run
 *   after the results and positions are in.
 * - The import's own audit chain `import:<id>`: its creation (operator, files and their SHA-256) and
 *   every change of status or phase, appended in the same transaction.
 * - `unit_results.source` and `idm_tests.source` accept `import`: an imported result says where it came from.
 */
export class Imports1763761500000 implements MigrationInterface {
  name = 'Imports1763761500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        phase text NOT NULL DEFAULT 'queued',
        directory text NOT NULL,
        operator_id text NOT NULL,
        operator_name text NOT NULL,
        files jsonb NOT NULL,
        units_total integer NOT NULL DEFAULT 0,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT imports_completed_finished CHECK (status <> 'completed' OR finished_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX imports_created_idx ON imports (created_at DESC)`);
    await q.query(`
      CREATE TABLE import_units (
        import_id uuid NOT NULL REFERENCES imports(id),
        din text NOT NULL REFERENCES cord_blood_units(din),
        target_status text NOT NULL CHECK (target_status IN ('collected', 'received', 'processed', 'quarantine', 'available')),
        received_at timestamptz,
        receipt_temperature_ok boolean,
        PRIMARY KEY (din)
      )`);
    await q.query(`CREATE INDEX import_units_import_idx ON import_units (import_id, target_status)`);

    await q.query(`
      CREATE FUNCTION audit_import_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM audit_append('import:' || NEW.id, NULL, NULL, 'import.created', NULL,
            jsonb_build_object('id', NEW.id, 'directory', NEW.directory, 'operatorId', NEW.operator_id, 'operatorName', NEW.operator_name,
                               'files', (SELECT jsonb_agg(jsonb_build_object('name', f ->> 'name', 'sha256', f ->> 'sha256', 'rows', f -> 'rows')) FROM jsonb_array_elements(NEW.files) f)));
        ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.phase IS DISTINCT FROM OLD.phase THEN
          PERFORM audit_append('import:' || NEW.id, NULL, NULL, 'import.' || NEW.status,
            jsonb_build_object('status', OLD.status, 'phase', OLD.phase),
            jsonb_build_object('id', NEW.id, 'status', NEW.status, 'phase', NEW.phase, 'error', NEW.error,
                               'done', (SELECT jsonb_object_agg(f ->> 'name', f -> 'done') FROM jsonb_array_elements(NEW.files) f)));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER imports_audit AFTER INSERT OR UPDATE ON imports FOR EACH ROW EXECUTE FUNCTION audit_import_row()`);

    await q.query(`ALTER TABLE unit_results DROP CONSTRAINT unit_results_source_check`);
    await q.query(`ALTER TABLE unit_results ADD CONSTRAINT unit_results_source_check CHECK (source IN ('staff', 'lab_event', 'import'))`);
    await q.query(`ALTER TABLE idm_tests DROP CONSTRAINT idm_tests_source_check`);
    await q.query(`ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_source_check CHECK (source IN ('staff', 'lab_event', 'import'))`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE imports TO cbb_app`);
    await q.query(`GRANT SELECT, INSERT ON TABLE import_units TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idm_tests DROP CONSTRAINT idm_tests_source_check`);
    await q.query(`ALTER TABLE idm_tests ADD CONSTRAINT idm_tests_source_check CHECK (source IN ('staff', 'lab_event'))`);
    await q.query(`ALTER TABLE unit_results DROP CONSTRAINT unit_results_source_check`);
    await q.query(`ALTER TABLE unit_results ADD CONSTRAINT unit_results_source_check CHECK (source IN ('staff', 'lab_event'))`);
    await q.query(`DROP TABLE IF EXISTS import_units`);
    await q.query(`DROP TABLE IF EXISTS imports`);
    await q.query(`DROP FUNCTION IF EXISTS audit_import_row()`);
  }
}
