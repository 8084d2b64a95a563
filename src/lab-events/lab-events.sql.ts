/**
 * Statement texts of the lab-events feature run from more than one place: the service and the ingest
 * benchmark's raw-pg side (bench/ingest.ts), which must measure the statement the service runs.
 */

/** Stores an event with its outcome and first answer, unless its eventId is taken. */
export const STORE_EVENT_SQL = `INSERT INTO lab_events (id, integration_id, event_id, type, occurred_at, din, donor_number, freezer, body, body_hash,
                        status, problem, answer_status, answer_body, applied_at, attempts, last_attempt_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN $11 = 'applied' THEN now() END, 1, now())
  ON CONFLICT (integration_id, event_id) DO NOTHING
  RETURNING id`;

/**
 * The set-based form of STORE_EVENT_SQL for events applied together ($1 the integration, $2 a JSON
 * array of {id, event_id, type, occurred_at, din, body, body_hash, answer_body}, in eventId order so
 * two such statements wait on each other's eventIds in one order): the rows of those whose eventId
 * is not taken yet.
 */
export const STORE_APPLIED_EVENTS_SQL = `INSERT INTO lab_events (id, integration_id, event_id, type, occurred_at, din, donor_number, freezer, body, body_hash,
                        status, problem, answer_status, answer_body, applied_at, attempts, last_attempt_at)
  SELECT x.id, $1, x.event_id, x.type, x.occurred_at, x.din, NULL, NULL, x.body, x.body_hash, 'applied', NULL, 201, x.answer_body, now(), 1, now()
    FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (id uuid, event_id text, type text, occurred_at timestamptz, din text, body jsonb, body_hash text, answer_body jsonb)) WITH ORDINALITY AS x(id, event_id, type, occurred_at, din, body, body_hash, answer_body, k)
   ORDER BY x.k
  ON CONFLICT (integration_id, event_id) DO NOTHING
  RETURNING id`;
