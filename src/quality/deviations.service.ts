import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { parseDin } from '../common/din';
import { DomainError, fieldError, notFound } from '../common/domain-error';
import { iso } from '../common/mappers';
import { Db, Tx } from '../database/db.service';
import type { UnitStatus } from '../units/unit-state';
import { UnitsService } from '../units/units.service';
import type {
  CapaUpdateDto, CreateDeviationDto, DeviationCategory, DeviationQuery, DeviationSeverity, DeviationUnitDto, UpdateDeviationDto,
} from './dto/quality.dto';
import { AuthService } from '../auth/auth.service';

/** 21 CFR 1271.350(b)(2): an HCT/P deviation of a distributed product is reported within 45 days of its discovery. */
export const DEVIATION_REPORT_DAYS = 45;
const DISTRIBUTED: string[] = ['shipped', 'delivered', 'infused'];

/** The states from which a unit can go on hold: it is still in the bank's hands (unit-state TRANSITIONS). */
const HOLDABLE: UnitStatus[] = ['collected', 'received', 'processed', 'quarantine', 'available', 'reserved'];

export interface DeviationRow {
  id: string;
  deviation_number: string;
  status: 'open' | 'investigating' | 'closed';
  title: string;
  description: string;
  occurred_at: Date;
  discovered_at: Date;
  where_found: string;
  category: string;
  severity: string;
  source: string;
  source_reference: string | null;
  reported_by: string;
  reported_by_name: string;
  investigation: string | null;
  root_cause: string | null;
  fda_reported_at: Date | null;
  fda_report_reference: string | null;
  fda_not_reportable_reason: string | null;
  closure_summary: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  closed_by_name: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What a system act (a scan-back label mismatch, an adverse reaction) opens a deviation with. */
export interface SystemDeviation {
  title: string;
  description: string;
  occurredAt: Date;
  whereFound: string;
  category: DeviationCategory;
  severity: DeviationSeverity;
  /** DINs concerned: each is held (if still in the bank) in the caller's transaction. */
  dins: string[];
  source?: 'system' | 'adverse_reaction';
  /** What raised it (e.g. `label verify W123426000001 final`, `AR000003`). */
  sourceReference?: string;
}

const isQa = (actor: Actor) => actor.roles.includes('quality_assurance');

export const deviationChain = (id: string): string => `deviation:${id}`;

/**
 * Deviations (nonconformances; 21 CFR 1271.160(b)(2) and (b)(3), 1271.350(b); FACT-NetCord quality
 * management). Each act is one transaction: the deviation row is locked first, then its units in
 * DIN order (so two acts can not deadlock), and every unit hold goes through
 * UnitsService.transition, the one status writer, in that transaction.
 */
@Injectable()
export class DeviationsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly auth: AuthService,
  ) {}

  /**
   * `POST /deviations`: a staff member reports a nonconformance. The units concerned go `on_hold` in
   * the same transaction; only QA may say a unit is not held, and says why (recorded per unit).
   */
  async report(actor: Actor, dto: CreateDeviationDto): Promise<Record<string, unknown>> {
    const occurredAt = new Date(dto.occurredAt);
    const discoveredAt = dto.discoveredAt ? new Date(dto.discoveredAt) : new Date();
    if (occurredAt > discoveredAt) throw fieldError('occurredAt', 'can not be after discoveredAt');
    const units = this.checkUnits(actor, dto.units ?? [], 'units');
    const id = await this.db.tx(actor, async (tx) => {
      const row = await this.insert(tx, {
        title: dto.title, description: dto.description, occurredAt, discoveredAt, whereFound: dto.whereFound, category: dto.category, severity: dto.severity,
        source: 'staff', sourceReference: null,
      });
      await this.addUnits(tx, row, units);
      return row.id;
    });
    return this.get(id);
  }

  /**
   * Opens a deviation from inside another feature's transaction (DESIGN.md section 8: a scan-back
   * label mismatch "is a deviation"; section 9: an adverse reaction that points at the product).
   * The units still in the bank go on hold in `tx`; those already distributed are recorded as not
   * held, with the reason. The caller's audit context is restored afterwards.
   */
  async openFromSystem(tx: Tx, d: SystemDeviation): Promise<DeviationRow> {
    const prev = await tx.withAudit({ action: 'deviation.reported', reason: null }, async () => {
      const row = await this.insert(tx, {
        title: d.title, description: d.description, occurredAt: d.occurredAt, discoveredAt: new Date(), whereFound: d.whereFound, category: d.category,
        severity: d.severity, source: d.source ?? 'system', sourceReference: d.sourceReference ?? null,
      });
      const dins = [...new Set(d.dins.map((x) => parseDin(x).din))].sort();
      await this.addUnits(tx, row, dins.map((din) => ({ din, hold: true })));
      return row;
    });
    return prev;
  }

  private async insert(tx: Tx, d: Omit<SystemDeviation, 'dins' | 'sourceReference' | 'source'> & { discoveredAt: Date; source: string; sourceReference: string | null }): Promise<DeviationRow> {
    await tx.audit({ action: 'deviation.reported', reason: null, signature: null });
    return (await tx.one<DeviationRow>(
      `INSERT INTO deviations (title, description, occurred_at, discovered_at, where_found, category, severity, source, source_reference, reported_by, reported_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [d.title, d.description, d.occurredAt, d.discoveredAt, d.whereFound, d.category, d.severity, d.source, d.sourceReference, tx.actor.id, tx.actor.name],
    ))!;
  }

  /** The units named by a request, normalised; a unit not held needs QA and a reason. */
  private checkUnits(actor: Actor, units: DeviationUnitDto[], field: string): { din: string; hold: boolean; notHeldReason?: string }[] {
    const out = units.map((u, i) => {
      const { din } = parseDin(u.din, `${field}[${i}].din`);
      const hold = u.hold ?? true;
      if (!hold && !isQa(actor)) throw new DomainError('FORBIDDEN', 'Only quality_assurance may decide that a unit concerned by a deviation is not put on hold');
      if (!hold && !u.notHeldReason) throw fieldError(`${field}[${i}].notHeldReason`, 'is required when hold is false: say why the unit is not held');
      if (hold && u.notHeldReason) throw fieldError(`${field}[${i}].notHeldReason`, 'only with hold: false');
      return { din, hold, notHeldReason: u.notHeldReason };
    });
    if (new Set(out.map((u) => u.din)).size !== out.length) throw fieldError(field, 'each unit once');
    return out.sort((a, b) => a.din.localeCompare(b.din));
  }

  /**
   * Links units to the deviation and, unless QA said otherwise, holds them in this transaction, set
   * based: the unit rows are locked in DIN order (one statement, so two acts can not deadlock), the
   * holdable ones go `on_hold` in ONE UPDATE through UnitsService.transitionMany (the one status
   * writer; each unit's audit entry on its chain by the row trigger), and the links are inserted in
   * one statement per distinct not-held reason (the reason goes on each entry). A unit already on hold
   * (another deviation, a look-back, QA) stays so; a unit no longer in the bank (shipped, delivered,
   * infused, discarded, rejected) can not be held and is recorded with that reason.
   */
  private async addUnits(tx: Tx, dev: DeviationRow, units: { din: string; hold: boolean; notHeldReason?: string }[]): Promise<void> {
    if (!units.length) return;
    const dins = [...new Set(units.map((u) => u.din))].sort();
    const locked = await tx.query<{ din: string; status: UnitStatus }>(`SELECT din, status FROM cord_blood_units WHERE din = ANY($1::text[]) ORDER BY din FOR UPDATE`, [dins]);
    const status = new Map(locked.map((r) => [r.din, r.status]));
    const missing = dins.find((d) => !status.has(d));
    if (missing) throw notFound('Unit', missing);
    const already = await tx.query<{ din: string }>(`SELECT din FROM deviation_units WHERE deviation_id = $1 AND din = ANY($2::text[]) ORDER BY din LIMIT 1`, [dev.id, dins]);
    if (already.length) throw new DomainError('CONFLICT', `Unit ${already[0].din} is already concerned by deviation ${dev.deviation_number}`);

    const rows = units.map((u) => {
      const was = status.get(u.din)!;
      if (!u.hold) return { din: u.din, was, hold: 'not_held' as const, notHeld: u.notHeldReason ?? null };
      if (was === 'on_hold') return { din: u.din, was, hold: 'already_on_hold' as const, notHeld: null };
      if (HOLDABLE.includes(was)) return { din: u.din, was, hold: 'placed' as const, notHeld: null };
      return { din: u.din, was, hold: 'not_held' as const, notHeld: `unit is ${was}: no longer in the bank's inventory, it can not be held` };
    });
    const toHold = rows.filter((r) => r.hold === 'placed').map((r) => r.din);
    if (toHold.length) {
      await this.units.transitionMany(tx, toHold, 'on_hold', HOLDABLE, { action: 'unit.held', reason: `deviation ${dev.deviation_number}: ${dev.title}`, signature: null });
    }
    const byReason = new Map<string | null, typeof rows>();
    for (const r of rows) byReason.set(r.notHeld, [...(byReason.get(r.notHeld) ?? []), r]);
    let added = 0;
    for (const [reason, group] of byReason) {
      await tx.audit({ action: 'deviation.unit_added', reason, signature: null });
      const inserted = await tx.query(
        `INSERT INTO deviation_units (deviation_id, din, hold, not_held_reason, status_when_added, added_by)
         SELECT $1, x.din, x.hold, $2, x.was, $3 FROM unnest($4::text[], $5::text[], $6::text[]) AS x(din, hold, was)
         ON CONFLICT (deviation_id, din) DO NOTHING RETURNING din`,
        [dev.id, reason, tx.actor.id, group.map((r) => r.din), group.map((r) => r.hold), group.map((r) => r.was)],
      );
      added += inserted.length;
    }
    if (added !== rows.length) throw new DomainError('CONFLICT', `A unit is already concerned by deviation ${dev.deviation_number}`);
  }

  /**
   * `PATCH /deviations/:id` (QA): the record, more units, dispositions, CAPA actions and closure, in
   * one transaction in that order. Closure needs QA's e-signature with the meaning `closure` and is
   * refused by the database while a CAPA action is not done with its effectiveness checked, or a unit
   * has no disposition (FACT-NetCord quality management: CAPA followed to an effectiveness check).
   */
  async update(actor: Actor, id: string, dto: UpdateDeviationDto): Promise<Record<string, unknown>> {
    const addUnits = this.checkUnits(actor, dto.addUnits ?? [], 'addUnits');
    const dispositions = (dto.dispositions ?? []).map((d, i) => ({ ...d, din: parseDin(d.din, `dispositions[${i}].din`).din }));
    if (new Set(dispositions.map((d) => d.din)).size !== dispositions.length) throw fieldError('dispositions', 'each unit once');
    for (const [i, a] of (dto.addCapaActions ?? []).entries()) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(a.dueDate)) throw fieldError(`addCapaActions[${i}].dueDate`, 'must be a date YYYY-MM-DD');
    }
    for (const [i, c] of (dto.capaUpdates ?? []).entries()) {
      if (!c.done && !c.effectiveness) throw fieldError(`capaUpdates[${i}]`, 'give done or effectiveness');
    }
    const fields = { title: dto.title, description: dto.description, where_found: dto.whereFound, category: dto.category, severity: dto.severity, investigation: dto.investigation, root_cause: dto.rootCause };
    const set = Object.entries(fields).filter(([, v]) => v !== undefined);
    const fda = dto.fdaReport;
    if (fda) {
      if ((fda.reportedAt === undefined) !== (fda.reference === undefined)) throw fieldError('fdaReport', 'give reportedAt and reference together');
      if ((fda.reportedAt === undefined) === (fda.notRequiredReason === undefined)) throw fieldError('fdaReport', 'give either the report (reportedAt, reference) or notRequiredReason');
    }
    if (!set.length && !addUnits.length && !dispositions.length && !dto.addCapaActions && !dto.capaUpdates && !dto.close && !fda) {
      throw fieldError('(body)', 'nothing to change');
    }
    // the signature is checked before anything is written (a wrong password writes nothing)
    const signature = dto.close ? await this.auth.sign(actor, dto.close.signature, 'closure') : null;
    await this.db.tx(actor, async (tx) => {
      let dev = await this.lock(tx, id);
      if (dev.status === 'closed') throw new DomainError('CONFLICT', `Deviation ${dev.deviation_number} is closed: it can not be changed`);
      if (set.length) {
        await tx.audit({ action: 'deviation.updated', reason: dto.reason ?? null, signature: null });
        const cols = set.map(([c]) => c);
        const moveToInvestigating = dev.status === 'open' && (dto.investigation !== undefined || dto.rootCause !== undefined);
        dev = (await tx.one<DeviationRow>(
          `UPDATE deviations SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}${moveToInvestigating ? `, status = 'investigating'` : ''}, updated_at = now() WHERE id = $1 RETURNING *`,
          [id, ...set.map(([, v]) => v)],
        ))!;
      }
      await this.addUnits(tx, dev, addUnits);
      for (const d of dispositions) {
        await tx.audit({ action: 'deviation.unit_dispositioned', reason: d.reason, signature: null });
        const row = await tx.one(
          `UPDATE deviation_units SET disposition = $3, disposition_reason = $4, dispositioned_at = now(), dispositioned_by = $5, updated_at = now()
            WHERE deviation_id = $1 AND din = $2 RETURNING din`,
          [id, d.din, d.disposition, d.reason, actor.id],
        );
        if (!row) throw fieldError('dispositions', `unit ${d.din} is not concerned by deviation ${dev.deviation_number}`);
      }
      for (const a of dto.addCapaActions ?? []) {
        await tx.audit({ action: 'deviation.capa_added', reason: null, signature: null });
        await tx.query(`INSERT INTO deviation_capa_actions (deviation_id, kind, description, owner, due_date, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id, a.kind, a.description, a.owner, a.dueDate, actor.id,
        ]);
      }
      for (const [i, c] of (dto.capaUpdates ?? []).entries()) await this.updateCapa(tx, dev, c, `capaUpdates[${i}]`);
      if (fda) {
        if (dev.fda_reported_at) throw new DomainError('CONFLICT', `The FDA report of ${dev.deviation_number} is already recorded (${dev.fda_report_reference})`);
        if (fda.reportedAt && new Date(fda.reportedAt) < dev.discovered_at) throw fieldError('fdaReport.reportedAt', 'can not be before the deviation was discovered');
        await tx.audit({ action: fda.reportedAt ? 'deviation.fda_reported' : 'deviation.fda_not_reportable', reason: fda.notRequiredReason ?? null, signature: null });
        await tx.query(
          `UPDATE deviations SET fda_reported_at = $2, fda_report_reference = $3, fda_not_reportable_reason = $4, updated_at = now() WHERE id = $1`,
          [id, fda.reportedAt ?? null, fda.reference ?? null, fda.reportedAt ? null : fda.notRequiredReason],
        );
      }
      if (dto.close) {
        await tx.audit({ action: 'deviation.closed', reason: dto.close.summary, signature });
        await tx.query(
          `UPDATE deviations SET status = 'closed', closure_summary = $2, closed_at = now(), closed_by = $3, closed_by_name = $4, updated_at = now() WHERE id = $1`,
          [id, dto.close.summary, actor.id, signature!.signerName],
        );
      }
    });
    return this.get(id);
  }

  private async updateCapa(tx: Tx, dev: DeviationRow, c: CapaUpdateDto, field: string): Promise<void> {
    const action = await tx.one<{ done_at: Date | null; effectiveness: string | null }>(
      `SELECT done_at, effectiveness FROM deviation_capa_actions WHERE id = $1 AND deviation_id = $2 FOR UPDATE`,
      [c.id, dev.id],
    );
    if (!action) throw fieldError(`${field}.id`, `is not a CAPA action of deviation ${dev.deviation_number}`);
    if (c.done) {
      if (action.done_at) throw new DomainError('CONFLICT', `CAPA action ${c.id} is already done`);
      await tx.audit({ action: 'deviation.capa_done', reason: c.done.note, signature: null });
      await tx.query(`UPDATE deviation_capa_actions SET done_at = now(), done_by = $2, done_note = $3, updated_at = now() WHERE id = $1`, [c.id, tx.actor.id, c.done.note]);
    }
    if (c.effectiveness) {
      if (!action.done_at && !c.done) throw fieldError(`${field}.effectiveness`, 'the action must be done before its effectiveness is checked');
      if (action.effectiveness) throw new DomainError('CONFLICT', `CAPA action ${c.id} already has its effectiveness check`);
      await tx.audit({ action: 'deviation.capa_effectiveness_checked', reason: c.effectiveness.note, signature: null });
      await tx.query(
        `UPDATE deviation_capa_actions SET effectiveness = $2, effectiveness_note = $3, effectiveness_checked_at = now(), effectiveness_checked_by = $4, updated_at = now() WHERE id = $1`,
        [c.id, c.effectiveness.result, c.effectiveness.note, tx.actor.id],
      );
    }
  }

  async lock(tx: Tx, id: string): Promise<DeviationRow> {
    const row = await tx.one<DeviationRow>(`SELECT * FROM deviations WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('Deviation', id);
    return row;
  }

  async exists(db: Db | Tx, id: string): Promise<boolean> {
    return !!(await db.one(`SELECT 1 FROM deviations WHERE id = $1`, [id]));
  }

  /**
   * `GET /deviations`: open ones first, then by the earliest due date of an open CAPA action, then
   * newest; filters status, severity, overdue CAPA (an action past its due date and not done), unit.
   */
  async list(q: DeviationQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status) where.push(`d.status = $${params.push(q.status)}`);
    if (q.severity) where.push(`d.severity = $${params.push(q.severity)}`);
    if (q.overdueCapa) where.push(`EXISTS (SELECT 1 FROM deviation_capa_actions a WHERE a.deviation_id = d.id AND a.done_at IS NULL AND a.due_date < (now() AT TIME ZONE 'UTC')::date)`);
    if (q.din) where.push(`EXISTS (SELECT 1 FROM deviation_units u WHERE u.deviation_id = d.id AND u.din = $${params.push(parseDin(q.din).din)})`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM deviations d ${w}`, params);
    const rows = await this.db.query<DeviationRow & { unit_count: number; open_capa: number; overdue_capa: number; next_due: string | null }>(
      `SELECT d.*,
              (SELECT count(*)::int FROM deviation_units u WHERE u.deviation_id = d.id) AS unit_count,
              c.open_capa, c.overdue_capa, c.next_due
         FROM deviations d
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE a.done_at IS NULL OR a.effectiveness IS NULL)::int AS open_capa,
                  count(*) FILTER (WHERE a.done_at IS NULL AND a.due_date < (now() AT TIME ZONE 'UTC')::date)::int AS overdue_capa,
                  to_char(min(a.due_date) FILTER (WHERE a.done_at IS NULL), 'YYYY-MM-DD') AS next_due
             FROM deviation_capa_actions a WHERE a.deviation_id = d.id) c
         ${w}
        ORDER BY d.status = 'closed', c.next_due NULLS LAST, d.discovered_at DESC, d.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return {
      items: rows.map((r) => ({
        ...this.summary(r),
        unitCount: r.unit_count,
        openCapaActions: r.open_capa,
        overdueCapaActions: r.overdue_capa,
        nextCapaDue: r.next_due,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: total?.n ?? 0,
    };
  }

  private summary(r: DeviationRow) {
    return {
      id: r.id,
      deviationNumber: r.deviation_number,
      status: r.status,
      title: r.title,
      severity: r.severity,
      category: r.category,
      occurredAt: iso(r.occurred_at),
      discoveredAt: iso(r.discovered_at),
      source: r.source,
      sourceReference: r.source_reference,
    };
  }

  /** `GET /deviations/:id`: the whole record with its units, CAPA actions, linked reaction and history. */
  async get(id: string): Promise<Record<string, unknown>> {
    const r = await this.db.one<DeviationRow>(`SELECT * FROM deviations WHERE id = $1`, [id]);
    if (!r) throw notFound('Deviation', id);
    const units = await this.db.query<{
      din: string; din_check: string; unit_status: string; hold: string; not_held_reason: string | null; status_when_added: string; disposition: string | null;
      disposition_reason: string | null; dispositioned_at: Date | null; dispositioned_by: string | null;
    }>(
      `SELECT du.*, u.din_check, u.status AS unit_status FROM deviation_units du JOIN cord_blood_units u ON u.din = du.din WHERE du.deviation_id = $1 ORDER BY du.din`,
      [id],
    );
    const capa = await this.db.query<{
      id: string; kind: string; description: string; owner: string; due_date: string; done_at: Date | null; done_by: string | null; done_note: string | null;
      effectiveness: string | null; effectiveness_note: string | null; effectiveness_checked_at: Date | null; overdue: boolean;
    }>(
      `SELECT a.*, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, (a.done_at IS NULL AND a.due_date < (now() AT TIME ZONE 'UTC')::date) AS overdue
         FROM deviation_capa_actions a WHERE a.deviation_id = $1 ORDER BY a.due_date, a.created_at`,
      [id],
    );
    const documents = await this.db.query<{ id: string; title: string; media_type: string; size_bytes: number; sha256: string; created_at: Date; superseded: boolean }>(
      `SELECT id, title, media_type, size_bytes, sha256, created_at, superseded_by IS NOT NULL AS superseded FROM documents WHERE deviation_id = $1 ORDER BY created_at, id`,
      [id],
    );
    const reaction = await this.db.one<{ id: string; reaction_number: string }>(`SELECT id, reaction_number FROM adverse_reactions WHERE deviation_id = $1`, [id]);
    const history = await this.db.query<{ seq: number; at: Date; actor_type: string; actor_id: string; actor_name: string | null; action: string; reason: string | null; signature: unknown; before: unknown; after: unknown }>(
      `SELECT seq, at, actor_type, actor_id, actor_name, action, reason, signature, before, after FROM audit_entries WHERE chain = $1 ORDER BY seq`,
      [deviationChain(id)],
    );
    const openCapa = capa.filter((a) => !a.done_at || !a.effectiveness).length;
    const distributed = units.some((u) => DISTRIBUTED.includes(u.status_when_added));
    const discovered = r.discovered_at.toISOString().slice(0, 10);
    const due = new Date(Date.parse(discovered) + DEVIATION_REPORT_DAYS * 86400_000).toISOString().slice(0, 10);
    const clockRuns = distributed && !r.fda_reported_at && !r.fda_not_reportable_reason;
    const daysLeft = Math.round((Date.parse(due) - Date.parse(new Date().toISOString().slice(0, 10))) / 86400_000);
    const undispositioned = units.filter((u) => !u.disposition).map((u) => u.din);
    return {
      ...this.summary(r),
      description: r.description,
      whereFound: r.where_found,
      reportedBy: { id: r.reported_by, name: r.reported_by_name },
      investigation: r.investigation,
      rootCause: r.root_cause,
      units: units.map((u) => ({
        din: u.din,
        dinCheck: u.din_check,
        unitStatus: u.unit_status,
        statusWhenAdded: u.status_when_added,
        hold: u.hold,
        notHeldReason: u.not_held_reason,
        disposition: u.disposition ? { decision: u.disposition, reason: u.disposition_reason, at: iso(u.dispositioned_at), by: u.dispositioned_by } : null,
      })),
      capaActions: capa.map((a) => ({
        id: a.id,
        kind: a.kind,
        description: a.description,
        owner: a.owner,
        dueDate: a.due_date,
        overdue: a.overdue,
        done: a.done_at ? { at: iso(a.done_at), by: a.done_by, note: a.done_note } : null,
        effectiveness: a.effectiveness ? { result: a.effectiveness, note: a.effectiveness_note, checkedAt: iso(a.effectiveness_checked_at) } : null,
      })),
      documents: documents.map((d) => ({ id: d.id, title: d.title, mediaType: d.media_type, sizeBytes: d.size_bytes, sha256: d.sha256, uploadedAt: iso(d.created_at), superseded: d.superseded })),
      adverseReaction: reaction ? { id: reaction.id, reactionNumber: reaction.reaction_number } : null,
      fdaReport: {
        required: distributed,
        dueDate: distributed ? due : null,
        daysLeft: clockRuns ? daysLeft : null,
        overdue: clockRuns && daysLeft < 0,
        reportedAt: iso(r.fda_reported_at),
        reference: r.fda_report_reference,
        notRequiredReason: r.fda_not_reportable_reason,
      },
      closure: r.closed_at ? { closedAt: iso(r.closed_at), closedBy: { id: r.closed_by, name: r.closed_by_name }, summary: r.closure_summary } : null,
      closureBlockers: r.status === 'closed' ? [] : [
        ...(openCapa ? [`${openCapa} CAPA action(s) not done or without an effectiveness check`] : []),
        ...(undispositioned.length ? [`no disposition for unit(s) ${undispositioned.join(', ')}`] : []),
        ...(clockRuns ? ['a distributed unit is concerned: record the FDA report (21 CFR 1271.350(b)) or why it is not reportable'] : []),
      ],
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      history: history.map((h) => ({
        seq: h.seq, at: h.at.toISOString(), action: h.action, actor: { type: h.actor_type, id: h.actor_id, name: h.actor_name }, reason: h.reason, signature: h.signature,
        before: h.before, after: h.after,
      })),
    };
  }
}
