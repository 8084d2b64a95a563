import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: staff users, integrations, the unit table's core and the audit trail
 * (21 CFR Part 11.10(e)): a per-unit, append-only, hash-chained log written by database triggers
 * in the same transaction as the change, refusing any change that carries no actor.
 *
 * Privileges: migrations run as the owner; the application runs as role `cbb_app`, which may
 * read the audit trail but neither write, update nor delete it directly.
 */
export class Foundation1763760000000 implements MigrationInterface {
  name = 'Foundation1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cbb_app') THEN
          CREATE ROLE cbb_app NOLOGIN;
        END IF;
        BEGIN
          EXECUTE format('GRANT cbb_app TO %I', current_user);
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'could not grant cbb_app to %: %', current_user, SQLERRM;
        END;
      END $$;
    `);
    await q.query(`GRANT USAGE ON SCHEMA public TO cbb_app`);
    await q.query(`GRANT SELECT ON TABLE migrations TO cbb_app`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_roles_valid CHECK (
          cardinality(roles) > 0 AND
          roles <@ ARRAY['admin','coordinator','lab_technician','quality_assurance','medical_director','auditor']::text[]
        ),
        CONSTRAINT users_email_format CHECK (email ~ '^[^@\\s]+@[^@\\s]+$')
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE users TO cbb_app`);

    await q.query(`
      CREATE TABLE integrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key_hash text NOT NULL,
        key_prefix text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE UNIQUE INDEX integrations_key_hash_key ON integrations (key_hash)`);
    await q.query(`CREATE UNIQUE INDEX integrations_name_active_key ON integrations (lower(name)) WHERE revoked_at IS NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE integrations TO cbb_app`);

    // ---- the audit trail -------------------------------------------------------------------
    await q.query(`
      CREATE TABLE audit_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        chain text NOT NULL,
        din text,
        donor_id uuid,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user','integration','system')),
        actor_id text NOT NULL,
        actor_name text,
        action text NOT NULL,
        reason text,
        before jsonb,
        after jsonb,
        request_id text,
        signature jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT audit_entries_chain_seq_key UNIQUE (chain, seq)
      )`);
    await q.query(`CREATE INDEX audit_entries_din_idx ON audit_entries (din, at DESC, id DESC) WHERE din IS NOT NULL`);
    await q.query(`CREATE INDEX audit_entries_donor_idx ON audit_entries (donor_id) WHERE donor_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_entries_at_idx ON audit_entries (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_actor_at_idx ON audit_entries (actor_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_action_at_idx ON audit_entries (action, at DESC, id DESC)`);
    await q.query(`GRANT SELECT ON TABLE audit_entries TO cbb_app`);

    // The head of each chain (a unit's DIN, or 'donor:<id>'); the row lock on it serialises concurrent
    // appends to one chain, so a chain can never fork. Only the SECURITY DEFINER audit functions write it.
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain text PRIMARY KEY,
        last_seq integer NOT NULL,
        last_hash text NOT NULL
      )`);
    await q.query(`GRANT SELECT ON TABLE audit_chain_heads TO cbb_app`);

    await q.query(`
      CREATE FUNCTION audit_entry_hash(
        p_chain text, p_din text, p_donor_id uuid, p_seq integer, p_at timestamptz, p_actor_type text, p_actor_id text, p_actor_name text,
        p_action text, p_reason text, p_before jsonb, p_after jsonb, p_request_id text, p_signature jsonb,
        p_prev_hash text
      ) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT encode(sha256(convert_to(concat_ws(E'\\x1f',
          p_chain, coalesce(p_din, ''), coalesce(p_donor_id::text, ''), p_seq::text,
          to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          p_actor_type, p_actor_id, coalesce(p_actor_name, ''),
          p_action, coalesce(p_reason, ''),
          coalesce(p_before::text, 'null'), coalesce(p_after::text, 'null'),
          coalesce(p_request_id, ''), coalesce(p_signature::text, 'null'),
          p_prev_hash), 'UTF8')), 'hex')
      $$`);

    await q.query(`
      CREATE FUNCTION audit_append(p_chain text, p_din text, p_donor_id uuid, p_action text, p_before jsonb, p_after jsonb)
      RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_actor_type text := nullif(current_setting('app.actor_type', true), '');
        v_actor_id text := nullif(current_setting('app.actor_id', true), '');
        v_actor_name text := nullif(current_setting('app.actor_name', true), '');
        v_reason text := nullif(current_setting('app.reason', true), '');
        v_request_id text := nullif(current_setting('app.request_id', true), '');
        v_signature jsonb := nullif(current_setting('app.signature', true), '')::jsonb;
        v_at timestamptz := clock_timestamp();
        v_seq integer;
        v_prev text;
        v_hash text;
      BEGIN
        IF v_actor_type IS NULL OR v_actor_id IS NULL THEN
          RAISE EXCEPTION 'refused: a change to % carries no actor (app.actor_type/app.actor_id unset)', p_chain
            USING ERRCODE = 'CB401';
        END IF;
        -- lock the head; a chain's first append creates it (a concurrent creator waits on the key, then locks it)
        SELECT last_seq, last_hash INTO v_seq, v_prev FROM audit_chain_heads WHERE chain = p_chain FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain_heads (chain, last_seq, last_hash) VALUES (p_chain, 0, repeat('0', 64))
            ON CONFLICT (chain) DO NOTHING;
          SELECT last_seq, last_hash INTO v_seq, v_prev FROM audit_chain_heads WHERE chain = p_chain FOR UPDATE;
        END IF;
        v_seq := v_seq + 1;
        v_hash := audit_entry_hash(p_chain, p_din, p_donor_id, v_seq, v_at, v_actor_type, v_actor_id, v_actor_name, p_action,
                                   v_reason, p_before, p_after, v_request_id, v_signature, v_prev);
        INSERT INTO audit_entries (chain, din, donor_id, seq, at, actor_type, actor_id, actor_name, action, reason, before, after,
                                   request_id, signature, prev_hash, hash)
        VALUES (p_chain, p_din, p_donor_id, v_seq, v_at, v_actor_type, v_actor_id, v_actor_name, p_action, v_reason, p_before, p_after,
                v_request_id, v_signature, v_prev, v_hash);
        UPDATE audit_chain_heads SET last_seq = v_seq, last_hash = v_hash WHERE chain = p_chain;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append(text, text, uuid, text, jsonb, jsonb) FROM PUBLIC`);

    // The row trigger for every table that belongs to a unit (each carries the unit's din).
    // INSERT records the new row, UPDATE only the columns that changed (old and new), DELETE the old row.
    await q.query(`
      CREATE FUNCTION audit_unit_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_din text;
        v_old jsonb;
        v_before jsonb;
        v_after jsonb;
        v_action text;
      BEGIN
        IF TG_OP = 'DELETE' THEN v_din := OLD.din; ELSE v_din := NEW.din; END IF;
        IF TG_OP = 'INSERT' THEN
          v_after := to_jsonb(NEW) - 'created_at' - 'updated_at';
        ELSIF TG_OP = 'UPDATE' THEN
          IF NEW.din IS DISTINCT FROM OLD.din THEN
            RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
          END IF;
          -- OLD and NEW have the same columns: one pass over NEW, each value compared with OLD's by key
          v_old := to_jsonb(OLD);
          SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
            INTO v_before, v_after
            FROM jsonb_each(to_jsonb(NEW)) n
           WHERE n.value IS DISTINCT FROM v_old -> n.key AND n.key NOT IN ('updated_at', 'version');
          IF v_after IS NULL THEN
            RETURN NEW;
          END IF;
        ELSE
          v_before := to_jsonb(OLD);
        END IF;
        v_action := coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP));
        PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END $$`);

    // Append-only, for everyone: the app role has no UPDATE/DELETE privilege, and this trigger refuses
    // it to the owner too. (A superuser can still disable triggers: the hash chain makes that evident.)
    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'CB403';
      END $$`);
    await q.query(`CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);

    // ---- the cord blood unit (its core; the units migration fills it) ----------------------
    await q.query(`
      CREATE TABLE cord_blood_units (
        din text PRIMARY KEY CHECK (din ~ '^[A-Z][0-9]{4}[0-9]{2}[0-9]{6}$'),
        din_check char(1) NOT NULL,
        status text NOT NULL DEFAULT 'collected',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE cord_blood_units TO cbb_app`);
    await q.query(`CREATE TRIGGER cord_blood_units_audit AFTER INSERT OR UPDATE OR DELETE ON cord_blood_units FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cord_blood_units`);
    await q.query(`DROP TABLE IF EXISTS audit_entries`);
    await q.query(`DROP TABLE IF EXISTS audit_chain_heads`);
    await q.query(`DROP FUNCTION IF EXISTS audit_unit_row()`);
    await q.query(`DROP FUNCTION IF EXISTS audit_append(text, text, uuid, text, jsonb, jsonb)`);
    await q.query(`DROP FUNCTION IF EXISTS audit_entry_hash(text, text, uuid, integer, timestamptz, text, text, text, text, text, jsonb, jsonb, text, jsonb, text)`);
    await q.query(`DROP FUNCTION IF EXISTS audit_refuse_change()`);
    await q.query(`DROP TABLE IF EXISTS integrations`);
    await q.query(`DROP TABLE IF EXISTS users`);
  }
}
