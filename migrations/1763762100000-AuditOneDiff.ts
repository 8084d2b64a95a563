import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One diff for every audit trigger (issue 12, point 1; 21 CFR 11.10(e)). The per-row audit functions
 * of the other chains (donor, freezer, release request, access, alarm, quality, record, clinical,
 * notification settings, lab event, security, outcome export, product code table) each wrote their own
 * copy of the row diff and of the `app.action` fallback, with slightly different skipped-column
 * lists. They are re-created here on the shared `audit_row_diff` and `audit_action` of migration
 * AuditEngine, each keeping only its chain logic (which chain, which keys the entry adds).
 *
 * Behaviour is unchanged: every entry has the same chain, seq, action, before and after as before
 * (test/audit-engine.e2e-spec.ts compares the entries the old and new functions write for the same
 * statements). Two notes on equivalence:
 * - Some old functions joined `jsonb_each(NEW)` with `jsonb_each(OLD)`; the shared diff looks each key
 *   of NEW up in OLD. The rows of one table have the same columns, so both give the same pairs, and
 *   jsonb objects do not keep key order, so the same values.
 * - Each skipped-column list stays what it was (passed as the diff's arguments), not unified: a
 *   unified list would change what future entries record.
 *
 * Why not in AuditEngine: re-created there, audit_unit_row became 7–10 times slower on a 4,500-row
 * DELETE. Found here: not the shared diff, but an `audit_append(…)` call with a function call among its
 * arguments (the action fallback `coalesce(nullif(current_setting('app.action', true), ''), …)` or
 * `audit_action(…)` written inline). Its cost grows with the number of rows the statement has already
 * audited: the same DELETE of 4,500 units spent 7.0–16.6 s in the audit trigger with the action inline,
 * 0.4–1.6 s with it in a variable, whichever diff was used (PostgreSQL 15, alternating runs, load 5–12;
 * 1,000 rows show no difference, so short tests never see it). So every function below computes its
 * chain and its action into variables first and passes only variables to `audit_append`; the old
 * access, clinical and record functions had the inline form and lose it here.
 *
 * The diff is called as `SELECT … INTO … FROM audit_row_diff(…)`: one query per trigger call, planned
 * once per session, as the inline diff was. Three functions compose a document rather than record a
 * row (an import's status and file list, a look-back's units found, a unit's donor records at
 * collection) and have no row diff to take.
 */
export class AuditOneDiff1763762100000 implements MigrationInterface {
  name = 'AuditOneDiff1763762100000';

  async up(q: QueryRunner): Promise<void> {
    const fn = (name: string, body: string) =>
      q.query(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        ${body}
        $$`);

    // the unit's own row, kept per row for DELETE and for a change of position (AuditEngine's header)
    await fn('audit_unit_row', `
      DECLARE
        v_din text := CASE WHEN TG_OP = 'DELETE' THEN OLD.din ELSE NEW.din END;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.din IS DISTINCT FROM OLD.din THEN
          RAISE EXCEPTION 'the DIN of a unit record can not be changed' USING ERRCODE = 'CB409';
        END IF;
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at,version}') d;
        IF TG_OP = 'UPDATE' AND v_after IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // donors, consents, screenings, IDM tests: the donor's chain, and each of the donor's units'
    await fn('audit_donor_row', `
      DECLARE
        v_donor uuid := (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[0])::uuid;
        v_before jsonb;
        v_after jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_chain text := 'donor:' || v_donor;
        v_din text;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        PERFORM audit_append(v_chain, NULL, v_donor, v_action, v_before, v_after);
        FOR v_din IN SELECT din FROM cord_blood_units WHERE donor_id = v_donor ORDER BY din LOOP
          PERFORM audit_append(v_din, v_din, v_donor, v_action, v_before, v_after);
        END LOOP;
        RETURN NULL;
      END`);

    // freezers, their excursions and temperature reviews: the freezer's chain
    await fn('audit_freezer_row', `
      DECLARE
        v_chain text := 'freezer:' || (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[0]);
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // release requests: the request's chain, and the unit's when it names one
    await fn('audit_release_request_row', `
      DECLARE
        v_row release_requests := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        v_before jsonb;
        v_after jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_chain text := 'release_request:' || v_row.id;
        v_din text := v_row.din;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id, 'request_number', NEW.request_number);
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        IF v_din IS NOT NULL THEN
          PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END`);

    // users and integrations (TG_ARGV: the chain's kind, the secret column): the secret is never
    // recorded, only that it was set or changed
    await fn('audit_access_row', `
      DECLARE
        v_kind text := TG_ARGV[0];
        v_secret text := TG_ARGV[1];
        v_ignored text[] := ARRAY['updated_at', 'failed_login_count', 'token_version', v_secret];
        v_chain text := v_kind || ':' || NEW.id;
        v_action text := audit_action(v_kind || '.' || lower(TG_OP));
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb := to_jsonb(OLD);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, v_old, v_new, v_ignored || 'created_at'::text, v_ignored) d;
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
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // alarms: the action says what happened to the alarm (app.action is not read, as before)
    await fn('audit_alarm_row', `
      DECLARE
        v_before jsonb;
        v_after jsonb;
        v_action text;
        v_chain text := 'alarm:' || NEW.id;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{updated_at}', '{updated_at}') d;
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
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // clinical reference tables (TG_ARGV[0]: the key column)
    await fn('audit_clinical_reference_row', `
      DECLARE
        v_chain text := 'clinical_reference:' || TG_TABLE_NAME || ':' || (to_jsonb(NEW) ->> TG_ARGV[0]);
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' AND v_after IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // administrations, follow-ups, measurements: the release request's chain, naming the record
    await fn('audit_clinical_row', `
      DECLARE
        v_chain text := 'release_request:' || NEW.release_request_id;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), to_jsonb(NEW), '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_build_object('id', NEW.id);
        END IF;
        v_after := v_after || jsonb_build_object('record', TG_TABLE_NAME);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // deviations, CAPA, adverse reactions, documents (TG_ARGV: kind, key column); a document's content
    // is never copied into the trail
    await fn('audit_quality_row', `
      DECLARE
        v_kind text := TG_ARGV[0];
        v_new jsonb := to_jsonb(NEW) - 'content';
        v_before jsonb;
        v_after jsonb;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_chain text;
        v_donor uuid;
        v_din text := v_new ->> 'din';
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD) - 'content', v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          v_after := v_after || jsonb_strip_nulls(jsonb_build_object('id', v_new -> 'id', 'din', v_new -> 'din', 'deviation_id', v_new -> 'deviation_id'));
        END IF;
        IF v_kind = 'document' THEN
          CASE v_new ->> 'owner_type'
            WHEN 'donor' THEN v_donor := (v_new ->> 'donor_id')::uuid; v_chain := 'donor:' || v_donor;
            WHEN 'unit' THEN v_chain := v_din;
            WHEN 'deviation' THEN v_chain := 'deviation:' || (v_new ->> 'deviation_id');
            ELSE v_chain := 'release_request:' || (v_new ->> 'release_request_id');
          END CASE;
            IF v_chain = v_din THEN
            PERFORM audit_append(v_chain, v_din, v_donor, v_action, v_before, v_after);
          ELSE
            PERFORM audit_append(v_chain, NULL, v_donor, v_action, v_before, v_after);
          END IF;
          RETURN NULL;
        END IF;
        v_chain := v_kind || ':' || (v_new ->> TG_ARGV[1]);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        IF v_din IS NOT NULL THEN
          PERFORM audit_append(v_din, v_din, NULL, v_action, v_before, v_after);
        END IF;
        RETURN NULL;
      END`);

    // supply lots, equipment, look-backs and their records (TG_ARGV: chain prefix, key column)
    await fn('audit_record_row', `
      DECLARE
        v_key text := coalesce(TG_ARGV[1], 'id');
        v_new jsonb := to_jsonb(NEW);
        v_chain text := TG_ARGV[0] || ':' || (v_new ->> v_key);
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff(TG_OP, to_jsonb(OLD), v_new, '{created_at,updated_at}', '{updated_at}') d;
        IF TG_OP = 'UPDATE' THEN
          IF v_after IS NULL THEN
            RETURN NULL;
          END IF;
          IF v_key <> 'id' THEN
            v_after := v_after || jsonb_build_object('id', v_new -> 'id');
          END IF;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // webhooks (secret never recorded) and notification subscriptions (one chain, added and removed)
    await fn('audit_notification_settings_row', `
      DECLARE
        v_before jsonb;
        v_after jsonb;
        v_chain text;
        v_action text := audit_action(TG_TABLE_NAME || '.' || lower(TG_OP));
      BEGIN
        IF TG_TABLE_NAME = 'webhooks' THEN
          v_chain := 'webhook:' || NEW.id;
          SELECT d.before, d.after INTO v_before, v_after
            FROM audit_row_diff(TG_OP, to_jsonb(OLD) - 'secret', to_jsonb(NEW) - 'secret', '{created_at,updated_at}', '{updated_at}') d;
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
            FROM audit_row_diff(TG_OP, to_jsonb(OLD) - 'created_at', to_jsonb(NEW), '{created_at}', NULL) d;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // a lab event's status changes (the trigger fires only then), naming the event
    await fn('audit_lab_event_row', `
      DECLARE
        v_chain text := 'lab_event:' || NEW.id;
        v_action text := audit_action('lab_event.' || NEW.status);
        v_before jsonb;
        v_after jsonb;
      BEGIN
        SELECT d.before, d.after INTO v_before, v_after
          FROM audit_row_diff('UPDATE', to_jsonb(OLD), to_jsonb(NEW), NULL, '{attempts,last_attempt_at}') d;
        IF v_after IS NULL THEN
          RETURN NULL;
        END IF;
        v_after := v_after || jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'type', NEW.type, 'din', NEW.din, 'donor_number', NEW.donor_number);
        PERFORM audit_append(v_chain, NULL, NULL, v_action, v_before, v_after);
        RETURN NULL;
      END`);

    // append-only records: the whole row
    await fn('audit_security_event', `
      DECLARE
        v_after jsonb;
        v_action text := 'security_event.' || NEW.kind;
      BEGIN
        SELECT d.after INTO v_after FROM audit_row_diff('INSERT', NULL, to_jsonb(NEW), NULL, NULL) d;
        PERFORM audit_append('security', NULL, NULL, v_action, NULL, v_after);
        RETURN NULL;
      END`);
    await fn('audit_outcome_export_row', `
      DECLARE
        v_after jsonb;
      BEGIN
        SELECT d.after INTO v_after FROM audit_row_diff('INSERT', NULL, to_jsonb(NEW), NULL, NULL) d;
        PERFORM audit_append('outcomes_export', NULL, NULL, 'outcomes.exported', NULL, v_after);
        RETURN NULL;
      END`);
    // a product code table as loaded, with its codes
    await fn('audit_product_code_table', `
      DECLARE
        v_codes jsonb;
        v_after jsonb;
        v_action text := audit_action('product_codes.loaded');
      BEGIN
        SELECT coalesce(jsonb_agg(jsonb_build_object('code', c.code, 'description', c.description, 'class', c.class,
                                                     'modifiers', c.modifiers, 'attributes', c.attributes) ORDER BY c.code), '[]'::jsonb)
          INTO v_codes
          FROM product_codes c WHERE c.version = NEW.version;
        IF jsonb_array_length(v_codes) <> NEW.code_count THEN
          RAISE EXCEPTION 'product code table version % says % codes, holds %', NEW.version, NEW.code_count, jsonb_array_length(v_codes)
            USING ERRCODE = 'CB422';
        END IF;
        SELECT d.after || jsonb_build_object('codes', v_codes) INTO v_after
          FROM audit_row_diff('INSERT', NULL, to_jsonb(NEW), '{loaded_at}', NULL) d;
        PERFORM audit_append('reference:product-codes', NULL, NULL, v_action, NULL, v_after);
        RETURN NULL;
      END`);
  }

  async down(): Promise<void> {
    throw new Error('AuditOneDiff1763762100000 is not reverted: restore the earlier functions from a backup instead');
  }
}
