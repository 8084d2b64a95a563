import { Injectable } from '@nestjs/common';
import { DomainError, notFound } from '../common/domain-error';
import { RuntimeSettings } from '../config/runtime';
import { CustodyService, type CustodyInput } from '../custody/custody.service';
import { SuppliesService } from '../supplies/supplies.service';
import type { SuppliesUsedFields } from '../supplies/dto/supplies.dto';
import { AuditContext, Db, Tx } from '../database/db.service';
import { resolveProductCode } from '../isbt128/product-code-lookup';
import { physicalBlockers, unitCriteriaUnmet } from './release-blockers';
import { UnitExtensions, type UnitViewPart } from './unit-extensions';
import { UnitStatus, allowedFrom } from './unit-state';
import { RECORD_RESULT_SQL, RECORD_RESULTS_SQL } from './units.sql';
import { iso, num } from '../common/mappers';

export type ResultKind = 'receipt' | 'processing' | 'hla' | 'abo' | 'sterility';
/** Where a result came from; `performedBy` is the person a lab event names (21 CFR 1271.270(a)). */
export type ResultSource = { type: 'staff' } | { type: 'lab_event'; labEventId: string; performedBy?: string | null };

/** The lab-event type that carries each kind of result (DESIGN.md section 3). */
export const EVENT_TYPE_OF: Record<ResultKind, string> = {
  receipt: 'sample.received',
  processing: 'processing.completed',
  hla: 'hla.typed',
  abo: 'abo.typed',
  sterility: 'sterility.resulted',
};

export interface ReceiptData { receivedAt: string | Date; temperatureOk: boolean; notes?: string | null; containerIntact?: boolean | null; contaminationSuspected?: boolean | null }
export interface ProcessingData extends SuppliesUsedFields {
  processedAt: string | Date; volumeMl: number; tncCount: number; cd34Count: number; viabilityPct: number;
  cfuCount?: number | null; nrbcCount?: number | null; method?: string | null;
  /** ISBT 128 Product Description Code (optional; DESIGN.md 8: assigned at processing) */
  productCode?: string | null;
}
export interface HlaData { loci: Record<string, string[]>; resolution: string; method?: string | null }
export interface AboData { abo: string; rh: string }
export interface SterilityData { aerobic: string; anaerobic: string; organism?: string | null }

/** States in which a laboratory result (HLA, ABO/Rh, sterility, later processing) is accepted. */
const RESULT_STATES: UnitStatus[] = ['received', 'processed', 'quarantine', 'on_hold', 'available'];

/** A unit row as the database holds it (snake_case columns). */
export interface UnitRow {
  din: string;
  din_check: string;
  status: UnitStatus;
  hold_from_status: UnitStatus | null;
  donor_id: string;
  banking_type: 'public' | 'family';
  received_at: Date | null;
  receipt_temperature_ok: boolean | null;
  receipt_notes: string | null;
  receipt_flags: string[];
  receipt_container_intact: boolean | null;
  receipt_contamination_suspected: boolean | null;
  acceptance_status: 'accepted' | 'pending' | 'rejected' | null;
  acceptance_decided_at: Date | null;
  acceptance_decided_by: string | null;
  acceptance_decider_name: string | null;
  acceptance_reason: string | null;
  processed_at: Date | null;
  volume_ml: string | null;
  tnc_count: string | null;
  cd34_count: string | null;
  viability_pct: string | null;
  cfu_count: string | null;
  nrbc_count: string | null;
  processing_method: string | null;
  abo: string | null;
  rh: string | null;
  abo_typed_at: Date | null;
  hla: Record<string, string[]> | null;
  hla_resolution: string | null;
  hla_method: string | null;
  hla_typed_at: Date | null;
  sterility_aerobic: string | null;
  sterility_anaerobic: string | null;
  sterility_organism: string | null;
  sterility_resulted_at: Date | null;
  position_id: string | null;
  stored_at: Date | null;
  custodian: string | null;
  custodian_since: Date | null;
  reserved_for: string | null;
  discard_reason: string | null;
  rejection_reason: string | null;
  product_code: string | null;
  product_code_version: number | null;
  created_at: Date;
  updated_at: Date;
}


/** The unit's donor number and collection, as the unit view shows them (column names prefixed). */
const metaColumns = (prefix: string): string => `d.donor_number AS ${prefix}donor_number,
  CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object(
    'id', c.id, 'hospital', c.hospital, 'collectedBy', c.collected_by,
    'birthAt', to_char(c.birth_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'collectedAt', to_char(c.collected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'deliveryType', c.delivery_type, 'gestationalAgeWeeks', c.gestational_age_weeks::float8, 'method', c.method,
    'bagLot', c.bag_lot, 'anticoagulantVolumeMl', c.anticoagulant_volume_ml::float8, 'grossVolumeMl', c.gross_volume_ml::float8) END AS ${prefix}collection`;
const META_FROM = `FROM cord_blood_units u JOIN donors d ON d.id = u.donor_id LEFT JOIN collections c ON c.din = u.din`;

/**
 * Who performed each result in force (21 CFR 1271.270(a)): the newest applied result of each kind,
 * with its source and the person (the lab event's `performedBy`, or the staff member who entered it);
 * NULL when the unit has none (the view then has no `resultRecords`).
 */
const RESULT_RECORDS_PART = `(SELECT json_object_agg(kind, json_build_object('occurredAt', occurred_at, 'source', source, 'labEventId', lab_event_id, 'performedBy', performed_by))
     FROM (SELECT DISTINCT ON (kind) kind, occurred_at, source, lab_event_id, performed_by
             FROM unit_results r WHERE r.din = u.din AND r.applied ORDER BY kind, occurred_at DESC, created_at DESC) r)`;

/**
 * The unit table's `timestamptz` and `numeric` columns (a test holds these lists to the catalog). The
 * view statement gives its row as ONE json value (node-postgres builds a 60-key row object slowly:
 * a fifth of a unit read's service CPU, issue 19), where timestamps are ISO text and numerics are
 * numbers; `viewRow` turns them back into what node-postgres gives for the columns (a `Date`; the
 * number's text), so every part reads the same row as from `SELECT *`.
 */
export const UNIT_TIMESTAMP_COLUMNS = [
  'received_at', 'acceptance_decided_at', 'processed_at', 'abo_typed_at', 'hla_typed_at', 'sterility_resulted_at', 'stored_at', 'custodian_since', 'created_at', 'updated_at',
] as const satisfies readonly (keyof UnitRow)[];
export const UNIT_NUMERIC_COLUMNS = ['volume_ml', 'tnc_count', 'cd34_count', 'viability_pct', 'cfu_count', 'nrbc_count'] as const satisfies readonly (keyof UnitRow)[];

/** A row of the view statement from its json value (see UNIT_TIMESTAMP_COLUMNS). */
function viewRow(json: Record<string, unknown>): ViewRow {
  for (const c of UNIT_TIMESTAMP_COLUMNS) if (typeof json[c] === 'string') json[c] = new Date(json[c] as string);
  for (const c of UNIT_NUMERIC_COLUMNS) if (typeof json[c] === 'number') json[c] = String(json[c]);
  return json as unknown as ViewRow;
}

/** A row of the view statement: the unit, its meta columns, the results in force and each extension's part. */
type ViewRow = UnitRow & { meta_donor_number: string; meta_collection: Record<string, unknown> | null; view_results: Record<string, unknown> | null } & Record<`view_part_${number}`, unknown>;

interface UnitMeta {
  din: string;
  donor_number: string;
  collection: Record<string, unknown> | null;
}

/**
 * The cord blood unit: its row lock, its one status writer, its view and its release gate.
 * Every write here runs inside the caller's transaction, so the audit entries the triggers add
 * commit with it (Part 11.10(e)).
 */
@Injectable()
export class UnitsService {
  constructor(
    private readonly db: Db,
    private readonly extensions: UnitExtensions,
    private readonly custody: CustodyService,
    private readonly settings: RuntimeSettings,
    private readonly supplies: SuppliesService,
  ) {}

  /**
   * Records a laboratory result (staff or lab event) in the caller's transaction. Every result is
   * kept in `unit_results`; the unit's current value changes only when this result is newer than
   * the newest applied one of its kind (out-of-order delivery). Receipt moves the unit
   * collected → received and processing received → processed. A result that makes an available
   * unit fail its release criteria puts it on hold in the same transaction.
   */
  async recordResult(tx: Tx, din: string, kind: ResultKind, occurredAt: Date, data: object, source: ResultSource): Promise<{ applied: boolean; unit: UnitRow }> {
    const unit = await this.lock(tx, din);
    const action = source.type === 'lab_event' ? `lab_event.${EVENT_TYPE_OF[kind]}` : `unit.${kind}.recorded`;
    const labEventId = source.type === 'lab_event' ? source.labEventId : null;
    // who did the work (21 CFR 1271.270(a)): the person a lab event names; for a staff entry, the user
    const performedBy = source.type === 'lab_event' ? (source.performedBy ?? null) : tx.actor.type === 'user' ? tx.actor.name : null;
    await tx.audit({ action });
    const cfg = this.settings.config;

    if (kind === 'receipt') {
      const d = data as ReceiptData;
      UnitsService.expectStatus(unit, ['collected'], 'receipt');
      const receivedAt = new Date(d.receivedAt);
      const collection = await tx.one<{ collected_at: Date; gross_volume_ml: string | null }>(`SELECT collected_at, gross_volume_ml FROM collections WHERE din = $1`, [din]);
      if (collection && receivedAt < collection.collected_at) {
        throw new DomainError('VALIDATION_FAILED', 'receivedAt: can not be before the collection', { errors: [{ field: 'receivedAt', message: 'can not be before the collection time' }] });
      }
      const flags: string[] = [];
      if (collection && receivedAt.getTime() - collection.collected_at.getTime() > cfg.ACCEPT_MAX_TRANSIT_HOURS * 3600_000) flags.push(`received_after_${cfg.ACCEPT_MAX_TRANSIT_HOURS}h`);
      if (!d.temperatureOk) flags.push('temperature_not_ok');
      if (collection?.gross_volume_ml !== null && collection?.gross_volume_ml !== undefined && Number(collection.gross_volume_ml) < cfg.ACCEPT_MIN_VOLUME_ML) flags.push('volume_below_minimum');
      if (d.containerIntact === false) flags.push('container_not_intact');
      if (d.contaminationSuspected === true) flags.push('contamination_suspected');
      // 21 CFR 1271.265(a): a receipt that meets every criterion is accepted by the receiving
      // person's act; one that raises a flag waits for QA's decision (POST /units/:din/acceptance)
      const accepted = flags.length === 0;
      await tx.query(`INSERT INTO unit_results (din, kind, occurred_at, data, applied, source, lab_event_id, performed_by) VALUES ($1, $2, $3, $4, true, $5, $6, $7)`, [
        din, kind, occurredAt, data, source.type, labEventId, performedBy,
      ]);
      await this.handOver(tx, din, { kind: 'receipt', to: cfg.LAB_NAME, location: cfg.LAB_NAME, handedOverAt: receivedAt, temperatureOk: d.temperatureOk, condition: d.temperatureOk ? 'temperature ok' : 'temperature out of range' });
      const row = await this.transition(tx, din, 'received', { action }, {
        received_at: receivedAt, receipt_temperature_ok: d.temperatureOk, receipt_notes: d.notes ?? null, receipt_flags: flags,
        receipt_container_intact: d.containerIntact ?? null, receipt_contamination_suspected: d.contaminationSuspected ?? null,
        acceptance_status: accepted ? 'accepted' : 'pending',
        acceptance_decided_at: accepted ? receivedAt : null,
        acceptance_decided_by: accepted ? tx.actor.id : null,
        acceptance_decider_name: accepted ? tx.actor.name : null,
        acceptance_reason: accepted ? 'met every receipt criterion at receipt' : null,
      });
      return { applied: true, unit: row };
    }

    if (unit.status === 'collected') {
      // not yet: the unit takes results once its receipt at the laboratory is recorded (a lab event
      // waits for it, DESIGN.md section 7; a staff entry is 409: enter the receipt first)
      throw new DomainError('CONFLICT', `Unit ${din} is collected: ${EVENT_TYPE_OF[kind]} results are taken once its receipt at the laboratory is recorded`, {
        unitStatus: unit.status,
        waitsFor: 'received',
      });
    }
    if (kind === 'processing') UnitsService.expectStatus(unit, ['received', ...RESULT_STATES.filter((x) => x !== 'received')], 'processing results');
    if (kind === 'processing' && unit.acceptance_status === 'pending') {
      // 21 CFR 1271.265(a): not processed before it is accepted. A lab event waits (parked) for QA's
      // decision and applies by itself on acceptance; a rejection refuses it.
      throw new DomainError('CONFLICT', `Unit ${din} raised acceptance flags at receipt (${unit.receipt_flags.join(', ')}): processing waits for QA's acceptance decision`, {
        unitStatus: unit.status,
        acceptance: 'pending',
        waitsFor: 'accepted',
      });
    }
    else UnitsService.expectStatus(unit, RESULT_STATES, `a ${kind} result`);
    // 21 CFR 1271.290 / 1271.210 / 1271.200: the lots and equipment the processing used, checked and
    // linked to the unit (an older, superseded result still records what was physically used)
    if (kind === 'processing') await this.supplies.link(tx, din, 'processing', data as ProcessingData, new Date((data as ProcessingData).processedAt));

    // applied = not older than the newest applied result of its kind (decided under the unit's lock)
    const stored = await tx.one<{ applied: boolean }>(RECORD_RESULT_SQL, [din, kind, occurredAt, data, source.type, labEventId, performedBy]);
    const applied = stored!.applied;
    if (!applied) return { applied: false, unit };

    const set = this.resultColumns(unit, kind, occurredAt, data);
    if (kind === 'processing' && (data as ProcessingData).productCode) {
      const pc = await resolveProductCode(tx, (data as ProcessingData).productCode!);
      Object.assign(set, { product_code: pc.code, product_code_version: pc.version });
    }
    if (kind === 'processing' && unit.status === 'received') {
      return { applied: true, unit: await this.transition(tx, din, 'processed', { action }, set) };
    }
    return { applied: true, unit: await this.applyChange(tx, unit, set, { action }, `${EVENT_TYPE_OF[kind]} result`) };
  }

  /**
   * The unit columns a newer result of `kind` writes (processing, HLA, ABO/Rh, sterility): one rule
   * for the one-by-one path (recordResult) and the set-based one (recordResultsMany). The product
   * code, which needs a lookup, is added by recordResult.
   */
  private resultColumns(unit: UnitRow, kind: Exclude<ResultKind, 'receipt'>, occurredAt: Date, data: object): Record<string, unknown> {
    switch (kind) {
      case 'processing': {
        const d = data as ProcessingData;
        const flags = unit.receipt_flags.filter((f) => f !== 'tnc_below_minimum');
        if (d.tncCount < this.settings.config.ACCEPT_MIN_TNC) flags.push('tnc_below_minimum');
        return {
          processed_at: new Date(d.processedAt), volume_ml: d.volumeMl, tnc_count: d.tncCount, cd34_count: d.cd34Count, viability_pct: d.viabilityPct,
          cfu_count: d.cfuCount ?? null, nrbc_count: d.nrbcCount ?? null, processing_method: d.method ?? null, receipt_flags: flags,
        };
      }
      case 'hla': {
        const d = data as HlaData;
        return { hla: d.loci, hla_resolution: d.resolution, hla_method: d.method ?? null, hla_typed_at: occurredAt };
      }
      case 'abo': {
        const d = data as AboData;
        return { abo: d.abo, rh: d.rh, abo_typed_at: occurredAt };
      }
      case 'sterility': {
        const d = data as SterilityData;
        return { sterility_aerobic: d.aerobic, sterility_anaerobic: d.anaerobic, sterility_organism: d.organism ?? null, sterility_resulted_at: occurredAt };
      }
    }
  }

  /**
   * Writes recorded data of a unit that may be `available`. When the new values break a physical
   * release precondition (the CHECK cord_blood_units_available_preconditions), the unit goes on hold
   * in the same UPDATE; when they break another criterion, it goes on hold right after.
   */
  async applyChange(tx: Tx, unit: UnitRow, set: Record<string, unknown>, audit: AuditContext, cause: string): Promise<UnitRow> {
    const next = { ...unit, ...set } as UnitRow;
    const broken = unit.status === 'available' ? physicalBlockers(next) : [];
    if (broken.length) {
      return this.transition(tx, unit.din, 'on_hold', { ...audit, reason: [audit.reason, `${cause}: put on hold — ${broken.join('; ')}`].filter(Boolean).join('; ') }, set);
    }
    await tx.audit(audit);
    const row = await this.update(tx, unit.din, set);
    return this.holdIfNoLongerReleasable(tx, row, cause);
  }

  /** Writes recorded data (never status) in the caller's transaction, after its tx.audit(...). */
  async update(tx: Tx, din: string, set: Record<string, unknown>): Promise<UnitRow> {
    const cols = Object.keys(set);
    for (const c of cols) if (!/^[a-z_0-9]+$/.test(c) || c === 'status') throw new Error(`bad column ${c}`);
    const row = await tx.one<UnitRow>(
      `UPDATE cord_blood_units SET ${[...cols.map((c, i) => `${c} = $${i + 2}`), 'updated_at = now()'].join(', ')} WHERE din = $1 RETURNING *`,
      [din, ...cols.map((c) => set[c])],
    );
    if (!row) throw notFound('Unit', din);
    return row;
  }

  /** An available unit that no longer meets its release criteria must not stay available: it goes on hold. */
  async holdIfNoLongerReleasable(tx: Tx, unit: UnitRow, cause: string): Promise<UnitRow> {
    if (unit.status !== 'available') return unit;
    const blockers = await this.releaseBlockers(tx, unit);
    if (blockers.length === 0) return unit;
    return this.transition(tx, unit.din, 'on_hold', { action: 'unit.held', reason: `${cause}: ${blockers.join('; ')}`, signature: null });
  }

  /**
   * Whether a result of `kind` for this locked unit is recorded by recordResultsMany exactly as
   * recordResult would record it, with no per-unit step: the unit takes results now (no receipt, no
   * waiting for the receipt or for QA's acceptance, no received → processed transition), and a
   * processing result names no product code, supply lots, equipment or exceptions (lookups and links
   * of their own). Anything else goes through recordResult.
   */
  static takesResultSetBased(unit: UnitRow, kind: ResultKind, data: object): boolean {
    if (kind === 'receipt' || !RESULT_STATES.includes(unit.status)) return false;
    if (kind !== 'processing') return true;
    const d = data as ProcessingData;
    return unit.status !== 'received' && unit.acceptance_status !== 'pending' && !d.productCode && !d.supplyLots?.length && !d.equipment?.length && !d.exceptionIds?.length;
  }

  /**
   * recordResult for many units at once, each with one result of `kind` (a batch of lab events,
   * issue 19), in the caller's transaction, the units already locked (lockMany) and each passing
   * takesResultSetBased. The results are stored in ONE INSERT (each applied when not older than the
   * unit's newest applied one of its kind) and the applied ones written to their units in ONE
   * UPDATE, so the per-statement audit triggers append every unit's entries in one pass; what must
   * stay per unit stays so: an available unit the new values would break a physical precondition
   * for goes on hold with them (as applyChange), and one that no longer meets its release criteria
   * goes on hold after (holdIfNoLongerReleasable). Each unit's chain gets the entries recordResult
   * would have given it, in the same order. Returns whether each unit's result was applied.
   */
  async recordResultsMany(
    tx: Tx,
    kind: Exclude<ResultKind, 'receipt'>,
    items: { unit: UnitRow; occurredAt: Date; data: object; labEventId: string; performedBy: string | null }[],
  ): Promise<Map<string, boolean>> {
    const applied = new Map<string, boolean>();
    if (items.length === 0) return applied;
    if (new Set(items.map((i) => i.unit.din)).size !== items.length) throw new Error('recordResultsMany takes one result per unit');
    for (const i of items) if (!UnitsService.takesResultSetBased(i.unit, kind, i.data)) throw new Error(`unit ${i.unit.din} does not take a ${kind} result set-based`);
    const action = `lab_event.${EVENT_TYPE_OF[kind]}`;
    const audit: AuditContext = { action, reason: null, signature: null };
    await tx.audit(audit);
    const stored = await tx.query<{ din: string; applied: boolean }>(RECORD_RESULTS_SQL, [
      kind,
      JSON.stringify(items.map((i) => ({ din: i.unit.din, occurred_at: i.occurredAt, data: i.data, lab_event_id: i.labEventId, performed_by: i.performedBy }))),
    ]);
    for (const r of stored) applied.set(r.din, r.applied);
    const cause = `${EVENT_TYPE_OF[kind]} result`;
    const plain: { din: string; set: Record<string, unknown> }[] = [];
    const broken: { unit: UnitRow; set: Record<string, unknown>; blockers: string[] }[] = [];
    for (const i of items) {
      if (!applied.get(i.unit.din)) continue;
      const set = this.resultColumns(i.unit, kind, i.occurredAt, i.data);
      const blockers = i.unit.status === 'available' ? physicalBlockers({ ...i.unit, ...set } as UnitRow) : [];
      if (blockers.length) broken.push({ unit: i.unit, set, blockers });
      else plain.push({ din: i.unit.din, set });
    }
    let rows: UnitRow[] = [];
    if (plain.length) {
      const cols = Object.keys(plain[0].set);
      for (const c of cols) if (!/^[a-z_0-9]+$/.test(c) || c === 'status') throw new Error(`bad column ${c}`);
      rows = await tx.query<UnitRow>(
        `UPDATE cord_blood_units u SET ${[...cols.map((c) => `${c} = (x.r).${c}`), 'updated_at = now()'].join(', ')}
           FROM (SELECT e.k, e.v ->> 'din' AS din, jsonb_populate_record(NULL::cord_blood_units, e.v -> 'set') AS r
                   FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, k)) x
          WHERE u.din = x.din
          RETURNING u.*`,
        [JSON.stringify(plain)],
      );
      if (rows.length !== plain.length) throw new Error('recordResultsMany: a locked unit was not updated');
    }
    // the steps that stay per unit, each under its own audit context (as in its own transaction)
    for (const b of broken) {
      await this.transition(tx, b.unit.din, 'on_hold', { action, reason: `${cause}: put on hold — ${b.blockers.join('; ')}`, signature: null }, b.set);
    }
    // holdIfNoLongerReleasable for the available ones, their blockers read in one query per extension
    const available = rows.filter((r) => r.status === 'available');
    const blockers = await this.releaseBlockersMany(tx, available);
    for (const row of available) {
      const unmet = blockers.get(row.din)!;
      if (unmet.length) await this.transition(tx, row.din, 'on_hold', { action: 'unit.held', reason: `${cause}: ${unmet.join('; ')}`, signature: null });
    }
    return applied;
  }

  /**
   * Locks the units' rows in DIN order (deadlock-free between acts over many units); absent DINs are
   * simply missing. With `skipLocked`, units another transaction holds right now are missing too
   * (never waited for): the caller handles them another way.
   */
  async lockMany(tx: Tx, dins: string[], opts: { skipLocked?: boolean } = {}): Promise<Map<string, UnitRow>> {
    const rows = await tx.query<UnitRow>(`SELECT * FROM cord_blood_units WHERE din = ANY($1::text[]) ORDER BY din FOR UPDATE${opts.skipLocked ? ' SKIP LOCKED' : ''}`, [dins]);
    return new Map(rows.map((r) => [r.din, r]));
  }

  /** Locks the unit's row for the rest of the transaction (serialises acts on one unit); 404 if unknown. */
  async lock(tx: Tx, din: string): Promise<UnitRow> {
    const row = await tx.one<UnitRow>(`SELECT * FROM cord_blood_units WHERE din = $1 FOR UPDATE`, [din]);
    if (!row) throw notFound('Unit', din);
    return row;
  }

  /** The unit's row without a lock (a read for another feature's view); undefined when unknown. */
  async find(din: string, db: Db | Tx = this.db): Promise<UnitRow | undefined> {
    return db.one<UnitRow>(`SELECT * FROM cord_blood_units WHERE din = $1`, [din]);
  }

  /** Whether a unit with this DIN exists (e.g. a DIN drawn from a counter that a pre-printed kit used). */
  async exists(db: Db | Tx, din: string): Promise<boolean> {
    return !!(await db.one(`SELECT 1 FROM cord_blood_units WHERE din = $1`, [din]));
  }

  /**
   * Creates the unit row of a new collection (status `collected`) in the caller's transaction, after
   * its tx.audit(...). The DIN is the primary key: a DIN used before is refused by the database (409).
   */
  async create(tx: Tx, unit: { din: string; dinCheck: string; donorId: string; bankingType: string }): Promise<void> {
    await tx.query(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type) VALUES ($1, $2, $3, $4)`, [unit.din, unit.dinCheck, unit.donorId, unit.bankingType]);
  }

  /**
   * A handover of the unit (FACT-NetCord chain of custody; 21 CFR 1271.290): appends the custody
   * event (custody owns the chain) and makes `to` the unit's custodian, in the caller's transaction.
   * The caller holds the unit's row lock, so the sequence and the custodian can not race.
   */
  async handOver(tx: Tx, din: string, input: CustodyInput): Promise<{ id: string; seq: number }> {
    const event = await this.custody.record(tx, din, input);
    await tx.query(`UPDATE cord_blood_units SET custodian = $2, custodian_since = $3, updated_at = now() WHERE din = $1`, [din, input.to, input.handedOverAt]);
    return event;
  }

  /**
   * The unit's storage position, as storage decides it (storage owns the positions; the unit row is
   * written here). `from` is the position the caller saw under the unit's lock (null: not stored);
   * `to` null takes the unit out. One UPDATE, so the unit is never in two positions or lost between
   * them; the unique constraint on position_id decides a race for a position (the caller maps it).
   * False when the unit was no longer at `from`.
   */
  async setPosition(tx: Tx, din: string, from: string | null, to: string | null): Promise<boolean> {
    const done =
      from === null
        ? await tx.query(`UPDATE cord_blood_units SET position_id = $2, stored_at = now(), updated_at = now() WHERE din = $1 AND position_id IS NULL RETURNING din`, [din, to])
        : to === null
          ? await tx.query(`UPDATE cord_blood_units SET position_id = NULL, stored_at = NULL, updated_at = now() WHERE din = $1 AND position_id = $2 RETURNING din`, [din, from])
          : await tx.query(`UPDATE cord_blood_units SET position_id = $2, updated_at = now() WHERE din = $1 AND position_id = $3 RETURNING din`, [din, to, from]);
    return done.length === 1;
  }

  /**
   * The only place that writes a unit's status. The database checks the transition (CBT01 → 409
   * naming the allowed ones); `set` writes other columns in the same UPDATE (e.g. discard_reason).
   */
  async transition(tx: Tx, din: string, to: UnitStatus, audit: AuditContext, set: Record<string, unknown> = {}): Promise<UnitRow> {
    const cols = Object.keys(set);
    for (const c of cols) if (!/^[a-z_0-9]+$/.test(c) || c === 'status') throw new Error(`bad column ${c}`);
    await tx.audit(audit);
    const assignments = ['status = $2', 'updated_at = now()', ...cols.map((c, i) => `${c} = $${i + 3}`)];
    const row = await tx.one<UnitRow>(
      `UPDATE cord_blood_units SET ${assignments.join(', ')} WHERE din = $1 RETURNING *`,
      [din, to, ...cols.map((c) => set[c])],
    );
    if (!row) throw notFound('Unit', din);
    // e.g. lab results waiting for this state apply now, in this transaction (UnitExtension.afterTransition)
    if (await this.extensions.transitioned(tx, row)) return (await tx.one<UnitRow>(`SELECT * FROM cord_blood_units WHERE din = $1`, [din]))!;
    return row;
  }

  /**
   * The set-based form of `transition`, for acts over many units (a look-back's hold, DESIGN.md
   * section 9): locks the units in DIN order (so two such acts can not deadlock each other), moves
   * those whose status is one of `from` to `to` in ONE UPDATE (the database checks each transition
   * and each unit's audit entry is written by the row trigger, in this transaction), then runs the
   * extensions' after-transition hooks for the set. Units in another status are left as they are and
   * returned in `skipped` with their status. A unit that another transaction holds locked is waited
   * for; once it commits, its new status decides (READ COMMITTED re-reads the row under the lock).
   */
  async transitionMany(tx: Tx, dins: string[], to: UnitStatus, from: UnitStatus[], audit: AuditContext): Promise<{ moved: { din: string; from: UnitStatus }[]; skipped: { din: string; status: UnitStatus }[] }> {
    if (dins.length === 0) return { moved: [], skipped: [] };
    const locked = [...(await this.lockMany(tx, dins)).values()];
    const movable = locked.filter((u) => from.includes(u.status));
    const skipped = locked.filter((u) => !from.includes(u.status));
    if (movable.length === 0) return { moved: [], skipped };
    await tx.audit(audit);
    await tx.query(`UPDATE cord_blood_units SET status = $2, updated_at = now() WHERE din = ANY($1::text[])`, [movable.map((u) => u.din), to]);
    await this.extensions.transitionedMany(tx, movable.map((u) => ({ din: u.din, status: to })));
    return { moved: movable.map((u) => ({ din: u.din, from: u.status })), skipped };
  }

  /**
   * FACT-NetCord release criteria: what still stands between the unit and `available` (or keeps it
   * from staying there): processing, sterility, HLA for public units, storage, and what other
   * features add (donor eligibility and consent, reviewed excursions).
   */
  async releaseBlockers(tx: Tx | Db, unit: UnitRow): Promise<string[]> {
    return (await this.releaseBlockersMany(tx, [unit])).get(unit.din)!;
  }

  /** releaseBlockers for many units, one query per extension, keyed by DIN; the same lists as one by one. */
  async releaseBlockersMany(tx: Tx | Db, units: UnitRow[]): Promise<Map<string, string[]>> {
    const out = new Map(units.map((u) => [u.din, unitCriteriaUnmet(u)]));
    if (units.length === 0) return out;
    const dins = units.map((u) => u.din);
    for (const ext of this.extensions.all()) {
      if (!ext.releaseBlockers) continue;
      const more = await ext.releaseBlockers(tx, dins);
      for (const din of dins) out.get(din)!.push(...(more.get(din) ?? []));
    }
    return out;
  }

  /**
   * `GET /units/:din`: the whole unit, read by ONE statement (the unit row, its donor number and
   * collection, the results in force and every extension's part, composed once: `viewStatements`),
   * with the release check from the one rule that decides it (the console shows it, never recomputes it).
   */
  async view(din: string): Promise<Record<string, unknown>> {
    const { one } = this.viewStatements();
    const read = await this.db.one<{ view: Record<string, unknown> }>(one, [din]);
    if (!read) throw notFound('Unit', din);
    const row = viewRow(read.view);
    const { meta, extra } = this.viewParts([row]);
    const unmet = unitCriteriaUnmet(row);
    for (const [i, part] of this.viewStatements().parts.entries()) if (part.blockers) unmet.push(...part.blockers(row[`view_part_${i}`] ?? null, row));
    return { ...this.compose([row], { meta, extra })[0], releaseCheck: { ready: unmet.length === 0, unmet } };
  }

  /** Unit rows as list items (`GET /units`, a write's answer): the same parts as the view, in one statement for all of them. */
  async views(rows: UnitRow[], db: Db | Tx = this.db): Promise<Record<string, unknown>[]> {
    if (rows.length === 0) return [];
    const read = (await db.query<{ view: Record<string, unknown> }>(this.viewStatements().many, [rows.map((r) => r.din)])).map((r) => viewRow(r.view));
    // the caller's rows are the base (a write's answer shows the row it wrote); the parts are read by DIN
    const { meta, extra } = this.viewParts(read);
    return this.compose(rows, { meta, extra });
  }

  private statements?: { one: string; many: string; parts: UnitViewPart[] };

  /**
   * The view's statement, composed once (the extensions have registered by the first request): the
   * unit row, `metaColumns`, the results in force (21 CFR 1271.270(a)) and each extension's part as
   * a column `view_part_<i>`, in the extensions' order. An extension that blocks release without
   * saying so to the view is a wiring error: the view would show a unit ready that the gate refuses.
   */
  private viewStatements(): { one: string; many: string; parts: UnitViewPart[] } {
    if (this.statements) return this.statements;
    const exts = this.extensions.all();
    const unpaired = exts.filter((e) => !e.releaseBlockers !== !e.view?.blockers).map((e) => e.name);
    if (unpaired.length) throw new Error(`unit extensions ${unpaired.join(', ')} must give both releaseBlockers and view.blockers (the gate and the view's release check are one rule)`);
    const parts = exts.flatMap((e) => (e.view ? [e.view] : []));
    const select = `SELECT u.*, ${metaColumns('meta_')}, ${RESULT_RECORDS_PART} AS view_results${parts.map((p, i) => `,\n  ${p.sql} AS view_part_${i}`).join('')}\n${META_FROM}`;
    // one json value per unit (see UNIT_TIMESTAMP_COLUMNS)
    const asJson = (where: string) => `SELECT to_json(v) AS view FROM (${select} WHERE ${where}) v`;
    this.statements = { one: asJson('u.din = $1'), many: asJson('u.din = ANY($1::text[])'), parts };
    return this.statements;
  }

  /** The donor number and collection, and what the parts add, of each row the view statement read. */
  private viewParts(rows: ViewRow[]): { meta: Map<string, UnitMeta>; extra: Map<string, Record<string, unknown>> } {
    const { parts } = this.viewStatements();
    const meta = new Map<string, UnitMeta>();
    const extra = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      meta.set(row.din, { din: row.din, donor_number: row.meta_donor_number, collection: row.meta_collection });
      const fields: Record<string, unknown> = row.view_results ? { resultRecords: row.view_results } : {};
      for (const [i, part] of parts.entries()) if (part.fields) Object.assign(fields, part.fields(row[`view_part_${i}`] ?? null, row));
      extra.set(row.din, fields);
    }
    return { meta, extra };
  }

  private compose(rows: UnitRow[], { meta: byDin, extra }: { meta: Map<string, UnitMeta>; extra: Map<string, Record<string, unknown>> }): Record<string, unknown>[] {
    return rows.map((u) => ({
      din: u.din,
      dinCheck: u.din_check,
      status: u.status,
      holdFromStatus: u.hold_from_status,
      allowedTransitions: allowedFrom(u.status, u.hold_from_status),
      bankingType: u.banking_type,
      donorId: u.donor_id,
      donorNumber: byDin.get(u.din)?.donor_number ?? null,
      collection: byDin.get(u.din)?.collection ?? null,
      receipt: u.received_at
        ? { receivedAt: iso(u.received_at), temperatureOk: u.receipt_temperature_ok, containerIntact: u.receipt_container_intact, contaminationSuspected: u.receipt_contamination_suspected, notes: u.receipt_notes }
        : null,
      acceptanceFlags: u.receipt_flags,
      acceptance: u.acceptance_status
        ? { status: u.acceptance_status, decidedAt: iso(u.acceptance_decided_at), decidedBy: u.acceptance_decided_by ? { id: u.acceptance_decided_by, name: u.acceptance_decider_name } : null, reason: u.acceptance_reason }
        : null,
      processing: u.processed_at
        ? {
            processedAt: iso(u.processed_at),
            volumeMl: num(u.volume_ml),
            tncCount: num(u.tnc_count),
            cd34Count: num(u.cd34_count),
            viabilityPct: num(u.viability_pct),
            cfuCount: num(u.cfu_count),
            nrbcCount: num(u.nrbc_count),
            method: u.processing_method,
          }
        : null,
      abo: u.abo,
      rh: u.rh,
      hla: u.hla ? { ...u.hla, resolution: u.hla_resolution, method: u.hla_method, typedAt: iso(u.hla_typed_at) } : null,
      sterility: u.sterility_resulted_at
        ? { aerobic: u.sterility_aerobic, anaerobic: u.sterility_anaerobic, organism: u.sterility_organism, resultedAt: iso(u.sterility_resulted_at) }
        : null,
      position: null,
      custodian: u.custodian ? { name: u.custodian, since: iso(u.custodian_since) } : null,
      excursions: [],
      reservation: null,
      discardReason: u.discard_reason,
      rejectionReason: u.rejection_reason,
      createdAt: iso(u.created_at),
      updatedAt: iso(u.updated_at),
      ...(extra.get(u.din) ?? {}),
    }));
  }

  /** Refuses an act on a unit that is not in one of `statuses` (409 naming its state). */
  static expectStatus(unit: UnitRow, statuses: UnitStatus[], act: string): void {
    if (!statuses.includes(unit.status)) {
      throw new DomainError('CONFLICT', `Unit ${unit.din} is ${unit.status}; ${act} needs it ${statuses.join(' or ')}`, { unitStatus: unit.status });
    }
  }
}
