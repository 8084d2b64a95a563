import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last audit trigger with the action fallback typed out (issue 12, point 1): the look-back's
 * "units found" entry read `app.action` itself. It calls `audit_action` as every other audit
 * trigger does; the entries are the same (the look-back spec reads the action of this entry).
 */
export class LookbackAuditAction1763762800000 implements MigrationInterface {
  name = 'LookbackAuditAction1763762800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(body('audit_action(\'lookback.units_found\')'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(body(`coalesce(nullif(current_setting('app.action', true), ''), 'lookback.units_found')`));
  }
}

function body(action: string): string {
  return `
      CREATE OR REPLACE FUNCTION audit_lookback_units_found() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT lookback_id, jsonb_agg(jsonb_build_object('din', din, 'found_status', found_status, 'action', action, 'release_request_id', release_request_id) ORDER BY din) AS units
                   FROM found GROUP BY lookback_id LOOP
          PERFORM audit_append('lookback:' || r.lookback_id, NULL, NULL, ${action}, NULL, jsonb_build_object('units', r.units));
        END LOOP;
        RETURN NULL;
      END $$`;
}
