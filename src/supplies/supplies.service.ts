import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { registerConstraintMessages } from '../common/database-errors';
import { DomainError, fieldError as field, notFound } from '../common/domain-error';
import { parseDin } from '../common/din';
import { isoDay } from '../common/mappers';
import { isUuid } from '../common/pipes';
import { Db, Tx } from '../database/db.service';
import {
  CreateEquipmentDto, CreateSupplyExceptionDto, CreateSupplyLotDto, EquipmentOutOfServiceDto, EquipmentQuery, EquipmentReturnToServiceDto, EquipmentServiceDto, SuppliesUsedFields,
  SupplyLotQcDto, SupplyLotsQuery,
} from './dto/supplies.dto';

registerConstraintMessages({
  supply_lots_identity_key: 'This lot (type, manufacturer, lot number) is already recorded',
  equipment_serial_key: 'Equipment of this type with this serial number is already recorded',
  equipment_has_a_due_date: 'Equipment needs a calibration or a maintenance due date (calibrationDueOn, maintenanceDueOn)',
  equipment_services_due_after: 'nextDueOn must be after performedOn',
  supply_exceptions_valid_after_grant: 'validUntil must be in the future',
  equipment_out_of_service_recorded: 'Equipment out of service needs the time, the reason and who took it out',
});

const MAX_EXCEPTION_DAYS = 30;
const today = (): string => isoDay(new Date());

const LOT_COLUMNS = `l.id, l.type, l.manufacturer, l.lot_number AS "lotNumber", l.description, to_char(l.expires_on, 'YYYY-MM-DD') AS "expiresOn",
  to_char(l.received_on, 'YYYY-MM-DD') AS "receivedOn", l.qc_status AS "qcStatus",
  CASE WHEN l.qc_decided_at IS NULL THEN NULL ELSE jsonb_build_object('by', l.qc_decided_by_name, 'byId', l.qc_decided_by, 'at', l.qc_decided_at, 'note', l.qc_note) END AS "qcDecision",
  (l.qc_status = 'accepted' AND l.expires_on >= current_date) AS usable, l.recorded_by_name AS "recordedBy", l.created_at AS "createdAt"`;
const EQUIPMENT_COLUMNS = `e.id, e.type, e.name, e.manufacturer, e.model, e.serial_number AS "serialNumber", e.location,
  to_char(e.calibration_due_on, 'YYYY-MM-DD') AS "calibrationDueOn", to_char(e.maintenance_due_on, 'YYYY-MM-DD') AS "maintenanceDueOn", e.in_service AS "inService",
  (e.in_service AND coalesce(e.calibration_due_on >= current_date, true) AND coalesce(e.maintenance_due_on >= current_date, true)) AS usable,
  CASE WHEN e.out_of_service_since IS NULL THEN NULL
       ELSE jsonb_build_object('since', e.out_of_service_since, 'reason', e.out_of_service_reason, 'by', e.out_of_service_by_name, 'byId', e.out_of_service_by) END AS "outOfService",
  e.recorded_by_name AS "recordedBy", e.created_at AS "createdAt"`;
/** Today's UTC calendar day (due dates are UTC days, as the usability rule reads them). */
const TODAY_UTC = `(now() AT TIME ZONE 'UTC')::date`;

/** What a collection or processing used, as resolved and checked (the rows written to unit_supply_lots / unit_equipment). */
export interface SuppliesUsed {
  lots: { id: string; lotNumber: string; type: string; exceptionId: string | null }[];
  equipment: { id: string; serialNumber: string; name: string; exceptionId: string | null }[];
}

/**
 * Supply lots, equipment and QA exceptions (21 CFR 1271.210 supplies and reagents, 1271.200
 * equipment; FACT-NetCord): the records, and the link of a unit to what its collection and
 * processing used (1271.290 tracking: "which units used lot X" is one indexed query).
 */
@Injectable()
export class SuppliesService {
  constructor(private readonly db: Db) {}

  // ---- lots ------------------------------------------------------------------------------------

  async createLot(actor: Actor, dto: CreateSupplyLotDto): Promise<Record<string, unknown>> {
    if (dto.receivedOn > today()) throw field('receivedOn', 'can not be in the future');
    const id = await this.db.tx(actor, async (tx) => {
      await tx.audit({ action: 'supply_lot.recorded' });
      const row = await tx.one<{ id: string }>(
        `INSERT INTO supply_lots (type, manufacturer, lot_number, description, expires_on, received_on, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.type, dto.manufacturer.trim(), dto.lotNumber.trim(), dto.description ?? null, dto.expiresOn, dto.receivedOn, actor.id, actor.name],
      );
      return row!.id;
    });
    return this.getLot(id);
  }

  /**
   * QA's QC decision on a lot (21 CFR 1271.210(a): supplies and reagents are not used until verified
   * to meet specifications; (d)(2) the record of that verification). Decided once: a decided lot is 409 (a new lot record is the remedy).
   */
  async decideQc(actor: Actor, id: string, dto: SupplyLotQcDto): Promise<Record<string, unknown>> {
    await this.db.tx(actor, async (tx) => {
      const lot = await tx.one<{ qc_status: string; lot_number: string }>(`SELECT qc_status, lot_number FROM supply_lots WHERE id = $1 FOR UPDATE`, [id]);
      if (!lot) throw notFound('Supply lot', id);
      if (lot.qc_status !== 'pending') throw new DomainError('CONFLICT', `Supply lot ${lot.lot_number} is already ${lot.qc_status}`, { qcStatus: lot.qc_status });
      await tx.audit({ action: `supply_lot.qc_${dto.decision}`, reason: dto.note ?? null });
      await tx.query(
        `UPDATE supply_lots SET qc_status = $2, qc_decided_by = $3, qc_decided_by_name = $4, qc_decided_at = now(), qc_note = $5, updated_at = now() WHERE id = $1`,
        [id, dto.decision, actor.id, actor.name, dto.note ?? null],
      );
    });
    return this.getLot(id);
  }

  async getLot(id: string): Promise<Record<string, unknown>> {
    const row = await this.db.one(`SELECT ${LOT_COLUMNS}, (SELECT count(*)::int FROM unit_supply_lots u WHERE u.supply_lot_id = l.id) AS "unitCount" FROM supply_lots l WHERE l.id = $1`, [id]);
    if (!row) throw notFound('Supply lot', id);
    return row;
  }

  async listLots(q: SupplyLotsQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const where: string[] = [];
    const p: unknown[] = [];
    if (q.type) where.push(`l.type = $${p.push(q.type)}`);
    if (q.qcStatus) where.push(`l.qc_status = $${p.push(q.qcStatus)}`);
    if (q.lotNumber) where.push(`l.lot_number = $${p.push(q.lotNumber)}`);
    if (q.expiresBy) where.push(`l.expires_on <= $${p.push(q.expiresBy)}::date`);
    if (q.usable === 'true') where.push(`l.qc_status = 'accepted' AND l.expires_on >= current_date`);
    if (q.usable === 'false') where.push(`NOT (l.qc_status = 'accepted' AND l.expires_on >= current_date)`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM supply_lots l ${w}`, p);
    const items = await this.db.query(`SELECT ${LOT_COLUMNS} FROM supply_lots l ${w} ORDER BY l.expires_on, l.lot_number LIMIT $${p.length + 1} OFFSET $${p.length + 2}`, [...p, q.pageSize, (q.page - 1) * q.pageSize]);
    return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  /** `GET /supplies/lots/:id/units`: every unit that used the lot, at which stage, with its status (one indexed query). */
  async unitsOfLot(id: string, q: { page: number; pageSize: number }): Promise<{ lot: Record<string, unknown>; items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const lot = await this.getLot(id);
    const items = await this.db.query(
      `SELECT s.din, u.status, s.stage, s.used_at AS "usedAt", s.exception_id AS "exceptionId"
         FROM unit_supply_lots s JOIN cord_blood_units u ON u.din = s.din
        WHERE s.supply_lot_id = $1 ORDER BY s.din, s.stage LIMIT $2 OFFSET $3`,
      [id, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { lot, items, page: q.page, pageSize: q.pageSize, total: lot.unitCount as number };
  }

  // ---- equipment ---------------------------------------------------------------------------------

  async createEquipment(actor: Actor, dto: CreateEquipmentDto): Promise<Record<string, unknown>> {
    const id = await this.db.tx(actor, async (tx) => {
      await tx.audit({ action: 'equipment.recorded' });
      const row = await tx.one<{ id: string }>(
        `INSERT INTO equipment (type, name, manufacturer, model, serial_number, location, calibration_due_on, maintenance_due_on, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [dto.type, dto.name.trim(), dto.manufacturer ?? null, dto.model ?? null, dto.serialNumber.trim(), dto.location ?? null, dto.calibrationDueOn ?? null, dto.maintenanceDueOn ?? null, actor.id, actor.name],
      );
      return row!.id;
    });
    return this.getEquipment(id);
  }

  /**
   * Records a calibration or maintenance (21 CFR 1271.200(c), (d)): kept as its own row and the
   * equipment's due date of that kind becomes `nextDueOn`, in one transaction, on the equipment's chain.
   */
  async recordService(actor: Actor, id: string, dto: EquipmentServiceDto): Promise<Record<string, unknown>> {
    if (dto.performedOn > today()) throw field('performedOn', 'can not be in the future');
    await this.db.tx(actor, async (tx) => {
      const eq = await tx.one(`SELECT id FROM equipment WHERE id = $1 FOR UPDATE`, [id]);
      if (!eq) throw notFound('Equipment', id);
      await this.insertService(tx, id, dto);
    });
    return this.getEquipment(id);
  }

  /** One calibration or maintenance record, and the equipment's due date of that kind moved to its next due date (same transaction). */
  private async insertService(tx: Tx, id: string, dto: EquipmentServiceDto): Promise<string> {
    return tx.withAudit({ action: `equipment.${dto.kind}_recorded` }, async () => {
      const row = await tx.one<{ id: string }>(
        `INSERT INTO equipment_services (equipment_id, kind, performed_on, performed_by, next_due_on, certificate, notes, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [id, dto.kind, dto.performedOn, dto.performedBy, dto.nextDueOn, dto.certificate ?? null, dto.notes ?? null, tx.actor.id, tx.actor.name],
      );
      const col = dto.kind === 'calibration' ? 'calibration_due_on' : 'maintenance_due_on';
      await tx.query(`UPDATE equipment SET ${col} = $2, updated_at = now() WHERE id = $1`, [id, dto.nextDueOn]);
      return row!.id;
    });
  }

  /**
   * QA takes equipment out of service with the reason (21 CFR 1271.200(a): equipment fit for its
   * use; FACT-NetCord equipment): from then on collections and processing that name it are refused
   * (422 here, and by the database's supply_link_guard on any path). Audited on `equipment:<id>`.
   * The answer says how many units used it since its last calibration: `POST /lookbacks {trigger:
   * {type: 'equipment', equipmentId}}` finds and holds them (the window defaults to exactly that).
   */
  async takeOutOfService(actor: Actor, id: string, dto: EquipmentOutOfServiceDto): Promise<Record<string, unknown>> {
    await this.db.tx(actor, async (tx) => {
      const eq = await tx.one<{ in_service: boolean; name: string; out_of_service_since: Date | null; out_of_service_reason: string | null }>(
        `SELECT in_service, name, out_of_service_since, out_of_service_reason FROM equipment WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!eq) throw notFound('Equipment', id);
      if (!eq.in_service) {
        throw new DomainError('CONFLICT', `${eq.name} is already out of service since ${eq.out_of_service_since?.toISOString()} (${eq.out_of_service_reason})`);
      }
      await tx.audit({ action: 'equipment.out_of_service', reason: dto.reason.trim() });
      await tx.query(
        `UPDATE equipment SET in_service = false, out_of_service_since = now(), out_of_service_reason = $2, out_of_service_by = $3, out_of_service_by_name = $4, updated_at = now() WHERE id = $1`,
        [id, dto.reason.trim(), actor.id, actor.name],
      );
    });
    return this.getEquipment(id);
  }

  /**
   * QA returns equipment to service (21 CFR 1271.200(c), (d)): only with a calibration or maintenance
   * performed since it was taken out of service — recorded with this act (`services`) or before it
   * (`serviceIds`) — and with no due date left in the past. The database refuses the same
   * (equipment_service_state_guard). Everything in one transaction, on `equipment:<id>`.
   */
  async returnToService(actor: Actor, id: string, dto: EquipmentReturnToServiceDto): Promise<Record<string, unknown>> {
    const services = dto.services ?? [];
    const serviceIds = [...new Set(dto.serviceIds ?? [])];
    if (!services.length && !serviceIds.length) throw field('services', 'name the calibration or maintenance that makes it usable again (services, or serviceIds already recorded)');
    for (const [i, sv] of services.entries()) if (sv.performedOn > today()) throw field(`services[${i}].performedOn`, 'can not be in the future');
    await this.db.tx(actor, async (tx) => {
      const eq = await tx.one<{ in_service: boolean; name: string; since: Date | null; since_day: string | null }>(
        `SELECT in_service, name, out_of_service_since AS since, to_char(out_of_service_since AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS since_day FROM equipment WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!eq) throw notFound('Equipment', id);
      if (eq.in_service) throw new DomainError('CONFLICT', `${eq.name} is in service: only equipment taken out of service is returned to it`);
      const sinceDay = eq.since_day!;
      if (serviceIds.length) {
        const known = await tx.query<{ id: string; ok: boolean }>(
          `SELECT id, (created_at >= $3 AND performed_on >= $4::date) AS ok FROM equipment_services WHERE equipment_id = $1 AND id = ANY($2::uuid[])`,
          [id, serviceIds, eq.since, sinceDay],
        );
        for (const [i, sid] of serviceIds.entries()) {
          const k = known.find((x) => x.id === sid);
          if (!k) throw field(`serviceIds[${i}]`, `not a calibration or maintenance record of ${eq.name}`);
          if (!k.ok) throw field(`serviceIds[${i}]`, `performed or recorded before ${eq.name} was taken out of service (${sinceDay}): it does not show it is fit again`);
        }
      }
      for (const [i, sv] of services.entries()) {
        if (sv.performedOn < sinceDay) throw field(`services[${i}].performedOn`, `is before ${eq.name} was taken out of service (${sinceDay})`);
        await this.insertService(tx, id, sv);
      }
      const due = await tx.one<{ calibration: string | null; maintenance: string | null }>(
        `SELECT CASE WHEN calibration_due_on < ${TODAY_UTC} THEN to_char(calibration_due_on, 'YYYY-MM-DD') END AS calibration,
                CASE WHEN maintenance_due_on < ${TODAY_UTC} THEN to_char(maintenance_due_on, 'YYYY-MM-DD') END AS maintenance
           FROM equipment WHERE id = $1`,
        [id],
      );
      const late = due!.calibration ? `calibration was due on ${due!.calibration}` : due!.maintenance ? `maintenance was due on ${due!.maintenance}` : null;
      if (late) throw field('services', `${eq.name} can not return to service: its ${late}; record that ${due!.calibration ? 'calibration' : 'maintenance'} too`);
      await tx.audit({ action: 'equipment.returned_to_service', reason: dto.reason.trim() });
      await tx.query(
        `UPDATE equipment SET in_service = true, out_of_service_since = NULL, out_of_service_reason = NULL, out_of_service_by = NULL, out_of_service_by_name = NULL, updated_at = now() WHERE id = $1`,
        [id],
      );
    });
    return this.getEquipment(id);
  }

  async getEquipment(id: string): Promise<Record<string, unknown>> {
    const row = await this.db.one(`SELECT ${EQUIPMENT_COLUMNS} FROM equipment e WHERE e.id = $1`, [id]);
    if (!row) throw notFound('Equipment', id);
    const services = await this.db.query(
      `SELECT id, kind, to_char(performed_on, 'YYYY-MM-DD') AS "performedOn", performed_by AS "performedBy", to_char(next_due_on, 'YYYY-MM-DD') AS "nextDueOn",
              certificate, notes, recorded_by_name AS "recordedBy", created_at AS "recordedAt"
         FROM equipment_services WHERE equipment_id = $1 ORDER BY performed_on DESC, created_at DESC`,
      [id],
    );
    // out of service and back, from the equipment's own audit chain (who, when, why)
    const serviceHistory = await this.db.query(
      `SELECT seq, at, CASE action WHEN 'equipment.out_of_service' THEN 'out_of_service' ELSE 'returned_to_service' END AS change, reason, actor_name AS by, actor_id AS "byId"
         FROM audit_entries WHERE chain = $1 AND action IN ('equipment.out_of_service', 'equipment.returned_to_service') ORDER BY seq`,
      [`equipment:${id}`],
    );
    // what a look-back over it would find by default: the units that used it since its last calibration
    const since = await this.db.one<{ from: Date; basis: string; units: number }>(
      `WITH w AS (
         SELECT coalesce((SELECT max(s.performed_on)::timestamp AT TIME ZONE 'UTC' FROM equipment_services s WHERE s.equipment_id = e.id AND s.kind = 'calibration'
                           AND s.created_at <= coalesce(e.out_of_service_since, now())),
                         (SELECT max(s.performed_on)::timestamp AT TIME ZONE 'UTC' FROM equipment_services s WHERE s.equipment_id = e.id AND s.kind = 'maintenance'
                           AND s.created_at <= coalesce(e.out_of_service_since, now())),
                         e.created_at) AS "from",
                coalesce(e.out_of_service_since, now()) AS "to"
           FROM equipment e WHERE e.id = $1)
       SELECT w."from", (SELECT count(DISTINCT u.din)::int FROM unit_equipment u WHERE u.equipment_id = $1 AND u.used_at >= w."from" AND u.used_at < w."to") AS units FROM w`,
      [id],
    );
    return { ...row, services, serviceHistory, sinceLastCalibration: { from: since!.from, unitsUsedIt: since!.units, lookback: { type: 'equipment', equipmentId: id } } };
  }

  async listEquipment(q: EquipmentQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const where: string[] = [];
    const p: unknown[] = [];
    if (q.type) where.push(`e.type = $${p.push(q.type)}`);
    if (q.dueBy) where.push(`(e.calibration_due_on <= $${p.push(q.dueBy)}::date OR e.maintenance_due_on <= $${p.length}::date)`);
    if (q.state === 'in_service') where.push('e.in_service');
    if (q.state === 'out_of_service') where.push('NOT e.in_service');
    if (q.state === 'overdue') where.push(`(e.calibration_due_on < ${TODAY_UTC} OR e.maintenance_due_on < ${TODAY_UTC})`);
    if (q.state === 'due_soon') {
      where.push(`e.in_service AND coalesce(e.calibration_due_on >= ${TODAY_UTC}, true) AND coalesce(e.maintenance_due_on >= ${TODAY_UTC}, true)
                  AND least(e.calibration_due_on, e.maintenance_due_on) <= ${TODAY_UTC} + $${p.push(q.dueWithinDays)}::int`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM equipment e ${w}`, p);
    const items = await this.db.query(
      `SELECT ${EQUIPMENT_COLUMNS} FROM equipment e ${w} ORDER BY least(e.calibration_due_on, e.maintenance_due_on), e.name LIMIT $${p.length + 1} OFFSET $${p.length + 2}`,
      [...p, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  // ---- QA exceptions ---------------------------------------------------------------------------

  /**
   * A QA exception (bank policy under 21 CFR 1271.210(a) and 1271.200: use of a supply or equipment
   * that does not meet its requirement only by a documented, authorised decision): recorded
   * beforehand by QA, for one lot or one piece of equipment, optionally one unit, for at most 30
   * days; a collection or processing names it in `exceptionIds`.
   */
  async createException(actor: Actor, dto: CreateSupplyExceptionDto): Promise<Record<string, unknown>> {
    if ((dto.supplyLotId ? 1 : 0) + (dto.equipmentId ? 1 : 0) !== 1) throw field('supplyLotId', 'name exactly one of supplyLotId and equipmentId');
    const until = new Date(dto.validUntil);
    if (until.getTime() <= Date.now()) throw field('validUntil', 'must be in the future');
    if (until.getTime() > Date.now() + MAX_EXCEPTION_DAYS * 86_400_000) throw field('validUntil', `an exception lasts at most ${MAX_EXCEPTION_DAYS} days`);
    const din = dto.din !== undefined ? parseDin(dto.din, 'din').din : null;
    const id = await this.db.tx(actor, async (tx) => {
      if (dto.supplyLotId && !(await tx.one(`SELECT 1 FROM supply_lots WHERE id = $1`, [dto.supplyLotId]))) throw field('supplyLotId', 'no such supply lot');
      if (dto.equipmentId && !(await tx.one(`SELECT 1 FROM equipment WHERE id = $1`, [dto.equipmentId]))) throw field('equipmentId', 'no such equipment');
      if (din && !(await tx.one(`SELECT 1 FROM cord_blood_units WHERE din = $1`, [din]))) throw field('din', 'no such unit');
      await tx.audit({ action: 'supply_exception.granted', reason: dto.reason });
      const row = await tx.one<{ id: string }>(
        `INSERT INTO supply_exceptions (supply_lot_id, equipment_id, din, reason, valid_until, granted_by, granted_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [dto.supplyLotId ?? null, dto.equipmentId ?? null, din, dto.reason.trim(), until, actor.id, actor.name],
      );
      return row!.id;
    });
    return this.getException(id);
  }

  async getException(id: string): Promise<Record<string, unknown>> {
    const row = await this.db.one(
      `SELECT id, supply_lot_id AS "supplyLotId", equipment_id AS "equipmentId", din, reason, valid_until AS "validUntil", granted_by_name AS "grantedBy", granted_at AS "grantedAt",
              (valid_until > now()) AS valid
         FROM supply_exceptions WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound('Supply exception', id);
    return row;
  }

  async listExceptions(q: { page: number; pageSize: number }): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM supply_exceptions`);
    const items = await this.db.query(
      `SELECT id, supply_lot_id AS "supplyLotId", equipment_id AS "equipmentId", din, reason, valid_until AS "validUntil", granted_by_name AS "grantedBy", granted_at AS "grantedAt",
              (valid_until > now()) AS valid
         FROM supply_exceptions ORDER BY granted_at DESC LIMIT $1 OFFSET $2`,
      [q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  // ---- a unit's use ------------------------------------------------------------------------------

  /**
   * Links the unit to the lots and equipment its collection or processing used, in the caller's
   * transaction (audited on the unit's chain). A lot not QC-accepted or expired at `usedAt`, or
   * equipment out of service or past its calibration/maintenance due date at `usedAt`, is 422 naming
   * it, unless one of `exceptionIds` is a valid QA exception for it (and this unit, if it names one).
   * The database refuses the same (trigger supply_link_guard) whatever the caller.
   */
  async link(tx: Tx, din: string, stage: 'collection' | 'processing', used: SuppliesUsedFields, usedAt: Date): Promise<SuppliesUsed> {
    const out: SuppliesUsed = { lots: [], equipment: [] };
    const lotRefs = [...new Set(used.supplyLots ?? [])];
    const eqRefs = [...new Set(used.equipment ?? [])];
    if (!lotRefs.length && !eqRefs.length) {
      if (used.exceptionIds?.length) throw field('exceptionIds', 'names exceptions but no supplyLots or equipment');
      return out;
    }
    const exceptions = used.exceptionIds?.length
      ? await tx.query<{ id: string; supply_lot_id: string | null; equipment_id: string | null; din: string | null; valid: boolean }>(
          `SELECT id, supply_lot_id, equipment_id, din, valid_until > now() AS valid FROM supply_exceptions WHERE id = ANY($1::uuid[])`,
          [used.exceptionIds],
        )
      : [];
    for (const id of used.exceptionIds ?? []) if (!exceptions.some((x) => x.id === id)) throw field('exceptionIds', `no such QA exception ${id}`);
    const usedOn = usedAt.toISOString().slice(0, 10);
    const errors: { field: string; message: string }[] = [];
    const exceptionFor = (kind: 'supply_lot_id' | 'equipment_id', id: string) =>
      exceptions.find((x) => x[kind] === id && x.valid && (x.din === null || x.din === din))?.id ?? null;

    for (const [i, ref] of lotRefs.entries()) {
      const rows = await tx.query<{ id: string; lot_number: string; type: string; qc_status: string; expires_on: string }>(
        `SELECT id, lot_number, type, qc_status, to_char(expires_on, 'YYYY-MM-DD') AS expires_on FROM supply_lots WHERE ${isUuid(ref) ? 'id = $1::uuid' : 'lot_number = $1'}`,
        [ref],
      );
      if (rows.length === 0) { errors.push({ field: `supplyLots[${i}]`, message: `no supply lot ${ref}` }); continue; }
      if (rows.length > 1) { errors.push({ field: `supplyLots[${i}]`, message: `lot number ${ref} names ${rows.length} lots (${rows.map((r) => r.type).join(', ')}): give the lot's id` }); continue; }
      const lot = rows[0];
      const problem = lot.qc_status !== 'accepted' ? `lot ${lot.lot_number} (${lot.type}) is not QC-accepted (${lot.qc_status})` : lot.expires_on < usedOn ? `lot ${lot.lot_number} (${lot.type}) expired on ${lot.expires_on}` : null;
      const exceptionId = problem ? exceptionFor('supply_lot_id', lot.id) : null;
      if (problem && !exceptionId) errors.push({ field: `supplyLots[${i}]`, message: `${problem}: refused without a valid QA exception` });
      out.lots.push({ id: lot.id, lotNumber: lot.lot_number, type: lot.type, exceptionId });
    }
    for (const [i, ref] of eqRefs.entries()) {
      const rows = await tx.query<{ id: string; serial_number: string; name: string; in_service: boolean; calibration_due_on: string | null; maintenance_due_on: string | null }>(
        `SELECT id, serial_number, name, in_service, to_char(calibration_due_on, 'YYYY-MM-DD') AS calibration_due_on, to_char(maintenance_due_on, 'YYYY-MM-DD') AS maintenance_due_on
           FROM equipment WHERE ${isUuid(ref) ? 'id = $1::uuid' : 'lower(serial_number) = lower($1)'}`,
        [ref],
      );
      if (rows.length === 0) { errors.push({ field: `equipment[${i}]`, message: `no equipment ${ref}` }); continue; }
      if (rows.length > 1) { errors.push({ field: `equipment[${i}]`, message: `serial number ${ref} names ${rows.length} pieces of equipment: give its id` }); continue; }
      const e = rows[0];
      const problem = !e.in_service ? `${e.name} (serial ${e.serial_number}) is out of service`
        : e.calibration_due_on !== null && e.calibration_due_on < usedOn ? `${e.name} (serial ${e.serial_number}) was due for calibration on ${e.calibration_due_on}`
        : e.maintenance_due_on !== null && e.maintenance_due_on < usedOn ? `${e.name} (serial ${e.serial_number}) was due for maintenance on ${e.maintenance_due_on}` : null;
      const exceptionId = problem ? exceptionFor('equipment_id', e.id) : null;
      if (problem && !exceptionId) errors.push({ field: `equipment[${i}]`, message: `${problem}: refused without a valid QA exception` });
      out.equipment.push({ id: e.id, serialNumber: e.serial_number, name: e.name, exceptionId });
    }
    if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });

    // the lots, then the equipment: the same link row in each table (a repeated link is kept once)
    const links = [
      { table: 'unit_supply_lots', column: 'supply_lot_id', used: out.lots },
      { table: 'unit_equipment', column: 'equipment_id', used: out.equipment },
    ] as const;
    await tx.withAudit({ action: `unit.${stage}.supplies_recorded` }, async () => {
      for (const { table, column, used } of links) {
        if (!used.length) continue;
        await tx.query(
          `INSERT INTO ${table} (din, ${column}, stage, used_at, exception_id)
           SELECT $1, x.id, $2, $3, x.exception_id FROM unnest($4::uuid[], $5::uuid[]) AS x(id, exception_id)
           ON CONFLICT (din, ${column}, stage) DO NOTHING`,
          [din, stage, usedAt, used.map((l) => l.id), used.map((l) => l.exceptionId)],
        );
      }
    });
    return out;
  }

  /** What a unit used (for the unit's supplies view). */
  async usedBy(db: Db | Tx, din: string): Promise<{ supplyLots: Record<string, unknown>[]; equipment: Record<string, unknown>[] }> {
    const supplyLots = await db.query(
      `SELECT l.id, l.type, l.manufacturer, l.lot_number AS "lotNumber", s.stage, s.used_at AS "usedAt", s.exception_id AS "exceptionId"
         FROM unit_supply_lots s JOIN supply_lots l ON l.id = s.supply_lot_id WHERE s.din = $1 ORDER BY s.used_at, l.type`,
      [din],
    );
    const equipment = await db.query(
      `SELECT e.id, e.type, e.name, e.serial_number AS "serialNumber", s.stage, s.used_at AS "usedAt", s.exception_id AS "exceptionId"
         FROM unit_equipment s JOIN equipment e ON e.id = s.equipment_id WHERE s.din = $1 ORDER BY s.used_at, e.name`,
      [din],
    );
    return { supplyLots, equipment };
  }
}
