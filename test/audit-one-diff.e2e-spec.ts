import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import { mod37_2 } from '../src/common/din';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { databaseBefore, runEach } from './setup/migrated-before';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * Migration AuditOneDiff re-created the per-row audit functions of the other chains on the shared
 * `audit_row_diff` and `audit_action`. The same statements, run on a database migrated up to the
 * migration before it (the functions as they were) and on the current one, must write the same
 * entries on the same chains: seq, action, actor, reason, before and after, entry for entry.
 */
let t: TestApp;
let beforeDb: Awaited<ReturnType<typeof databaseBefore>>;
let before: Pool;

beforeAll(async () => {
  t = await startTestApp();
  beforeDb = await databaseBefore(t.databaseUrl, 1763762100000); // AuditOneDiff
  before = beforeDb.pool;
}, 120_000);
afterAll(async () => {
  await beforeDb?.drop();
  await t.close();
});

const DONOR = '0b7d3c1e-0000-4000-8000-000000000001';
const DONOR2 = '0b7d3c1e-0000-4000-8000-000000000002';
const FREEZER = '0b7d3c1e-0000-4000-8000-0000000000f1';
const USER = '0b7d3c1e-0000-4000-8000-0000000000a1';
const INTEGRATION = '0b7d3c1e-0000-4000-8000-0000000000b1';
const ALARM = '0b7d3c1e-0000-4000-8000-0000000000c1';
const WEBHOOK = '0b7d3c1e-0000-4000-8000-0000000000d1';
const REQUEST = '0b7d3c1e-0000-4000-8000-0000000000e1';
const LOT = '0b7d3c1e-0000-4000-8000-000000000011';
const DEVIATION = '0b7d3c1e-0000-4000-8000-000000000021';
const LAB_EVENT = '0b7d3c1e-0000-4000-8000-000000000031';
const DIN = 'W123426900001';
const DIN2 = 'W123426900002';
const SECRET = 'x'.repeat(40);
const HASH = 'a'.repeat(64);

/** Each statement its own transaction with an actor, as the service runs them; some with an action. */
const STATEMENTS: [sql: string, action?: string][] = [
  // donor chain (audit_donor_row): insert, change, a change of updated_at alone (no entry), records, delete
  [`INSERT INTO donors (id, first_name, last_name, date_of_birth, banking_type, email) VALUES ('${DONOR}', 'Ada', 'Lovelace', '1990-01-01', 'public', 'ada@example.org')`],
  [`INSERT INTO donors (id, first_name, last_name, date_of_birth, banking_type) VALUES ('${DONOR2}', 'Bea', 'Second', '1991-02-02', 'family')`, 'donor.registered'],
  [`UPDATE donors SET first_name = 'Augusta', email = NULL, updated_at = now() WHERE id = '${DONOR}'`],
  [`UPDATE donors SET updated_at = now() WHERE id = '${DONOR}'`],
  [`INSERT INTO consents (donor_id, type, form_version, signed_at) VALUES ('${DONOR}', 'public_donation', 'v3', '2026-11-01T10:00:00Z')`],
  [`INSERT INTO consents (donor_id, type, form_version, signed_at) VALUES ('${DONOR2}', 'research', 'v3', '2026-11-01T10:00:00Z')`],
  [`INSERT INTO screenings (donor_id, version, completed_at) VALUES ('${DONOR}', 'v2', '2026-11-02T10:00:00Z')`],
  [`INSERT INTO idm_tests (donor_id, marker, result, sample_drawn_at, test_kit, method, lab, lab_clia_number, transfused_before_sample)
    VALUES ('${DONOR}', 'HIV-1', 'negative', '2026-11-02T11:00:00Z', 'Kit 1', 'NAT', 'Lab', '05D0000000', false)`],
  // a unit of the donor: later donor changes are copied to its chain too
  [`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ('${DIN}', '${mod37_2(DIN)}', '${DONOR}', 'public')`],
  [`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ('${DIN2}', '${mod37_2(DIN2)}', '${DONOR}', 'public')`],
  [`UPDATE donors SET phone = '+1 555 0100', updated_at = now() WHERE id = '${DONOR}'`, 'donor.corrected'],
  [`UPDATE screenings SET corrected_at = '2026-11-03T10:00:00Z', correction_reason = 'typo' WHERE donor_id = '${DONOR}'`],
  [`DELETE FROM consents WHERE donor_id = '${DONOR2}'`],
  // the unit's own row per row (audit_unit_row): a DELETE
  [`DELETE FROM cord_blood_units WHERE din = '${DIN2}'`],
  // freezer chain
  [`INSERT INTO freezers (id, seq, name, type, racks, boxes_per_rack, rows_per_box, columns_per_box) VALUES ('${FREEZER}', 901, 'Diff tank', 'vapor_phase', 1, 1, 2, 2)`],
  [`UPDATE freezers SET name = 'Diff tank B', updated_at = now() WHERE id = '${FREEZER}'`],
  [`UPDATE freezers SET updated_at = now() WHERE id = '${FREEZER}'`],
  // access chains: the secret never recorded, its change marked; counters not recorded
  [`INSERT INTO users (id, email, name, password_hash, roles) VALUES ('${USER}', 'diff@example.org', 'Diff User', 'argon2-hash-1', '{coordinator}')`],
  [`UPDATE users SET name = 'Diff User 2', updated_at = now() WHERE id = '${USER}'`],
  [`UPDATE users SET password_hash = 'argon2-hash-2' WHERE id = '${USER}'`, 'user.password_changed'],
  [`UPDATE users SET failed_login_count = failed_login_count + 1 WHERE id = '${USER}'`],
  [`INSERT INTO integrations (id, name, key_hash, key_prefix) VALUES ('${INTEGRATION}', 'LIMS', '${HASH}', 'cbb_abcd')`],
  [`UPDATE integrations SET key_hash = '${'b'.repeat(64)}', key_prefix = 'cbb_efgh' WHERE id = '${INTEGRATION}'`],
  // alarm chain: its actions say what happened
  [`INSERT INTO alarms (id, kind, severity, subject_type, subject_id, title) VALUES ('${ALARM}', 'freezer_silent', 'critical', 'freezer', '${FREEZER}', 'Silent')`],
  [`UPDATE alarms SET state = 'acknowledged', acknowledged_at = '2026-11-30T10:00:00Z', acknowledged_by = '${USER}', acknowledgement_note = 'seen' WHERE id = '${ALARM}'`],
  [`UPDATE alarms SET state = 'cleared', cleared_at = '2026-11-30T11:00:00Z' WHERE id = '${ALARM}'`],
  // notification settings: webhooks (secret marked) and subscriptions (added, removed)
  [`INSERT INTO webhooks (id, url, events, secret) VALUES ('${WEBHOOK}', 'https://hooks.example.org/a', '{alarm.raised}', '${SECRET}')`],
  [`UPDATE webhooks SET url = 'https://hooks.example.org/b' WHERE id = '${WEBHOOK}'`],
  [`UPDATE webhooks SET secret = '${'y'.repeat(40)}' WHERE id = '${WEBHOOK}'`],
  [`INSERT INTO notification_subscriptions (role, alarm_kind, event) VALUES ('auditor', 'capa_overdue', 'cleared')`],
  [`DELETE FROM notification_subscriptions WHERE role = 'auditor' AND alarm_kind = 'capa_overdue' AND event = 'cleared'`],
  // release request chain, and the unit's when it names one
  [`INSERT INTO release_requests (id, requesting_facility, physician, patient_identifier, patient_weight_kg, patient_diagnosis, intended_use, needed_by, submitted_by)
    VALUES ('${REQUEST}', 'Centre', 'Dr. A', 'MRN-1', 20, 'ALL', 'allogeneic_transplant', '2026-12-20T00:00:00Z', 'u1')`],
  [`UPDATE release_requests SET physician = 'Dr. B', din = '${DIN}', updated_at = now() WHERE id = '${REQUEST}'`],
  // records: supply lot, equipment
  [`INSERT INTO supply_lots (id, type, manufacturer, lot_number, expires_on, received_on, recorded_by) VALUES ('${LOT}', 'reagent', 'Acme', 'L-1', '2027-12-31', '2026-11-01', 'u1')`],
  [`UPDATE supply_lots SET qc_status = 'accepted', qc_decided_by = 'u1', qc_decided_at = '2026-11-02T00:00:00Z', updated_at = now() WHERE id = '${LOT}'`],
  [`INSERT INTO equipment (type, name, serial_number, recorded_by, calibration_due_on) VALUES ('centrifuge', 'Spin', 'SN-1', 'u1', '2027-01-01')`],
  // quality: a deviation naming the unit (its chain and the unit's)
  [`INSERT INTO deviations (id, deviation_number, title, description, occurred_at, discovered_at, where_found, category, severity, reported_by, reported_by_name)
    VALUES ('${DEVIATION}', 'DEV-DIFF-1', 'Label', 'Smudged', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', 'lab', 'labeling', 'minor', 'u1', 'U One')`],
  [`UPDATE deviations SET title = 'Label smudged', status = 'investigating', updated_at = now() WHERE id = '${DEVIATION}'`],
  // lab event: its status changes (attempts not recorded)
  [`INSERT INTO lab_events (id, integration_id, event_id, type, occurred_at, body, body_hash, status, answer_status, answer_body, din, problem)
    VALUES ('${LAB_EVENT}', '${INTEGRATION}', 'ev-1', 'hla.typed', '2026-11-30T00:00:00Z', '{}', '${HASH}', 'parked', 202, '{}', '${DIN}', '{"title":"waiting"}')`],
  [`UPDATE lab_events SET status = 'dismissed', dismissed_at = '2026-11-30T01:00:00Z', dismissed_by = 'u1', dismiss_reason = 'duplicate', attempts = attempts + 1 WHERE id = '${LAB_EVENT}'`],
  // clinical reference table, security event
  [`INSERT INTO clinical_routes (code, name) VALUES ('diff_route', 'Diff route')`],
  [`UPDATE clinical_routes SET name = 'Diff route 2' WHERE code = 'diff_route'`],
  [`INSERT INTO security_events (kind, failures, detail) VALUES ('repeated_failed_logins', 5, 'diff@example.org')`],
];

const runAll = (pool: Pool) =>
  runEach(pool, STATEMENTS.map(([sql, action]) => [sql, { 'app.actor_type': 'system', 'app.actor_id': 'one-diff-test', 'app.actor_name': 'One diff', 'app.reason': 'equivalence', 'app.action': action ?? '' }]));

/** Every entry the statements wrote, but for what differs by nature (at, hashes, generated ids, the clock's own timestamps). */
async function entries(pool: Pool): Promise<unknown[]> {
  const r = await pool.query(`SELECT chain, seq, din, donor_id, action, actor_type, actor_id, actor_name, reason, before, after
                                FROM audit_entries WHERE actor_id = 'one-diff-test' ORDER BY chain, seq`);
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const fixed = new Set([DONOR, DONOR2, FREEZER, USER, INTEGRATION, ALARM, WEBHOOK, REQUEST, LOT, DEVIATION, LAB_EVENT]);
  return r.rows.map((e) => JSON.parse(JSON.stringify(e)
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00/g, '<now>')
    .replace(/"id":\d+/g, '"id":"<serial>"')
    .replace(uuid, (u) => (fixed.has(u) ? u : '<generated>'))));
}

describe('one diff for every audit trigger (migration AuditOneDiff)', () => {
  it('21 CFR 11.10(e) audit trail: the per-row audit functions on the shared diff write the entries the former functions wrote, entry for entry', async () => {
    await runAll(before);
    await runAll(t.owner);
    const [was, now] = [await entries(before), await entries(t.owner)];
    // every rewritten function wrote something, and the no-op changes nothing
    const chains = new Set(now.map((e) => (e as { chain: string }).chain.replace(/:.*/, '')));
    for (const c of ['donor', 'freezer', 'user', 'integration', 'alarm', 'webhook', 'notification_subscriptions', 'release_request', 'supply_lot', 'equipment', 'deviation', 'lab_event', 'clinical_reference', 'security', DIN]) {
      expect(chains).toContain(c);
    }
    expect(now.length).toBeGreaterThan(40);
    expect(now).toEqual(was);
    const userChain = now.filter((e) => (e as { chain: string }).chain === `user:${USER}`) as { action: string; before: unknown; after: Record<string, unknown> }[];
    expect(userChain.map((e) => e.action)).toEqual(['user.insert', 'user.update', 'user.password_changed']);
    expect(userChain[2]).toMatchObject({ before: { password_hash: '[set]' }, after: { password_hash: '[changed]' } });
    const bad = await t.owner.query(`SELECT chain, first_invalid FROM (${VERIFY_ALL_SQL}) v WHERE first_invalid IS NOT NULL`);
    expect(bad.rows).toEqual([]);
  });
});
