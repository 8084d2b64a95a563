/**
 * Statement texts of the donors feature run from more than one place: the service and the ingest
 * benchmark's raw-pg side (bench/ingest.ts), which must measure the statement the service runs.
 */

/** The eligibility inputs and gate facts of the donor of the unit row `u` (SQL expressions over `u`). */
const SCREENINGS = `coalesce((SELECT jsonb_agg(jsonb_build_object('completedAt', s.completed_at, 'deferralReasons', s.deferral_reasons))
                          FROM screenings s WHERE s.donor_id = u.donor_id), '[]')`;
const TESTS = `coalesce((SELECT jsonb_agg(jsonb_build_object('marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at,
                                                          'transfusedBeforeSample', t.transfused_before_sample, 'dilutionAcceptable', t.dilution_acceptable))
                          FROM idm_tests t WHERE t.donor_id = u.donor_id), '[]')`;
const DETERMINATION = `(SELECT jsonb_build_object('id', d.id, 'status', d.status, 'determinedAt', d.determined_at, 'determinedBy', d.determined_by_name)
                 FROM eligibility_determinations d WHERE d.din = u.din AND d.voided_at IS NULL)`;
const INTENDED_USE = `(SELECT r.intended_use FROM release_requests r WHERE r.din = u.din AND r.status <> 'cancelled' ORDER BY r.created_at DESC LIMIT 1)`;
/** The unit's required consent (by its banking type): how many are active, how many withdrawn. */
const CONSENT_COUNTS = `SELECT count(*) FILTER (WHERE k.withdrawn_at IS NULL)::int AS active, count(*) FILTER (WHERE k.withdrawn_at IS NOT NULL)::int AS withdrawn
             FROM consents k
            WHERE k.donor_id = u.donor_id AND k.type = CASE u.banking_type WHEN 'public' THEN 'public_donation' ELSE 'family_storage' END`;

/** A unit's donor facts for the release gate and the unit view, of the units `where` selects. */
const unitDonorFactsSql = (where: string): string => `SELECT u.din, u.banking_type, c.collected_at,
              ${SCREENINGS} AS screenings,
              ${TESTS} AS tests,
              k.active AS active_consents, k.withdrawn AS withdrawn_consents,
              ${DETERMINATION} AS determination,
              ${INTENDED_USE} AS intended_use
         FROM cord_blood_units u
         LEFT JOIN collections c ON c.din = u.din
         CROSS JOIN LATERAL (
           ${CONSENT_COUNTS}
         ) k
        WHERE ${where}`;

/** The donor facts of many units ($1: the DINs). */
export const UNIT_DONOR_FACTS_SQL = unitDonorFactsSql(`u.din = ANY($1::text[])`);

/**
 * The same of one unit ($1: its DIN), as the one-unit release gate asks it (a lab event, a status
 * change). PostgreSQL costs an array parameter's generic plan for ten elements; for this
 * five-subquery statement that stays dearer than the one-element custom plans, so it never settles
 * on the generic plan and plans the statement again at every execution: 0.5–1.4 ms of planning for
 * 0.3 ms of work. A scalar parameter keeps one plan. (The excursion and look-back blocker queries,
 * also by array, do settle after five executions: their generic plans stay cheap.)
 */
export const UNIT_DONOR_FACTS_ONE_SQL = unitDonorFactsSql(`u.din = $1`);

/**
 * The same facts as one json over the unit row `u`: the donors' part of the unit view's one statement.
 * The donor's IDM tests are read once, as the view lists them (`idm_tests`, `testColumns` their
 * columns, by sample time and marker); the eligibility is computed from that list. (json, not jsonb:
 * Node parses it once, and PostgreSQL does not build a binary value only to print it.)
 */
export const unitDonorPartSql = (testColumns: string): string => `(SELECT json_build_object(
     'collected_at', (SELECT c.collected_at FROM collections c WHERE c.din = u.din),
     'screenings', ${SCREENINGS},
     'active_consents', k.active, 'withdrawn_consents', k.withdrawn,
     'determination', ${DETERMINATION},
     'intended_use', ${INTENDED_USE},
     'idm_tests', coalesce((SELECT json_agg(to_json(t) ORDER BY t."sampleDrawnAt", t.marker)
                              FROM (SELECT ${testColumns} FROM idm_tests WHERE donor_id = u.donor_id) t), '[]'::json))
   FROM (${CONSENT_COUNTS}) k)`;
