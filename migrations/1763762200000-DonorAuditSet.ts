import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The donor chain set-based (issue 19 "Bulk import"; 21 CFR 11.10(e)), as AuditEngine made the unit
 * tables: same entries, same chains, same order; only how a multi-row statement is appended changes.
 *
 * - `audit_append_set(chains, dins, donors, action, befores, afters)`: appends the given entries, in
 *   array order, as one statement: the heads locked in chain order (two concurrent statements over
 *   overlapping chains queue on the first shared head instead of deadlocking; a chain's first entry
 *   creates its head), seq/prev_hash/hash per chain in array order, all entries in one INSERT, all
 *   heads in one UPDATE. Every entry carries one `at` (the clock when it ran). The actor is required
 *   as in `audit_append`.
 * - `audit_donor_statement(donor column)`: the AFTER … FOR EACH STATEMENT audit of donors, consents,
 *   screenings and idm_tests over their transition tables, replacing `audit_donor_row` for INSERT and
 *   UPDATE. Per row, in the statement's row order, what the row trigger appended: the entry on
 *   `donor:<id>` (INSERT: the row without created_at/updated_at; UPDATE: the changed columns without
 *   updated_at, `id` added to after; nothing when nothing else changed), then the same entry on the
 *   chain of each of the donor's units in DIN order. A one-row statement (the service's) appends
 *   through `audit_append` exactly as the row trigger did. DELETE stays per row (`audit_donor_row`;
 *   never granted to the app). No other AFTER ROW trigger on these tables writes to a chain, so no
 *   row trigger has to stay for ordering.
 * - `audit_unit_donor_records_statement()` (collections_donor_records): the donor records in force at
 *   each collection, for all the statement's collections in one query (the donor chain's latest entry
 *   per record read once per statement, as a map per donor), appended through `audit_append_set`, one
 *   row or many (its one-row twin `audit_unit_donor_records_of` is dropped).
 */
const DONOR_TABLES: [table: string, donorColumn: string][] = [
  ['donors', 'id'],
  ['consents', 'donor_id'],
  ['screenings', 'donor_id'],
  ['idm_tests', 'donor_id'],
];

export class DonorAuditSet1763762200000 implements MigrationInterface {
  name = 'DonorAuditSet1763762200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_append_set(p_chains text[], p_dins text[], p_donors uuid[], p_action text, p_before jsonb[], p_after jsonb[]) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
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
        v_at timestamptz;
      BEGIN
        IF coalesce(cardinality(p_chains), 0) = 0 THEN
          RETURN;
        END IF;
        IF v_actor_type IS NULL OR v_actor_id IS NULL THEN
          RAISE EXCEPTION 'refused: a change to % carries no actor (app.actor_type/app.actor_id unset)', p_chains[1]
            USING ERRCODE = 'CB401';
        END IF;
        SELECT array_agg(DISTINCT c ORDER BY c) INTO v_chains FROM unnest(p_chains) c;
        SELECT array_agg(x.r ORDER BY x.k) INTO v_chain_of
          FROM (SELECT k, dense_rank() OVER (ORDER BY chain)::integer AS r FROM unnest(p_chains) WITH ORDINALITY AS u(chain, k)) x;
        INSERT INTO audit_chain_heads (chain, last_seq, last_hash)
          SELECT c, 0, repeat('0', 64) FROM unnest(v_chains) c
           WHERE NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = c) ORDER BY c
          ON CONFLICT (chain) DO NOTHING;
        SELECT array_agg(h.last_seq ORDER BY h.chain), array_agg(h.last_hash ORDER BY h.chain)
          INTO v_head_seq, v_head_hash
          FROM (SELECT chain, last_seq, last_hash FROM audit_chain_heads WHERE chain = ANY (v_chains) ORDER BY chain FOR UPDATE) h;
        v_at := clock_timestamp();
        FOR i IN 1 .. cardinality(p_chains) LOOP
          v_c := v_chain_of[i];
          v_head_seq[v_c] := v_head_seq[v_c] + 1;
          v_seq[i] := v_head_seq[v_c];
          v_prev[i] := v_head_hash[v_c];
          v_head_hash[v_c] := audit_entry_hash(p_chains[i], p_dins[i], p_donors[i], v_seq[i], v_at, v_actor_type, v_actor_id, v_actor_name, p_action,
                                               v_reason, p_before[i], p_after[i], v_request_id, v_signature, v_prev[i]);
          v_hash[i] := v_head_hash[v_c];
        END LOOP;
        INSERT INTO audit_entries (chain, din, donor_id, seq, at, actor_type, actor_id, actor_name, action, reason, before, after,
                                   request_id, signature, prev_hash, hash)
        SELECT e.chain, e.din, e.donor, e.seq, v_at, v_actor_type, v_actor_id, v_actor_name, p_action, v_reason, e.b, e.a,
               v_request_id, v_signature, e.prev, e.hash
          FROM unnest(p_chains, p_dins, p_donors, v_seq, p_before, p_after, v_prev, v_hash) WITH ORDINALITY AS e(chain, din, donor, seq, b, a, prev, hash, k)
         ORDER BY e.k;
        UPDATE audit_chain_heads h SET last_seq = x.seq, last_hash = x.hash
          FROM unnest(v_chains, v_head_seq, v_head_hash) AS x(chain, seq, hash)
         WHERE h.chain = x.chain;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append_set(text[], text[], uuid[], text, jsonb[], jsonb[]) FROM PUBLIC`);


    await q.query(`
      CREATE FUNCTION audit_donor_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_col text := TG_ARGV[0];
        v_donors uuid[];
        v_before jsonb[];
        v_after jsonb[];
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        e_chains text[];
        e_dins text[];
        e_donors uuid[];
        e_before jsonb[];
        e_after jsonb[];
      BEGIN
        -- 1. every row's diff in the statement's row order (old and new rows pair up by position)
        IF TG_OP = 'INSERT' THEN
          WITH nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg((r.n ->> v_col)::uuid ORDER BY r.k), array_agg(NULL::jsonb ORDER BY r.k), array_agg(d.after ORDER BY r.k)
            INTO v_donors, v_before, v_after
            FROM nr, unnest(nr.a) WITH ORDINALITY AS r(n, k)
            CROSS JOIN LATERAL audit_row_diff('INSERT', NULL, r.n, '{created_at,updated_at}', NULL) d;
        ELSE
          WITH o AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_old t), nr AS (SELECT array_agg(to_jsonb(t)) AS a FROM audit_new t)
          SELECT array_agg((r.n ->> v_col)::uuid ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.before ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL),
                 array_agg(d.after || jsonb_build_object('id', r.n -> 'id') ORDER BY r.k) FILTER (WHERE d.after IS NOT NULL)
            INTO v_donors, v_before, v_after
            FROM o, nr, unnest(o.a, nr.a) WITH ORDINALITY AS r(o, n, k)
            CROSS JOIN LATERAL audit_row_diff('UPDATE', r.o, r.n, NULL, '{updated_at}') d;
        END IF;
        IF v_donors IS NULL THEN
          RETURN NULL;
        END IF;
        -- 2. per row: its donor's chain, then each of the donor's units in DIN order
        SELECT array_agg(x.chain ORDER BY x.k, x.j), array_agg(x.din ORDER BY x.k, x.j), array_agg(x.donor ORDER BY x.k, x.j),
               array_agg(x.b ORDER BY x.k, x.j), array_agg(x.a ORDER BY x.k, x.j)
          INTO e_chains, e_dins, e_donors, e_before, e_after
          FROM (SELECT r.k, 0::bigint AS j, 'donor:' || r.d AS chain, NULL::text AS din, r.d AS donor, r.b, r.a
                  FROM unnest(v_donors, v_before, v_after) WITH ORDINALITY AS r(d, b, a, k)
                UNION ALL
                SELECT r.k, u.j, u.din, u.din, r.d, r.b, r.a
                  FROM unnest(v_donors, v_before, v_after) WITH ORDINALITY AS r(d, b, a, k)
                  CROSS JOIN LATERAL (SELECT c.din, row_number() OVER (ORDER BY c.din) AS j FROM cord_blood_units c WHERE c.donor_id = r.d) u) x;
        -- one row (the service's statements): the row trigger's appends, one by one
        IF cardinality(v_donors) = 1 THEN
          FOR i IN 1 .. cardinality(e_chains) LOOP
            PERFORM audit_append(e_chains[i], e_dins[i], e_donors[i], v_action, e_before[i], e_after[i]);
          END LOOP;
          RETURN NULL;
        END IF;
        PERFORM audit_append_set(e_chains, e_dins, e_donors, v_action, e_before, e_after);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_donor_statement() FROM PUBLIC`);

    for (const [t, col] of DONOR_TABLES) {
      await q.query(`DROP TRIGGER ${t}_audit ON ${t}`);
      await q.query(`CREATE TRIGGER ${t}_audit_insert AFTER INSERT ON ${t} REFERENCING NEW TABLE AS audit_new
        FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('${col}')`);
      await q.query(`CREATE TRIGGER ${t}_audit_update AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
        FOR EACH STATEMENT EXECUTE FUNCTION audit_donor_statement('${col}')`);
      await q.query(`CREATE TRIGGER ${t}_audit AFTER DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit_donor_row('${col}')`);
    }

    // the donor records of every collection of the statement in one query (see the header)
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_unit_donor_records_statement() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_dins text[];
        v_donors uuid[];
        v_records jsonb[];
      BEGIN
        WITH nr AS (SELECT array_agg(t.din) AS dins, array_agg(t.donor_id) AS donors, array_agg(t.collected_at) AS ats FROM audit_new t),
        rows AS (SELECT u.din, u.donor, u.at, u.k FROM nr, unnest(nr.dins, nr.donors, nr.ats) WITH ORDINALITY AS u(din, donor, at, k)),
        dn AS (SELECT DISTINCT donor FROM rows),
        -- the latest donor-chain entry of each record (consent, screening, IDM test) of each donor
        src AS (
          SELECT x.donor_id, jsonb_object_agg(x.record_id, x.source) AS m
            FROM (SELECT DISTINCT ON (e.donor_id, e.after ->> 'id') e.donor_id, e.after ->> 'id' AS record_id,
                         jsonb_build_object('chain', e.chain, 'seq', e.seq, 'hash', e.hash) AS source
                    FROM audit_entries e JOIN dn ON e.donor_id = dn.donor AND e.chain = 'donor:' || dn.donor
                   WHERE e.after ? 'id'
                   ORDER BY e.donor_id, e.after ->> 'id', e.seq DESC) x
           GROUP BY x.donor_id),
        per AS (
          SELECT dn.donor,
                 coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'type', c.type, 'formVersion', c.form_version, 'signedAt', c.signed_at,
                                                               'source', s.m -> c.id::text) ORDER BY c.signed_at, c.id)
                             FROM consents c WHERE c.donor_id = dn.donor AND c.withdrawn_at IS NULL), '[]'::jsonb) AS consents,
                 (SELECT jsonb_build_object('id', sc.id, 'version', sc.version, 'completedAt', sc.completed_at, 'deferralReasons', to_jsonb(sc.deferral_reasons),
                                            'source', s.m -> sc.id::text)
                    FROM screenings sc WHERE sc.donor_id = dn.donor ORDER BY sc.completed_at DESC, sc.created_at DESC LIMIT 1) AS screening,
                 coalesce((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at,
                                                               'testedAt', t.tested_at, 'method', t.method, 'lab', t.lab,
                                                               'source', s.m -> t.id::text) ORDER BY t.marker, t.sample_drawn_at, t.id)
                             FROM idm_tests t WHERE t.donor_id = dn.donor), '[]'::jsonb) AS idm
            FROM dn LEFT JOIN src s ON s.donor_id = dn.donor)
        SELECT array_agg(rows.din ORDER BY rows.k), array_agg(rows.donor ORDER BY rows.k),
               array_agg(jsonb_build_object('donorId', rows.donor, 'collectedAt', rows.at, 'consents', per.consents,
                                            'screening', per.screening, 'idmTests', per.idm) ORDER BY rows.k)
          INTO v_dins, v_donors, v_records
          FROM rows JOIN per ON per.donor = rows.donor;
        PERFORM audit_append_set(v_dins, v_dins, v_donors, 'unit.donor_records', array_fill(NULL::jsonb, ARRAY[cardinality(v_dins)]), v_records);
        RETURN NULL;
      END $$`);
    // its one-row form (AuditEngine) is served by the statement's query above now
    await q.query(`DROP FUNCTION audit_unit_donor_records_of(text, uuid, timestamptz)`);
  }

  async down(): Promise<void> {
    throw new Error('DonorAuditSet1763762200000 is not reverted: restore from a backup instead');
  }
}
