import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit engine in one place (issue 12, point 1; 21 CFR 11.10(e)). Behaviour is unchanged: the
 * same entries, on the same chains, in the same order; only where the logic lives, and how a
 * multi-row statement on a unit table is appended, change.
 *
 * - `audit_row_diff(op, old, new, skip_insert, skip_update)`: what an entry records of a row. INSERT:
 *   the new row minus `skip_insert`; UPDATE: only the columns that changed (old and new values),
 *   minus `skip_update`, both NULL when nothing else changed (no entry); DELETE: the old row as given.
 *   A SQL set-returning function of one row, so the planner inlines it into the caller's query.
 * - `audit_action(default)`: the transaction's `app.action`, or the default (`<table>.<op>`).
 * - Every audit trigger function is re-created on the two, keeping only its chain logic (which
 *   chain(s), which extra keys, which secrets are masked). The skipped columns are as before.
 * - Set-based unit audit: the tables of a unit (the unit row, collection, results, custody, excursions,
 *   labels, determinations, supply and equipment links) are audited by AFTER ... FOR EACH STATEMENT
 *   triggers over the statement's transition tables (`audit_unit_statement`): all rows' diffs in one
 *   query, the chain heads locked in chain order (so two concurrent statements over overlapping units
 *   queue on the first shared head instead of deadlocking), seq/prev_hash/hash assigned per chain in
 *   the statement's row order (one pass over the rows, so several rows of one chain chain in row
 *   order), all entries in one INSERT and all heads in one UPDATE. No step joins the statement's rows
 *   with each other (old and new rows pair up by position, each row's chain is its rank), so no plan
 *   can turn quadratic on a large statement. The chains are those the row trigger wrote: same seq,
 *   action, before, after, actor, reason, signature per entry. Every entry of one statement carries
 *   the same `at` (the database clock when the statement's audit ran).
 *   Kept per row, because another AFTER ROW trigger on the same row writes to the unit's chain and
 *   its entry must come after the unit's (as it does today): a unit row whose position changes
 *   (cord_blood_units_storage may record the unit in an open freezer excursion), and DELETE (never
 *   granted to the app; kept as it was). The donor records appended when a collection is inserted
 *   follow the collection's own entry, so that trigger is a statement trigger too, fired after it.
 *   Transition tables allow one event per trigger: hence an `_audit_insert` and an `_audit_update`
 *   trigger per table (PostgreSQL 15 and 18 alike).
 */
const UNIT_TABLES_WITH_DELETE = [
  'cord_blood_units', 'collections', 'unit_results', 'custody_events', 'unit_excursions',
  'unit_label_prints', 'unit_label_verifications', 'eligibility_determinations',
];
const UNIT_TABLES_INSERT_ONLY = ['unit_supply_lots', 'unit_equipment'];

export class AuditEngine1763761700000 implements MigrationInterface {
  name = 'AuditEngine1763761700000';

  async up(q: QueryRunner): Promise<void> {
    // ---- the shared pieces -------------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION audit_action(p_default text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('app.action', true), ''), p_default)
      $$`);
    await q.query(`
      CREATE FUNCTION audit_row_diff(p_op text, p_old jsonb, p_new jsonb, p_skip_insert text[], p_skip_update text[])
      RETURNS TABLE (before jsonb, after jsonb) LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE p_op WHEN 'UPDATE' THEN d.before WHEN 'DELETE' THEN p_old END,
               CASE p_op WHEN 'UPDATE' THEN d.after WHEN 'INSERT' THEN p_new - coalesce(p_skip_insert, '{}') END
          FROM (SELECT jsonb_object_agg(n.key, p_old -> n.key) AS before, jsonb_object_agg(n.key, n.value) AS after
                  FROM jsonb_each(CASE WHEN p_op = 'UPDATE' THEN p_new END) n
                 WHERE n.value IS DISTINCT FROM p_old -> n.key AND NOT n.key = ANY (coalesce(p_skip_update, '{}'))) d
      $$`);

    // ---- the row triggers, each keeping only its chain logic ----------------------------------
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_unit_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_din text := CASE WHEN TG_OP = 'DELETE' THEN OLD.din ELSE NEW.din END;
        v_before jsonb;
        v_after jsonb;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.din IS DISTINCT FROM OLD.din THEN
          RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
        END IF;
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
                              '{created_at,updated_at}', '{updated_at,version}') d;
        IF v_before IS NULL AND v_after IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM audit_append(v_din, v_din, NULL, audit_action(TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_donor_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        v_donor uuid := (v_row ->> TG_ARGV[0])::uuid;
        v_before jsonb;
        v_after jsonb;
        v_action text;
        v_din text;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN v_row END,
                              '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        v_action := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        PERFORM audit_append('donor:' || v_donor, NULL, v_donor, v_action, v_before, v_after);
        FOR v_din IN SELECT din FROM cord_blood_units WHERE donor_id = v_donor ORDER BY din LOOP
          PERFORM audit_append(v_din, v_din, v_donor, v_action, v_before, v_after);
        END LOOP;
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_freezer_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN v_row END,
                              '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        PERFORM audit_append('freezer:' || (v_row ->> TG_ARGV[0]), NULL, NULL, audit_action(TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_release_request_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_row release_requests := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        v_before jsonb;
        v_after jsonb;
        v_action text;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
                              '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id, 'request_number', NEW.request_number);
        END IF;
        v_action := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        PERFORM audit_append('release_request:' || v_row.id, NULL, NULL, v_action, v_before, v_after);
        IF v_row.din IS NOT NULL THEN
          PERFORM audit_append(v_row.din, v_row.din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END $$`);

    // users and integrations: the secret column shows as [set]/[changed], never its value
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_access_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_kind text := TG_ARGV[0];
        v_secret text := TG_ARGV[1];
        v_ignored text[] := ARRAY['updated_at', 'failed_login_count', 'token_version', v_secret];
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, v_old, v_new, v_ignored || '{created_at}'::text[], v_ignored) d;
        IF TG_OP = 'INSERT' THEN
          v_after := v_after || jsonb_build_object(v_secret, '[set]');
        ELSE
          IF (v_new -> v_secret) IS DISTINCT FROM (v_old -> v_secret) THEN
            v_before := coalesce(v_before, '{}'::jsonb) || jsonb_build_object(v_secret, '[set]');
            v_after := coalesce(v_after, '{}'::jsonb) || jsonb_build_object(v_secret, '[changed]');
          END IF;
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
        END IF;
        PERFORM audit_append(v_kind || ':' || NEW.id, NULL, NULL, audit_action(v_kind || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    // a lab event's outcome (the trigger fires on a status change only)
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_lab_event_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff('UPDATE', to_jsonb(OLD), to_jsonb(NEW), NULL, '{attempts,last_attempt_at}') d;
        IF v_after IS NULL THEN
          RETURN NULL;
        END IF;
        v_after := v_after || jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'type', NEW.type, 'din', NEW.din, 'donor_number', NEW.donor_number);
        PERFORM audit_append('lab_event:' || NEW.id, NULL, NULL, audit_action('lab_event.' || NEW.status), v_before, v_after);
        RETURN NULL;
      END $$`);

    // an alarm's action says what happened to it (the app.action setting is not used)
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_alarm_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_before jsonb;
        v_after jsonb;
        v_action text;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END, to_jsonb(NEW), '{updated_at}', '{updated_at}') d;
        IF TG_OP = 'INSERT' THEN
          v_action := 'alarm.raised';
        ELSE
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_action := CASE
            WHEN NEW.acknowledged_at IS NOT NULL AND OLD.acknowledged_at IS NULL THEN 'alarm.acknowledged'
            WHEN NEW.state IS DISTINCT FROM OLD.state THEN 'alarm.' || NEW.state
            ELSE 'alarm.updated' END;
        END IF;
        PERFORM audit_append('alarm:' || NEW.id, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END $$`);

    // webhooks ('webhook:<id>', the secret masked) and subscriptions (one chain)
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_notification_settings_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_before jsonb;
        v_after jsonb;
        v_chain text;
      BEGIN
        IF TG_TABLE_NAME = 'webhooks' THEN
          v_chain := 'webhook:' || NEW.id;
          SELECT d.before, d.after INTO v_before, v_after
            FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) - 'secret' END,
                                CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(NEW) - 'secret' ELSE to_jsonb(NEW) END,
                                '{created_at,updated_at}', '{updated_at}') d;
          IF TG_OP = 'INSERT' THEN
            v_after := v_after || jsonb_build_object('secret', '[set]');
          ELSE
            IF NEW.secret IS DISTINCT FROM OLD.secret THEN
              v_after := coalesce(v_after, '{}'::jsonb) || jsonb_build_object('secret', '[changed]');
            END IF;
            IF v_after IS NULL THEN
              RETURN NULL;
            END IF;
          END IF;
        ELSE
          v_chain := 'notification_subscriptions';
          SELECT d.before, d.after INTO v_before, v_after
            FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) - 'created_at' END,
                                CASE WHEN TG_OP = 'INSERT' THEN to_jsonb(NEW) END, '{created_at}', NULL) d;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, audit_action(TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    // clinical records on their release request's chain
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_clinical_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END, to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        v_after := v_after || jsonb_build_object('record', TG_TABLE_NAME);
        PERFORM audit_append('release_request:' || NEW.release_request_id, NULL, NULL, audit_action(TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_clinical_reference_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_new jsonb := to_jsonb(NEW);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END, v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' AND v_after IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM audit_append('clinical_reference:' || TG_TABLE_NAME || ':' || (v_new ->> TG_ARGV[0]), NULL, NULL,
                             audit_action(TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    // quality records: the record's chain and, for a row naming a unit, the unit's (a document's bytes never)
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_quality_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_kind text := TG_ARGV[0];
        v_new jsonb := to_jsonb(NEW) - 'content';
        v_before jsonb;
        v_after jsonb;
        v_action text;
        v_chain text;
        v_donor uuid;
        v_din text := v_new ->> 'din';
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) - 'content' END, v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_strip_nulls(jsonb_build_object('id', v_new -> 'id', 'din', v_new -> 'din', 'deviation_id', v_new -> 'deviation_id'));
        END IF;
        v_action := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        IF v_kind = 'document' THEN
          CASE v_new ->> 'owner_type'
            WHEN 'donor' THEN v_donor := (v_new ->> 'donor_id')::uuid; v_chain := 'donor:' || v_donor;
            WHEN 'unit' THEN v_chain := v_din;
            WHEN 'deviation' THEN v_chain := 'deviation:' || (v_new ->> 'deviation_id');
            ELSE v_chain := 'release_request:' || (v_new ->> 'release_request_id');
          END CASE;
          PERFORM audit_append(v_chain, CASE WHEN v_chain = v_din THEN v_din END, v_donor, v_action, v_before, v_after);
          RETURN NULL;
        END IF;
        v_chain := v_kind || ':' || (v_new ->> TG_ARGV[1]);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        IF v_din IS NOT NULL THEN
          PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END $$`);

    // supplies, equipment, look-backs: chain <prefix>:<value of column TG_ARGV[1], default id>
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_record_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_key text := coalesce(TG_ARGV[1], 'id');
        v_new jsonb := to_jsonb(NEW);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END, v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          IF v_key <> 'id' THEN
            v_after := v_after || jsonb_build_object('id', v_new -> 'id');
          END IF;
        END IF;
        PERFORM audit_append(TG_ARGV[0] || ':' || (v_new ->> v_key), NULL, NULL, audit_action(TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);

    // the fixed-shape entries keep their content; only the action fallback is the shared one
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_lookback_units_found() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT lookback_id, jsonb_agg(jsonb_build_object('din', din, 'found_status', found_status, 'action', action, 'release_request_id', release_request_id) ORDER BY din) AS units
                   FROM found GROUP BY lookback_id LOOP
          PERFORM audit_append('lookback:' || r.lookback_id, NULL, NULL, audit_action('lookback.units_found'), NULL, jsonb_build_object('units', r.units));
        END LOOP;
        RETURN NULL;
      END $$`);

    // ---- set-based: the unit tables, one statement at a time ------------------------------------
    // TG_ARGV[0] (optional): a column whose change (or, on INSERT, whose value) leaves the row to the
    // row trigger (see the header: cord_blood_units.position_id).
    await q.query(`
      CREATE FUNCTION audit_unit_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_per_row text := TG_ARGV[0];
        v_old_rows jsonb[];
        v_new_rows jsonb[];
        v_dins text[];
        v_before jsonb[];
        v_after jsonb[];
        v_din_changed boolean;
        v_chains text[];
        v_chain_of integer[];
        v_head_seq integer[];
        v_head_hash text[];
        v_seq integer[] := '{}';
        v_prev text[] := '{}';
        v_hash text[] := '{}';
        v_c integer;
        v_actor_type text := nullif(current_setting('app.actor_type', true), '');
        v_actor_id text := nullif(current_setting('app.actor_id', true), '');
        v_actor_name text := nullif(current_setting('app.actor_name', true), '');
        v_reason text := nullif(current_setting('app.reason', true), '');
        v_request_id text := nullif(current_setting('app.request_id', true), '');
        v_signature jsonb := nullif(current_setting('app.signature', true), '')::jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_at timestamptz;
      BEGIN
        -- 1. every row's diff, in the statement's row order (the order the row trigger fired in); the
        --    old and new rows of an UPDATE pair up by position in their transition tables (no join)
        SELECT array_agg(to_jsonb(t)) INTO v_new_rows FROM audit_new t;
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k), array_agg(NULL::jsonb ORDER BY r.k), array_agg(d.after ORDER BY r.k)
            INTO v_dins, v_before, v_after
            FROM unnest(v_new_rows) WITH ORDINALITY AS r(n, k)
            CROSS JOIN LATERAL audit_row_diff('INSERT', NULL, r.n, '{created_at,updated_at}', NULL) d
           WHERE v_per_row IS NULL OR coalesce(r.n -> v_per_row, 'null') = 'null';
        ELSE
          SELECT array_agg(to_jsonb(t)) INTO v_old_rows FROM audit_old t;
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM unnest(v_old_rows, v_new_rows) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at,version}') d
           WHERE v_per_row IS NULL OR (r.o -> v_per_row) IS NOT DISTINCT FROM (r.n -> v_per_row);
          IF v_din_changed THEN
            RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
          END IF;
        END IF;
        IF v_dins IS NULL THEN
          RETURN NULL;
        END IF;
        -- one row (most statements of the service): the row trigger's append, which is cheaper for one
        IF cardinality(v_dins) = 1 THEN
          PERFORM audit_append(v_dins[1], v_dins[1], NULL, v_action, v_before[1], v_after[1]);
          RETURN NULL;
        END IF;
        IF v_actor_type IS NULL OR v_actor_id IS NULL THEN
          RAISE EXCEPTION 'refused: a change to % carries no actor (app.actor_type/app.actor_id unset)', v_dins[1]
            USING ERRCODE = 'CB401';
        END IF;
        -- 2. the chains in order, each row's chain as its rank in that order, and the heads locked in
        --    that order (a chain's first entry creates its head)
        SELECT array_agg(DISTINCT c ORDER BY c) INTO v_chains FROM unnest(v_dins) c;
        SELECT array_agg(x.r ORDER BY x.k) INTO v_chain_of
          FROM (SELECT k, dense_rank() OVER (ORDER BY din)::integer AS r FROM unnest(v_dins) WITH ORDINALITY AS u(din, k)) x;
        INSERT INTO audit_chain_heads (chain, last_seq, last_hash)
          SELECT c, 0, repeat('0', 64) FROM unnest(v_chains) c
           WHERE NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = c) ORDER BY c
          ON CONFLICT (chain) DO NOTHING;
        SELECT array_agg(h.last_seq ORDER BY h.chain), array_agg(h.last_hash ORDER BY h.chain)
          INTO v_head_seq, v_head_hash
          FROM (SELECT chain, last_seq, last_hash FROM audit_chain_heads WHERE chain = ANY (v_chains) ORDER BY chain FOR UPDATE) h;
        v_at := clock_timestamp();
        -- 3. seq, prev_hash and hash in row order, each chain continuing from its head
        FOR i IN 1 .. cardinality(v_dins) LOOP
          v_c := v_chain_of[i];
          v_head_seq[v_c] := v_head_seq[v_c] + 1;
          v_seq[i] := v_head_seq[v_c];
          v_prev[i] := v_head_hash[v_c];
          v_head_hash[v_c] := audit_entry_hash(v_dins[i], v_dins[i], NULL, v_seq[i], v_at, v_actor_type, v_actor_id, v_actor_name, v_action,
                                               v_reason, v_before[i], v_after[i], v_request_id, v_signature, v_prev[i]);
          v_hash[i] := v_head_hash[v_c];
        END LOOP;
        -- 4. all entries in one INSERT (ids in row order), all heads in one UPDATE
        INSERT INTO audit_entries (chain, din, donor_id, seq, at, actor_type, actor_id, actor_name, action, reason, before, after,
                                   request_id, signature, prev_hash, hash)
        SELECT e.din, e.din, NULL, e.seq, v_at, v_actor_type, v_actor_id, v_actor_name, v_action, v_reason, e.b, e.a,
               v_request_id, v_signature, e.prev, e.hash
          FROM unnest(v_dins, v_seq, v_before, v_after, v_prev, v_hash) WITH ORDINALITY AS e(din, seq, b, a, prev, hash, k)
         ORDER BY e.k;
        UPDATE audit_chain_heads h SET last_seq = x.seq, last_hash = x.hash
          FROM unnest(v_chains, v_head_seq, v_head_hash) AS x(chain, seq, hash)
         WHERE h.chain = x.chain;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_unit_statement() FROM PUBLIC`);

    // the donor records in force at collection, after the collection's own entry (one loop per statement)
    await q.query(`
      CREATE FUNCTION audit_unit_donor_records_of(p_din text, p_donor uuid, p_collected_at timestamptz) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_chain text := 'donor:' || p_donor;
        v_records jsonb;
      BEGIN
        WITH src AS (
          SELECT DISTINCT ON (e.after ->> 'id') e.after ->> 'id' AS record_id,
                 jsonb_build_object('chain', e.chain, 'seq', e.seq, 'hash', e.hash) AS source
            FROM audit_entries e
           WHERE e.donor_id = p_donor AND e.chain = v_chain AND e.after ? 'id'
           ORDER BY e.after ->> 'id', e.seq DESC
        )
        SELECT jsonb_build_object(
          'donorId', p_donor,
          'collectedAt', p_collected_at,
          'consents', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'formVersion', c.form_version, 'signedAt', c.signed_at,
                                                'source', (SELECT source FROM src WHERE record_id = c.id::text)) ORDER BY c.signed_at, c.id)
              FROM consents c WHERE c.donor_id = p_donor AND c.withdrawn_at IS NULL), '[]'::jsonb),
          'screening', (
            SELECT jsonb_build_object('id', s.id, 'version', s.version, 'completedAt', s.completed_at, 'deferralReasons', to_jsonb(s.deferral_reasons),
                                      'source', (SELECT source FROM src WHERE record_id = s.id::text))
              FROM screenings s WHERE s.donor_id = p_donor ORDER BY s.completed_at DESC, s.created_at DESC LIMIT 1),
          'idmTests', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', t.id, 'marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at,
                                                'testedAt', t.tested_at, 'method', t.method, 'lab', t.lab,
                                                'source', (SELECT source FROM src WHERE record_id = t.id::text)) ORDER BY t.marker, t.sample_drawn_at, t.id)
              FROM idm_tests t WHERE t.donor_id = p_donor), '[]'::jsonb))
          INTO v_records;
        PERFORM audit_append(p_din, p_din, p_donor, 'unit.donor_records', NULL, v_records);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_unit_donor_records_of(text, uuid, timestamptz) FROM PUBLIC`);
    await q.query(`
      CREATE FUNCTION audit_unit_donor_records_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT din, donor_id, collected_at FROM audit_new LOOP
          PERFORM audit_unit_donor_records_of(r.din, r.donor_id, r.collected_at);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER collections_donor_records ON collections`);
    await q.query(`DROP FUNCTION audit_unit_donor_records()`);

    for (const t of [...UNIT_TABLES_WITH_DELETE, ...UNIT_TABLES_INSERT_ONLY]) {
      await q.query(`DROP TRIGGER ${t}_audit ON ${t}`);
      const perRow = t === 'cord_blood_units' ? `('position_id')` : '()';
      await q.query(`CREATE TRIGGER ${t}_audit_insert AFTER INSERT ON ${t} REFERENCING NEW TABLE AS audit_new
        FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement${perRow}`);
      if (UNIT_TABLES_WITH_DELETE.includes(t)) {
        await q.query(`CREATE TRIGGER ${t}_audit_update AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
          FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_statement${perRow}`);
        await q.query(`CREATE TRIGGER ${t}_audit AFTER DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit_unit_row()`);
      }
    }
    // a unit placed or moved: its entry per row, before cord_blood_units_storage (name order) records an excursion
    await q.query(`CREATE TRIGGER cord_blood_units_audit_placed AFTER INSERT ON cord_blood_units
      FOR EACH ROW WHEN (NEW.position_id IS NOT NULL) EXECUTE FUNCTION audit_unit_row()`);
    await q.query(`CREATE TRIGGER cord_blood_units_audit_moved AFTER UPDATE ON cord_blood_units
      FOR EACH ROW WHEN (OLD.position_id IS DISTINCT FROM NEW.position_id) EXECUTE FUNCTION audit_unit_row()`);
    // named to fire after collections_audit_insert (statement triggers of one event fire in name order)
    await q.query(`CREATE TRIGGER collections_donor_records AFTER INSERT ON collections REFERENCING NEW TABLE AS audit_new
      FOR EACH STATEMENT EXECUTE FUNCTION audit_unit_donor_records_statement()`);
  }

  async down(): Promise<void> {
    throw new Error('AuditEngine1763761700000 is not reverted: the earlier migrations\' functions are history; restore from a backup instead');
  }
}
