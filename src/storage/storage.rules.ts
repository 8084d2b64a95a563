import type { FieldError } from '../common/domain-error';
import type { UnitStatus } from '../units/unit-state';

/** Layout bounds: rows are letters (A–Z), and no freezer holds more than 100,000 positions. */
export const LAYOUT_LIMITS = { racks: 1000, boxesPerRack: 1000, rows: 26, columns: 99, positions: 100_000 } as const;

export interface Layout {
  racks: number;
  boxesPerRack: number;
  rows: number;
  columns: number;
}

/** Field errors of a freezer layout (empty when it is acceptable): each size ≥ 1, ≤ 100,000 positions in all. */
export function layoutErrors(l: Layout): FieldError[] {
  const out: FieldError[] = [];
  for (const k of ['racks', 'boxesPerRack', 'rows', 'columns'] as const) {
    const v = l[k];
    if (!Number.isInteger(v) || v < 1 || v > LAYOUT_LIMITS[k]) out.push({ field: k, message: `must be an integer from 1 to ${LAYOUT_LIMITS[k]}` });
  }
  if (out.length === 0 && positionCount(l) > LAYOUT_LIMITS.positions) {
    out.push({ field: 'layout', message: `racks × boxesPerRack × rows × columns is ${positionCount(l)}; a freezer holds at most ${LAYOUT_LIMITS.positions} positions` });
  }
  return out;
}

export function positionCount(l: Layout): number {
  return l.racks * l.boxesPerRack * l.rows * l.columns;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Row 1 is A, row 3 is C (at most 26 rows). */
export function rowLetter(row: number): string {
  return String.fromCharCode(64 + row);
}

export function freezerCode(seq: number): string {
  return `F${pad2(seq)}`;
}

/** `F01-R03-B07-C4`: freezer, rack, box within the rack, row letter and column number. */
export function positionLabel(freezerSeq: number, rack: number, box: number, row: number, column: number): string {
  return `${freezerCode(freezerSeq)}-R${pad2(rack)}-B${pad2(box)}-${rowLetter(row)}${column}`;
}

const FREEZER_CODE = /^F\d+$/i;
const BOX_LABEL = /^F\d{2,}-R\d{2,}-B\d{2,}$/i;
const POSITION_LABEL = /^F\d{2,}-R\d{2,}-B\d{2,}-[A-Z]\d{1,2}$/i;

export function isFreezerCode(v: string): boolean {
  return FREEZER_CODE.test(v);
}
export function isBoxLabel(v: string): boolean {
  return BOX_LABEL.test(v);
}
export function isPositionLabel(v: string): boolean {
  return POSITION_LABEL.test(v);
}

/**
 * Custody party names (FACT-NetCord chain of custody). A stored unit is held by its freezer,
 * `freezer F01 (Dewar A)`, at the location of its position label; a retrieved unit by the
 * laboratory (or the party the caller names, e.g. the courier for shipping).
 */
export function freezerParty(code: string, name: string): string {
  return `freezer ${code} (${name})`;
}

/** Units that may take a position (DESIGN.md section 2): processed (becomes quarantine), quarantine, available, on_hold. */
export const STORABLE_STATES: readonly UnitStatus[] = ['processed', 'quarantine', 'available', 'on_hold'];

export const RETRIEVAL_REASONS = ['shipping', 'discard', 'testing'] as const;
export type RetrievalReason = (typeof RETRIEVAL_REASONS)[number];

/**
 * Which unit states allow which retrieval. An `available` unit must stay in its position (the
 * database requires a position for `available`): QA puts it on hold before a test, a release request
 * reserves it before shipping. Shipping takes a reserved (or already shipped) unit; a discard follows
 * QA's e-signed `discarded`; testing takes a unit in quarantine or on hold, which is stored again later.
 */
export const RETRIEVABLE_STATES: Readonly<Record<RetrievalReason, readonly UnitStatus[]>> = {
  shipping: ['reserved', 'shipped'],
  discard: ['discarded'],
  testing: ['quarantine', 'on_hold'],
};

export function canRetrieve(status: UnitStatus, reason: RetrievalReason): boolean {
  return RETRIEVABLE_STATES[reason].includes(status);
}

export type ExcursionStep = 'open' | 'continue' | 'close' | 'none' | 'late';

/**
 * What a reading does to the freezer's excursion state, in reading-time order: above the limit with
 * none open opens one; within the limit with one open closes it. A reading older than the freezer's
 * newest one is `late` and is handled against the history instead (see ExcursionsService.recordTemperature).
 */
export function excursionStep(r: { aboveLimit: boolean; readAt: Date; newestReadAt: Date | null; open: boolean }): ExcursionStep {
  if (r.newestReadAt && r.readAt.getTime() < r.newestReadAt.getTime()) return 'late';
  if (r.aboveLimit) return r.open ? 'continue' : 'open';
  return r.open ? 'close' : 'none';
}
