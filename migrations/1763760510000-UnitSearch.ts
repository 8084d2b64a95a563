import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search index of `POST /search/units` (DESIGN.md section 5 match grading): one narrow row per
 * unit that can be offered now (`available` and not reserved), with its HLA reduced to the numbers
 * the grade compares, sorted per locus: A and B antigens (first field), DRB1 alleles (first two
 * fields as first*1000 + second), -1 where an allele can not be compared.
 *
 * Why a table and not columns on cord_blood_units: the unit row is wide (~450 bytes), so a search
 * that has to visit thousands of candidates is an order of magnitude faster on ~90-byte rows; and
 * generated columns would add derived keys to every HLA change in the unit's audit trail.
 *
 * What keeps it right: it is written only by the trigger below, in the same transaction as the
 * change of the unit (status, reservation, HLA, cell counts, banking type, donor), so it always
 * holds exactly the offerable units; the application role can only read it. It holds nothing that
 * is not in cord_blood_units, so it is not audited itself (the unit's changes are).
 * `SELECT unit_search_rebuild()` (owner only) refills it, e.g. after a bulk load with triggers off.
 *
 * How it is searched (src/search/search.service.ts): a unit graded ≥ 4/6 has at least one locus
 * identical to the patient's and shares an antigen/allele with the patient at a second locus, in the
 * cyclic order A→B→DRB1→A (with ≤ 2 mismatches, at most one locus mismatches twice, so an exact locus
 * is followed in that order by a locus with at most one mismatch). The three rotated indexes answer
 * "exact at X and shares at the next locus" with four index probes each, so only real candidates are
 * read. Family units are not in those indexes: a family search reads one donor's units.
 */
export class UnitSearch1763760510000 implements MigrationInterface {
  name = 'UnitSearch1763760510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hla_key(p_allele text, p_level text) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(
          CASE WHEN p_level = 'antigen' THEN (substring(p_allele FROM '^([0-9]{2,3})'))::integer
               ELSE (SELECT m[1]::integer * 1000 + m[2]::integer FROM regexp_match(p_allele, '^([0-9]{2,3}):([0-9]{2,3})') m)
          END, -1)
      $$`);

    await q.query(`
      CREATE TABLE unit_search (
        din text PRIMARY KEY REFERENCES cord_blood_units(din),
        donor_id uuid NOT NULL,
        family boolean NOT NULL,
        typed boolean NOT NULL,
        a_lo smallint NOT NULL,
        a_hi smallint NOT NULL,
        b_lo smallint NOT NULL,
        b_hi smallint NOT NULL,
        d_lo integer NOT NULL,
        d_hi integer NOT NULL,
        tnc_count double precision NOT NULL,
        cd34_count double precision
      )`);
    await q.query(`CREATE INDEX unit_search_ab_idx ON unit_search (a_lo, a_hi, b_lo, b_hi) WHERE NOT family`);
    await q.query(`CREATE INDEX unit_search_bd_idx ON unit_search (b_lo, b_hi, d_lo, d_hi) WHERE NOT family`);
    await q.query(`CREATE INDEX unit_search_da_idx ON unit_search (d_lo, d_hi, a_lo, a_hi) WHERE NOT family`);
    await q.query(`CREATE INDEX unit_search_family_donor_idx ON unit_search (donor_id) WHERE family`);
    await q.query(`GRANT SELECT ON TABLE unit_search TO cbb_app`);

    // what a unit contributes to the index, for the offerable units only
    await q.query(`
      CREATE VIEW unit_search_source AS
        SELECT u.din, u.donor_id, u.banking_type = 'family' AS family,
               coalesce(u.hla ? 'A' AND u.hla ? 'B' AND u.hla ? 'DRB1', false) AS typed,
               least(hla_key(u.hla->'A'->>0, 'antigen'), hla_key(u.hla->'A'->>1, 'antigen'))::smallint AS a_lo,
               greatest(hla_key(u.hla->'A'->>0, 'antigen'), hla_key(u.hla->'A'->>1, 'antigen'))::smallint AS a_hi,
               least(hla_key(u.hla->'B'->>0, 'antigen'), hla_key(u.hla->'B'->>1, 'antigen'))::smallint AS b_lo,
               greatest(hla_key(u.hla->'B'->>0, 'antigen'), hla_key(u.hla->'B'->>1, 'antigen'))::smallint AS b_hi,
               least(hla_key(u.hla->'DRB1'->>0, 'allele'), hla_key(u.hla->'DRB1'->>1, 'allele')) AS d_lo,
               greatest(hla_key(u.hla->'DRB1'->>0, 'allele'), hla_key(u.hla->'DRB1'->>1, 'allele')) AS d_hi,
               coalesce(u.tnc_count, 0)::double precision AS tnc_count,
               u.cd34_count::double precision AS cd34_count
          FROM cord_blood_units u
         WHERE u.status = 'available' AND u.reserved_for IS NULL`);

    await q.query(`
      CREATE FUNCTION unit_search_sync() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF NEW.status = 'available' AND NEW.reserved_for IS NULL THEN
          INSERT INTO unit_search SELECT * FROM unit_search_source s WHERE s.din = NEW.din
            ON CONFLICT (din) DO UPDATE SET donor_id = EXCLUDED.donor_id, family = EXCLUDED.family, typed = EXCLUDED.typed,
              a_lo = EXCLUDED.a_lo, a_hi = EXCLUDED.a_hi, b_lo = EXCLUDED.b_lo, b_hi = EXCLUDED.b_hi,
              d_lo = EXCLUDED.d_lo, d_hi = EXCLUDED.d_hi, tnc_count = EXCLUDED.tnc_count, cd34_count = EXCLUDED.cd34_count;
        ELSIF TG_OP = 'UPDATE' AND OLD.status = 'available' THEN
          DELETE FROM unit_search WHERE din = NEW.din;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER cord_blood_units_search_sync
        AFTER INSERT OR UPDATE OF status, reserved_for, hla, tnc_count, cd34_count, banking_type, donor_id ON cord_blood_units
        FOR EACH ROW EXECUTE FUNCTION unit_search_sync()`);

    await q.query(`
      CREATE FUNCTION unit_search_rebuild() RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_count bigint;
      BEGIN
        LOCK TABLE unit_search IN EXCLUSIVE MODE;
        DELETE FROM unit_search;
        INSERT INTO unit_search SELECT * FROM unit_search_source;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        RETURN v_count;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION unit_search_rebuild() FROM PUBLIC`);
    await q.query(`SELECT unit_search_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS cord_blood_units_search_sync ON cord_blood_units`);
    await q.query(`DROP FUNCTION IF EXISTS unit_search_sync()`);
    await q.query(`DROP FUNCTION IF EXISTS unit_search_rebuild()`);
    await q.query(`DROP VIEW IF EXISTS unit_search_source`);
    await q.query(`DROP TABLE IF EXISTS unit_search`);
    await q.query(`DROP FUNCTION IF EXISTS hla_key(text, text)`);
  }
}
