import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separated duties and sessions (DESIGN.md section 6; 21 CFR Part 11.10(d), (g), 11.300).
 *
 * - `users.token_version`: the session epoch of an account, kept by the database. A trigger raises
 *   it whenever the account is locked out, deactivated, has its roles changed or its password set;
 *   a token carries the version it was issued under and is refused once they differ, checked on
 *   every request, so it holds across any number of app instances. The application can not set it
 *   (the trigger overwrites whatever an UPDATE says).
 * - `users.must_change_password`: a password an administrator set (creation or reset) is one-time;
 *   until the user replaces it (`POST /auth/password`), a token reaches nothing else.
 * - When a collection creates its unit, the unit's chain records the donor's records in force at
 *   that moment (active consents, the latest screening, every IDM result), each with the donor-chain
 *   entry it comes from (chain, seq, hash), in the same transaction: the unit's own trail shows what
 *   it was collected and released under even when those records came before the unit existed.
 */
/** audit_access_row() of migration AccessAudit, with `ignored` (SQL list items) also left out of entries. */
const accessAuditRow = (ignored: string) => `
      CREATE OR REPLACE FUNCTION audit_access_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_kind text := TG_ARGV[0];
        v_secret text := TG_ARGV[1];
        v_ignored text[] := ARRAY['updated_at', 'failed_login_count', ${ignored}v_secret];
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb;
        v_before jsonb;
        v_after jsonb;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_after := (v_new - v_ignored - 'created_at') || jsonb_build_object(v_secret, '[set]');
        ELSE
          v_old := to_jsonb(OLD);
          SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
            INTO v_before, v_after
            FROM jsonb_each(v_new) n
           WHERE n.value IS DISTINCT FROM v_old -> n.key AND NOT n.key = ANY (v_ignored);
          IF (v_new -> v_secret) IS DISTINCT FROM (v_old -> v_secret) THEN
            v_before := coalesce(v_before, '{}'::jsonb) || jsonb_build_object(v_secret, '[set]');
            v_after := coalesce(v_after, '{}'::jsonb) || jsonb_build_object(v_secret, '[changed]');
          END IF;
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
        END IF;
        PERFORM audit_append(v_kind || ':' || NEW.id, NULL, NULL,
                             coalesce(nullif(current_setting('app.action', true), ''), v_kind || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`;

export class SeparatedDuties1763760710000 implements MigrationInterface {
  name = 'SeparatedDuties1763760710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN token_version integer NOT NULL DEFAULT 1,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE FUNCTION users_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.token_version := 1;
          RETURN NEW;
        END IF;
        NEW.token_version := OLD.token_version;
        IF NEW.roles IS DISTINCT FROM OLD.roles
           OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
           OR (OLD.active AND NOT NEW.active)
           OR (NEW.locked_until IS NOT NULL AND NEW.locked_until > now() AND NEW.locked_until IS DISTINCT FROM OLD.locked_until) THEN
          NEW.token_version := OLD.token_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER users_token_version BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_token_version()`);
    // The access audit leaves the session version out, as it does the failure counter: it follows from
    // the change the same entry records (a lock, a role, a password, a deactivation).
    await q.query(accessAuditRow(`'token_version', `));

    // The donor's records in force when the unit is collected, on the unit's own chain.
    await q.query(`
      CREATE FUNCTION audit_unit_donor_records() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_chain text := 'donor:' || NEW.donor_id;
        v_records jsonb;
      BEGIN
        WITH src AS (
          SELECT DISTINCT ON (e.after ->> 'id') e.after ->> 'id' AS record_id,
                 jsonb_build_object('chain', e.chain, 'seq', e.seq, 'hash', e.hash) AS source
            FROM audit_entries e
           WHERE e.donor_id = NEW.donor_id AND e.chain = v_chain AND e.after ? 'id'
           ORDER BY e.after ->> 'id', e.seq DESC
        )
        SELECT jsonb_build_object(
          'donorId', NEW.donor_id,
          'collectedAt', NEW.collected_at,
          'consents', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'formVersion', c.form_version, 'signedAt', c.signed_at,
                                                'source', (SELECT source FROM src WHERE record_id = c.id::text)) ORDER BY c.signed_at, c.id)
              FROM consents c WHERE c.donor_id = NEW.donor_id AND c.withdrawn_at IS NULL), '[]'::jsonb),
          'screening', (
            SELECT jsonb_build_object('id', s.id, 'version', s.version, 'completedAt', s.completed_at, 'deferralReasons', to_jsonb(s.deferral_reasons),
                                      'source', (SELECT source FROM src WHERE record_id = s.id::text))
              FROM screenings s WHERE s.donor_id = NEW.donor_id ORDER BY s.completed_at DESC, s.created_at DESC LIMIT 1),
          'idmTests', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', t.id, 'marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at,
                                                'testedAt', t.tested_at, 'method', t.method, 'lab', t.lab,
                                                'source', (SELECT source FROM src WHERE record_id = t.id::text)) ORDER BY t.marker, t.sample_drawn_at, t.id)
              FROM idm_tests t WHERE t.donor_id = NEW.donor_id), '[]'::jsonb))
          INTO v_records;
        PERFORM audit_append(NEW.din, NEW.din, NEW.donor_id, 'unit.donor_records', NULL, v_records);
        RETURN NULL;
      END $$`);
    // named to fire after collections_audit (AFTER triggers fire in name order)
    await q.query(`CREATE TRIGGER collections_donor_records AFTER INSERT ON collections FOR EACH ROW EXECUTE FUNCTION audit_unit_donor_records()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS collections_donor_records ON collections`);
    await q.query(`DROP FUNCTION IF EXISTS audit_unit_donor_records()`);
    await q.query(`DROP TRIGGER IF EXISTS users_token_version ON users`);
    await q.query(accessAuditRow(''));
    await q.query(`DROP FUNCTION IF EXISTS users_token_version()`);
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password, DROP COLUMN token_version`);
  }
}
