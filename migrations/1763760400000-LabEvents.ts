import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lab events as received from integrations (LIMS, HLA labs, freezer monitors): every event answered
 * 2xx is kept raw with its integration, receipt time and outcome, and is never deleted (21 CFR
 * 1271.290 tracking, Part 11.10(e): the source record of a result stays available).
 *
 * Idempotency is decided here, not in Node: the unique index on (integration_id, event_id) makes a
 * concurrent retry wait on the first request's row, then roll back what it applied and read the
 * stored first answer.
 * The raw record (body, hash, keys, receipt time) and the first answer are immutable once written;
 * only the outcome (status, problem, applied_at, attempts) moves, on replay.
 */
export class LabEvents1763760400000 implements MigrationInterface {
  name = 'LabEvents1763760400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lab_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        integration_id uuid NOT NULL REFERENCES integrations(id),
        event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 128),
        type text NOT NULL CHECK (type IN ('sample.received', 'processing.completed', 'hla.typed', 'abo.typed',
                                           'sterility.resulted', 'idm.resulted', 'freezer.temperature')),
        occurred_at timestamptz NOT NULL,
        -- the subject, as named by the event (no foreign key: a parked event names a unit or donor not known yet)
        din text,
        donor_number text,
        freezer text,
        body jsonb NOT NULL,
        body_hash text NOT NULL CHECK (body_hash ~ '^[0-9a-f]{64}$'),
        status text NOT NULL CHECK (status IN ('applied', 'parked', 'rejected')),
        problem jsonb,
        -- the first answer (status code and body), given again to a retry with the same body
        answer_status smallint NOT NULL CHECK (answer_status BETWEEN 200 AND 599),
        answer_body jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_attempt_at timestamptz,
        CONSTRAINT lab_events_integration_event_key UNIQUE (integration_id, event_id),
        CONSTRAINT lab_events_one_subject CHECK (num_nonnulls(din, donor_number, freezer) = 1),
        CONSTRAINT lab_events_applied_at CHECK ((status = 'applied') = (applied_at IS NOT NULL)),
        CONSTRAINT lab_events_problem CHECK (status NOT IN ('parked', 'rejected') OR problem IS NOT NULL)
      )`);
    // a new unit or donor looks up the events waiting for it
    await q.query(`CREATE INDEX lab_events_parked_din_idx ON lab_events (din, occurred_at) WHERE status = 'parked'`);
    await q.query(`CREATE INDEX lab_events_parked_donor_idx ON lab_events (donor_number, occurred_at) WHERE status = 'parked'`);
    // the staff list: newest first, optionally by status or type
    await q.query(`CREATE INDEX lab_events_received_idx ON lab_events (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX lab_events_status_received_idx ON lab_events (status, received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX lab_events_din_idx ON lab_events (din) WHERE din IS NOT NULL`);

    await q.query(`
      CREATE FUNCTION lab_events_keep_raw() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.integration_id <> OLD.integration_id OR NEW.event_id <> OLD.event_id
           OR NEW.type <> OLD.type OR NEW.occurred_at <> OLD.occurred_at OR NEW.received_at <> OLD.received_at
           OR NEW.din IS DISTINCT FROM OLD.din OR NEW.donor_number IS DISTINCT FROM OLD.donor_number
           OR NEW.freezer IS DISTINCT FROM OLD.freezer OR NEW.body_hash <> OLD.body_hash OR NEW.body <> OLD.body THEN
          RAISE EXCEPTION 'lab event %: the raw record is kept as received and can not be changed', OLD.id USING ERRCODE = 'CB409';
        END IF;
        IF NEW.answer_status <> OLD.answer_status OR NEW.answer_body <> OLD.answer_body THEN
          RAISE EXCEPTION 'lab event %: the first answer is kept for retries and can not be changed', OLD.id USING ERRCODE = 'CB409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER lab_events_keep_raw BEFORE UPDATE ON lab_events FOR EACH ROW EXECUTE FUNCTION lab_events_keep_raw()`);
    await q.query(`
      CREATE FUNCTION lab_events_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'lab events are kept: % refused', TG_OP USING ERRCODE = 'CB403';
      END $$`);
    await q.query(`CREATE TRIGGER lab_events_no_delete BEFORE DELETE ON lab_events FOR EACH ROW EXECUTE FUNCTION lab_events_refuse_delete()`);
    await q.query(`CREATE TRIGGER lab_events_no_truncate BEFORE TRUNCATE ON lab_events FOR EACH STATEMENT EXECUTE FUNCTION lab_events_refuse_delete()`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE lab_events TO cbb_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS lab_events`);
    await q.query(`DROP FUNCTION IF EXISTS lab_events_keep_raw()`);
    await q.query(`DROP FUNCTION IF EXISTS lab_events_refuse_delete()`);
  }
}
