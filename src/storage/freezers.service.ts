import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError, notFound, validationFailed } from '../common/domain-error';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { isUuid } from '../common/pipes';
import { Db } from '../database/db.service';
import type { BoxView, CreateFreezerDto, FreePositionsPage, FreePositionsQuery, FreezerDetailView, FreezerPage, FreezersQuery, FreezerView, UpdateFreezerDto } from './dto/storage.dto';
import { type FreezerRow, type PositionRow, iso, positionView, resolveFreezer } from './storage.shared';
import { isBoxLabel, layoutErrors, rowLetter } from './storage.rules';

/**
 * Freezers and their layout (FACT-NetCord storage; 21 CFR 1271.260): creating a freezer with its
 * racks, boxes and positions, renaming it or taking it out of service, its occupancy, a box's grid
 * and the free positions. Owns freezers, storage_racks, storage_boxes and storage_positions.
 */
@Injectable()
export class FreezersService {
  constructor(private readonly db: Db) {}

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
    const f = await resolveFreezer(this.db, ref);
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
      const f = await resolveFreezer(tx, ref, true);
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
      const f = await resolveFreezer(this.db, q.freezerId);
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
      items: page.map((p) => positionView(p)),
      nextCursor: more && last ? encodeCursor([last.freezer_seq, last.rack_no, last.box_no, last.row_no, last.col_no]) : null,
    };
  }


  // ---- views ---------------------------------------------------------------------------------------

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
}
