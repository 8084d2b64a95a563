import type { PoolClient } from 'pg';
import { mod37_2 } from '../../src/common/din';
import type { TestApp } from './test-app';

/**
 * Storage test fixtures: units made directly in SQL (as the owner, with a system actor set so the
 * audit triggers accept the change), for tests that need many units in a storable state quickly.
 * Single units with a full history go through the HTTP API instead (test/setup/fixtures.ts).
 */
export async function asSystem<T>(t: TestApp, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await t.owner.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'test-fixture', true)`);
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

let sequence = 0;
/** DINs of a facility no other fixture uses (W9999), so they never meet the ones the API assigns (each spec file has its own database). */
export function fixtureDin(): string {
  return `W999926${String(++sequence).padStart(6, '0')}`;
}

/**
 * `n` public units moved collected → received → processed in SQL, with processing, HLA and negative
 * sterility recorded (so only storage, eligibility and excursions stand between them and `available`).
 */
export async function processedUnits(t: TestApp, n: number, upTo: 'collected' | 'received' | 'processed' = 'processed'): Promise<string[]> {
  return asSystem(t, async (c) => {
    const donor = await c.query(`INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) VALUES ('Fixture', 'Donor', '1990-01-01', 'public') RETURNING id`);
    const dins = Array.from({ length: n }, () => fixtureDin());
    await c.query(
      `INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type)
       SELECT d, c, $3, 'public' FROM unnest($1::text[], $2::text[]) AS x(d, c)`,
      [dins, dins.map((d) => mod37_2(d)), donor.rows[0].id],
    );
    if (upTo === 'collected') return dins;
    await c.query(`UPDATE cord_blood_units SET status = 'received', received_at = now() - interval '20 hours' WHERE din = ANY($1)`, [dins]);
    if (upTo === 'received') return dins;
    await c.query(
      `UPDATE cord_blood_units SET status = 'processed', processed_at = now() - interval '18 hours', volume_ml = 25, tnc_count = 1.5e9,
              cd34_count = 5e6, viability_pct = 95, hla = '{"A":["02:01","24:02"],"B":["07:02","44:02"],"DRB1":["15:01","04:01"]}',
              hla_typed_at = now(), sterility_aerobic = 'negative', sterility_anaerobic = 'negative', sterility_resulted_at = now()
        WHERE din = ANY($1)`,
      [dins],
    );
    return dins;
  });
}

/** An eligibility determination in force for a unit set up in SQL (issue 13: `available` needs one), if it has none. */
export const FIXTURE_DETERMINATION_SQL = `INSERT INTO eligibility_determinations (din, status, computed, records, determined_by, determined_by_name, signature)
  SELECT $1, 'eligible', '{}', '{}', 'storage-fixture', 'Storage fixture', '{}'
   WHERE NOT EXISTS (SELECT 1 FROM eligibility_determinations WHERE din = $1 AND voided_at IS NULL)`;

/**
 * Sets a unit's status in SQL (the state machine and the storage triggers still apply). Before
 * `available` it writes an eligibility determination in force, as the database requires since issue
 * 13 (trigger cord_blood_units_available_determination): these units skip the donor workflow.
 */
export async function setStatus(t: TestApp, din: string, ...statuses: string[]): Promise<void> {
  await asSystem(t, async (c) => {
    for (const s of statuses) {
      if (s === 'available') {
        await c.query(FIXTURE_DETERMINATION_SQL, [din]);
      }
      await c.query(`UPDATE cord_blood_units SET status = $2 WHERE din = $1`, [din, s]);
    }
  });
}

/** Audit entries of a unit, oldest first. */
export async function auditOf(t: TestApp, din: string) {
  const r = await t.owner.query(`SELECT seq, action, reason, before, after, signature, actor_id FROM audit_entries WHERE din = $1 ORDER BY seq`, [din]);
  return r.rows as { seq: number; action: string; reason: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; signature: Record<string, unknown> | null; actor_id: string }[];
}

/** Custody events of a unit, in order. */
export async function custodyOf(t: TestApp, din: string) {
  const r = await t.owner.query(`SELECT seq, kind, from_party, to_party, location FROM custody_events WHERE din = $1 ORDER BY seq`, [din]);
  return r.rows as { seq: number; kind: string; from_party: string | null; to_party: string; location: string | null }[];
}

/** Units per box counted from the units themselves, to compare with the maintained counters. */
export async function actualBoxCounts(t: TestApp, freezerId: string): Promise<Map<string, number>> {
  const r = await t.owner.query(
    `SELECT b.id, count(u.din)::int AS n FROM storage_boxes b
       LEFT JOIN storage_positions p ON p.box_id = b.id LEFT JOIN cord_blood_units u ON u.position_id = p.id
      WHERE b.freezer_id = $1 GROUP BY b.id`,
    [freezerId],
  );
  return new Map(r.rows.map((x) => [x.id as string, x.n as number]));
}

/**
 * Makes the units' current stay in their position start `minutes` earlier in the storage history
 * (as the owner: the application can not write the history). For tests whose readings are dated in
 * the past: an excursion concerns the units that were in the freezer at the reading's time.
 */
export async function storedSince(t: TestApp, dins: string[], minutes: number): Promise<void> {
  await t.owner.query(
    `UPDATE unit_storage_history SET stored_from = stored_from - make_interval(mins => $2) WHERE din = ANY($1::text[]) AND stored_until IS NULL`,
    [dins, minutes],
  );
}
