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
