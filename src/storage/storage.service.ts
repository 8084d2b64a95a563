import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { parseDin } from '../common/din';
import { DomainError, notFound, validationFailed } from '../common/domain-error';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { isUuid } from '../common/pipes';
import { RuntimeSettings } from '../config/runtime';
import { CustodyService } from '../custody/custody.service';
import { AuditContext, Db, Tx } from '../database/db.service';
import { AuthService } from '../auth/auth.service';
import { UnitsService, type UnitRow } from '../units/units.service';
import type {
  BoxView,
  CreateFreezerDto,
  ExcursionPage,
  ExcursionsQuery,
  ExcursionUnitView,
  ExcursionView,
  FreePositionsPage,
  FreePositionsQuery,
  FreezerDetailView,
  FreezerPage,
  FreezersQuery,
  FreezerView,
  PositionView,
  ReadingsPage,
  ReadingView,
  RecordedReadingView,
  ReviewExcursionDto,
  StoreUnitDto,
  TemperaturesQuery,
  UpdateFreezerDto,
} from './dto/storage.dto';
import { isPositionTaken, outOfService, positionTaken } from './storage.errors';
import {
  RETRIEVABLE_STATES,
  RETRIEVAL_REASONS,
  STORABLE_STATES,
  canRetrieve,
  excursionStep,
  freezerParty,
  isBoxLabel,
  isFreezerCode,
  isPositionLabel,
  layoutErrors,
  rowLetter,
  type RetrievalReason,
} from './storage.rules';

interface FreezerRow {
  id: string;
  seq: number;
  code: string;
  name: string;
  type: FreezerView['type'];
  max_temperature_c: string;
  racks: number;
  boxes_per_rack: number;
  rows_per_box: number;
  columns_per_box: number;
  capacity: string;
  in_service: boolean;
  service_changed_at: Date | null;
  service_reason: string | null;
  open_excursion_id: string | null;
  created_at: Date;
}

interface PositionRow {
  id: string;
  label: string;
  row_no: number;
  col_no: number;
  box_id: string;
  rack_id: string;
  rack_no: number;
  box_no: number;
  freezer_id: string;
  freezer_seq: number;
  code: string;
  name: string;
  in_service: boolean;
}

interface ExcursionRow {
  id: string;
  freezer_id: string;
  code: string;
  name: string;
  started_at: Date;
  ended_at: Date | null;
  limit_c: string;
  retrospective: boolean;
  peak: string | null;
  above_count: number;
  unit_count: number;
  unreviewed_count: number;
}

interface UnitExcursionRow {
  excursion_id: string;
  din: string;
  din_check: string;
  status: string;
  position_label: string | null;
  recorded_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  review_outcome: 'acceptable' | 'unacceptable' | null;
  review_reason: string | null;
  review_meaning: string | null;
  review_corrective_action: string | null;
}

/** What recordTemperature did (for the lab-events feature and the staff endpoint). */
export interface TemperatureResult {
  readingId: string;
  freezerId: string;
  aboveLimit: boolean;
  excursion: { id: string | null; effect: 'opened' | 'continued' | 'closed' | 'extended' | 'recorded_retrospectively' | 'within_existing' | 'none' };
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

const POSITION_SELECT = `
  SELECT p.id, p.label, p.row_no, p.col_no, b.id AS box_id, b.rack_id, b.rack_no, b.box_no,
         f.id AS freezer_id, f.seq AS freezer_seq, f.code, f.name, f.in_service
    FROM storage_positions p
    JOIN storage_boxes b ON b.id = p.box_id
    JOIN freezers f ON f.id = b.freezer_id`;

const EXCURSION_SELECT = `
  SELECT e.id, e.freezer_id, f.code, f.name, e.started_at, e.ended_at, e.limit_c, e.retrospective,
         r.peak, r.above_count, c.unit_count, c.unreviewed_count
    FROM freezer_excursions e
    JOIN freezers f ON f.id = e.freezer_id
    LEFT JOIN LATERAL (
      SELECT max(t.temperature_c) AS peak, count(*)::int AS above_count
        FROM freezer_temperature_readings t
       WHERE t.freezer_id = e.freezer_id AND t.above_limit AND t.read_at >= e.started_at
         AND (e.ended_at IS NULL OR t.read_at <= e.ended_at)) r ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS unit_count, count(*) FILTER (WHERE ue.reviewed_at IS NULL)::int AS unreviewed_count
        FROM unit_excursions ue WHERE ue.excursion_id = e.id) c ON true`;

/** Units recorded per INSERT when an excursion opens (keeps each statement short in a 100,000-unit freezer). */
const EXCURSION_BATCH = 2000;

/** Readings may come from the future by clock skew only. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** A unit's excursions that block its release (also run by bench/ingest.ts's raw-pg side). */
export const EXCURSION_BLOCKERS_SQL = `SELECT e.id, f.code, e.started_at, e.ended_at, ue.review_outcome
         FROM unit_excursions ue JOIN freezer_excursions e ON e.id = ue.excursion_id JOIN freezers f ON f.id = e.freezer_id
        WHERE ue.din = $1 AND (ue.reviewed_at IS NULL OR ue.review_outcome = 'unacceptable')
        ORDER BY e.started_at`;

/**
 * Cryostorage: freezers and their layout, storing, moving and retrieving units, occupancy,
 * temperatures and excursions (FACT-NetCord storage; 21 CFR 1271.260 storage and 1271.290 tracking).
 * Every change to a unit runs in one transaction with its audit entries (Part 11.10(e)) and its
 * custody event; one unit per position is decided by the database, never by a read in Node.
 */
@Injectable()
export class StorageService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly custody: CustodyService,
    private readonly auth: AuthService,
    private readonly settings: RuntimeSettings,
  ) {}

  // ---- freezers ---------------------------------------------------------------------------------

  /**
   * Creates a freezer with all its racks, boxes and positions in one transaction: four set-based
   * INSERT … SELECT generate_series statements, however large the layout (at most 100,000 positions).
   * The code (F01, F02 …) follows creation order without gaps (an advisory lock serialises creations).
   */
  async createFreezer(actor: Actor, dto: CreateFreezerDto): Promise<FreezerDetailView> {
    const errors = layoutErrors(dto);
    if (errors.length) throw validationFailed(errors);
    const id = await this.db.tx(
      actor,
      async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('freezers.seq'))`);
        const f = await tx.one<{ id: string; seq: number }>(
          `INSERT INTO freezers (seq, name, type, max_temperature_c, racks, boxes_per_rack, rows_per_box, columns_per_box)
           VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM freezers), $1, $2, $3, $4, $5, $6, $7)
           RETURNING id, seq`,
          [dto.name.trim(), dto.type, dto.maxTemperatureC ?? -150, dto.racks, dto.boxesPerRack, dto.rows, dto.columns],
        );
        await tx.query(
          `INSERT INTO storage_racks (freezer_id, rack_no, label)
           SELECT f.id, r, f.code || '-R' || storage_num(r) FROM freezers f, generate_series(1, f.racks) r WHERE f.id = $1`,
          [f!.id],
        );
        await tx.query(
          `INSERT INTO storage_boxes (freezer_id, rack_id, freezer_seq, rack_no, box_no, label, capacity)
           SELECT f.id, rk.id, f.seq, rk.rack_no, b, rk.label || '-B' || storage_num(b), f.rows_per_box * f.columns_per_box
             FROM freezers f JOIN storage_racks rk ON rk.freezer_id = f.id, generate_series(1, f.boxes_per_rack) b
            WHERE f.id = $1`,
          [f!.id],
        );
        await tx.query(
          `INSERT INTO storage_positions (box_id, freezer_id, row_no, col_no, label)
           SELECT bx.id, f.id, r, c, bx.label || '-' || chr(64 + r) || c
             FROM freezers f JOIN storage_boxes bx ON bx.freezer_id = f.id,
                  generate_series(1, f.rows_per_box) r, generate_series(1, f.columns_per_box) c
            WHERE f.id = $1`,
          [f!.id],
        );
        return f!.id;
      },
      { audit: { action: 'freezer.created' } },
    );
    return this.getFreezer(id);
  }

  /** The freezer list with occupancy, in creation order. Used counts come from the per-freezer counters the storage trigger keeps. */
  async listFreezers(q: FreezersQuery): Promise<FreezerPage> {
    const filter = q.inService === undefined ? null : q.inService;
    const [rows, count] = await Promise.all([
      this.db.query<FreezerRow & { used: number; exc_started_at: Date | null; last_temp: string | null; last_read_at: Date | null }>(
        `${this.freezerSelect()} WHERE ($1::boolean IS NULL OR f.in_service = $1) ORDER BY f.seq LIMIT $2 OFFSET $3`,
        [filter, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM freezers WHERE ($1::boolean IS NULL OR in_service = $1)`, [filter]),
    ]);
    return { items: rows.map((r) => this.freezerView(r)), page: q.page, pageSize: q.pageSize, total: count?.n ?? 0 };
  }

  /** One freezer with occupancy per rack and per box. */
  async getFreezer(ref: string): Promise<FreezerDetailView> {
    const f = await this.resolveFreezer(this.db, ref);
    const row = await this.db.one<FreezerRow & { used: number; exc_started_at: Date | null; last_temp: string | null; last_read_at: Date | null }>(
      `${this.freezerSelect()} WHERE f.id = $1`,
      [f.id],
    );
    const boxes = await this.db.query<{ id: string; rack_id: string; rack_label: string; rack_no: number; box_no: number; label: string; capacity: number; used_count: number }>(
      `SELECT b.id, b.rack_id, rk.label AS rack_label, b.rack_no, b.box_no, b.label, b.capacity, b.used_count
         FROM storage_boxes b JOIN storage_racks rk ON rk.id = b.rack_id
        WHERE b.freezer_id = $1 ORDER BY b.rack_no, b.box_no`,
      [f.id],
    );
    const racks: FreezerDetailView['racks'] = [];
    for (const b of boxes) {
      let rack = racks[racks.length - 1];
      if (!rack || rack.id !== b.rack_id) {
        rack = { id: b.rack_id, label: b.rack_label, rack: b.rack_no, capacity: 0, used: 0, free: 0, boxes: [] };
        racks.push(rack);
      }
      rack.capacity += b.capacity;
      rack.used += b.used_count;
      rack.free += b.capacity - b.used_count;
      rack.boxes.push({ id: b.id, label: b.label, box: b.box_no, capacity: b.capacity, used: b.used_count, free: b.capacity - b.used_count });
    }
    return { ...this.freezerView(row!), racks };
  }

  /**
   * Renames a freezer or takes it out of service (no unit can be stored in it; the units in it
   * stay and can be moved or retrieved, its readings and excursions stay) or back into service.
   * Audited on the freezer's own chain with the reason.
   */
  async updateFreezer(actor: Actor, ref: string, dto: UpdateFreezerDto): Promise<FreezerDetailView> {
    if (dto.name === undefined && dto.inService === undefined) {
      throw validationFailed([{ field: '(body)', message: 'give name and/or inService' }]);
    }
    if (dto.inService !== undefined && !dto.reason) {
      throw validationFailed([{ field: 'reason', message: 'a reason is required to take a freezer out of or back into service' }]);
    }
    const id = await this.db.tx(actor, async (tx) => {
      const f = await this.resolveFreezer(tx, ref, true);
      const action =
        dto.inService === false && f.in_service ? 'freezer.out_of_service' : dto.inService === true && !f.in_service ? 'freezer.returned_to_service' : 'freezer.updated';
      await tx.audit({ action, reason: dto.reason ?? null });
      await tx.query(
        `UPDATE freezers SET
            name = coalesce($2, name),
            service_changed_at = CASE WHEN $3::boolean IS NOT NULL AND $3 <> in_service THEN now() ELSE service_changed_at END,
            service_reason = CASE WHEN $3::boolean IS NOT NULL AND $3 <> in_service THEN $4 ELSE service_reason END,
            in_service = coalesce($3, in_service),
            updated_at = now()
          WHERE id = $1`,
        [f.id, dto.name?.trim() ?? null, dto.inService ?? null, dto.reason ?? null],
      );
      return f.id;
    });
    return this.getFreezer(id);
  }

  // ---- boxes and positions -------------------------------------------------------------------

  /** The box grid: every position, row by row, with the unit in it (DIN, status). */
  async getBox(ref: string): Promise<BoxView> {
    const byLabel = !isUuid(ref);
    if (byLabel && !isBoxLabel(ref)) throw notFound('Box', ref);
    const box = await this.db.one<{
      id: string; label: string; rack_id: string; rack_no: number; box_no: number; capacity: number; used_count: number;
      freezer_id: string; code: string; name: string; in_service: boolean; rows_per_box: number; columns_per_box: number;
    }>(
      `SELECT b.id, b.label, b.rack_id, b.rack_no, b.box_no, b.capacity, b.used_count,
              f.id AS freezer_id, f.code, f.name, f.in_service, f.rows_per_box, f.columns_per_box
         FROM storage_boxes b JOIN freezers f ON f.id = b.freezer_id
        WHERE ${byLabel ? 'b.label = upper($1)' : 'b.id = $1::uuid'}`,
      [ref],
    );
    if (!box) throw notFound('Box', ref);
    const positions = await this.db.query<{ id: string; label: string; row_no: number; col_no: number; din: string | null; din_check: string | null; status: string | null }>(
      `SELECT p.id, p.label, p.row_no, p.col_no, u.din, u.din_check, u.status
         FROM storage_positions p LEFT JOIN cord_blood_units u ON u.position_id = p.id
        WHERE p.box_id = $1 ORDER BY p.row_no, p.col_no`,
      [box.id],
    );
    return {
      id: box.id,
      label: box.label,
      freezer: { id: box.freezer_id, code: box.code, name: box.name, inService: box.in_service },
      rackId: box.rack_id,
      rack: box.rack_no,
      box: box.box_no,
      rows: box.rows_per_box,
      columns: box.columns_per_box,
      capacity: box.capacity,
      used: box.used_count,
      free: box.capacity - box.used_count,
      positions: positions.map((p) => ({
        id: p.id,
        label: p.label,
        row: p.row_no,
        rowLabel: rowLetter(p.row_no),
        column: p.col_no,
        unit: p.din ? { din: p.din, dinCheck: p.din_check!, status: p.status! } : null,
      })),
    };
  }

  /**
   * Free positions in the stable order freezer (creation order), rack, box, row, column, from
   * in-service freezers only. Full boxes are skipped by their counters, so the answer stays fast
   * however full the bank is.
   */
  async freePositions(q: FreePositionsQuery): Promise<FreePositionsPage> {
    let freezerId: string | null = null;
    if (q.freezerId) {
      const f = await this.resolveFreezer(this.db, q.freezerId);
      if (!f.in_service) return { items: [], nextCursor: null };
      freezerId = f.id;
    }
    let c: number[] | null = null;
    if (q.cursor) {
      const d = decodeCursor(q.cursor);
      if (!d || d.length !== 5 || !d.every((x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < 1e6)) {
        throw new DomainError('VALIDATION_FAILED', 'cursor is not one this service issued', { errors: [{ field: 'cursor', message: 'invalid cursor' }] });
      }
      c = d as number[];
    }
    const rows = await this.db.query<PositionRow>(
      `WITH boxes AS MATERIALIZED (
         SELECT b.id, b.freezer_seq, b.rack_no, b.box_no, b.rack_id
           FROM storage_boxes b JOIN freezers f ON f.id = b.freezer_id
          WHERE f.in_service AND b.used_count < b.capacity
            AND ($1::uuid IS NULL OR b.freezer_id = $1)
            AND ($3::int IS NULL OR (b.freezer_seq, b.rack_no, b.box_no) >= ($3, $4, $5))
          ORDER BY b.freezer_seq, b.rack_no, b.box_no
          LIMIT $2 + 1)
       SELECT p.id, p.label, p.row_no, p.col_no, b.id AS box_id, b.rack_id, b.rack_no, b.box_no,
              f.id AS freezer_id, f.seq AS freezer_seq, f.code, f.name, f.in_service
         FROM boxes b
         JOIN storage_positions p ON p.box_id = b.id
         JOIN freezers f ON f.seq = b.freezer_seq
        WHERE NOT EXISTS (SELECT 1 FROM cord_blood_units u WHERE u.position_id = p.id)
          AND ($3::int IS NULL OR (b.freezer_seq, b.rack_no, b.box_no, p.row_no, p.col_no) > ($3, $4, $5, $6, $7))
        ORDER BY b.freezer_seq, b.rack_no, b.box_no, p.row_no, p.col_no
        LIMIT $2 + 1`,
      [freezerId, q.limit, ...(c ?? [null, null, null, null, null])],
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((p) => this.positionView(p)),
      nextCursor: more && last ? encodeCursor([last.freezer_seq, last.rack_no, last.box_no, last.row_no, last.col_no]) : null,
    };
  }

  // ---- store, move, retrieve -----------------------------------------------------------------

  /** `POST /units/:din/storage`: stores the unit and answers the whole unit as `GET /units/:din` does. */
  async store(actor: Actor, din: string, dto: StoreUnitDto): Promise<Record<string, unknown>> {
    if (!!dto.positionId === !!dto.freezerId) {
      throw validationFailed([{ field: 'positionId', message: 'give exactly one of positionId or freezerId' }]);
    }
    return this.db.tx(actor, async (tx) => {
      await this.storeInTx(tx, din, dto);
      return this.unitView(tx, din);
    });
  }

  /**
   * Stores a unit in the caller's transaction (FACT-NetCord storage; 21 CFR 1271.260): in the given
   * position, or in the first free position of the given freezer in the stable order. The position is
   * taken by one UPDATE of the unit's `position_id`; the unique constraint decides a race (409
   * POSITION_TAKEN), and for a freezer the next free position is tried instead. Only a processed
   * (which becomes quarantine, DESIGN.md section 2), quarantine, available or on_hold unit can be
   * stored; the freezer must be in service. Records a custody event: the freezer holds the unit.
   */
  async storeInTx(tx: Tx, din: string, target: { positionId?: string; freezerId?: string }): Promise<PositionView> {
    const unit = await this.units.lock(tx, din);
    if (unit.position_id) {
      const at = await this.positionById(tx, unit.position_id);
      throw new DomainError('CONFLICT', `Unit ${din} is already stored at ${at.label}; move it instead`, { position: at.label });
    }
    if (!STORABLE_STATES.includes(unit.status)) {
      throw new DomainError('CONFLICT', `Unit ${din} is ${unit.status}; only a unit that is ${STORABLE_STATES.join(', ')} can be stored`, { unitStatus: unit.status });
    }
    let pos: PositionRow;
    if (target.positionId) {
      pos = await this.resolvePosition(tx, target.positionId);
      if (!pos.in_service) throw outOfService(pos.code, pos.name);
      await this.place(tx, unit, pos);
    } else {
      const f = await this.resolveFreezer(tx, target.freezerId ?? '');
      if (!f.in_service) throw outOfService(f.code, f.name);
      pos = await this.placeInFirstFree(tx, unit, f);
    }
    const at = await this.txNow(tx);
    await this.custody.record(tx, din, { kind: 'storage', to: freezerParty(pos.code, pos.name), location: pos.label, handedOverAt: at });
    return this.positionView(pos);
  }

  /** `POST /units/:din/move`: one UPDATE from the old position to the new, so the unit is never in two or none. */
  async move(actor: Actor, din: string, positionRef: string, reason: string): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      const unit = await this.units.lock(tx, din);
      if (!unit.position_id) throw new DomainError('CONFLICT', `Unit ${din} is not stored; store it instead`, { unitStatus: unit.status });
      const from = await this.positionById(tx, unit.position_id);
      const to = await this.resolvePosition(tx, positionRef);
      if (to.id === from.id) throw new DomainError('CONFLICT', `Unit ${din} is already at ${to.label}`);
      if (!to.in_service) throw outOfService(to.code, to.name);
      await tx.audit({ action: 'unit.moved', reason });
      try {
        const moved = await tx.query(`UPDATE cord_blood_units SET position_id = $2, updated_at = now() WHERE din = $1 AND position_id = $3 RETURNING din`, [din, to.id, from.id]);
        if (moved.length !== 1) throw new DomainError('CONFLICT', `Unit ${din} moved meanwhile; retry`);
      } catch (err) {
        if (isPositionTaken(err)) throw positionTaken(to.label);
        throw err;
      }
      await this.custody.record(tx, din, { kind: 'storage', to: freezerParty(to.code, to.name), location: to.label, handedOverAt: await this.txNow(tx) });
      const open = await tx.one<{ open_excursion_id: string | null }>(`SELECT open_excursion_id FROM freezers WHERE id = $1`, [to.freezer_id]);
      if (unit.status === 'available' && open?.open_excursion_id) {
        await this.units.transition(tx, din, 'on_hold', {
          action: 'unit.held',
          reason: `moved into freezer ${to.code} during temperature excursion ${open.open_excursion_id}: held until QA reviews it`,
        });
      }
      return this.unitView(tx, din);
    });
  }

  /** `POST /units/:din/retrieve`. */
  async retrieve(actor: Actor, din: string, reason: RetrievalReason, comment?: string): Promise<Record<string, unknown>> {
    return this.db.tx(actor, async (tx) => {
      await this.retrieveInTx(tx, din, reason, undefined, comment);
      return this.unitView(tx, din);
    });
  }

  /**
   * Takes a unit out of storage in the caller's transaction (the release-requests feature calls it
   * for shipping, with the unit's lock already held). Allowed by reason and status (see
   * RETRIEVABLE_STATES): an `available` unit is never retrieved, since the database requires a
   * position for it. The custody passes from the freezer to `custodyTo` (default: the laboratory).
   * The caller's audit context (action, reason, signature) is restored afterwards. `at`: the time of
   * the act that retrieves it when it carries its own (shipping's `dispatchedAt`, DESIGN.md section 7),
   * so the custody chain stays in time order; otherwise the database clock.
   */
  async retrieveInTx(tx: Tx, din: string, reason: RetrievalReason, custodyTo?: string, comment?: string, at?: Date): Promise<PositionView> {
    if (!RETRIEVAL_REASONS.includes(reason)) {
      throw validationFailed([{ field: 'reason', message: `must be one of ${RETRIEVAL_REASONS.join(', ')}` }]);
    }
    const unit = await this.units.lock(tx, din);
    if (!unit.position_id) throw new DomainError('CONFLICT', `Unit ${din} is not stored`, { unitStatus: unit.status });
    if (!canRetrieve(unit.status, reason)) {
      const hint = unit.status === 'available' ? ' (an available unit stays stored: put it on hold for testing, or reserve it for shipping)' : '';
      throw new DomainError('CONFLICT', `Unit ${din} is ${unit.status}; retrieval for ${reason} needs it ${RETRIEVABLE_STATES[reason].join(' or ')}${hint}`, { unitStatus: unit.status });
    }
    const from = await this.positionById(tx, unit.position_id);
    await tx.withAudit({ action: 'unit.retrieved', reason: comment ? `${reason}: ${comment}` : reason }, async () => {
      const done = await tx.query(`UPDATE cord_blood_units SET position_id = NULL, stored_at = NULL, updated_at = now() WHERE din = $1 AND position_id = $2 RETURNING din`, [din, from.id]);
      if (done.length !== 1) throw new DomainError('CONFLICT', `Unit ${din} moved meanwhile; retry`);
      await this.custody.record(tx, din, { kind: 'retrieval', to: custodyTo ?? this.laboratory(), location: from.label, handedOverAt: at ?? (await this.txNow(tx)) });
    });
    return this.positionView(from);
  }

  // ---- temperatures and excursions --------------------------------------------------------------

  /** `POST /storage/freezers/:id/temperatures`: a reading entered by staff. */
  async addReading(actor: Actor, ref: string, temperatureC: number, readAt?: string): Promise<RecordedReadingView> {
    return this.db.tx(actor, async (tx) => {
      const r = await this.recordTemperature(tx, ref, temperatureC, readAt ? new Date(readAt) : await this.txNow(tx), 'staff');
      const reading = await tx.one<ReadingRowDb>(`SELECT * FROM freezer_temperature_readings WHERE id = $1`, [r.readingId]);
      return { reading: readingView(reading!), excursion: r.excursion };
    });
  }

  /**
   * Records a freezer temperature in the caller's transaction (staff entry, or a `freezer.temperature`
   * lab event). FACT-NetCord storage monitoring: a reading above the freezer's limit opens an excursion
   * and records it on every unit stored in the freezer (one audited row per unit); a later reading
   * within the limit closes it. A reading older than the freezer's newest one is judged against the
   * history: inside a known excursion it only adds to it; just before one it moves its start back;
   * otherwise it records a closed, retrospective excursion up to the next reading. The freezer's row
   * lock orders readings and excludes a concurrent store (the storage trigger shares that lock).
   * `freezerRef`: the freezer's id, code (F01) or name; unknown → DomainError NOT_FOUND.
   */
  async recordTemperature(tx: Tx, freezerRef: string, temperatureC: number, readAt: Date, source: 'staff' | 'lab_event'): Promise<TemperatureResult> {
    if (typeof temperatureC !== 'number' || !Number.isFinite(temperatureC) || temperatureC < -273.15 || temperatureC > 100) {
      throw validationFailed([{ field: 'temperatureC', message: 'must be a number of °C from -273.15 to 100' }]);
    }
    if (!(readAt instanceof Date) || Number.isNaN(readAt.getTime()) || readAt.getTime() > Date.now() + MAX_FUTURE_SKEW_MS) {
      throw validationFailed([{ field: 'readAt', message: 'must be a valid time, not in the future' }]);
    }
    if (source !== 'staff' && source !== 'lab_event') throw validationFailed([{ field: 'source', message: 'must be staff or lab_event' }]);
    const f = await this.resolveFreezer(tx, freezerRef, true);
    const newest = await tx.one<{ read_at: Date | null }>(`SELECT max(read_at) AS read_at FROM freezer_temperature_readings WHERE freezer_id = $1`, [f.id]);
    const limit = Number(f.max_temperature_c);
    const aboveLimit = temperatureC > limit;
    const reading = await tx.one<{ id: string }>(
      `INSERT INTO freezer_temperature_readings (freezer_id, read_at, temperature_c, limit_c, above_limit, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text`,
      [f.id, readAt, temperatureC, f.max_temperature_c, aboveLimit, source, tx.actor.id],
    );
    const readingId = reading!.id;
    const result = (id: string | null, effect: TemperatureResult['excursion']['effect']): TemperatureResult => ({ readingId, freezerId: f.id, aboveLimit, excursion: { id, effect } });
    const what = `${temperatureC} °C at ${readAt.toISOString()} (limit ${limit} °C, ${source})`;

    switch (excursionStep({ aboveLimit, readAt, newestReadAt: newest?.read_at ?? null, open: !!f.open_excursion_id })) {
      case 'open':
        return result(await this.openExcursion(tx, f, readAt, null, readingId, null, `reading ${what} is above the limit`), 'opened');
      case 'continue': {
        // units stored since the excursion opened (before it was known) were in the freezer at this reading
        const open = await tx.one<{ started_at: Date }>(`SELECT started_at FROM freezer_excursions WHERE id = $1`, [f.open_excursion_id]);
        await this.linkExcursionUnits(tx, f.open_excursion_id!, f, readAt, open!.started_at, { action: 'freezer.excursion.unit_recorded', reason: `reading ${what} is above the limit` });
        return result(f.open_excursion_id, 'continued');
      }
      case 'close':
        await tx.withAudit({ action: 'freezer.excursion.closed', reason: `reading ${what} is within the limit` }, async () => {
          await tx.query(`UPDATE freezer_excursions SET ended_at = $2, closed_by_reading = $3 WHERE id = $1 AND ended_at IS NULL`, [f.open_excursion_id, readAt, readingId]);
          await tx.query(`UPDATE freezers SET open_excursion_id = NULL, updated_at = now() WHERE id = $1`, [f.id]);
        });
        return result(f.open_excursion_id, 'closed');
      case 'none':
        return result(null, 'none');
      case 'late':
        break;
    }
    if (!aboveLimit) return result(null, 'none');
    const covering = await tx.one<{ id: string }>(
      `SELECT id FROM freezer_excursions WHERE freezer_id = $1 AND started_at <= $2 AND (ended_at IS NULL OR ended_at >= $2) ORDER BY started_at DESC LIMIT 1`,
      [f.id, readAt],
    );
    if (covering) {
      // a late reading inside a known excursion: the units in the freezer at its time carry that excursion too
      await this.linkExcursionUnits(tx, covering.id, f, readAt, null, { action: 'freezer.excursion.unit_recorded', reason: `late reading ${what} is above the limit` });
      return result(covering.id, 'within_existing');
    }
    const next = await tx.one<{ id: string; read_at: Date; above_limit: boolean }>(
      `SELECT id::text, read_at, above_limit FROM freezer_temperature_readings
        WHERE freezer_id = $1 AND read_at > $2 ORDER BY read_at, id LIMIT 1`,
      [f.id, readAt],
    );
    if (next?.above_limit) {
      const extended = await tx.withAudit({ action: 'freezer.excursion.extended', reason: `late reading ${what} is above the limit just before the excursion` }, () =>
        tx.one<{ id: string }>(
          `UPDATE freezer_excursions SET started_at = $2, opened_by_reading = $3
            WHERE id = (SELECT id FROM freezer_excursions WHERE freezer_id = $1 AND started_at <= $4 AND (ended_at IS NULL OR ended_at >= $4)
                         ORDER BY started_at DESC LIMIT 1)
           RETURNING id`,
          [f.id, readAt, readingId, next.read_at],
        ),
      );
      if (extended) {
        await this.linkExcursionUnits(tx, extended.id, f, readAt, null, { action: 'freezer.excursion.unit_recorded', reason: `late reading ${what} is above the limit` });
        return result(extended.id, 'extended');
      }
    }
    const endedAt = next?.read_at ?? readAt;
    const id = await this.openExcursion(tx, f, readAt, endedAt, readingId, next && !next.above_limit ? next.id : null, `late reading ${what} is above the limit`);
    return result(id, 'recorded_retrospectively');
  }

  /** `GET /storage/freezers/:id/temperatures`: readings newest first, keyset-paginated. */
  async temperatures(ref: string, q: TemperaturesQuery): Promise<ReadingsPage> {
    const f = await this.resolveFreezer(this.db, ref);
    let c: [string, string] | null = null;
    if (q.cursor) {
      const d = decodeCursor(q.cursor);
      if (!d || d.length !== 2 || typeof d[0] !== 'string' || Number.isNaN(Date.parse(d[0])) || typeof d[1] !== 'string' || !/^\d{1,18}$/.test(d[1])) {
        throw new DomainError('VALIDATION_FAILED', 'cursor is not one this service issued', { errors: [{ field: 'cursor', message: 'invalid cursor' }] });
      }
      c = [d[0], d[1]];
    }
    const rows = await this.db.query<ReadingRowDb & { read_at_raw: string }>(
      `SELECT t.*, t.read_at::text AS read_at_raw FROM freezer_temperature_readings t
        WHERE t.freezer_id = $1
          AND ($2::timestamptz IS NULL OR t.read_at >= $2) AND ($3::timestamptz IS NULL OR t.read_at < $3)
          AND ($4::timestamptz IS NULL OR (t.read_at, t.id) < ($4, $5::bigint))
        ORDER BY t.read_at DESC, t.id DESC LIMIT $6`,
      [f.id, q.from ?? null, q.to ?? null, c?.[0] ?? null, c?.[1] ?? null, q.limit + 1],
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { freezerId: f.id, items: page.map(readingView), nextCursor: more && last ? encodeCursor([last.read_at_raw, String(last.id)]) : null };
  }

  /** `GET /storage/excursions`: open and closed excursions, newest first, with the units affected. */
  async listExcursions(q: ExcursionsQuery): Promise<ExcursionPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    if (q.status === 'open') where.push('e.ended_at IS NULL');
    if (q.status === 'closed') where.push('e.ended_at IS NOT NULL');
    if (q.freezerId) add('e.freezer_id = ?', (await this.resolveFreezer(this.db, q.freezerId)).id);
    if (q.din) add('EXISTS (SELECT 1 FROM unit_excursions x WHERE x.excursion_id = e.id AND x.din = ?)', parseDin(q.din, 'din').din);
    if (q.unreviewed) where.push('EXISTS (SELECT 1 FROM unit_excursions x WHERE x.excursion_id = e.id AND x.reviewed_at IS NULL)');
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM freezer_excursions e ${whereSql}`, params);
    const rows = await this.db.query<ExcursionRow>(
      `${EXCURSION_SELECT} ${whereSql} ORDER BY e.started_at DESC, e.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const units = rows.length
      ? await this.db.query<UnitExcursionRow>(
          `SELECT ue.excursion_id, ue.din, u.din_check, u.status, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by,
                  ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
             FROM unnest($1::uuid[]) AS x(id)
             CROSS JOIN LATERAL (SELECT * FROM unit_excursions ue WHERE ue.excursion_id = x.id ORDER BY ue.din LIMIT 200) ue
             JOIN cord_blood_units u ON u.din = ue.din
            ORDER BY ue.excursion_id, ue.din`,
          [rows.map((r) => r.id)],
        )
      : [];
    return {
      items: rows.map((r) => excursionView(r, units.filter((u) => u.excursion_id === r.id))),
      page: q.page,
      pageSize: q.pageSize,
      total: total?.n ?? 0,
    };
  }

  /** `GET /storage/excursions/:id`: one excursion with all its units, paginated by DIN. */
  async getExcursion(id: string, page: number, pageSize: number): Promise<ExcursionView & { page: number; pageSize: number }> {
    const row = await this.db.one<ExcursionRow>(`${EXCURSION_SELECT} WHERE e.id = $1`, [id]);
    if (!row) throw notFound('Excursion', id);
    const units = await this.db.query<UnitExcursionRow>(
      `SELECT ue.excursion_id, ue.din, u.din_check, u.status, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by,
              ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
         FROM unit_excursions ue JOIN cord_blood_units u ON u.din = ue.din
        WHERE ue.excursion_id = $1 ORDER BY ue.din LIMIT $2 OFFSET $3`,
      [id, pageSize, (page - 1) * pageSize],
    );
    return { ...excursionView(row, units), page, pageSize };
  }

  /**
   * QA's review of an excursion for one unit (FACT-NetCord: a unit exposed to an excursion is
   * evaluated before release), e-signed (21 CFR Part 11.200). Only a closed excursion can be reviewed,
   * once; `unacceptable` keeps blocking release (QA then holds or discards the unit).
   */
  async reviewExcursion(actor: Actor, excursionId: string, din: string, dto: ReviewExcursionDto): Promise<ExcursionUnitView> {
    const signature = await this.auth.sign(actor, dto.signature, 'review');
    return this.db.tx(actor, async (tx) => {
      await this.units.lock(tx, din);
      const row = await tx.one<{ ended_at: Date | null; reviewed_at: Date | null }>(
        `SELECT e.ended_at, ue.reviewed_at FROM unit_excursions ue JOIN freezer_excursions e ON e.id = ue.excursion_id WHERE ue.excursion_id = $1 AND ue.din = $2`,
        [excursionId, din],
      );
      if (!row) throw new DomainError('NOT_FOUND', `Unit ${din} was not affected by excursion ${excursionId}`);
      if (!row.ended_at) throw new DomainError('CONFLICT', `Excursion ${excursionId} is still open; review it once the freezer is back within its limit`);
      await tx.audit({ action: 'unit.excursion.reviewed', reason: dto.reason, signature });
      const updated = await tx.query(
        `UPDATE unit_excursions SET reviewed_at = now(), reviewed_by = $3, reviewer_name = $4, review_outcome = $5, review_reason = $6, review_meaning = $7,
                review_corrective_action = $8
          WHERE excursion_id = $1 AND din = $2 AND reviewed_at IS NULL RETURNING id`,
        [excursionId, din, actor.id, signature.signerName, dto.outcome ?? 'acceptable', dto.reason, signature.meaning, dto.correctiveAction],
      );
      if (updated.length !== 1) throw new DomainError('CONFLICT', `Excursion ${excursionId} was already reviewed for unit ${din}`);
      const [view] = await this.unitExcursions(tx, [din], excursionId);
      return view;
    });
  }

  // ---- the unit extension ----------------------------------------------------------------------

  /** Adds `position` and `excursions` to `GET /units/:din` (UnitExtension.view). */
  async unitFields(db: Db | Tx, dins: string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (dins.length === 0) return out;
    const [positions, excursions] = await Promise.all([
      db.query<PositionRow & { din: string; stored_at: Date | null }>(
        `SELECT u.din, u.stored_at, p.id, p.label, p.row_no, p.col_no, b.id AS box_id, b.rack_id, b.rack_no, b.box_no,
                f.id AS freezer_id, f.seq AS freezer_seq, f.code, f.name, f.in_service
           FROM cord_blood_units u
           JOIN storage_positions p ON p.id = u.position_id
           JOIN storage_boxes b ON b.id = p.box_id
           JOIN freezers f ON f.id = b.freezer_id
          WHERE u.din = ANY($1::text[])`,
        [dins],
      ),
      this.unitExcursionDetails(db, dins),
    ]);
    for (const p of positions) out.set(p.din, { position: { ...this.positionView(p), storedAt: iso(p.stored_at) } });
    for (const [din, list] of excursions) out.set(din, { ...(out.get(din) ?? {}), excursions: list });
    return out;
  }

  /** FACT-NetCord release criteria: an excursion QA has not accepted for this unit blocks `available` and release. */
  async releaseBlockers(db: Db | Tx, din: string): Promise<string[]> {
    const rows = await db.query<{ id: string; code: string; started_at: Date; ended_at: Date | null; review_outcome: string | null }>(
      EXCURSION_BLOCKERS_SQL,
      [din],
    );
    return rows.map((r) => {
      const when = `${r.started_at.toISOString()}${r.ended_at ? ` to ${r.ended_at.toISOString()}` : ', still open'}`;
      return r.review_outcome === 'unacceptable'
        ? `excursion: temperature excursion ${r.id} in freezer ${r.code} (${when}) was judged unacceptable by QA`
        : `excursion: temperature excursion ${r.id} in freezer ${r.code} (${when}) has not been reviewed by QA`;
    });
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private freezerSelect(): string {
    return `SELECT f.*, coalesce(o.used_count, 0) AS used, e.started_at AS exc_started_at, lr.temperature_c AS last_temp, lr.read_at AS last_read_at
              FROM freezers f
              LEFT JOIN freezer_occupancy o ON o.freezer_id = f.id
              LEFT JOIN freezer_excursions e ON e.id = f.open_excursion_id
              LEFT JOIN LATERAL (SELECT t.temperature_c, t.read_at FROM freezer_temperature_readings t
                                  WHERE t.freezer_id = f.id ORDER BY t.read_at DESC, t.id DESC LIMIT 1) lr ON true`;
  }

  private freezerView(r: FreezerRow & { used: number; exc_started_at: Date | null; last_temp: string | null; last_read_at: Date | null }): FreezerView {
    const capacity = Number(r.capacity);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      type: r.type,
      maxTemperatureC: Number(r.max_temperature_c),
      layout: { racks: r.racks, boxesPerRack: r.boxes_per_rack, rows: r.rows_per_box, columns: r.columns_per_box },
      inService: r.in_service,
      serviceChangedAt: iso(r.service_changed_at),
      serviceReason: r.service_reason,
      capacity,
      used: r.used,
      free: capacity - r.used,
      openExcursion: r.open_excursion_id ? { id: r.open_excursion_id, startedAt: iso(r.exc_started_at)! } : null,
      lastReading: r.last_read_at ? { temperatureC: Number(r.last_temp), readAt: iso(r.last_read_at)! } : null,
      createdAt: iso(r.created_at)!,
    };
  }

  private positionView(p: PositionRow): PositionView {
    return {
      id: p.id,
      label: p.label,
      freezerId: p.freezer_id,
      freezerCode: p.code,
      freezerName: p.name,
      rackId: p.rack_id,
      rack: p.rack_no,
      boxId: p.box_id,
      box: p.box_no,
      row: p.row_no,
      rowLabel: rowLetter(p.row_no),
      column: p.col_no,
    };
  }

  /** A freezer by id, code (F01) or name (any case); `lock` takes its row lock for the transaction. */
  async resolveFreezer(db: Db | Tx, ref: string, lock = false): Promise<FreezerRow> {
    const value = typeof ref === 'string' ? ref.trim() : '';
    const code = isFreezerCode(value) ? Number(value.slice(1)) : null;
    const [by, param] = isUuid(value) ? ['id = $1::uuid', value] : code !== null && code <= 2_000_000_000 ? ['seq = $1::int', code] : ['lower(name) = lower($1)', value];
    const f = value ? await db.one<FreezerRow>(`SELECT * FROM freezers WHERE ${by} ${lock ? 'FOR UPDATE' : ''}`, [param]) : undefined;
    if (!f) throw notFound('Freezer', value);
    return f;
  }

  /** A position by id or label (`F01-R03-B07-C4`, any case). */
  private async resolvePosition(db: Db | Tx, ref: string): Promise<PositionRow> {
    const value = typeof ref === 'string' ? ref.trim() : '';
    let row: PositionRow | undefined;
    if (isUuid(value)) row = await db.one<PositionRow>(`${POSITION_SELECT} WHERE p.id = $1::uuid`, [value]);
    else if (isPositionLabel(value)) row = await db.one<PositionRow>(`${POSITION_SELECT} WHERE p.label = upper($1)`, [value]);
    if (!row) throw notFound('Position', value);
    return row;
  }

  private async positionById(db: Db | Tx, id: string): Promise<PositionRow> {
    const row = await db.one<PositionRow>(`${POSITION_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('Position', id);
    return row;
  }

  /** The one write that takes a position: the unit's position_id (and quarantine for a processed unit). */
  private async place(tx: Tx, unit: UnitRow, pos: PositionRow): Promise<void> {
    const audit: AuditContext = { action: 'unit.stored', reason: null };
    try {
      if (unit.status === 'processed') {
        await this.units.transition(tx, unit.din, 'quarantine', audit, { position_id: pos.id, stored_at: await this.txNow(tx) });
      } else {
        await tx.audit(audit);
        const done = await tx.query(`UPDATE cord_blood_units SET position_id = $2, stored_at = now(), updated_at = now() WHERE din = $1 AND position_id IS NULL RETURNING din`, [unit.din, pos.id]);
        if (done.length !== 1) throw new DomainError('CONFLICT', `Unit ${unit.din} was stored meanwhile`);
      }
    } catch (err) {
      if (isPositionTaken(err)) throw positionTaken(pos.label);
      throw err;
    }
  }

  /**
   * The first free position of the freezer in the stable order. Positions another transaction is
   * taking are skipped (row locks, SKIP LOCKED); one taken between our read and our write makes the
   * unique constraint refuse it, and the attempt is rolled back to a savepoint and the next is tried.
   */
  private async placeInFirstFree(tx: Tx, unit: UnitRow, f: FreezerRow): Promise<PositionRow> {
    for (let attempt = 0; attempt < 20; attempt++) {
      await tx.query(`SAVEPOINT storage_first_free`);
      const claimed = await tx.one<{ id: string | null }>(`SELECT storage_claim_free_position($1) AS id`, [f.id]);
      if (!claimed?.id) {
        await tx.query(`RELEASE SAVEPOINT storage_first_free`);
        throw new DomainError('CONFLICT', `Freezer ${f.code} (${f.name}) has no free position`, { freezer: f.code });
      }
      const pos = await this.positionById(tx, claimed.id);
      try {
        await this.place(tx, unit, pos);
        await tx.query(`RELEASE SAVEPOINT storage_first_free`);
        return pos;
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'POSITION_TAKEN')) throw err;
        await tx.query(`ROLLBACK TO SAVEPOINT storage_first_free`);
      }
    }
    throw new DomainError('CONFLICT', `Freezer ${f.code} is busy; retry`);
  }

  /**
   * Opens an excursion (or records a closed, retrospective one when `endedAt` is given) and records
   * it on every unit that was in the freezer at `startedAt` (the reading's time), from the storage
   * history (linkExcursionUnits). This is the one code path that opens an excursion.
   */
  private async openExcursion(tx: Tx, f: FreezerRow, startedAt: Date, endedAt: Date | null, openedBy: string, closedBy: string | null, reason: string): Promise<string> {
    return tx.withAudit({ action: endedAt ? 'freezer.excursion.recorded' : 'freezer.excursion.opened', reason }, async () => {
      const e = await tx.one<{ id: string }>(
        `INSERT INTO freezer_excursions (freezer_id, started_at, ended_at, limit_c, retrospective, opened_by_reading, closed_by_reading)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [f.id, startedAt, endedAt, f.max_temperature_c, endedAt !== null, openedBy, closedBy],
      );
      // Stores into the freezer wait for the freezer's lock we hold; once we commit they see the open
      // excursion (storage trigger).
      if (!endedAt) await tx.query(`UPDATE freezers SET open_excursion_id = $2, updated_at = now() WHERE id = $1`, [f.id, e!.id]);
      await this.linkExcursionUnits(tx, e!.id, f, startedAt, null, null);
      return e!.id;
    });
  }

  /**
   * DESIGN.md section 7; 21 CFR 1271.260(d)/(e): a reading above the limit concerns the units that
   * were in the freezer **at the reading's time** (`at`), read from `unit_storage_history` (kept by
   * the database on every position change), not the units there when the reading arrives: a unit
   * stored after it is not touched; a unit moved or taken out since is recorded too, with the
   * position it had then. Each newly concerned unit gets one audited `unit_excursions` row; one that
   * is `available` (wherever it is now) goes on hold until QA reviews the excursion. `storedAfter`
   * narrows the search to stays that began after it (a reading continuing an excursion: units there
   * since its start already carry it). `audit` null: the caller's audit context is in force.
   * Runs under the freezer's row lock. Returns how many units it recorded.
   */
  private async linkExcursionUnits(tx: Tx, excursionId: string, f: FreezerRow, at: Date, storedAfter: Date | null, audit: AuditContext | null): Promise<number> {
    const affected = await tx.query<{ din: string; label: string; status: string }>(
      `SELECT h.din, h.position_label AS label, u.status
         FROM unit_storage_history h JOIN cord_blood_units u ON u.din = h.din
        WHERE h.freezer_id = $1 AND h.stored_from <= $2 AND (h.stored_until IS NULL OR h.stored_until > $2)
          AND ($3::timestamptz IS NULL OR h.stored_from > $3)
          AND NOT EXISTS (SELECT 1 FROM unit_excursions ue WHERE ue.excursion_id = $4 AND ue.din = h.din)
        ORDER BY h.din`,
      [f.id, at, storedAfter, excursionId],
    );
    if (affected.length === 0) return 0;
    const link = async () => {
      // inserted in batches so no statement runs long in a 100,000-unit freezer
      for (let i = 0; i < affected.length; i += EXCURSION_BATCH) {
        const batch = affected.slice(i, i + EXCURSION_BATCH);
        await tx.query(
          `INSERT INTO unit_excursions (din, excursion_id, position_label)
           SELECT d, $1, l FROM unnest($2::text[], $3::text[]) AS x(d, l) ORDER BY d
           ON CONFLICT (din, excursion_id) DO NOTHING`,
          [excursionId, batch.map((u) => u.din), batch.map((u) => u.label)],
        );
      }
      // An available unit that no longer meets its release criteria does not stay available (as for
      // results, UnitsService.holdIfNoLongerReleasable): it goes on hold until QA reviews the excursion.
      // one set-based move under the units' row locks (a unit no longer available by then is left as it is)
      const candidates = affected.filter((u) => u.status === 'available').map((u) => u.din);
      await this.units.transitionMany(tx, candidates, 'on_hold', ['available'], {
        action: 'unit.held',
        reason: `temperature excursion ${excursionId} in freezer ${f.code}: held until QA reviews it`,
      });
    };
    if (audit) await tx.withAudit(audit, link);
    else await link();
    return affected.length;
  }

  private async unitExcursions(db: Db | Tx, dins: string[], excursionId?: string): Promise<ExcursionUnitView[]> {
    const rows = await db.query<UnitExcursionRow>(
      `SELECT ue.excursion_id, ue.din, u.din_check, u.status, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by,
              ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
         FROM unit_excursions ue JOIN cord_blood_units u ON u.din = ue.din
        WHERE ue.din = ANY($1::text[]) AND ($2::uuid IS NULL OR ue.excursion_id = $2)
        ORDER BY ue.recorded_at`,
      [dins, excursionId ?? null],
    );
    return rows.map(unitExcursionView);
  }

  /** Per unit: the excursions it went through, with the freezer, interval, peak and QA's review. */
  private async unitExcursionDetails(db: Db | Tx, dins: string[]): Promise<Map<string, Record<string, unknown>[]>> {
    const out = new Map<string, Record<string, unknown>[]>();
    const links = await db.query<UnitExcursionRow>(
      `SELECT ue.excursion_id, ue.din, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by, ue.reviewer_name,
              ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
         FROM unit_excursions ue WHERE ue.din = ANY($1::text[]) ORDER BY ue.recorded_at`,
      [dins],
    );
    if (links.length === 0) return out;
    const excursions = await db.query<ExcursionRow>(`${EXCURSION_SELECT} WHERE e.id = ANY($1::uuid[]) ORDER BY e.started_at`, [[...new Set(links.map((l) => l.excursion_id))]]);
    const byId = new Map(excursions.map((e) => [e.id, e]));
    for (const l of links) {
      const r = byId.get(l.excursion_id);
      if (!r) continue;
      const list = out.get(l.din) ?? [];
      list.push({
        id: r.id,
        freezerId: r.freezer_id,
        freezerCode: r.code,
        freezerName: r.name,
        startedAt: iso(r.started_at),
        endedAt: iso(r.ended_at),
        open: r.ended_at === null,
        retrospective: r.retrospective,
        limitC: num(r.limit_c),
        peakTemperatureC: num(r.peak),
        positionLabel: l.position_label,
        recordedAt: iso(l.recorded_at),
        review: reviewView(l),
        blocksRelease: l.reviewed_at === null || l.review_outcome === 'unacceptable',
      });
      out.set(l.din, list);
    }
    for (const list of out.values()) list.sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
    return out;
  }

  private async unitView(tx: Tx, din: string): Promise<Record<string, unknown>> {
    const row = await tx.one<UnitRow>(`SELECT * FROM cord_blood_units WHERE din = $1`, [din]);
    const [view] = await this.units.views([row!], tx.actor, tx);
    return view;
  }

  /**
   * The database clock now (not the transaction's start): acts on one unit are serialised by its row
   * lock, so times taken under it follow each other and the unit's custody stays in time order even
   * when a transaction that began earlier got the lock later.
   */
  private async txNow(tx: Tx): Promise<Date> {
    const r = await tx.one<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    return r!.now;
  }

  private laboratory(): string {
    return this.settings.config.LAB_NAME;
  }

}

interface ReadingRowDb {
  id: string;
  freezer_id: string;
  read_at: Date;
  temperature_c: string;
  limit_c: string;
  above_limit: boolean;
  source: string;
  recorded_by: string | null;
}

function readingView(r: ReadingRowDb): ReadingView {
  return {
    id: String(r.id),
    freezerId: r.freezer_id,
    readAt: iso(r.read_at)!,
    temperatureC: Number(r.temperature_c),
    limitC: Number(r.limit_c),
    aboveLimit: r.above_limit,
    source: r.source,
    recordedBy: r.recorded_by,
  };
}

function reviewView(r: UnitExcursionRow): ExcursionUnitView['review'] {
  return r.reviewed_at
    ? { reviewedAt: iso(r.reviewed_at)!, reviewedBy: r.reviewed_by!, reviewerName: r.reviewer_name, outcome: r.review_outcome!, reason: r.review_reason!, correctiveAction: r.review_corrective_action, meaning: r.review_meaning }
    : null;
}

function unitExcursionView(r: UnitExcursionRow): ExcursionUnitView {
  return { din: r.din, dinCheck: r.din_check, status: r.status, positionLabel: r.position_label, recordedAt: iso(r.recorded_at)!, review: reviewView(r) };
}

function excursionView(r: ExcursionRow, units: UnitExcursionRow[]): ExcursionView {
  return {
    id: r.id,
    freezerId: r.freezer_id,
    freezerCode: r.code,
    freezerName: r.name,
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at),
    open: r.ended_at === null,
    retrospective: r.retrospective,
    limitC: Number(r.limit_c),
    peakTemperatureC: num(r.peak),
    readingsAboveLimit: r.above_count ?? 0,
    unitCount: r.unit_count ?? 0,
    unreviewedCount: r.unreviewed_count ?? 0,
    units: units.map(unitExcursionView),
  };
}
