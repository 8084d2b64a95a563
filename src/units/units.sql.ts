/**
 * Statement texts of the units feature that are run from more than one place: the service and the
 * ingest benchmark's raw-pg side (bench/ingest.ts), which must measure the statement the service runs.
 */

/**
 * Stores a result (din, kind, occurredAt, data, source, labEventId, performedBy), applied when it is
 * not older than the newest applied one of its kind. Run under the unit's lock.
 */
export const RECORD_RESULT_SQL = `INSERT INTO unit_results (din, kind, occurred_at, data, applied, source, lab_event_id, performed_by)
  SELECT $1, $2, $3, $4, coalesce($3 >= max(r.occurred_at), true), $5, $6, $7
    FROM unit_results r WHERE r.din = $1 AND r.kind = $2 AND r.applied
  RETURNING applied`;

/**
 * The set-based form of RECORD_RESULT_SQL: $1 the kind, $2 a JSON array of {din, occurred_at, data,
 * lab_event_id, performed_by}, one per unit (under the units' locks). Each row is applied when it is
 * not older than its unit's newest applied result of the kind, as RECORD_RESULT_SQL decides it.
 */
export const RECORD_RESULTS_SQL = `INSERT INTO unit_results (din, kind, occurred_at, data, applied, source, lab_event_id, performed_by)
  SELECT x.din, $1, x.occurred_at, x.data,
         coalesce(x.occurred_at >= (SELECT max(r.occurred_at) FROM unit_results r WHERE r.din = x.din AND r.kind = $1 AND r.applied), true),
         'lab_event', x.lab_event_id, x.performed_by
    FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (din text, occurred_at timestamptz, data jsonb, lab_event_id uuid, performed_by text)) WITH ORDINALITY AS x(din, occurred_at, data, lab_event_id, performed_by, k)
   ORDER BY x.k
  RETURNING din, applied`;
