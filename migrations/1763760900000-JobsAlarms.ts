import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrations as WORKER_SQL } from 'graphile-worker/dist/generated/sql';

/**
 * The job queue, alarms and their notifications (DESIGN.md section 10).
 *
 * 1. graphile-worker's schema (`graphile_worker`), installed here as the owner — exactly the SQL the
 *    pinned package (0.17.3) would run itself, migrations 1..19 — so that the application role never
 *    needs DDL rights: at start the worker finds its schema up to date and only reads it. An upgrade of
 *    graphile-worker that brings new schema migrations needs a new migration of ours (the worker would
 *    otherwise fail at start trying to run them as `cbb_app`: that is on purpose). Its tables have row
 *    level security enabled without policies; `cbb_app` gets a policy and DML rights (no DDL).
 * 2. Alarms (`alarms`, kinds in `alarm_kinds` so issue 15's deviations, CAPA and adverse reactions plug in
 *    with rows of their own), with a state machine enforced by trigger and a hash chain per alarm
 *    (`alarm:<id>`) in the audit trail, like the access audit.
 * 3. Excursion alarms are raised by a trigger on `freezer_excursions` in the transaction of the reading
 *    that opens the excursion, and cleared by the one that closes it; a freezer's heartbeat (its last
 *    reading's arrival) is kept by a trigger on the readings, which also clears a silent-freezer alarm.
 *    Every alarm insert and state change enqueues its notification job (graphile_worker.add_job) in
 *    the same transaction: the job table is the outbox, nothing is lost between the change and the mail.
 * 4. Per-role subscriptions, webhooks (audited, secret never in the trail), deliveries with one row per
 *    (alarm, event, channel, recipient) — the unique constraint that keeps a notification from being
 *    sent twice — and their attempts; the daily audit anchors' SHA-256.
 */
export class JobsAlarms1763760900000 implements MigrationInterface {
  name = 'JobsAlarms1763760900000';

  async up(q: QueryRunner): Promise<void> {
    // ---- 1. graphile-worker's schema, as its own migrate() installs it ----------------------------
    await q.query(`CREATE SCHEMA graphile_worker`);
    await q.query(`CREATE TABLE graphile_worker.migrations (id int PRIMARY KEY, ts timestamptz DEFAULT now() NOT NULL, breaking boolean NOT NULL DEFAULT false)`);
    const breaking = new Set([1, 3, 11, 13, 14, 16, 19]);
    for (let n = 1; n <= 19; n++) {
      const file = `${String(n).padStart(6, '0')}.sql`;
      const text = (WORKER_SQL as Record<string, string>)[file];
      if (!text) throw new Error(`graphile-worker migration ${file} is missing: the installed graphile-worker is not 0.17.3`);
      await q.query(`INSERT INTO graphile_worker.migrations (id, breaking) VALUES ($1, $2)`, [n, breaking.has(n)]);
      await q.query(text.replace(/:GRAPHILE_WORKER_SCHEMA\b/g, 'graphile_worker'));
    }
    await q.query(`GRANT USAGE ON SCHEMA graphile_worker TO cbb_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO cbb_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO cbb_app`);
    await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO cbb_app`);
    await q.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'graphile_worker' AND c.relkind IN ('r', 'p') AND c.relrowsecurity LOOP
          EXECUTE format('CREATE POLICY cbb_app_worker ON graphile_worker.%I TO cbb_app USING (true) WITH CHECK (true)', r.relname);
        END LOOP;
      END $$`);

    // ---- 2. alarms --------------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE alarm_kinds (
        kind text PRIMARY KEY CHECK (kind ~ '^[a-z_]{3,40}$'),
        severity text NOT NULL CHECK (severity IN ('critical', 'warning')),
        escalates boolean NOT NULL,
        description text NOT NULL
      )`);
    await q.query(`
      INSERT INTO alarm_kinds (kind, severity, escalates, description) VALUES
        ('excursion', 'critical', true, 'A freezer reading above its limit opened a temperature excursion; clears when a reading is back within the limit'),
        ('freezer_silent', 'critical', true, 'A freezer monitor has sent no reading for FREEZER_SILENCE_MINUTES; clears when the freezer reports again'),
        ('parked_lab_events', 'warning', false, 'Lab events have been parked (waiting for their unit or donor) for more than a day; clears when none is left')`);
    await q.query(`GRANT SELECT ON TABLE alarm_kinds TO cbb_app`);

    await q.query(`
      CREATE TABLE alarms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL REFERENCES alarm_kinds(kind),
        severity text NOT NULL CHECK (severity IN ('critical', 'warning')),
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'escalated', 'cleared')),
        subject_type text NOT NULL CHECK (subject_type IN ('freezer_excursion', 'freezer', 'lab_events')),
        subject_id text NOT NULL,
        freezer_id uuid REFERENCES freezers(id),
        title text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        raised_at timestamptz NOT NULL DEFAULT now(),
        escalated_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users(id),
        acknowledged_by_name text,
        acknowledgement_note text,
        cleared_at timestamptz,
        cleared_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alarms_ack_complete CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)
                                             AND (acknowledged_at IS NULL) = (acknowledgement_note IS NULL)),
        CONSTRAINT alarms_cleared_complete CHECK ((state = 'cleared') = (cleared_at IS NOT NULL)),
        CONSTRAINT alarms_acknowledged_has_ack CHECK (state <> 'acknowledged' OR acknowledged_at IS NOT NULL),
        CONSTRAINT alarms_escalated_has_time CHECK (state <> 'escalated' OR escalated_at IS NOT NULL)
      )`);
    // one live alarm per cause: a second sweep or a second instance raising it again is a no-op
    await q.query(`CREATE UNIQUE INDEX alarms_one_active_key ON alarms (kind, subject_id) WHERE state <> 'cleared'`);
    await q.query(`CREATE INDEX alarms_raised_idx ON alarms (raised_at DESC, id DESC)`);
    await q.query(`CREATE INDEX alarms_state_raised_idx ON alarms (state, raised_at DESC, id DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE alarms TO cbb_app`);

    // The state machine: open → acknowledged | escalated | cleared; escalated → acknowledged | cleared;
    // acknowledged → cleared. Cleared is final (a cleared alarm may still be acknowledged: its state stays).
    // An acknowledgement, once made, is never changed; what caused the alarm never changes.
    await q.query(`
      CREATE FUNCTION alarms_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.subject_id IS DISTINCT FROM OLD.subject_id OR NEW.subject_type IS DISTINCT FROM OLD.subject_type
           OR NEW.raised_at IS DISTINCT FROM OLD.raised_at OR NEW.severity IS DISTINCT FROM OLD.severity THEN
          RAISE EXCEPTION 'alarm %: its kind, subject, severity and time raised can not be changed', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF OLD.acknowledged_at IS NOT NULL AND (NEW.acknowledged_at, NEW.acknowledged_by, NEW.acknowledgement_note)
             IS DISTINCT FROM (OLD.acknowledged_at, OLD.acknowledged_by, OLD.acknowledgement_note) THEN
          RAISE EXCEPTION 'alarm % was already acknowledged', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF NEW.state IS DISTINCT FROM OLD.state AND NOT (
             (OLD.state = 'open' AND NEW.state IN ('acknowledged', 'escalated', 'cleared'))
          OR (OLD.state = 'escalated' AND NEW.state IN ('acknowledged', 'cleared'))
          OR (OLD.state = 'acknowledged' AND NEW.state = 'cleared')) THEN
          RAISE EXCEPTION 'alarm %: % → % is not allowed', OLD.id, OLD.state, NEW.state USING ERRCODE = 'CB409';
        END IF;
        NEW.updated_at := now();
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER alarms_guard BEFORE UPDATE ON alarms FOR EACH ROW EXECUTE FUNCTION alarms_guard()`);

    // Audit (Part 11.10(e)): one chain per alarm; the action says what happened to it.
    await q.query(`
      CREATE FUNCTION audit_alarm_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_new jsonb := to_jsonb(NEW);
        v_old jsonb;
        v_before jsonb;
        v_after jsonb;
        v_action text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_after := v_new - 'updated_at';
          v_action := 'alarm.raised';
        ELSE
          v_old := to_jsonb(OLD);
          SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
            INTO v_before, v_after
            FROM jsonb_each(v_new) n
           WHERE n.value IS DISTINCT FROM v_old -> n.key AND n.key <> 'updated_at';
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
    await q.query(`CREATE TRIGGER alarms_audit AFTER INSERT OR UPDATE ON alarms FOR EACH ROW EXECUTE FUNCTION audit_alarm_row()`);

    // Each alarm event to notify, and whether its fan-out ran: the sweep re-enqueues one whose job was
    // lost with a worker killed mid-run (graphile-worker would keep that job locked for 4 hours).
    await q.query(`
      CREATE TABLE alarm_notifications (
        alarm_id uuid NOT NULL REFERENCES alarms(id),
        event text NOT NULL CHECK (event IN ('raised', 'escalated', 'acknowledged', 'cleared')),
        enqueued_at timestamptz NOT NULL DEFAULT now(),
        fanned_out_at timestamptz,
        PRIMARY KEY (alarm_id, event)
      )`);
    await q.query(`CREATE INDEX alarm_notifications_pending_idx ON alarm_notifications (enqueued_at) WHERE fanned_out_at IS NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE alarm_notifications TO cbb_app`);

    // The outbox: every alarm raised, escalated, acknowledged or cleared enqueues its notification job in
    // the same transaction (job key per alarm and event: enqueued once).
    await q.query(`
      CREATE FUNCTION alarms_enqueue_notification() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_event text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          v_event := 'raised';
        ELSIF NEW.acknowledged_at IS NOT NULL AND OLD.acknowledged_at IS NULL THEN
          v_event := 'acknowledged';
        ELSIF NEW.state IS DISTINCT FROM OLD.state AND NEW.state IN ('escalated', 'cleared') THEN
          v_event := NEW.state;
        ELSE
          RETURN NULL;
        END IF;
        INSERT INTO alarm_notifications (alarm_id, event) VALUES (NEW.id, v_event) ON CONFLICT DO NOTHING;
        PERFORM graphile_worker.add_job('alarm.notify', json_build_object('alarmId', NEW.id, 'event', v_event),
                                        job_key := 'notify:' || NEW.id || ':' || v_event, max_attempts := 25);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER alarms_notify AFTER INSERT OR UPDATE ON alarms FOR EACH ROW EXECUTE FUNCTION alarms_enqueue_notification()`);

    // ---- 3. the hooks on cryostorage ---------------------------------------------------------------
    // An excursion raises its alarm in the transaction that records it (a retrospective one, recorded
    // already closed from a late reading, raises it cleared: the bank still learns of it).
    await q.query(`
      CREATE FUNCTION alarms_excursion_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_f record;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT code, name INTO v_f FROM freezers WHERE id = NEW.freezer_id;
          INSERT INTO alarms (kind, severity, state, subject_type, subject_id, freezer_id, title, details, cleared_at, cleared_reason)
          VALUES ('excursion', 'critical', CASE WHEN NEW.ended_at IS NULL THEN 'open' ELSE 'cleared' END,
                  'freezer_excursion', NEW.id::text, NEW.freezer_id,
                  format('Temperature excursion in freezer %s (%s) since %s', v_f.code, v_f.name,
                         to_char(NEW.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                  jsonb_build_object('excursionId', NEW.id, 'freezerId', NEW.freezer_id, 'freezerCode', v_f.code, 'freezerName', v_f.name,
                                     'startedAt', NEW.started_at, 'endedAt', NEW.ended_at, 'limitC', NEW.limit_c, 'retrospective', NEW.retrospective),
                  CASE WHEN NEW.ended_at IS NULL THEN NULL ELSE now() END,
                  CASE WHEN NEW.ended_at IS NULL THEN NULL ELSE 'the excursion was already over when it was recorded (late reading)' END)
          ON CONFLICT (kind, subject_id) WHERE state <> 'cleared' DO NOTHING;
        ELSIF OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL THEN
          UPDATE alarms SET state = 'cleared', cleared_at = now(),
                 cleared_reason = format('excursion closed: back within the limit at %s', to_char(NEW.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                 details = details || jsonb_build_object('endedAt', NEW.ended_at)
           WHERE kind = 'excursion' AND subject_id = NEW.id::text AND state <> 'cleared';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER freezer_excursions_alarm AFTER INSERT OR UPDATE OF ended_at ON freezer_excursions FOR EACH ROW EXECUTE FUNCTION alarms_excursion_changed()`);

    // A freezer's monitor heartbeat: when its last reading arrived (database clock), whatever time the
    // reading is for. Written under the freezer row lock that every reading already takes.
    await q.query(`
      CREATE TABLE freezer_heartbeats (
        freezer_id uuid PRIMARY KEY REFERENCES freezers(id),
        last_reading_at timestamptz NOT NULL,
        last_reading_id bigint NOT NULL
      )`);
    await q.query(`GRANT SELECT ON TABLE freezer_heartbeats TO cbb_app`);
    await q.query(`
      CREATE FUNCTION alarms_reading_arrived() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO freezer_heartbeats (freezer_id, last_reading_at, last_reading_id) VALUES (NEW.freezer_id, now(), NEW.id)
          ON CONFLICT (freezer_id) DO UPDATE SET last_reading_at = greatest(freezer_heartbeats.last_reading_at, excluded.last_reading_at),
                                                 last_reading_id = excluded.last_reading_id;
        UPDATE alarms SET state = 'cleared', cleared_at = now(), cleared_reason = 'the freezer reported again'
         WHERE kind = 'freezer_silent' AND subject_id = NEW.freezer_id::text AND state <> 'cleared';
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER freezer_temperature_readings_heartbeat AFTER INSERT ON freezer_temperature_readings FOR EACH ROW EXECUTE FUNCTION alarms_reading_arrived()`);

    // ---- 4. notifications ---------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE notification_subscriptions (
        role text NOT NULL CHECK (role IN ('admin','coordinator','lab_technician','quality_assurance','medical_director','auditor')),
        alarm_kind text NOT NULL REFERENCES alarm_kinds(kind),
        event text NOT NULL CHECK (event IN ('raised', 'escalated', 'acknowledged', 'cleared')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (role, alarm_kind, event)
      )`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON TABLE notification_subscriptions TO cbb_app`);

    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (url ~ '^https?://[^\\s]+$' AND length(url) <= 2000),
        events text[] NOT NULL CHECK (cardinality(events) > 0 AND events <@ ARRAY['alarm.raised', 'alarm.escalated', 'alarm.acknowledged', 'alarm.cleared']::text[]),
        secret text NOT NULL CHECK (length(secret) >= 32),
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE webhooks TO cbb_app`);

    // Audit of the notification settings (who is told of what is part of the quality system):
    // subscriptions on one chain 'notification_subscriptions', each webhook on 'webhook:<id>'.
    await q.query(`
      CREATE FUNCTION audit_notification_settings_row() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old jsonb;
        v_new jsonb;
        v_before jsonb;
        v_after jsonb;
        v_chain text;
      BEGIN
        IF TG_TABLE_NAME = 'webhooks' THEN
          v_chain := 'webhook:' || NEW.id;
          IF TG_OP = 'INSERT' THEN
            v_after := (to_jsonb(NEW) - 'created_at' - 'updated_at') || jsonb_build_object('secret', '[set]');
          ELSE
            v_old := to_jsonb(OLD) - 'secret';
            v_new := to_jsonb(NEW) - 'secret';
            SELECT jsonb_object_agg(n.key, v_old -> n.key), jsonb_object_agg(n.key, n.value)
              INTO v_before, v_after
              FROM jsonb_each(v_new) n WHERE n.value IS DISTINCT FROM v_old -> n.key AND n.key <> 'updated_at';
            IF NEW.secret IS DISTINCT FROM OLD.secret THEN
              v_after := coalesce(v_after, '{}'::jsonb) || jsonb_build_object('secret', '[changed]');
            END IF;
            IF v_after IS NULL THEN
              RETURN NULL;
            END IF;
          END IF;
        ELSE
          v_chain := 'notification_subscriptions';
          IF TG_OP = 'INSERT' THEN v_after := to_jsonb(NEW) - 'created_at'; ELSE v_before := to_jsonb(OLD) - 'created_at'; END IF;
        END IF;
        PERFORM audit_append(v_chain, NULL, NULL,
          coalesce(nullif(current_setting('app.action', true), ''), TG_TABLE_NAME || '.' || lower(TG_OP)), v_before, v_after);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER webhooks_audit AFTER INSERT OR UPDATE ON webhooks FOR EACH ROW EXECUTE FUNCTION audit_notification_settings_row()`);
    await q.query(`CREATE TRIGGER notification_subscriptions_audit AFTER INSERT OR DELETE ON notification_subscriptions FOR EACH ROW EXECUTE FUNCTION audit_notification_settings_row()`);

    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alarm_id uuid NOT NULL REFERENCES alarms(id),
        event text NOT NULL CHECK (event IN ('raised', 'escalated', 'acknowledged', 'cleared')),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        -- the e-mail address (lower case) or the webhook's id
        recipient text NOT NULL,
        user_id uuid REFERENCES users(id),
        webhook_id uuid REFERENCES webhooks(id),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'delivered', 'failed', 'not_configured')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_deliveries_once_key UNIQUE (alarm_id, event, channel, recipient),
        CONSTRAINT notification_deliveries_webhook CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL)),
        CONSTRAINT notification_deliveries_delivered CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
        CONSTRAINT notification_deliveries_lease CHECK ((state = 'sending') = (lease_until IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX notification_deliveries_alarm_idx ON notification_deliveries (alarm_id, created_at)`);
    await q.query(`CREATE INDEX notification_deliveries_created_idx ON notification_deliveries (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_deliveries_unfinished_idx ON notification_deliveries (state, updated_at) WHERE state IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX notification_deliveries_webhook_idx ON notification_deliveries (webhook_id, created_at DESC) WHERE webhook_id IS NOT NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE notification_deliveries TO cbb_app`);

    await q.query(`
      CREATE TABLE notification_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notification_deliveries(id),
        attempt integer NOT NULL CHECK (attempt >= 1),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        error text,
        response_status integer,
        worker text,
        CONSTRAINT notification_attempts_delivery_attempt_key UNIQUE (delivery_id, attempt)
      )`);
    await q.query(`GRANT SELECT, INSERT ON TABLE notification_attempts TO cbb_app`);

    // Who is told by default: QA and the laboratory of everything; escalations also to the medical
    // director. Admin changes it with PUT /notifications/subscriptions. Recorded on the settings chain
    // with this migration as the (system) actor.
    await q.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'migration:${this.name}', true), set_config('app.action', 'notification.subscriptions.defaults', true)`);
    await q.query(`
      INSERT INTO notification_subscriptions (role, alarm_kind, event)
      SELECT r, k, e FROM unnest(ARRAY['quality_assurance', 'lab_technician']) r, unnest(ARRAY['excursion', 'freezer_silent', 'parked_lab_events']) k,
                          unnest(ARRAY['raised', 'cleared']) e
      UNION ALL
      SELECT r, k, 'escalated' FROM unnest(ARRAY['quality_assurance', 'medical_director']) r, unnest(ARRAY['excursion', 'freezer_silent']) k`);
    await q.query(`SELECT set_config('app.actor_type', '', true), set_config('app.actor_id', '', true), set_config('app.action', '', true)`);

    // ---- 5. daily audit anchors ---------------------------------------------------------------------
    await q.query(`
      CREATE TABLE audit_anchors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- the scheduled run it was taken for (NULL: taken on request); one anchor per scheduled run
        scheduled_for timestamptz UNIQUE,
        taken_at timestamptz NOT NULL,
        file text NOT NULL,
        host text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        chains integer NOT NULL CHECK (chains >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_anchors_taken_idx ON audit_anchors (taken_at DESC)`);
    await q.query(`GRANT SELECT, INSERT ON TABLE audit_anchors TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_anchors`);
    await q.query(`DROP TABLE IF EXISTS notification_attempts`);
    await q.query(`DROP TABLE IF EXISTS notification_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhooks`);
    await q.query(`DROP TABLE IF EXISTS notification_subscriptions`);
    await q.query(`DROP FUNCTION IF EXISTS audit_notification_settings_row()`);
    await q.query(`DROP TRIGGER IF EXISTS freezer_temperature_readings_heartbeat ON freezer_temperature_readings`);
    await q.query(`DROP FUNCTION IF EXISTS alarms_reading_arrived()`);
    await q.query(`DROP TABLE IF EXISTS freezer_heartbeats`);
    await q.query(`DROP TRIGGER IF EXISTS freezer_excursions_alarm ON freezer_excursions`);
    await q.query(`DROP FUNCTION IF EXISTS alarms_excursion_changed()`);
    await q.query(`DROP TABLE IF EXISTS alarm_notifications`);
    await q.query(`DROP TABLE IF EXISTS alarms`);
    await q.query(`DROP FUNCTION IF EXISTS alarms_enqueue_notification()`);
    await q.query(`DROP FUNCTION IF EXISTS audit_alarm_row()`);
    await q.query(`DROP FUNCTION IF EXISTS alarms_guard()`);
    await q.query(`DROP TABLE IF EXISTS alarm_kinds`);
    await q.query(`DROP SCHEMA IF EXISTS graphile_worker CASCADE`);
  }
}
