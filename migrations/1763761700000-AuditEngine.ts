import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit engine in one place (issue 12, point 1; 21 CFR 11.10(e)). Behaviour is unchanged: the
 * same entries, on the same chains, in the same order; only where the logic lives, and how a
 * multi-row statement on a unit table is appended, change.
 *
 * - `audit_row_diff(op, old, new, skip_insert, skip_update)`: what an entry records of a row. INSERT:
 *   the new row minus `skip_insert`; UPDATE: only the columns that changed (old and new values),
 *   minus `skip_update`, both NULL when nothing else changed (no entry); DELETE: the old row as given.
 *   PL/pgSQL, so its one query is planned once per session with the rows as parameters (as the
 *   row triggers' inline diff was): written as an inlinable SQL function, each call was planned anew
 *   with the row as a constant, which made a row trigger 12 to 25 times slower on this machine.
 * - `audit_action(default)`: the transaction's `app.action`, or the default (`<table>.<op>`).
 * - NOT done (measured, not understood before the deadline): re-creating the per-row audit functions
 *   (audit_unit_row, audit_donor_row, …) on the two shared functions made audit_unit_row 7–10 times
 *   slower on a 4,500-row DELETE here (35–57 s against 5 s), even with the diff inlined back; so the
 *   row functions stay as the earlier migrations wrote them, and only the set-based path below uses
 *   the shared diff and action functions.
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
      CREATE FUNCTION audit_row_diff(p_op text, p_old jsonb, p_new jsonb, p_skip_insert text[], p_skip_update text[], OUT before jsonb, OUT after jsonb)
      LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        IF p_op = 'INSERT' THEN
          after := p_new - coalesce(p_skip_insert, '{}');
        ELSIF p_op = 'DELETE' THEN
          before := p_old;
        ELSE
          -- old and new have the same columns: one pass over new, each value compared with old's by key
          SELECT jsonb_object_agg(n.key, p_old -> n.key), jsonb_object_agg(n.key, n.value) INTO before, after
            FROM jsonb_each(p_new) n
           WHERE n.value IS DISTINCT FROM p_old -> n.key AND NOT n.key = ANY (coalesce(p_skip_update, '{}'));
        END IF;
      END $$`);

    // ---- set-based: the unit tables, one statement at a time ------------------------------------
    // TG_ARGV[0] (optional): a column whose change (or, on INSERT, whose value) leaves the row to the
    // row trigger (see the header: cord_blood_units.position_id).
    await q.query(`
      CREATE FUNCTION audit_unit_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_per_row text := TG_ARGV[0];
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
        IF TG_OP = 'INSERT' THEN
          WITH nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k), array_agg(NULL::jsonb ORDER BY r.k), array_agg(d.after ORDER BY r.k)
            INTO v_dins, v_before, v_after
            FROM nr, unnest(nr.a) WITH ORDINALITY AS r(n, k)
            CROSS JOIN LATERAL audit_row_diff('INSERT', NULL, r.n, '{created_at,updated_at}', NULL) d
           WHERE v_per_row IS NULL OR coalesce(r.n -> v_per_row, 'null') = 'null';
        ELSE
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg(r.n ->> 'din' ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 bool_or((r.o -> 'din') IS DISTINCT FROM (r.n -> 'din'))
            INTO v_dins, v_before, v_after, v_din_changed
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
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
