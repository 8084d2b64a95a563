/**
 * Statement texts of the donors feature run from more than one place: the service and the ingest
 * benchmark's raw-pg side (bench/ingest.ts), which must measure the statement the service runs.
 */

/** A unit's donor facts for the release gate and the unit view ($1: the DINs). */
export const UNIT_DONOR_FACTS_SQL = `SELECT u.din, u.banking_type, c.collected_at,
              coalesce((SELECT jsonb_agg(jsonb_build_object('completedAt', s.completed_at, 'deferralReasons', s.deferral_reasons))
                          FROM screenings s WHERE s.donor_id = u.donor_id), '[]') AS screenings,
              coalesce((SELECT jsonb_agg(jsonb_build_object('marker', t.marker, 'result', t.result, 'sampleDrawnAt', t.sample_drawn_at,
                                                          'transfusedBeforeSample', t.transfused_before_sample, 'dilutionAcceptable', t.dilution_acceptable))
                          FROM idm_tests t WHERE t.donor_id = u.donor_id), '[]') AS tests,
              k.active AS active_consents, k.withdrawn AS withdrawn_consents,
              (SELECT jsonb_build_object('id', d.id, 'status', d.status, 'determinedAt', d.determined_at, 'determinedBy', d.determined_by_name)
                 FROM eligibility_determinations d WHERE d.din = u.din AND d.voided_at IS NULL) AS determination,
              (SELECT r.intended_use FROM release_requests r WHERE r.din = u.din AND r.status <> 'cancelled' ORDER BY r.created_at DESC LIMIT 1) AS intended_use
         FROM cord_blood_units u
         LEFT JOIN collections c ON c.din = u.din
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE k.withdrawn_at IS NULL)::int AS active, count(*) FILTER (WHERE k.withdrawn_at IS NOT NULL)::int AS withdrawn
             FROM consents k
            WHERE k.donor_id = u.donor_id AND k.type = CASE u.banking_type WHEN 'public' THEN 'public_donation' ELSE 'family_storage' END
         ) k
        WHERE u.din = ANY($1::text[])`;
