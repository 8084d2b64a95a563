import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { VERIFY_ALL_SQL, VERIFY_SQL, toVerifyResult } from '../../src/audit/audit.service';
import { positionLabel, freezerCode, freezerParty } from '../../src/storage/storage.rules';
import { DAY, LAB, isStored, planUnit, skeleton } from './plan';
import type { UnitPlan } from './plan';

/**
 * The bank generator: writes donors, consents, screenings, IDM results, collections, units in every
 * status, results, freezers and positions, release requests and custody events through the same
 * tables, constraints and triggers the service writes through. Nothing is switched off: the state
 * machine trigger checks every transition (so units walk collected → received → processed →
 * quarantine → available … one UPDATE per step), the storage trigger keeps the occupancy counters,
 * and the audit triggers hash-chain every change, so every chain verifies.
 *
 * Set-based: one transaction per batch of units, one multi-row statement (unnest of arrays) per
 * step of the batch, the audit action set per statement (app.action), the actor per transaction.
 * Workers run batches in parallel, each in its own lane of freezers, so they never wait on each
 * other's occupancy counters.
 */

export interface SeedOptions {
  units: number;
  /** parallel connections (lanes) */
  workers?: number;
  /** units per transaction */
  batch?: number;
  seed?: number;
  freezers?: number;
  facility?: string;
  /** progress lines (default: none) */
  log?: (line: string) => void;
  /** how often to log progress, ms */
  progressMs?: number;
}

export interface SeedReport {
  units: number;
  seconds: number;
  unitsPerSecond: number;
  auditEntries: number;
  auditEntriesPerSecond: number;
  unitChainEntriesPerUnit: number;
  byStatus: Record<string, number>;
  freezers: number;
  positions: number;
  storedUnits: number;
  releaseRequests: number;
  custodyEvents: number;
  donors: number;
  sampleVerified: { chains: number; valid: number };
  /** CPU time the database backends of the workers used (when the server runs on this machine), s */
  backendCpuSeconds: number | null;
}

/** CPU time of a local process (utime + stime), ms; null when it can not be read (remote server). */
export function processCpuMs(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * (1000 / 100);
  } catch {
    return null;
  }
}

const ACTOR = { type: 'system', id: 'bench-seed', name: 'Bench data generator' };
const QA_SIGNATURE = { signerId: 'bench-seed-qa', signerName: 'Bench QA reviewer', meaning: 'released for clinical use', signedAt: '' };
const MD_SIGNATURE = { signerId: 'bench-seed-md', signerName: 'Bench medical director', meaning: 'approved for release', signedAt: '' };
const DISCARD_SIGNATURE = { signerId: 'bench-seed-qa', signerName: 'Bench QA reviewer', meaning: 'discard approved', signedAt: '' };

interface Layout {
  racks: number;
  boxesPerRack: number;
  rows: number;
  columns: number;
  capacity: number;
}

/** Freezer layout: boxes of 5 × 5, 10 boxes per rack, enough racks for the lane's units at ~78 % fill. */
function layoutFor(perFreezer: number): Layout {
  const rows = 5;
  const columns = 5;
  const need = Math.max(25, Math.ceil(perFreezer / 0.78));
  const boxesPerRack = Math.min(10, Math.ceil(need / 25));
  const racks = Math.max(1, Math.ceil(need / (boxesPerRack * 25)));
  return { racks, boxesPerRack, rows, columns, capacity: racks * boxesPerRack * rows * columns };
}

function freezerName(seq: number): string {
  return `LN2 dewar ${String(seq).padStart(3, '0')}`;
}

/** One statement of a step, with its audit context (action, reason, signature). */
async function step(c: Client, action: string, sql: string, params: unknown[], ctx: { reason?: string | null; signature?: object | null } = {}): Promise<void> {
  const rows = params.find((x) => Array.isArray(x)) as unknown[] | undefined;
  if (rows && rows.length === 0) return;
  await c.query(`SELECT set_config('app.action', $1, true), set_config('app.reason', $2, true), set_config('app.signature', $3, true)`, [
    action,
    ctx.reason ?? '',
    ctx.signature ? JSON.stringify(ctx.signature) : '',
  ]);
  const t0 = PROFILE ? performance.now() : 0;
  await c.query(sql, params);
  if (PROFILE) {
    const key = `${action} ${sql.trim().split(/\s+/).slice(0, 3).join(' ')}`;
    const p = PROFILE.get(key) ?? { ms: 0, rows: 0 };
    p.ms += performance.now() - t0;
    p.rows += rows?.length ?? 0;
    PROFILE.set(key, p);
  }
}

/** BENCH_PROFILE=1: time spent per statement kind, printed at the end of the seed. */
export const PROFILE: Map<string, { ms: number; rows: number }> | undefined = process.env.BENCH_PROFILE ? new Map() : undefined;

/** Groups items by a key (statements that need one app.reason per group). */
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = m.get(k);
    if (g) g.push(it);
    else m.set(k, [it]);
  }
  return m;
}

const col = <T, R>(items: T[], f: (t: T) => R): R[] => items.map(f);

interface CustodyRow {
  din: string;
  seq: number;
  kind: string;
  from: string | null;
  to: string;
  location: string | null;
  at: Date;
  condition?: string | null;
  temperatureOk?: boolean | null;
  shipperId?: string | null;
  loggerId?: string | null;
}

const INSERT_CUSTODY = `
  INSERT INTO custody_events (din, seq, kind, from_party, to_party, location, handed_over_at, condition, temperature_ok, shipper_id, temperature_logger_id, created_at)
  SELECT d, s, k, f, t, l, h, c, o, sh, lg, h
    FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::boolean[], $10::text[], $11::text[])
      AS x(d, s, k, f, t, l, h, c, o, sh, lg)`;

function custodyParams(rows: CustodyRow[]): unknown[] {
  return [
    col(rows, (r) => r.din), col(rows, (r) => r.seq), col(rows, (r) => r.kind), col(rows, (r) => r.from), col(rows, (r) => r.to),
    col(rows, (r) => r.location), col(rows, (r) => r.at), col(rows, (r) => r.condition ?? null), col(rows, (r) => r.temperatureOk ?? null),
    col(rows, (r) => r.shipperId ?? null), col(rows, (r) => r.loggerId ?? null),
  ];
}

const INSERT_RESULT = `
  INSERT INTO unit_results (din, kind, occurred_at, data, applied, source, created_at)
  SELECT d, $1, o, j, true, 'staff', o FROM unnest($2::text[], $3::timestamptz[], $4::jsonb[]) AS x(d, o, j)`;

/** The whole life of one batch of units, in one transaction. */
async function runBatch(c: Client, plans: UnitPlan[], freezerNames: Map<string, string>): Promise<void> {
  const custodySeq = new Map<string, number>();
  const custodian = new Map<string, string>();
  const hand = (p: UnitPlan, kind: string, to: string, at: Date, extra: Partial<CustodyRow> = {}): CustodyRow => {
    const seq = (custodySeq.get(p.din) ?? 0) + 1;
    custodySeq.set(p.din, seq);
    const from = custodian.get(p.din) ?? null;
    custodian.set(p.din, to);
    return { din: p.din, seq, kind, from, to, location: extra.location ?? null, at, ...extra };
  };
  const partyOf = (label: string) => freezerParty(label.slice(0, label.indexOf('-')), freezerNames.get(label.slice(0, label.indexOf('-')))!);

  await c.query('BEGIN');
  try {
    await c.query(`SELECT set_config('app.actor_type', $1, true), set_config('app.actor_id', $2, true), set_config('app.actor_name', $3, true), set_config('app.request_id', $4, true)`, [
      ACTOR.type, ACTOR.id, ACTOR.name, `bench-seed-batch-${plans[0].i}`,
    ]);

    // ---- donors: the mother, her consent(s), screening and maternal IDM panel (21 CFR 1271) ----------
    const d = plans.map((p) => p.donor);
    await step(c, 'donor.created', `
      INSERT INTO donors (id, first_name, last_name, date_of_birth, email, phone, banking_type, ethnicity, created_at, updated_at)
      SELECT id, fn, ln, dob, em, ph, bt, eth, ca, ca
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[]) AS x(id, fn, ln, dob, em, ph, bt, eth, ca)`,
      [col(d, (x) => x.id), col(d, (x) => x.firstName), col(d, (x) => x.lastName), col(d, (x) => x.dateOfBirth), col(d, (x) => x.email), col(d, (x) => x.phone),
        col(d, (x) => x.bankingType), col(d, (x) => x.ethnicity), col(d, (x) => x.createdAt)]);
    const consents = d.flatMap((x) => x.consents.map((k) => ({ donor: x.id, ...k })));
    await step(c, 'consent.recorded', `
      INSERT INTO consents (donor_id, type, form_version, signed_at, created_at)
      SELECT o, t, v, s, s FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS x(o, t, v, s)`,
      [col(consents, (k) => k.donor), col(consents, (k) => k.type), col(consents, (k) => k.formVersion), col(consents, (k) => k.signedAt)]);
    await step(c, 'screening.recorded', `
      INSERT INTO screenings (donor_id, version, completed_at, deferral_reasons, created_at)
      SELECT o, v, s, '{}', s FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS x(o, v, s)`,
      [col(d, (x) => x.id), col(d, (x) => x.screening.version), col(d, (x) => x.screening.completedAt)]);
    const idm = d.flatMap((x) => x.idm.map((t) => ({ donor: x.id, ...t })));
    await step(c, 'idm.recorded', `
      INSERT INTO idm_tests (donor_id, marker, result, sample_drawn_at, tested_at, test_kit, method, lab, lab_clia_number, transfused_before_sample, source, created_at)
      SELECT o, m, r, s, t, 'Bench donor screening assay (FDA-licensed)', CASE WHEN m LIKE 'syphilis%' OR me NOT LIKE '%NAT%' THEN 'serology' ELSE 'NAT' END, l, '05D0000000', false, 'staff', t
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[]) AS x(o, m, r, s, t, me, l)`,
      [col(idm, (t) => t.donor), col(idm, (t) => t.marker), col(idm, (t) => t.result), col(idm, (t) => t.sampleDrawnAt), col(idm, (t) => t.testedAt), col(idm, (t) => t.method), col(idm, (t) => t.lab)]);

    // ---- the collection creates the unit (ISBT 128 DIN) and its first custody event ------------------
    // the unit is created with its first custodian (the collector): one audited INSERT where the
    // service writes the unit and then its custodian (UnitsService.handOver)
    const collected = plans.map((p) => hand(p, 'collection', `${p.collection.collectedBy} (${p.collection.hospital})`, p.collection.collectedAt, { location: p.collection.hospital }));
    await step(c, 'unit.collected', `
      INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type, custodian, custodian_since, created_at, updated_at)
      SELECT d, k, o, b, t, h, h, h FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS x(d, k, o, b, t, h)`,
      [col(plans, (p) => p.din), col(plans, (p) => p.dinCheck), col(plans, (p) => p.donor.id), col(plans, (p) => p.donor.bankingType), col(collected, (r) => r.to),
        col(plans, (p) => p.collection.collectedAt)]);
    const co = plans.map((p) => p.collection);
    await step(c, 'unit.collected', `
      INSERT INTO collections (din, donor_id, hospital, collected_by, birth_at, collected_at, delivery_type, gestational_age_weeks, method, bag_lot,
                               anticoagulant_volume_ml, gross_volume_ml, created_at)
      SELECT d, o, h, cb, b, ca, dt, g, m, bl, av, gv, ca
        FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::numeric[], $9::text[], $10::text[], $11::numeric[], $12::numeric[])
          AS x(d, o, h, cb, b, ca, dt, g, m, bl, av, gv)`,
      [col(plans, (p) => p.din), col(plans, (p) => p.donor.id), col(co, (x) => x.hospital), col(co, (x) => x.collectedBy), col(co, (x) => x.birthAt), col(co, (x) => x.collectedAt),
        col(co, (x) => x.deliveryType), col(co, (x) => x.gestationalAgeWeeks), col(co, (x) => x.method), col(co, (x) => x.bagLot), col(co, (x) => x.anticoagulantVolumeMl), col(co, (x) => x.grossVolumeMl)]);
    await step(c, 'unit.collected', INSERT_CUSTODY, custodyParams(collected));

    // ---- receipt at the laboratory (FACT-NetCord acceptance) -----------------------------------------
    const received = plans.filter((p) => p.receipt);
    await step(c, 'unit.receipt.recorded', INSERT_RESULT, ['receipt', col(received, (p) => p.din), col(received, (p) => p.receipt!.at), col(received, (p) => JSON.stringify(p.receipt!.data))]);
    const receiptCustody = received.map((p) =>
      hand(p, 'receipt', LAB, p.receipt!.at, { location: LAB, temperatureOk: p.receipt!.temperatureOk, condition: p.receipt!.temperatureOk ? 'temperature ok' : 'temperature out of range' }));
    await step(c, 'unit.receipt.recorded', INSERT_CUSTODY, custodyParams(receiptCustody));
    await step(c, 'unit.receipt.recorded', `
      UPDATE cord_blood_units u SET status = 'received', received_at = x.r, receipt_temperature_ok = x.ok, receipt_flags = coalesce(string_to_array(nullif(x.f, ''), ','), '{}'),
             custodian = $5, custodian_since = x.r, updated_at = x.r
        FROM unnest($1::text[], $2::timestamptz[], $3::boolean[], $4::text[]) AS x(d, r, ok, f) WHERE u.din = x.d`,
      [col(received, (p) => p.din), col(received, (p) => p.receipt!.at), col(received, (p) => p.receipt!.temperatureOk), col(received, (p) => p.receipt!.flags.join(',')), LAB]);
    for (const [reason, group] of groupBy(plans.filter((p) => p.rejectReason), (p) => p.rejectReason!)) {
      await step(c, 'unit.rejected', `
        UPDATE cord_blood_units u SET status = 'rejected', rejection_reason = $2, updated_at = x.h
          FROM unnest($1::text[], $3::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
        [col(group, (p) => p.din), reason, col(group, (p) => new Date(p.receipt!.at.getTime() + 3_600_000))], { reason });
    }

    // ---- processing ------------------------------------------------------------------------------
    // processing, with the ABO/Rh typing done on the processing sample: both results kept in
    // unit_results, the unit written once (the service would write it twice)
    const processed = plans.filter((p) => p.processing);
    await step(c, 'unit.processing.recorded', INSERT_RESULT, ['processing', col(processed, (p) => p.din), col(processed, (p) => p.processing!.at), col(processed, (p) => JSON.stringify(p.processing!.data))]);
    const abo = plans.filter((p) => p.abo);
    await step(c, 'unit.processing.recorded', INSERT_RESULT, ['abo', col(abo, (p) => p.din), col(abo, (p) => p.abo!.at), col(abo, (p) => JSON.stringify(p.abo!.data))]);
    await step(c, 'unit.processing.recorded', `
      UPDATE cord_blood_units u SET status = 'processed', processed_at = x.o, volume_ml = (x.j->>'volumeMl')::numeric, tnc_count = (x.j->>'tncCount')::numeric,
             cd34_count = (x.j->>'cd34Count')::numeric, viability_pct = (x.j->>'viabilityPct')::numeric, cfu_count = (x.j->>'cfuCount')::numeric,
             nrbc_count = (x.j->>'nrbcCount')::numeric, processing_method = x.j->>'method', receipt_flags = coalesce(string_to_array(nullif(x.f, ''), ','), '{}'),
             abo = x.a->>'abo', rh = x.a->>'rh', abo_typed_at = x.at, updated_at = x.o
        FROM unnest($1::text[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::jsonb[], $6::timestamptz[]) AS x(d, o, j, f, a, at) WHERE u.din = x.d`,
      [col(processed, (p) => p.din), col(processed, (p) => p.processing!.at), col(processed, (p) => JSON.stringify(p.processing!.data)), col(processed, (p) => p.processing!.flags.join(',')),
        col(processed, (p) => (p.abo ? JSON.stringify(p.abo.data) : null)), col(processed, (p) => p.abo?.at ?? null)]);

    // ---- discards before storage: rejected at receipt, TNC too low (e-signed, Part 11.200) ----------
    const discard = async (group: UnitPlan[]) => {
      for (const [reason, g] of groupBy(group, (p) => p.discard!.reason)) {
        await step(c, 'unit.discarded', `
          UPDATE cord_blood_units u SET status = 'discarded', discard_reason = $2, updated_at = x.h
            FROM unnest($1::text[], $3::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
          [col(g, (p) => p.din), reason, col(g, (p) => p.discard!.at)], { reason, signature: { ...DISCARD_SIGNATURE, signedAt: g[0].discard!.at.toISOString() } });
      }
    };
    await discard(plans.filter((p) => p.discard && (p.discard.path === 'rejected' || p.discard.path === 'low_tnc')));

    // ---- cryopreserved and stored: processed → quarantine with a position, custody to the freezer ----
    const stored = plans.filter((p) => p.position);
    await step(c, 'unit.stored', `
      UPDATE cord_blood_units u SET status = 'quarantine', position_id = p.id, stored_at = x.s, custodian = x.party, custodian_since = x.s, updated_at = x.s
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(d, label, s, party)
        JOIN storage_positions p ON p.label = x.label
       WHERE u.din = x.d`,
      [col(stored, (p) => p.din), col(stored, (p) => p.position!), col(stored, (p) => p.storedAt!), col(stored, (p) => partyOf(p.position!))]);
    const storage = stored.map((p) => hand(p, 'storage', partyOf(p.position!), p.storedAt!, { location: p.position! }));
    await step(c, 'unit.stored', INSERT_CUSTODY, custodyParams(storage));

    // ---- results while in quarantine: HLA, sterility -----------------------------------------
    const hla = plans.filter((p) => p.hla);
    await step(c, 'unit.hla.recorded', INSERT_RESULT, ['hla', col(hla, (p) => p.din), col(hla, (p) => p.hla!.at), col(hla, (p) => JSON.stringify(p.hla!.data))]);
    await step(c, 'unit.hla.recorded', `
      UPDATE cord_blood_units u SET hla = x.h, hla_resolution = 'high', hla_method = 'NGS', hla_typed_at = x.o, updated_at = x.o
        FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[]) AS x(d, h, o) WHERE u.din = x.d`,
      [col(hla, (p) => p.din), col(hla, (p) => JSON.stringify(p.hla!.typing)), col(hla, (p) => p.hla!.at)]);
    const sterility = plans.filter((p) => p.sterility);
    await step(c, 'unit.sterility.recorded', INSERT_RESULT, ['sterility', col(sterility, (p) => p.din), col(sterility, (p) => p.sterility!.at), col(sterility, (p) => JSON.stringify(p.sterility!.data))]);
    await step(c, 'unit.sterility.recorded', `
      UPDATE cord_blood_units u SET sterility_aerobic = x.j->>'aerobic', sterility_anaerobic = x.j->>'anaerobic', sterility_organism = x.j->>'organism',
             sterility_resulted_at = x.o, updated_at = x.o
        FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[]) AS x(d, j, o) WHERE u.din = x.d`,
      [col(sterility, (p) => p.din), col(sterility, (p) => JSON.stringify(p.sterility!.data)), col(sterility, (p) => p.sterility!.at)]);

    // ---- QA: discard from quarantine, hold, release for use (e-signed) -------------------------------
    await discard(plans.filter((p) => p.discard && (p.discard.path === 'sterility' || p.discard.path === 'donor_ineligible')));
    const hold = async (group: UnitPlan[]) => {
      for (const [reason, g] of groupBy(group, (p) => p.hold!.reason)) {
        await step(c, 'unit.held', `UPDATE cord_blood_units u SET status = 'on_hold', updated_at = x.h FROM unnest($1::text[], $2::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
          [col(g, (p) => p.din), col(g, (p) => p.hold!.at)], { reason });
      }
    };
    await hold(plans.filter((p) => p.hold && !p.releasedAt));
    const released = plans.filter((p) => p.releasedAt);
    // 21 CFR 1271.50(a): the medical director's determination, in force before the release (the database requires it)
    const determined = released.map((p) => ({ din: p.din, status: p.donor.idm.some((t) => t.result !== 'negative' && t.marker !== 'CMV') ? 'ineligible' : 'eligible', at: p.releasedAt! }));
    await step(c, 'eligibility.determined', `
      INSERT INTO eligibility_determinations (din, status, reason, computed, records, determined_by, determined_by_name, signature, determined_at)
      SELECT d, st, 'bench seed', jsonb_build_object('status', st), '{}'::jsonb, $4, $5, $6::jsonb, h
        FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(d, st, h)`,
      [col(determined, (x) => x.din), col(determined, (x) => x.status), col(determined, (x) => x.at), MD_SIGNATURE.signerId, MD_SIGNATURE.signerName,
        JSON.stringify({ ...MD_SIGNATURE, meaning: 'determination' })], { reason: 'bench seed', signature: { ...MD_SIGNATURE, meaning: 'determination' } });
    await step(c, 'unit.released', `UPDATE cord_blood_units u SET status = 'available', updated_at = x.h FROM unnest($1::text[], $2::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
      [col(released, (p) => p.din), col(released, (p) => p.releasedAt!)], { reason: 'all release criteria met', signature: QA_SIGNATURE });
    await hold(plans.filter((p) => p.hold && p.releasedAt));
    await discard(plans.filter((p) => p.discard && p.discard.path === 'qa'));

    // ---- release requests: submitted, reserved, approved (e-signed), shipped, delivered, infused -------
    const req = plans.filter((p) => p.release);
    const r = req.map((p) => p.release!);
    await step(c, 'release_request.submitted', `
      INSERT INTO release_requests (id, requesting_facility, physician, patient_identifier, patient_weight_kg, patient_diagnosis, patient_hla, intended_use, needed_by, submitted_by, created_at, updated_at)
      SELECT id, f, ph, pi, w, dg, hla, iu, nb, $10, ca, ca
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::jsonb[], $8::text[], $9::timestamptz[], $11::timestamptz[]) AS x(id, f, ph, pi, w, dg, hla, iu, nb, ca)`,
      [col(r, (x) => x.id), col(r, (x) => x.facility), col(r, (x) => x.physician), col(r, (x) => x.patientId), col(r, (x) => x.weightKg), col(r, (x) => x.diagnosis),
        col(r, (x) => (x.patientHla ? JSON.stringify(x.patientHla) : null)), col(r, (x) => x.intendedUse), col(r, (x) => x.neededBy), ACTOR.id, col(r, (x) => x.createdAt)]);
    await step(c, 'unit.reserved', `UPDATE cord_blood_units u SET status = 'reserved', reserved_for = x.r, updated_at = x.h FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS x(d, r, h) WHERE u.din = x.d`,
      [col(req, (p) => p.din), col(r, (x) => x.id), col(r, (x) => x.reservedAt)]);
    await step(c, 'release_request.reserved', `
      UPDATE release_requests q SET status = 'reserved', din = x.d, reserved_at = x.h, reserved_by = $9, match_grade = x.g, match_detail = x.md, tnc_per_kg = x.t, cd34_per_kg = x.c,
             dose_override_reason = x.o, updated_at = x.h
        FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[], $6::float8[], $7::float8[], $8::text[]) AS x(id, d, h, g, md, t, c, o) WHERE q.id = x.id`,
      [col(r, (x) => x.id), col(req, (p) => p.din), col(r, (x) => x.reservedAt), col(r, (x) => x.matchGrade), col(r, (x) => (x.matchDetail ? JSON.stringify(x.matchDetail) : null)),
        col(r, (x) => x.tncPerKg), col(r, (x) => x.cd34PerKg), col(r, (x) => x.overrideReason), ACTOR.id]);
    const cancelled = req.filter((p) => p.release!.stage === 'cancelled');
    await step(c, 'unit.reservation_released', `
      UPDATE cord_blood_units u SET status = 'available', reserved_for = NULL, updated_at = x.h FROM unnest($1::text[], $2::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
      [col(cancelled, (p) => p.din), col(cancelled, (p) => new Date(p.release!.reservedAt.getTime() + 2 * DAY))], { reason: 'request cancelled: patient no longer a transplant candidate' });
    await step(c, 'release_request.cancelled', `
      UPDATE release_requests q SET status = 'cancelled', cancelled_at = x.h, cancel_reason = 'patient no longer a transplant candidate', cancelled_from = q.status, updated_at = x.h
        FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, h) WHERE q.id = x.id`,
      [col(cancelled, (p) => p.release!.id), col(cancelled, (p) => new Date(p.release!.reservedAt.getTime() + 2 * DAY))], { reason: 'patient no longer a transplant candidate' });
    const approved = req.filter((p) => ['approved', 'shipped', 'delivered', 'completed'].includes(p.release!.stage));
    await step(c, 'release_request.approved', `
      UPDATE release_requests q SET status = 'approved', approved_at = x.h, approved_by = $3, approver_name = $4, approval_meaning = $5, updated_at = x.h
        FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, h) WHERE q.id = x.id`,
      [col(approved, (p) => p.release!.id), col(approved, (p) => p.release!.approvedAt), MD_SIGNATURE.signerId, MD_SIGNATURE.signerName, MD_SIGNATURE.meaning],
      { reason: MD_SIGNATURE.meaning, signature: MD_SIGNATURE });
    const shipped = req.filter((p) => ['shipped', 'delivered', 'completed'].includes(p.release!.stage));
    await retrieve(c, shipped, 'shipping', (p) => p.release!.dispatchedAt, hand);
    const shipment = shipped.map((p) => {
      const x = p.release!;
      return hand(p, 'shipment', x.courier, x.dispatchedAt, {
        location: LAB, shipperId: x.shipperId, loggerId: x.loggerId, condition: `dispatched to ${x.facility} in dry shipper ${x.shipperId}, temperature logger ${x.loggerId}`,
      });
    });
    await step(c, 'unit.shipped', INSERT_CUSTODY, custodyParams(shipment));
    await step(c, 'unit.shipped', `
      UPDATE cord_blood_units u SET status = 'shipped', custodian = x.t, custodian_since = x.h, updated_at = x.h FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(d, t, h) WHERE u.din = x.d`,
      [col(shipment, (s) => s.din), col(shipment, (s) => s.to), col(shipment, (s) => s.at)]);
    await step(c, 'release_request.shipped', `
      UPDATE release_requests q SET status = 'shipped', courier = x.c, dispatched_at = x.h, shipper_id = x.s, temperature_logger_id = x.l, shipped_by = $6, updated_at = x.h
        FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[]) AS x(id, c, h, s, l) WHERE q.id = x.id`,
      [col(shipped, (p) => p.release!.id), col(shipped, (p) => p.release!.courier), col(shipped, (p) => p.release!.dispatchedAt), col(shipped, (p) => p.release!.shipperId),
        col(shipped, (p) => p.release!.loggerId), ACTOR.id]);
    const delivered = req.filter((p) => ['delivered', 'completed'].includes(p.release!.stage));
    const delivery = delivered.map((p) => {
      const x = p.release!;
      return hand(p, 'delivery', `${x.receivedBy} (${x.facility})`, x.receivedAt, {
        location: x.facility, temperatureOk: true, condition: 'received, shipper temperature within limits', shipperId: x.shipperId, loggerId: x.loggerId,
      });
    });
    await step(c, 'unit.delivered', INSERT_CUSTODY, custodyParams(delivery));
    await step(c, 'unit.delivered', `
      UPDATE cord_blood_units u SET status = 'delivered', custodian = x.t, custodian_since = x.h, updated_at = x.h FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(d, t, h) WHERE u.din = x.d`,
      [col(delivery, (s) => s.din), col(delivery, (s) => s.to), col(delivery, (s) => s.at)]);
    await step(c, 'release_request.delivered', `
      UPDATE release_requests q SET status = 'delivered', received_at = x.h, received_by = x.b, delivery_temperature_ok = true, updated_at = x.h
        FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS x(id, h, b) WHERE q.id = x.id`,
      [col(delivered, (p) => p.release!.id), col(delivered, (p) => p.release!.receivedAt), col(delivered, (p) => p.release!.receivedBy)]);
    const infused = req.filter((p) => p.release!.stage === 'completed');
    await step(c, 'unit.infused', `UPDATE cord_blood_units u SET status = 'infused', updated_at = x.h FROM unnest($1::text[], $2::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
      [col(infused, (p) => p.din), col(infused, (p) => p.release!.infusedAt)]);
    await step(c, 'release_request.completed', `
      UPDATE release_requests q SET status = 'completed', infused_at = x.h, updated_at = x.h FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, h) WHERE q.id = x.id`,
      [col(infused, (p) => p.release!.id), col(infused, (p) => p.release!.infusedAt)]);

    // ---- discarded units taken out of the freezer for destruction --------------------------------------
    await retrieve(c, plans.filter((p) => p.discard?.retrieveAt && p.position), 'discard', (p) => p.discard!.retrieveAt!, hand);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** PlacementService.retrieve: position given up (the storage trigger frees it), custody back to the laboratory. */
async function retrieve(
  c: Client, group: UnitPlan[], reason: string, at: (p: UnitPlan) => Date,
  hand: (p: UnitPlan, kind: string, to: string, at: Date, extra?: Partial<CustodyRow>) => CustodyRow,
): Promise<void> {
  if (group.length === 0) return;
  await step(c, 'unit.retrieved', `
    UPDATE cord_blood_units u SET position_id = NULL, stored_at = NULL, custodian = $3, custodian_since = x.h, updated_at = x.h
      FROM unnest($1::text[], $2::timestamptz[]) AS x(d, h) WHERE u.din = x.d`,
    [col(group, (p) => p.din), col(group, at), LAB], { reason });
  const rows = group.map((p) => hand(p, 'retrieval', LAB, at(p), { location: p.position! }));
  await step(c, 'unit.retrieved', INSERT_CUSTODY, custodyParams(rows), { reason });
}

/** Creates the freezers with racks, boxes and positions (the SQL of FreezersService.createFreezer, for all at once) and a day of readings. */
async function createFreezers(c: Client, count: number, layout: Layout, now: number): Promise<Map<string, string>> {
  await c.query('BEGIN');
  await c.query(`SELECT set_config('app.actor_type', $1, true), set_config('app.actor_id', $2, true), set_config('app.actor_name', $3, true), set_config('app.action', 'freezer.created', true)`, [
    ACTOR.type, ACTOR.id, ACTOR.name,
  ]);
  await c.query(
    `INSERT INTO freezers (seq, name, type, max_temperature_c, racks, boxes_per_rack, rows_per_box, columns_per_box, created_at, updated_at)
     SELECT g, 'LN2 dewar ' || lpad(g::text, 3, '0'), CASE WHEN g % 10 = 0 THEN 'liquid_nitrogen' ELSE 'vapor_phase' END, -150, $2, $3, $4, $5,
            $6::timestamptz + (g || ' days')::interval, $6::timestamptz + (g || ' days')::interval
       FROM generate_series(1, $1) g`,
    [count, layout.racks, layout.boxesPerRack, layout.rows, layout.columns, new Date(now - 3700 * DAY)],
  );
  await c.query(`INSERT INTO storage_racks (freezer_id, rack_no, label) SELECT f.id, r, f.code || '-R' || storage_num(r) FROM freezers f, generate_series(1, f.racks) r`);
  await c.query(
    `INSERT INTO storage_boxes (freezer_id, rack_id, freezer_seq, rack_no, box_no, label, capacity)
     SELECT f.id, rk.id, f.seq, rk.rack_no, b, rk.label || '-B' || storage_num(b), f.rows_per_box * f.columns_per_box
       FROM freezers f JOIN storage_racks rk ON rk.freezer_id = f.id, generate_series(1, f.boxes_per_rack) b`,
  );
  await c.query(
    `INSERT INTO storage_positions (box_id, freezer_id, row_no, col_no, label)
     SELECT bx.id, f.id, r, cc, bx.label || '-' || chr(64 + r) || cc
       FROM freezers f JOIN storage_boxes bx ON bx.freezer_id = f.id, generate_series(1, f.rows_per_box) r, generate_series(1, f.columns_per_box) cc`,
  );
  // the monitors' last day: one reading per hour per freezer, well within the limit
  await c.query(
    `INSERT INTO freezer_temperature_readings (freezer_id, read_at, temperature_c, limit_c, above_limit, source, recorded_by)
     SELECT f.id, $1::timestamptz - (h || ' hours')::interval, round((-190 + random() * 8)::numeric, 2), f.max_temperature_c, false, 'lab_event', 'bench-seed'
       FROM freezers f, generate_series(0, 23) h`,
    [new Date(now)],
  );
  await c.query('COMMIT');
  const names = new Map<string, string>();
  for (let s = 1; s <= count; s++) names.set(freezerCode(s), freezerName(s));
  return names;
}

/** Generates the bank into the (migrated, empty) database at `url`. */
export async function seedBank(url: string, opts: SeedOptions): Promise<SeedReport> {
  const n = opts.units;
  const workers = Math.max(1, opts.workers ?? 2);
  const batch = Math.max(1, opts.batch ?? 2000);
  const seed = opts.seed ?? 7;
  const facility = opts.facility ?? 'W0000';
  const log = opts.log ?? (() => undefined);
  const now = Date.now() - 60_000;
  const started = performance.now();

  // Pre-pass: each unit's road and collection time, its DIN (facility, year, sequence in the year),
  // and for stored units a position in its worker's lane of freezers.
  const batches = Math.ceil(n / batch);
  const dins: string[] = new Array(n);
  const perYear = new Map<number, number>();
  const storedOrdinal = new Int32Array(n).fill(-1);
  const laneStored = new Array(workers).fill(0);
  for (let i = 0; i < n; i++) {
    const s = skeleton(seed, i, n, now);
    const yy = new Date(s.collectedAt).getUTCFullYear() % 100;
    const seq = (perYear.get(yy) ?? 0) + 1;
    perYear.set(yy, seq);
    dins[i] = `${facility}${String(yy).padStart(2, '0')}${String(seq).padStart(6, '0')}`;
    if (isStored(s.road)) {
      const lane = Math.floor(i / batch) % workers;
      storedOrdinal[i] = laneStored[lane]++;
    }
  }
  const freezers = opts.freezers ?? (n >= 50_000 ? 200 : Math.max(workers, Math.ceil(n / 2500)));
  const lanes = Array.from({ length: workers }, (_, w) => {
    const first = Math.floor((w * freezers) / workers) + 1;
    const last = Math.floor(((w + 1) * freezers) / workers);
    return { first, count: last - first + 1 };
  });
  const layout = layoutFor(Math.max(...laneStored.map((s, w) => s / Math.max(1, lanes[w].count))));
  const perBox = layout.rows * layout.columns;
  const perRack = perBox * layout.boxesPerRack;
  const labelOf = (i: number): string | undefined => {
    const k = storedOrdinal[i];
    if (k < 0) return undefined;
    const lane = lanes[Math.floor(i / batch) % workers];
    const f = lane.first + Math.floor(k / layout.capacity);
    if (f >= lane.first + lane.count) throw new Error(`lane of unit ${i} ran out of freezer positions`);
    const p = k % layout.capacity;
    const rack = Math.floor(p / perRack) + 1;
    const box = Math.floor((p % perRack) / perBox) + 1;
    const cell = p % perBox;
    return positionLabel(f, rack, box, Math.floor(cell / layout.columns) + 1, (cell % layout.columns) + 1);
  };

  const admin = new Client({ connectionString: url });
  await admin.connect();
  const existing = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM cord_blood_units`);
  if (Number(existing.rows[0].n) > 0) {
    await admin.end();
    throw new Error(`the database already holds ${existing.rows[0].n} units: start from an empty one (bench:seed --reset)`);
  }
  log(`generating ${n} units in ${batches} batches of ${batch} on ${workers} connections; ${freezers} freezers of ${layout.capacity} positions ` +
    `(${layout.racks} racks × ${layout.boxesPerRack} boxes × ${layout.rows}×${layout.columns})`);
  const freezerNames = await createFreezers(admin, freezers, layout, now);

  let done = 0;
  let backendCpuMs = 0;
  const auditSeq = async () => Number((await admin.query<{ v: string | null }>(`SELECT last_value AS v FROM audit_entries_id_seq`)).rows[0].v ?? 0);
  const audit0 = await auditSeq();
  const ticker = setInterval(() => {
    void auditSeq().then((a) => {
      const s = (performance.now() - started) / 1000;
      const rate = done / s;
      log(`  ${done.toLocaleString('en')} / ${n.toLocaleString('en')} units (${((100 * done) / n).toFixed(1)} %), ${Math.round(rate)} units/s, ` +
        `${(a - audit0).toLocaleString('en')} audit entries (${Math.round((a - audit0) / s)}/s), ${s.toFixed(0)} s elapsed, ETA ${rate > 0 ? Math.round((n - done) / rate) : '?'} s`);
    }, () => undefined);
  }, opts.progressMs ?? 10_000);

  try {
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const c = new Client({ connectionString: url, application_name: 'bench-seed-worker', options: '-c TimeZone=UTC -c synchronous_commit=off -c jit=off' });
        await c.connect();
        const pid = Number((await c.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid);
        const cpu0 = processCpuMs(pid);
        try {
          for (let b = w; b < batches; b += workers) {
            const plans: UnitPlan[] = [];
            for (let i = b * batch; i < Math.min(n, (b + 1) * batch); i++) plans.push(planUnit(seed, i, n, now, dins[i], labelOf(i)));
            await runBatch(c, plans, freezerNames);
            done += plans.length;
          }
        } finally {
          const cpu1 = processCpuMs(pid);
          if (cpu0 !== null && cpu1 !== null) backendCpuMs += cpu1 - cpu0;
          await c.end();
        }
      }),
    );
  } finally {
    clearInterval(ticker);
  }

  // Finishing: DIN counters past the generated sequences (the service skips used ones anyway), a few
  // requests still waiting for a unit, and fresh planner statistics.
  for (const [yy, last] of perYear) {
    await admin.query(
      `INSERT INTO din_counters (facility_id, year, last_sequence) VALUES ($1, $2, $3)
       ON CONFLICT (facility_id, year) DO UPDATE SET last_sequence = greatest(din_counters.last_sequence, EXCLUDED.last_sequence)`,
      [facility, yy, last],
    );
  }
  await admin.query('BEGIN');
  await admin.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'bench-seed', true), set_config('app.action', 'release_request.submitted', true)`);
  await admin.query(
    `INSERT INTO release_requests (requesting_facility, physician, patient_identifier, patient_weight_kg, patient_diagnosis, intended_use, needed_by, submitted_by)
     SELECT 'University Hospital BMT Unit', 'Dr Search', 'P-S' || lpad(g::text, 6, '0'), 20 + g % 50, 'acute myeloid leukaemia', 'directed_family', now() + interval '30 days', 'bench-seed'
       FROM generate_series(1, $1) g`,
    [Math.max(1, Math.round(n * 0.002))],
  );
  await admin.query('COMMIT');
  log('analyzing');
  await admin.query('ANALYZE');

  const seconds = (performance.now() - started) / 1000;
  const counts = await admin.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM cord_blood_units GROUP BY status ORDER BY status`);
  const one = async (sql: string) => Number((await admin.query<{ n: string }>(sql)).rows[0].n);
  const auditEntries = await one(`SELECT count(*) AS n FROM audit_entries`);
  const unitEntries = await one(`SELECT count(*) AS n FROM audit_entries WHERE din IS NOT NULL`);
  const sample = await admin.query<{ din: string }>(`SELECT din FROM cord_blood_units TABLESAMPLE SYSTEM (1) LIMIT 200`);
  let valid = 0;
  for (const row of sample.rows) {
    const v = toVerifyResult((await admin.query(VERIFY_SQL, [row.din])).rows[0]);
    if (v.valid) valid++;
  }
  const report: SeedReport = {
    units: n,
    seconds,
    unitsPerSecond: n / seconds,
    auditEntries,
    auditEntriesPerSecond: auditEntries / seconds,
    unitChainEntriesPerUnit: unitEntries / n,
    byStatus: Object.fromEntries(counts.rows.map((r) => [r.status, Number(r.n)])),
    freezers,
    positions: await one(`SELECT count(*) AS n FROM storage_positions`),
    storedUnits: await one(`SELECT count(*) AS n FROM cord_blood_units WHERE position_id IS NOT NULL`),
    releaseRequests: await one(`SELECT count(*) AS n FROM release_requests`),
    custodyEvents: await one(`SELECT count(*) AS n FROM custody_events`),
    donors: await one(`SELECT count(*) AS n FROM donors`),
    sampleVerified: { chains: sample.rows.length, valid },
    backendCpuSeconds: backendCpuMs > 0 ? backendCpuMs / 1000 : null,
  };
  await admin.end();
  return report;
}

/** Every chain of the database (for the smoke test; `npm run audit:verify` does the same from the command line). */
export async function verifyAll(url: string): Promise<{ chains: number; broken: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ first_invalid: number | null }>(VERIFY_ALL_SQL);
    return { chains: rows.length, broken: rows.filter((r) => r.first_invalid !== null).length };
  } finally {
    await c.end();
  }
}
