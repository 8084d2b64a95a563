import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { EXAMPLE_PRODUCT_CODES_CSV } from '../src/isbt128/example-product-codes';
import { parseProductCodeCsv } from '../src/isbt128/product-code-csv';

/**
 * ISBT 128 identity and labels (DESIGN.md section 8).
 *
 * - `product_code_tables` / `product_codes`: the bank's table of Product Description Codes, one
 *   immutable version per upload. Each version is an entry on its own hash chain
 *   (`reference:product-codes`) with every code it holds, written by a deferred trigger at commit
 *   (so it sees the codes inserted after the version row). Rows are never changed or deleted.
 *   Version 1 is the EXAMPLE table (not ICCBBA's licensed one), so a first start can label.
 * - `cord_blood_units.product_code` + `product_code_version`: the code a unit got at processing, and
 *   the table version it came from (a later upload does not change it); on the unit's chain by the
 *   existing unit trigger.
 * - `unit_label_prints`, `unit_label_verifications`: every label print (a reprint carries its
 *   reason, which the database requires) and every scan-back check, on the unit's chain.
 */
export class Isbt1281763760800000 implements MigrationInterface {
  name = 'Isbt1281763760800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_code_tables (
        version integer PRIMARY KEY CHECK (version >= 1),
        example boolean NOT NULL DEFAULT false,
        source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
        code_count integer NOT NULL CHECK (code_count >= 1),
        note text,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE product_codes (
        version integer NOT NULL REFERENCES product_code_tables(version),
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{4}$'),
        description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 500),
        class text NOT NULL CHECK (length(btrim(class)) BETWEEN 1 AND 200),
        modifiers text NOT NULL DEFAULT '',
        attributes text NOT NULL DEFAULT '',
        PRIMARY KEY (version, code)
      )`);
    await q.query(`
      CREATE FUNCTION reference_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: a product code table is changed by loading a new version', TG_TABLE_NAME USING ERRCODE = 'CB403';
      END $$`);
    for (const t of ['product_code_tables', 'product_codes']) {
      await q.query(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION reference_refuse_change()`);
      await q.query(`GRANT SELECT, INSERT ON TABLE ${t} TO cbb_app`);
    }
    await q.query(`
      CREATE FUNCTION audit_product_code_table() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_codes jsonb;
      BEGIN
        SELECT coalesce(jsonb_agg(jsonb_build_object('code', c.code, 'description', c.description, 'class', c.class,
                                                     'modifiers', c.modifiers, 'attributes', c.attributes) ORDER BY c.code), '[]'::jsonb)
          INTO v_codes
          FROM product_codes c WHERE c.version = NEW.version;
        IF jsonb_array_length(v_codes) <> NEW.code_count THEN
          RAISE EXCEPTION 'product code table version % says % codes, holds %', NEW.version, NEW.code_count, jsonb_array_length(v_codes)
            USING ERRCODE = 'CB422';
        END IF;
        PERFORM audit_append('reference:product-codes', NULL, NULL,
                             coalesce(nullif(current_setting('app.action', true), ''), 'product_codes.loaded'),
                             NULL, (to_jsonb(NEW) - 'loaded_at') || jsonb_build_object('codes', v_codes));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER product_code_tables_audit AFTER INSERT ON product_code_tables
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_product_code_table()`);

    // the embedded EXAMPLE table, version 1, loaded by the system (one statement: the deferred audit sees its codes)
    const { rows, problems } = parseProductCodeCsv(EXAMPLE_PRODUCT_CODES_CSV);
    if (problems.length) throw new Error(`the example product code table is invalid: ${JSON.stringify(problems)}`);
    await q.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'migration', true),
                          set_config('app.actor_name', 'Isbt1281763760800000', true), set_config('app.action', 'product_codes.loaded', true),
                          set_config('app.reason', 'EXAMPLE product code table (not ICCBBA''s licensed table) for tests and a first start', true)`);
    await q.query(
      `WITH t AS (INSERT INTO product_code_tables (version, example, source_sha256, code_count, note) VALUES (1, true, $1, $2, $3) RETURNING version)
       INSERT INTO product_codes (version, code, description, class, modifiers, attributes)
       SELECT t.version, r.code, r.description, r.class, r.modifiers, r.attributes
         FROM t, jsonb_to_recordset($4::jsonb) AS r(code text, description text, class text, modifiers text, attributes text)`,
      [createHash('sha256').update(EXAMPLE_PRODUCT_CODES_CSV, 'utf8').digest('hex'), rows.length, 'EXAMPLE table shipped with the software: not ICCBBA\'s licensed table', JSON.stringify(rows)],
    );
    // the settings are transaction-local: they end with this migration's transaction, after the deferred audit ran

    await q.query(`
      ALTER TABLE cord_blood_units
        ADD COLUMN product_code text,
        ADD COLUMN product_code_version integer,
        ADD CONSTRAINT cord_blood_units_product_code_fk FOREIGN KEY (product_code_version, product_code) REFERENCES product_codes(version, code),
        ADD CONSTRAINT cord_blood_units_product_code_both CHECK ((product_code IS NULL) = (product_code_version IS NULL))`);

    await q.query(`
      CREATE TABLE unit_label_prints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        din text NOT NULL REFERENCES cord_blood_units(din),
        stage text NOT NULL CHECK (stage IN ('collection', 'processing', 'final', 'shipping')),
        format text NOT NULL CHECK (format IN ('pdf', 'zpl')),
        print_number integer NOT NULL CHECK (print_number >= 1),
        reason text,
        content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
        structures jsonb NOT NULL,
        statements text[] NOT NULL,
        printed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (din, stage, print_number),
        CONSTRAINT unit_label_prints_reprint_reason CHECK (print_number = 1 OR length(btrim(coalesce(reason, ''))) >= 3)
      )`);
    await q.query(`
      CREATE TABLE unit_label_verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        din text NOT NULL REFERENCES cord_blood_units(din),
        stage text NOT NULL CHECK (stage IN ('collection', 'processing', 'final', 'shipping')),
        result text NOT NULL CHECK (result IN ('match', 'mismatch')),
        scans jsonb NOT NULL,
        mismatches jsonb NOT NULL DEFAULT '[]',
        verified_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((result = 'match') = (jsonb_array_length(mismatches) = 0))
      )`);
    for (const t of ['unit_label_prints', 'unit_label_verifications']) {
      await q.query(`CREATE INDEX ${t}_din ON ${t} (din)`);
      await q.query(`CREATE TRIGGER ${t}_audit AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
      await q.query(`GRANT SELECT, INSERT ON TABLE ${t} TO cbb_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS unit_label_verifications`);
    await q.query(`DROP TABLE IF EXISTS unit_label_prints`);
    await q.query(`ALTER TABLE cord_blood_units DROP CONSTRAINT IF EXISTS cord_blood_units_product_code_fk, DROP CONSTRAINT IF EXISTS cord_blood_units_product_code_both, DROP COLUMN IF EXISTS product_code, DROP COLUMN IF EXISTS product_code_version`);
    await q.query(`DROP TRIGGER IF EXISTS product_code_tables_audit ON product_code_tables`);
    await q.query(`DROP FUNCTION IF EXISTS audit_product_code_table()`);
    await q.query(`DROP TABLE IF EXISTS product_codes`);
    await q.query(`DROP TABLE IF EXISTS product_code_tables`);
    await q.query(`DROP FUNCTION IF EXISTS reference_refuse_change()`);
  }
}
