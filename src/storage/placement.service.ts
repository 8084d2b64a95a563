import { Injectable } from '@nestjs/common';
import { DomainError, validationFailed } from '../common/domain-error';
import { RuntimeSettings } from '../config/runtime';
import type { AuditContext, Db, Tx } from '../database/db.service';
import { UnitsService, type UnitRow } from '../units/units.service';
import type { PositionView } from './dto/storage.dto';
import { isPositionTaken, outOfService, positionTaken } from './storage.errors';
import { RETRIEVABLE_STATES, RETRIEVAL_REASONS, STORABLE_STATES, canRetrieve, freezerParty, type RetrievalReason } from './storage.rules';
import { type FreezerRow, type PositionRow, iso, positionById, positionView, resolveFreezer, resolvePosition, txNow } from './storage.shared';

/**
 * Where a unit is stored (FACT-NetCord storage; 21 CFR 1271.260 storage and 1271.290 tracking):
 * storing, moving and retrieving a unit, in the caller's transaction. Storage decides the position;
 * the unit row (its position_id, and its custodian through the custody event) is written through
 * UnitsService, which owns it. One unit per position is decided by the database (the unique
 * position_id), never by a read in Node.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly units: UnitsService,
    private readonly settings: RuntimeSettings,
  ) {}

  /**
   * Stores a unit (FACT-NetCord storage; 21 CFR 1271.260): in the given position, or in the first
   * free position of the given freezer in the stable order. The position is taken by one UPDATE of
   * the unit's `position_id`; the unique constraint decides a race (409 POSITION_TAKEN), and for a
   * freezer the next free position is tried instead. Only a processed (which becomes quarantine,
   * DESIGN.md section 2), quarantine, available or on_hold unit can be stored; the freezer must be in
   * service. Records a custody event: the freezer holds the unit.
   */
  async store(tx: Tx, din: string, target: { positionId?: string; freezerId?: string }): Promise<PositionView> {
    const unit = await this.units.lock(tx, din);
    if (unit.position_id) {
      const at = await positionById(tx, unit.position_id);
      throw new DomainError('CONFLICT', `Unit ${din} is already stored at ${at.label}; move it instead`, { position: at.label });
    }
    if (!STORABLE_STATES.includes(unit.status)) {
      throw new DomainError('CONFLICT', `Unit ${din} is ${unit.status}; only a unit that is ${STORABLE_STATES.join(', ')} can be stored`, { unitStatus: unit.status });
    }
    let pos: PositionRow;
    if (target.positionId) {
      pos = await resolvePosition(tx, target.positionId);
      if (!pos.in_service) throw outOfService(pos.code, pos.name);
      await this.place(tx, unit, pos);
    } else {
      const f = await resolveFreezer(tx, target.freezerId ?? '');
      if (!f.in_service) throw outOfService(f.code, f.name);
      pos = await this.placeInFirstFree(tx, unit, f);
    }
    const at = await txNow(tx);
    await this.units.handOver(tx, din, { kind: 'storage', to: freezerParty(pos.code, pos.name), location: pos.label, handedOverAt: at });
    return positionView(pos);
  }

  /**
   * Moves a stored unit to another position: one UPDATE from the old position to the new, so the
   * unit is never in two or none. A unit moved into a freezer with an open excursion while available
   * goes on hold until QA reviews it.
   */
  async move(tx: Tx, din: string, positionRef: string, reason: string): Promise<PositionView> {
    const unit = await this.units.lock(tx, din);
    if (!unit.position_id) throw new DomainError('CONFLICT', `Unit ${din} is not stored; store it instead`, { unitStatus: unit.status });
    const from = await positionById(tx, unit.position_id);
    const to = await resolvePosition(tx, positionRef);
    if (to.id === from.id) throw new DomainError('CONFLICT', `Unit ${din} is already at ${to.label}`);
    if (!to.in_service) throw outOfService(to.code, to.name);
    await tx.audit({ action: 'unit.moved', reason });
    try {
      if (!(await this.units.setPosition(tx, din, from.id, to.id))) throw new DomainError('CONFLICT', `Unit ${din} moved meanwhile; retry`);
    } catch (err) {
      if (isPositionTaken(err)) throw positionTaken(to.label);
      throw err;
    }
    await this.units.handOver(tx, din, { kind: 'storage', to: freezerParty(to.code, to.name), location: to.label, handedOverAt: await txNow(tx) });
    const open = await tx.one<{ open_excursion_id: string | null }>(`SELECT open_excursion_id FROM freezers WHERE id = $1`, [to.freezer_id]);
    if (unit.status === 'available' && open?.open_excursion_id) {
      await this.units.transition(tx, din, 'on_hold', {
        action: 'unit.held',
        reason: `moved into freezer ${to.code} during temperature excursion ${open.open_excursion_id}: held until QA reviews it`,
      });
    }
    return positionView(to);
  }

  /**
   * Takes a unit out of storage (the release-requests feature calls it for shipping, with the unit's
   * lock already held). Allowed by reason and status (see RETRIEVABLE_STATES): an `available` unit is
   * never retrieved, since the database requires a position for it. The custody passes from the
   * freezer to `custodyTo` (default: the laboratory). The caller's audit context (action, reason,
   * signature) is restored afterwards. `at`: the time of the act that retrieves it when it carries its
   * own (shipping's `dispatchedAt`, DESIGN.md section 7), so the custody chain stays in time order;
   * otherwise the database clock.
   */
  async retrieve(tx: Tx, din: string, reason: RetrievalReason, custodyTo?: string, comment?: string, at?: Date): Promise<PositionView> {
    if (!RETRIEVAL_REASONS.includes(reason)) {
      throw validationFailed([{ field: 'reason', message: `must be one of ${RETRIEVAL_REASONS.join(', ')}` }]);
    }
    const unit = await this.units.lock(tx, din);
    if (!unit.position_id) throw new DomainError('CONFLICT', `Unit ${din} is not stored`, { unitStatus: unit.status });
    if (!canRetrieve(unit.status, reason)) {
      const hint = unit.status === 'available' ? ' (an available unit stays stored: put it on hold for testing, or reserve it for shipping)' : '';
      throw new DomainError('CONFLICT', `Unit ${din} is ${unit.status}; retrieval for ${reason} needs it ${RETRIEVABLE_STATES[reason].join(' or ')}${hint}`, { unitStatus: unit.status });
    }
    const from = await positionById(tx, unit.position_id);
    await tx.withAudit({ action: 'unit.retrieved', reason: comment ? `${reason}: ${comment}` : reason }, async () => {
      if (!(await this.units.setPosition(tx, din, from.id, null))) throw new DomainError('CONFLICT', `Unit ${din} moved meanwhile; retry`);
      await this.units.handOver(tx, din, { kind: 'retrieval', to: custodyTo ?? this.settings.config.LAB_NAME, location: from.label, handedOverAt: at ?? (await txNow(tx)) });
    });
    return positionView(from);
  }

  /** Each stored unit's position with its storage time (the unit view's `position`), keyed by DIN. */
  async unitPositions(db: Db | Tx, dins: string[]): Promise<Map<string, PositionView & { storedAt: string | null }>> {
    const rows = await db.query<{ din: string; stored_at: Date | null; position: PositionRow }>(
      `SELECT u.din, u.stored_at, ${unitPositionPart} AS position FROM cord_blood_units u WHERE u.din = ANY($1::text[]) AND u.position_id IS NOT NULL`,
      [dins],
    );
    return new Map(rows.map((r) => [r.din, unitPositionView(r.position, r.stored_at)]));
  }

  /** The one write that takes a position: the unit's position_id (and quarantine for a processed unit). */
  private async place(tx: Tx, unit: UnitRow, pos: PositionRow): Promise<void> {
    const audit: AuditContext = { action: 'unit.stored', reason: null };
    try {
      if (unit.status === 'processed') {
        await this.units.transition(tx, unit.din, 'quarantine', audit, { position_id: pos.id, stored_at: await txNow(tx) });
      } else {
        await tx.audit(audit);
        if (!(await this.units.setPosition(tx, unit.din, null, pos.id))) throw new DomainError('CONFLICT', `Unit ${unit.din} was stored meanwhile`);
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
      const pos = await positionById(tx, claimed.id);
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
}

/** The unit's position with its box and freezer, as json over the unit row `u` (NULL when not stored): the unit view's and unitPositions'. */
export const unitPositionPart = `(SELECT json_build_object('id', p.id, 'label', p.label, 'row_no', p.row_no, 'col_no', p.col_no, 'box_id', b.id, 'rack_id', b.rack_id,
            'rack_no', b.rack_no, 'box_no', b.box_no, 'freezer_id', f.id, 'freezer_seq', f.seq, 'code', f.code, 'name', f.name, 'in_service', f.in_service)
     FROM storage_positions p JOIN storage_boxes b ON b.id = p.box_id JOIN freezers f ON f.id = b.freezer_id
    WHERE p.id = u.position_id)`;

/** A unit's `position` in its view: where it is, and since when. */
export function unitPositionView(p: PositionRow, storedAt: Date | null): PositionView & { storedAt: string | null } {
  return { ...positionView(p), storedAt: iso(storedAt) };
}
