import { notFound } from '../common/domain-error';
import { isUuid } from '../common/pipes';
import type { Db, Tx } from '../database/db.service';
import type { FreezerView, PositionView } from './dto/storage.dto';
import { isFreezerCode, isPositionLabel, rowLetter } from './storage.rules';

/**
 * What the three storage services (freezers, placement, temperatures and excursions) share: the
 * rows of storage's tables as they are read, and the look-ups of a freezer and a position by the
 * references staff type or scan.
 */

export interface FreezerRow {
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

export interface PositionRow {
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

export interface ExcursionRow {
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

export interface UnitExcursionRow {
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

export { iso, num } from '../common/mappers';

export const POSITION_SELECT = `
  SELECT p.id, p.label, p.row_no, p.col_no, b.id AS box_id, b.rack_id, b.rack_no, b.box_no,
         f.id AS freezer_id, f.seq AS freezer_seq, f.code, f.name, f.in_service
    FROM storage_positions p
    JOIN storage_boxes b ON b.id = p.box_id
    JOIN freezers f ON f.id = b.freezer_id`;

export const EXCURSION_SELECT = `
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

/** A position as the API shows it. */
export function positionView(p: PositionRow): PositionView {
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
export async function resolveFreezer(db: Db | Tx, ref: string, lock = false): Promise<FreezerRow> {
  const value = typeof ref === 'string' ? ref.trim() : '';
  const code = isFreezerCode(value) ? Number(value.slice(1)) : null;
  const [by, param] = isUuid(value) ? ['id = $1::uuid', value] : code !== null && code <= 2_000_000_000 ? ['seq = $1::int', code] : ['lower(name) = lower($1)', value];
  const f = value ? await db.one<FreezerRow>(`SELECT * FROM freezers WHERE ${by} ${lock ? 'FOR UPDATE' : ''}`, [param]) : undefined;
  if (!f) throw notFound('Freezer', value);
  return f;
}

/** A position by id or label (`F01-R03-B07-C4`, any case). */
export async function resolvePosition(db: Db | Tx, ref: string): Promise<PositionRow> {
  const value = typeof ref === 'string' ? ref.trim() : '';
  let row: PositionRow | undefined;
  if (isUuid(value)) row = await db.one<PositionRow>(`${POSITION_SELECT} WHERE p.id = $1::uuid`, [value]);
  else if (isPositionLabel(value)) row = await db.one<PositionRow>(`${POSITION_SELECT} WHERE p.label = upper($1)`, [value]);
  if (!row) throw notFound('Position', value);
  return row;
}

/** A position by id (a unit's position_id). */
export async function positionById(db: Db | Tx, id: string): Promise<PositionRow> {
  const row = await db.one<PositionRow>(`${POSITION_SELECT} WHERE p.id = $1`, [id]);
  if (!row) throw notFound('Position', id);
  return row;
}

/**
 * The database clock now (not the transaction's start): acts on one unit are serialised by its row
 * lock, so times taken under it follow each other and the unit's custody stays in time order even
 * when a transaction that began earlier got the lock later.
 */
export async function txNow(tx: Tx): Promise<Date> {
  const r = await tx.one<{ now: Date }>(`SELECT clock_timestamp() AS now`);
  return r!.now;
}
