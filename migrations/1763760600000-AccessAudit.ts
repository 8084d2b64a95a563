import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may use the system is part of the record (21 CFR Part 11.10(d), (e) and (g); 11.300): creating
 * a user, changing their name, roles or active flag, resetting their password, locking their account,
 * and registering or revoking a laboratory integration are appended to the hash-chained audit trail
 * in the same transaction, on one chain per account (`user:<id>`, `integration:<id>`), with the
 * acting administrator (or `system`, for the first administrator and for lockouts) as the actor.
 *
 * Secrets never enter the trail: a changed password or key hash is recorded as "[changed]". The
 * failed-login counter is not recorded (every mistyped password would be an entry); the lockout it
 * causes is, through `locked_until`. Rows are never deleted (no DELETE privilege), so there is no
 * DELETE case.
 */
export class AccessAudit1763760600000 implements MigrationInterface {
  name = 'AccessAudit1763760600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_access_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_kind text := TG_ARGV[0];
        v_secret text := TG_ARGV[1];
        v_ignored text[] := ARRAY['updated_at', 'failed_login_count', v_secret];
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
      END $$`);
    await q.query(`CREATE TRIGGER users_audit AFTER INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit_access_row('user', 'password_hash')`);
    await q.query(`CREATE TRIGGER integrations_audit AFTER INSERT OR UPDATE ON integrations FOR EACH ROW EXECUTE FUNCTION audit_access_row('integration', 'key_hash')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS integrations_audit ON integrations`);
    await q.query(`DROP TRIGGER IF EXISTS users_audit ON users`);
    await q.query(`DROP FUNCTION IF EXISTS audit_access_row()`);
  }
}
