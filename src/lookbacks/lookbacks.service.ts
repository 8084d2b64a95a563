import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/actor';
import { DomainError, fieldError as field, notFound } from '../common/domain-error';
import { parseDin } from '../common/din';
import { isUuid } from '../common/pipes';
import { Db, Tx } from '../database/db.service';
import { UnitExtensions, viewPart } from '../units/unit-extensions';
import type { UnitStatus } from '../units/unit-state';
import { UnitsService } from '../units/units.service';
import { CloseLookbackDto, CreateLookbackDto, DispositionDto, LookbacksQuery, LookbackUnitsQuery, NotificationDto } from './dto/lookbacks.dto';

/** Still in the bank: a look-back puts these on hold (a reserved unit keeps its reservation while held). */
export const IN_BANK: UnitStatus[] = ['collected', 'received', 'processed', 'quarantine', 'available', 'reserved'];
/** Gone to a consignee: listed with the release request's facility and physician, to notify. */
export const DISTRIBUTED: UnitStatus[] = ['shipped', 'delivered', 'infused'];

interface LookbackRow {
  id: string;
  lookback_number: string;
  trigger_type: string;
  trigger: Record<string, unknown>;
  reason: string;
  status: 'open' | 'closed';
}

const LOOKBACK_COLUMNS = `l.id, l.lookback_number AS "number", l.status, l.trigger_type AS "triggerType", l.trigger, l.reason,
  jsonb_build_object('by', l.opened_by_name, 'byId', l.opened_by, 'at', l.opened_at) AS opened,
  l.unit_count AS "unitCount", l.held_count AS "heldCount",
  CASE WHEN l.closed_at IS NULL THEN NULL ELSE jsonb_build_object('by', l.closed_by_name, 'byId', l.closed_by, 'at', l.closed_at, 'note', l.closure_note, 'signature', l.closure_signature) END AS closure`;

/** SQL: the look-back unit `lu` of look-back `l` holds its unit with no disposition yet (it blocks release). */
const PENDING_HOLD = `lu.disposition IS NULL AND lu.action IN ('held', 'already_on_hold') AND l.status = 'open'`;

/** How the release check names a pending look-back hold. */
const pendingHoldBlocker = (lookbackNumber: string): string => `look-back ${lookbackNumber}: no disposition yet`;

/**
 * Look-back and recall (21 CFR 1271.290(b)-(c) tracking from donor to consignee and back;
 * FACT-NetCord look-back): from a donor, a supply lot, a freezer or a piece of equipment over a time
 * window (for equipment, by default since its last calibration: 1271.200(e), 1271.290) or a list of DINs,
 * every affected unit is found in one query, the ones still in the bank go on hold in the same
 * transaction (set-based, through UnitsService.transitionMany), the distributed ones are listed
 * with their consignees to notify; dispositions and notifications are recorded; QA closes it with an
 * e-signature once every unit is dispositioned and every consignee notified. Chain `lookback:<id>`.
 */
@Injectable()
export class LookbacksService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly extensions: UnitExtensions,
    private readonly auth: AuthService,
  ) {}

  onModuleInit(): void {
    this.extensions.register({
      name: 'lookbacks',
      // leaving the hold before a disposition is refused by the database itself (trigger
      // lookback_hold_guard, before the UPDATE; CBL09 answered 409 naming the look-back)
      releaseBlockers: async (tx, dins) => {
        const out = new Map<string, string[]>();
        for (const r of await this.pendingHolds(tx, dins)) out.set(r.din, [...(out.get(r.din) ?? []), pendingHoldBlocker(r.number)]);
        return out;
      },
      // the same holds for the unit view's release check, inside its one statement
      view: viewPart<string[]>({
        sql: `(SELECT json_agg(l.lookback_number ORDER BY l.lookback_number) FROM lookback_units lu JOIN lookbacks l ON l.id = lu.lookback_id WHERE lu.din = u.din AND ${PENDING_HOLD})`,
        blockers: (numbers) => (numbers ?? []).map(pendingHoldBlocker),
      }),
    });
  }

  /** Open look-backs that hold the unit (held by it, or already on hold when it opened) with no disposition yet. */
  private pendingHolds(db: Db | Tx, dins: string[]): Promise<{ din: string; number: string }[]> {
    return db.query<{ din: string; number: string }>(
      `SELECT lu.din, l.lookback_number AS number FROM lookback_units lu JOIN lookbacks l ON l.id = lu.lookback_id
        WHERE lu.din = ANY($1::text[]) AND ${PENDING_HOLD}
        ORDER BY lu.din, l.lookback_number`,
      [dins],
    );
  }

  /** The DINs the trigger concerns (one query each), and a normalised trigger to store. */
  private async affected(tx: Tx, t: CreateLookbackDto['trigger']): Promise<{ dins: string[]; trigger: Record<string, unknown> }> {
    const extra = (allowed: string[]) => {
      const given = (['donorId', 'supplyLotId', 'freezerId', 'equipmentId', 'from', 'to', 'dins'] as const).filter((k) => t[k] !== undefined && !allowed.includes(k));
      if (given.length) throw field(`trigger.${given[0]}`, `is not used by a ${t.type} look-back`);
    };
    const col = (rows: { din: string }[]) => rows.map((r) => r.din);
    switch (t.type) {
      case 'donor': {
        extra(['donorId']);
        if (!t.donorId) throw field('trigger.donorId', 'is required for a donor look-back');
        const donor = await tx.one<{ donor_number: string }>(`SELECT donor_number FROM donors WHERE id = $1`, [t.donorId]);
        if (!donor) throw field('trigger.donorId', 'no such donor');
        const rows = await tx.query<{ din: string }>(`SELECT din FROM cord_blood_units WHERE donor_id = $1`, [t.donorId]);
        return { dins: col(rows), trigger: { type: 'donor', donorId: t.donorId, donorNumber: donor.donor_number } };
      }
      case 'supply_lot': {
        extra(['supplyLotId']);
        if (!t.supplyLotId) throw field('trigger.supplyLotId', 'is required for a supply_lot look-back');
        const lot = await tx.one<{ lot_number: string; type: string; manufacturer: string }>(`SELECT lot_number, type, manufacturer FROM supply_lots WHERE id = $1`, [t.supplyLotId]);
        if (!lot) throw field('trigger.supplyLotId', 'no such supply lot');
        const rows = await tx.query<{ din: string }>(`SELECT DISTINCT din FROM unit_supply_lots WHERE supply_lot_id = $1`, [t.supplyLotId]);
        return { dins: col(rows), trigger: { type: 'supply_lot', supplyLotId: t.supplyLotId, lotNumber: lot.lot_number, supplyType: lot.type, manufacturer: lot.manufacturer } };
      }
      case 'freezer': {
        extra(['freezerId', 'from', 'to']);
        if (!t.freezerId || !t.from || !t.to) throw field(!t.freezerId ? 'trigger.freezerId' : !t.from ? 'trigger.from' : 'trigger.to', 'is required for a freezer look-back (freezerId, from, to)');
        const from = new Date(t.from);
        const to = new Date(t.to);
        if (!(to > from)) throw field('trigger.to', 'must be after trigger.from');
        const freezer = await tx.one<{ id: string; code: string; name: string }>(
          `SELECT id, code, name FROM freezers WHERE ${isUuid(t.freezerId) ? 'id = $1::uuid' : 'code = upper($1) OR lower(name) = lower($1)'}`,
          [t.freezerId],
        );
        if (!freezer) throw field('trigger.freezerId', 'no such freezer');
        // every unit that was in the freezer at any time in [from, to): the storage history, not today's contents
        const rows = await tx.query<{ din: string }>(
          `SELECT DISTINCT din FROM unit_storage_history WHERE freezer_id = $1 AND stored_from < $3 AND (stored_until IS NULL OR stored_until > $2)`,
          [freezer.id, from, to],
        );
        return { dins: col(rows), trigger: { type: 'freezer', freezerId: freezer.id, freezerCode: freezer.code, freezerName: freezer.name, from: from.toISOString(), to: to.toISOString() } };
      }
      case 'equipment': {
        extra(['equipmentId', 'from', 'to']);
        if (!t.equipmentId) throw field('trigger.equipmentId', 'is required for an equipment look-back');
        const eq = await tx.one<{ id: string; name: string; serial_number: string; type: string; default_from: Date; default_to: Date; from_basis: string; to_basis: string }>(
          `SELECT e.id, e.name, e.serial_number, e.type,
                  coalesce(cal.on_day, mnt.on_day, e.created_at) AS default_from,
                  coalesce(e.out_of_service_since, now()) AS default_to,
                  CASE WHEN cal.on_day IS NOT NULL THEN 'last calibration' WHEN mnt.on_day IS NOT NULL THEN 'last maintenance' ELSE 'recorded' END AS from_basis,
                  CASE WHEN e.out_of_service_since IS NOT NULL THEN 'taken out of service' ELSE 'look-back opened' END AS to_basis
             FROM equipment e
             LEFT JOIN LATERAL (SELECT (max(s.performed_on)::timestamp AT TIME ZONE 'UTC') AS on_day FROM equipment_services s
                                 WHERE s.equipment_id = e.id AND s.kind = 'calibration' AND s.created_at <= coalesce(e.out_of_service_since, now())) cal ON true
             LEFT JOIN LATERAL (SELECT (max(s.performed_on)::timestamp AT TIME ZONE 'UTC') AS on_day FROM equipment_services s
                                 WHERE s.equipment_id = e.id AND s.kind = 'maintenance' AND s.created_at <= coalesce(e.out_of_service_since, now())) mnt ON true
            WHERE ${isUuid(t.equipmentId) ? 'e.id = $1::uuid' : 'lower(e.serial_number) = lower($1)'}`,
          [t.equipmentId],
        );
        if (!eq) throw field('trigger.equipmentId', 'no such equipment');
        const from = t.from ? new Date(t.from) : eq.default_from;
        const to = t.to ? new Date(t.to) : eq.default_to;
        if (!(to > from)) throw field(t.to ? 'trigger.to' : 'trigger.from', `the window must end after it starts (${from.toISOString()} … ${to.toISOString()})`);
        // every unit whose collection or processing used it in [from, to): unit_equipment (equipment_id, used_at) index
        const rows = await tx.query<{ din: string }>(
          `SELECT DISTINCT din FROM unit_equipment WHERE equipment_id = $1 AND used_at >= $2 AND used_at < $3`,
          [eq.id, from, to],
        );
        return {
          dins: col(rows),
          trigger: {
            type: 'equipment', equipmentId: eq.id, equipmentName: eq.name, serialNumber: eq.serial_number, equipmentType: eq.type,
            from: from.toISOString(), to: to.toISOString(), fromBasis: t.from ? 'given' : eq.from_basis, toBasis: t.to ? 'given' : eq.to_basis,
          },
        };
      }
      case 'dins': {
        extra(['dins']);
        if (!t.dins?.length) throw field('trigger.dins', 'is required for a dins look-back');
        const dins = [...new Set(t.dins.map((d, i) => parseDin(d, `trigger.dins[${i}]`).din))];
        const known = new Set(col(await tx.query<{ din: string }>(`SELECT din FROM cord_blood_units WHERE din = ANY($1::text[])`, [dins])));
        const unknown = dins.filter((d) => !known.has(d));
        if (unknown.length) {
          throw new DomainError('VALIDATION_FAILED', `trigger.dins: ${unknown.length} unknown unit(s): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ' …' : ''}`, {
            errors: [{ field: 'trigger.dins', message: `unknown units ${unknown.slice(0, 10).join(', ')}` }],
          });
        }
        return { dins, trigger: { type: 'dins', dins } };
      }
    }
  }

  /**
   * `POST /lookbacks`: in ONE transaction, finds the affected units, creates the look-back, puts
   * every unit still in the bank on hold (one UPDATE through the units module's transition), records
   * each unit with what was found and done, and lists the consignees of the distributed ones (the
   * release request's facility and physician). Concurrency: the holds lock the units in DIN order; a
   * reservation of one of them either committed first (the unit is found `reserved` and held with its
   * reservation, recorded as such) or waits and then finds it on hold (409). Nothing half-written.
   */
  async create(actor: Actor, dto: CreateLookbackDto): Promise<Record<string, unknown>> {
    const id = await this.db.tx(actor, async (tx) => {
      const { dins, trigger } = await this.affected(tx, dto.trigger);
      const lb = (await tx.one<{ id: string; lookback_number: string }>(
        `SELECT gen_random_uuid() AS id, 'LB' || lpad(nextval('lookback_number_seq')::text, 6, '0') AS lookback_number`,
      ))!;
      const { moved, skipped } = await this.units.transitionMany(tx, dins, 'on_hold', IN_BANK, {
        action: 'unit.held',
        reason: `look-back ${lb.lookback_number}: ${dto.reason.trim()}`,
        signature: null,
      });
      const found = [
        ...moved.map((m) => ({ din: m.din, status: m.from as string, action: 'held' })),
        ...skipped.map((s) => ({
          din: s.din,
          status: s.status as string,
          action: s.status === 'on_hold' ? 'already_on_hold' : DISTRIBUTED.includes(s.status) ? 'distributed' : 'out_of_inventory',
        })),
      ];
      await tx.audit({ action: 'lookback.opened', reason: dto.reason });
      await tx.query(
        `INSERT INTO lookbacks (id, lookback_number, trigger_type, trigger, reason, opened_by, opened_by_name, unit_count, held_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [lb.id, lb.lookback_number, dto.trigger.type, trigger, dto.reason.trim(), actor.id, actor.name, found.length, moved.length],
      );
      await tx.audit({ action: 'lookback.units_found', reason: null });
      // the release request of each unit: the one it is reserved for or was distributed under (not cancelled)
      await tx.query(
        `INSERT INTO lookback_units (lookback_id, din, found_status, action, release_request_id)
         SELECT $1, f.din, f.status, f.action,
                (SELECT r.id FROM release_requests r WHERE r.din = f.din AND r.status <> 'cancelled' ORDER BY r.reserved_at DESC NULLS LAST LIMIT 1)
           FROM unnest($2::text[], $3::text[], $4::text[]) AS f(din, status, action)`,
        [lb.id, found.map((f) => f.din), found.map((f) => f.status), found.map((f) => f.action)],
      );
      await tx.audit({ action: 'lookback.consignee_listed', reason: null });
      await tx.query(
        `INSERT INTO lookback_consignees (lookback_id, facility, physician, dins, request_numbers)
         SELECT $1, r.requesting_facility, r.physician, array_agg(lu.din ORDER BY lu.din), array_agg(r.request_number ORDER BY lu.din)
           FROM lookback_units lu JOIN release_requests r ON r.id = lu.release_request_id
          WHERE lu.lookback_id = $1 AND lu.action = 'distributed'
          GROUP BY r.requesting_facility, r.physician`,
        [lb.id],
      );
      return lb.id;
    });
    return this.get(id);
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const row = await this.db.one<Record<string, unknown>>(`SELECT ${LOOKBACK_COLUMNS} FROM lookbacks l WHERE l.id = $1`, [id]);
    if (!row) throw notFound('Look-back', id);
    const [counts, consignees] = await Promise.all([
      this.db.query<{ action: string; n: number; pending: number }>(
        `SELECT action, count(*)::int AS n, count(*) FILTER (WHERE disposition IS NULL)::int AS pending FROM lookback_units WHERE lookback_id = $1 GROUP BY action`,
        [id],
      ),
      this.consignees(this.db, id),
    ]);
    const byAction = Object.fromEntries(counts.map((c) => [c.action, c.n]));
    const pending = counts.reduce((s, c) => s + c.pending, 0);
    return {
      ...row,
      units: { byAction, pendingDisposition: pending },
      consignees,
      closable: row.status === 'open' && pending === 0 && consignees.every((c) => c.notified),
    };
  }

  private async consignees(db: Db | Tx, id: string): Promise<{ id: string; notified: boolean; [k: string]: unknown }[]> {
    return db.query(
      `SELECT c.id, c.facility, c.physician, c.dins, c.request_numbers AS "requestNumbers",
              EXISTS (SELECT 1 FROM lookback_notifications n WHERE n.consignee_id = c.id) AS notified,
              EXISTS (SELECT 1 FROM lookback_notifications n WHERE n.consignee_id = c.id AND n.acknowledged) AS acknowledged,
              coalesce((SELECT jsonb_agg(jsonb_build_object('id', n.id, 'notifiedAt', n.notified_at, 'method', n.method, 'contact', n.contact, 'acknowledged', n.acknowledged,
                                                            'acknowledgedAt', n.acknowledged_at, 'notes', n.notes, 'recordedBy', n.recorded_by_name) ORDER BY n.notified_at)
                          FROM lookback_notifications n WHERE n.consignee_id = c.id), '[]'::jsonb) AS notifications
         FROM lookback_consignees c WHERE c.lookback_id = $1 ORDER BY c.facility, c.physician`,
      [id],
    );
  }

  async list(q: LookbacksQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const where: string[] = [];
    const p: unknown[] = [];
    if (q.status) where.push(`l.status = $${p.push(q.status)}`);
    if (q.triggerType) where.push(`l.trigger_type = $${p.push(q.triggerType)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM lookbacks l ${w}`, p);
    const items = await this.db.query(
      `SELECT ${LOOKBACK_COLUMNS},
              (SELECT count(*)::int FROM lookback_units lu WHERE lu.lookback_id = l.id AND lu.disposition IS NULL) AS "pendingDisposition",
              (SELECT count(*)::int FROM lookback_consignees c WHERE c.lookback_id = l.id AND NOT EXISTS (SELECT 1 FROM lookback_notifications n WHERE n.consignee_id = c.id)) AS "consigneesToNotify"
         FROM lookbacks l ${w} ORDER BY l.opened_at DESC, l.lookback_number DESC LIMIT $${p.length + 1} OFFSET $${p.length + 2}`,
      [...p, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  /** The units of a look-back, by DIN, with what was found and done, the consignee and the disposition. */
  async listUnits(id: string, q: LookbackUnitsQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    await this.exists(id);
    const where = ['lu.lookback_id = $1'];
    const p: unknown[] = [id];
    if (q.action) where.push(`lu.action = $${p.push(q.action)}`);
    if (q.pending === 'true') where.push('lu.disposition IS NULL');
    if (q.pending === 'false') where.push('lu.disposition IS NOT NULL');
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM lookback_units lu WHERE ${where.join(' AND ')}`, p);
    const items = await this.db.query(`${UNIT_ROWS_SQL} WHERE ${where.join(' AND ')} ORDER BY lu.din LIMIT $${p.length + 1} OFFSET $${p.length + 2}`, [...p, q.pageSize, (q.page - 1) * q.pageSize]);
    return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  private async exists(id: string): Promise<void> {
    if (!(await this.db.one(`SELECT 1 FROM lookbacks WHERE id = $1`, [id]))) throw notFound('Look-back', id);
  }

  private async lockOpen(tx: Tx, id: string): Promise<LookbackRow> {
    const row = await tx.one<LookbackRow>(`SELECT id, lookback_number, trigger_type, trigger, reason, status FROM lookbacks WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('Look-back', id);
    if (row.status !== 'open') throw new DomainError('CONFLICT', `Look-back ${row.lookback_number} is closed: its records no longer change`);
    return row;
  }

  /**
   * `POST /lookbacks/:id/dispositions`: one disposition for one or many of its units, each checked
   * against the unit (set-based, 422 naming the units that do not fit): `discarded` needs the unit
   * discarded; `returned_to_inventory` a unit still in the bank (its hold may then be released by QA);
   * `recalled` a distributed unit not infused; `used_recipient_followed_up` an infused one;
   * `no_action` any, with the reason. A unit is dispositioned once (409).
   */
  async disposition(actor: Actor, id: string, dto: DispositionDto): Promise<Record<string, unknown>> {
    const dins = [...new Set(dto.dins.map((d, i) => parseDin(d, `dins[${i}]`).din))];
    await this.db.tx(actor, async (tx) => {
      const lb = await this.lockOpen(tx, id);
      const rows = await tx.query<{ din: string; action: string; disposition: string | null; status: UnitStatus }>(
        `SELECT lu.din, lu.action, lu.disposition, u.status FROM lookback_units lu JOIN cord_blood_units u ON u.din = lu.din
          WHERE lu.lookback_id = $1 AND lu.din = ANY($2::text[]) ORDER BY lu.din FOR UPDATE OF lu`,
        [id, dins],
      );
      const byDin = new Map(rows.map((r) => [r.din, r]));
      const notIn = dins.filter((d) => !byDin.has(d));
      if (notIn.length) throw field('dins', `not units of look-back ${lb.lookback_number}: ${notIn.slice(0, 10).join(', ')}`);
      const done = rows.filter((r) => r.disposition !== null);
      if (done.length) throw new DomainError('CONFLICT', `Already dispositioned in ${lb.lookback_number}: ${done.slice(0, 10).map((r) => `${r.din} (${r.disposition})`).join(', ')}`);
      const misfit = rows.filter((r) => !DISPOSITION_FITS[dto.disposition](r));
      if (misfit.length) {
        throw field('disposition', `${dto.disposition} does not fit ${misfit.slice(0, 10).map((r) => `${r.din} (${r.action}, now ${r.status})`).join(', ')}${misfit.length > 10 ? ' …' : ''}`);
      }
      await tx.audit({ action: `lookback.unit_${dto.disposition}`, reason: dto.note });
      await tx.query(
        `UPDATE lookback_units SET disposition = $3, disposition_note = $4, dispositioned_by = $5, dispositioned_by_name = $6, dispositioned_at = now()
          WHERE lookback_id = $1 AND din = ANY($2::text[])`,
        [id, dins, dto.disposition, dto.note.trim(), actor.id, actor.name],
      );
    });
    return this.get(id);
  }

  /** `POST /lookbacks/:id/notifications`: a consignee was notified (who, when, how, acknowledged). */
  async notify(actor: Actor, id: string, dto: NotificationDto): Promise<Record<string, unknown>> {
    const notifiedAt = new Date(dto.notifiedAt);
    const acknowledged = dto.acknowledged ?? dto.acknowledgedAt !== undefined;
    const ackAt = acknowledged ? new Date(dto.acknowledgedAt ?? dto.notifiedAt) : null;
    if (ackAt && ackAt < notifiedAt) throw field('acknowledgedAt', 'can not be before notifiedAt');
    if (dto.acknowledged === false && dto.acknowledgedAt !== undefined) throw field('acknowledgedAt', 'given while acknowledged is false');
    await this.db.tx(actor, async (tx) => {
      const lb = await this.lockOpen(tx, id);
      const c = await tx.one(`SELECT 1 FROM lookback_consignees WHERE id = $1 AND lookback_id = $2`, [dto.consigneeId, id]);
      if (!c) throw field('consigneeId', `not a consignee of look-back ${lb.lookback_number}`);
      if (notifiedAt < (await tx.one<{ opened_at: Date }>(`SELECT opened_at FROM lookbacks WHERE id = $1`, [id]))!.opened_at) {
        throw field('notifiedAt', 'can not be before the look-back was opened');
      }
      await tx.audit({ action: 'lookback.consignee_notified', reason: null });
      await tx.query(
        `INSERT INTO lookback_notifications (lookback_id, consignee_id, notified_at, method, contact, acknowledged, acknowledged_at, notes, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, dto.consigneeId, notifiedAt, dto.method, dto.contact.trim(), acknowledged, ackAt, dto.notes ?? null, actor.id, actor.name],
      );
    });
    return this.get(id);
  }

  /**
   * `POST /lookbacks/:id/close`: QA closes with an electronic signature meaning `closure` (21 CFR
   * Part 11.50, 11.200). The database refuses it while a unit has no disposition or a consignee no
   * notification (trigger lookbacks_closure: 409 with the counts).
   */
  async close(actor: Actor, id: string, dto: CloseLookbackDto): Promise<Record<string, unknown>> {
    if (dto.signature.meaning.trim() !== 'closure') throw field('signature.meaning', "must be 'closure' to close a look-back");
    const signature = await this.auth.sign(actor, dto.signature, 'closure');
    await this.db.tx(actor, async (tx) => {
      await this.lockOpen(tx, id);
      await tx.audit({ action: 'lookback.closed', reason: dto.note, signature });
      await tx.query(
        `UPDATE lookbacks SET status = 'closed', closed_at = now(), closed_by = $2, closed_by_name = $3, closure_note = $4, closure_signature = $5, updated_at = now() WHERE id = $1`,
        [id, actor.id, actor.name, dto.note.trim(), signature],
      );
    });
    return this.get(id);
  }

  /** Everything the reports show: the look-back, its units (all) and its consignees with notifications. */
  async reportData(id: string): Promise<{ lookback: Record<string, unknown>; units: Record<string, unknown>[] }> {
    const lookback = await this.get(id);
    const units = await this.db.query(`${UNIT_ROWS_SQL} WHERE lu.lookback_id = $1 ORDER BY lu.din`, [id]);
    return { lookback, units };
  }
}

const UNIT_ROWS_SQL = `SELECT lu.din, lu.found_status AS "foundStatus", lu.action, u.status AS "currentStatus",
       r.request_number AS "requestNumber", r.requesting_facility AS facility, r.physician,
       lu.disposition, lu.disposition_note AS "dispositionNote", lu.dispositioned_by_name AS "dispositionedBy", lu.dispositioned_at AS "dispositionedAt"
  FROM lookback_units lu JOIN cord_blood_units u ON u.din = lu.din LEFT JOIN release_requests r ON r.id = lu.release_request_id`;

const DISPOSITION_FITS: Record<DispositionDto['disposition'], (r: { action: string; status: UnitStatus }) => boolean> = {
  discarded: (r) => r.status === 'discarded',
  returned_to_inventory: (r) => (r.action === 'held' || r.action === 'already_on_hold') && r.status === 'on_hold',
  recalled: (r) => r.action === 'distributed' && r.status !== 'infused',
  used_recipient_followed_up: (r) => r.action === 'distributed' && r.status === 'infused',
  no_action: () => true,
};
