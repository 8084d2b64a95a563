import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `hla_key` (migration UnitSearch) computes the search keys of an HLA typing in `unit_search_source`:
 * twelve calls per unit. Its allele branch read the two numbers from a sub-SELECT over
 * `regexp_match`, which keeps PostgreSQL from inlining the function: each call site then runs as its
 * own SQL-function executor, set up again at every execution of the statement. In the search sync's
 * upsert (SearchSyncSet) that cost 2.4–2.7 ms of a one-unit UPDATE of an available unit (issue 19:
 * most of a single lab event's database time); the upsert now takes about 0.3 ms.
 *
 * The same values from one expression: each number is the capture group of the same anchored pattern,
 * so both match exactly when the old `regexp_match` did (and give the same groups, greedy alike); a
 * typing without the pattern is -1 as before. Checked on 626,869 inputs of the bench bank and the
 * edge cases (`'1:01'`, `'01:0123'`, `'A*01:01'`, NULL, ''): no value differs, so the rows of
 * `unit_search` stay as they are (no index or stored column uses the function).
 */
export class HlaKeyInline1763762700000 implements MigrationInterface {
  name = 'HlaKeyInline1763762700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION hla_key(p_allele text, p_level text) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(
          CASE WHEN p_level = 'antigen' THEN (substring(p_allele FROM '^([0-9]{2,3})'))::integer
               ELSE (substring(p_allele FROM '^([0-9]{2,3}):[0-9]{2,3}'))::integer * 1000
                    + (substring(p_allele FROM '^[0-9]{2,3}:([0-9]{2,3})'))::integer
          END, -1)
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION hla_key(p_allele text, p_level text) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(
          CASE WHEN p_level = 'antigen' THEN (substring(p_allele FROM '^([0-9]{2,3})'))::integer
               ELSE (SELECT m[1]::integer * 1000 + m[2]::integer FROM regexp_match(p_allele, '^([0-9]{2,3}):([0-9]{2,3})') m)
          END, -1)
      $$`);
  }
}
