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
