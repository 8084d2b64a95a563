import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { parseDin } from '../common/din';
import { DomainError, fieldError, notFound } from '../common/domain-error';
import { iso } from '../common/mappers';
import { Db } from '../database/db.service';
import { DeviationsService } from './deviations.service';
import type { AdverseReactionQuery, CreateAdverseReactionDto, UpdateAdverseReactionDto } from './dto/quality.dto';

/** 21 CFR 1271.350(a)(2): the report is due within 15 calendar days of initial receipt of the information. */
export const FDA_REPORT_DAYS = 15;

interface ReactionRow {
  id: string;
  reaction_number: string;
  release_request_id: string;
  request_number: string;
  din: string;
  onset_at: Date;
  received_at: Date;
  description: string;
  severity: string;
  serious: boolean;
  seriousness_criteria: string[];
  communicable_disease: boolean;
  causality: string;
  investigation: string | null;
  product_implicated: boolean | null;
  deviation_id: string | null;
  deviation_number: string | null;
  fda_reported_at: Date | null;
  fda_report_reference: string | null;
  reported_by: string;
  reported_by_name: string;
  due_date: string;
  days_left: number;
  created_at: Date;
  updated_at: Date;
}

/** The reaction with its request number, deviation number and FDA due date (UTC calendar days). */
const SELECT = `SELECT r.*, rr.request_number, d.deviation_number,
    to_char((r.received_at AT TIME ZONE 'UTC')::date + ${FDA_REPORT_DAYS}, 'YYYY-MM-DD') AS due_date,
    ((r.received_at AT TIME ZONE 'UTC')::date + ${FDA_REPORT_DAYS}) - (now() AT TIME ZONE 'UTC')::date AS days_left
  FROM adverse_reactions r JOIN release_requests rr ON rr.id = r.release_request_id LEFT JOIN deviations d ON d.id = r.deviation_id`;

/** Severity that is itself a seriousness criterion of 21 CFR 1271.350(a)(1)(i)–(ii). */
function checkSeriousness(severity: string, criteria: string[], field = 'seriousnessCriteria'): void {
  if ((severity === 'fatal' || severity === 'life_threatening') && !criteria.includes(severity)) {
    throw fieldError(field, `a ${severity} reaction is serious: include "${severity}"`);
  }
}

/**
 * Adverse reactions after an infusion (21 CFR 1271.350(a); FACT-NetCord: adverse events of
 * recipients are investigated and reported). A serious reaction carries the FDA report clock; when
 * the investigation points at the product, one act opens a deviation of the bank with the unit.
 */
@Injectable()
export class AdverseReactionsService {
  constructor(
    private readonly db: Db,
    private readonly deviations: DeviationsService,
  ) {}

  /** `POST /adverse-reactions`: the request must have delivered its unit; onset not before the infusion. */
  async report(actor: Actor, dto: CreateAdverseReactionDto): Promise<Record<string, unknown>> {
    const onsetAt = new Date(dto.onsetAt);
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
    if (onsetAt > receivedAt) throw fieldError('onsetAt', 'can not be after receivedAt');
    checkSeriousness(dto.severity, dto.seriousnessCriteria);
    const id = await this.db.tx(actor, async (tx) => {
      const rr = await tx.one<{ status: string; din: string | null; request_number: string; infused_at: Date | null; received_at: Date | null }>(
        `SELECT status, din, request_number, infused_at, received_at FROM release_requests WHERE id = $1 FOR SHARE`,
        [dto.releaseRequestId],
      );
      if (!rr) throw fieldError('releaseRequestId', 'no such release request');
      if (!rr.din || !['delivered', 'completed'].includes(rr.status)) {
        throw new DomainError('CONFLICT', `Release request ${rr.request_number} is ${rr.status}: an adverse reaction is reported after its unit was delivered and infused`);
      }
      const after = rr.infused_at ?? rr.received_at;
      if (after && onsetAt < after) throw fieldError('onsetAt', `can not be before the ${rr.infused_at ? 'infusion' : 'delivery'} (${after.toISOString()})`);
      await tx.audit({ action: 'adverse_reaction.reported', reason: null });
      const row = await tx.one<{ id: string }>(
        `INSERT INTO adverse_reactions (release_request_id, din, onset_at, received_at, description, severity, serious, seriousness_criteria, communicable_disease, causality, reported_by, reported_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [dto.releaseRequestId, rr.din, onsetAt, receivedAt, dto.description, dto.severity, dto.seriousnessCriteria.length > 0, dto.seriousnessCriteria,
          dto.communicableDisease ?? false, dto.causality ?? 'not_assessed', actor.id, actor.name],
      );
      return row!.id;
    });
    return this.get(id);
  }

  /**
   * `PATCH /adverse-reactions/:id` (medical director): causality, investigation, seriousness, the FDA
   * report (closes the clock), and `productImplicated: true`, which opens a deviation with the unit
   * in the same transaction (DeviationsService.openFromSystem; the unit is held if still in the bank).
   */
  async update(actor: Actor, id: string, dto: UpdateAdverseReactionDto): Promise<Record<string, unknown>> {
    const given = Object.entries(dto).filter(([, v]) => v !== undefined && v !== null);
    if (!given.some(([k]) => k !== 'reason')) throw fieldError('(body)', 'nothing to change');
    if (dto.deviation && dto.productImplicated !== true) throw fieldError('deviation', 'only with productImplicated: true');
    const fdaAt = dto.fdaReport ? new Date(dto.fdaReport.reportedAt) : undefined;
    await this.db.tx(actor, async (tx) => {
      const r = await tx.one<ReactionRow>(`SELECT * FROM adverse_reactions WHERE id = $1 FOR UPDATE`, [id]);
      if (!r) throw notFound('Adverse reaction', id);
      const severity = dto.severity ?? r.severity;
      const criteria = dto.seriousnessCriteria ?? r.seriousness_criteria;
      checkSeriousness(severity, criteria);
      if (fdaAt && r.fda_reported_at) throw new DomainError('CONFLICT', `The FDA report of ${r.reaction_number} is already recorded (${r.fda_report_reference})`);
      if (fdaAt && fdaAt < r.received_at) throw fieldError('fdaReport.reportedAt', 'can not be before the information was received');
      if (dto.productImplicated === false && r.deviation_id) throw new DomainError('CONFLICT', `${r.reaction_number} already opened a deviation: the product stays implicated`);
      const set: Record<string, unknown> = {};
      if (dto.causality) set.causality = dto.causality;
      if (dto.investigation) set.investigation = dto.investigation;
      if (dto.severity) set.severity = dto.severity;
      if (dto.seriousnessCriteria) Object.assign(set, { seriousness_criteria: criteria, serious: criteria.length > 0 });
      if (dto.productImplicated !== undefined) set.product_implicated = dto.productImplicated;
      if (fdaAt) Object.assign(set, { fda_reported_at: fdaAt, fda_report_reference: dto.fdaReport!.reference });
      if (dto.productImplicated && !r.deviation_id) {
        const dev = await this.deviations.openFromSystem(tx, {
          title: dto.deviation?.title ?? `Adverse reaction ${r.reaction_number}: product implicated`,
          description: `Adverse reaction ${r.reaction_number} after infusion of unit ${r.din} (${r.severity}${r.serious ? ', serious' : ''}): ${r.description}` +
            (dto.investigation ?? r.investigation ? `\nInvestigation: ${dto.investigation ?? r.investigation}` : ''),
          occurredAt: r.onset_at,
          whereFound: 'recipient adverse reaction report',
          category: dto.deviation?.category ?? 'other',
          severity: dto.deviation?.severity ?? 'critical',
          dins: [r.din],
          source: 'adverse_reaction',
          sourceReference: r.reaction_number,
        });
        set.deviation_id = dev.id;
      }
      const action = fdaAt ? 'adverse_reaction.fda_reported' : set.deviation_id ? 'adverse_reaction.product_implicated' : 'adverse_reaction.updated';
      await tx.audit({ action, reason: dto.reason ?? null, signature: null });
      const cols = Object.keys(set);
      await tx.query(`UPDATE adverse_reactions SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...cols.map((c) => set[c])]);
    });
    return this.get(id);
  }

  /** `GET /adverse-reactions`: pending FDA reports first (soonest deadline), then newest received. */
  async list(q: AdverseReactionQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.serious !== undefined) where.push(`r.serious = $${params.push(q.serious)}`);
    if (q.fdaPending) where.push(`r.serious AND r.fda_reported_at IS NULL`);
    if (q.din) where.push(`r.din = $${params.push(parseDin(q.din).din)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM adverse_reactions r ${w}`, params);
    const rows = await this.db.query<ReactionRow>(
      `${SELECT} ${w} ORDER BY (r.serious AND r.fda_reported_at IS NULL) DESC, CASE WHEN r.serious AND r.fda_reported_at IS NULL THEN r.received_at END, r.received_at DESC, r.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map((r) => this.view(r)), page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const r = await this.db.one<ReactionRow>(`${SELECT} WHERE r.id = $1`, [id]);
    if (!r) throw notFound('Adverse reaction', id);
    const history = await this.db.query<{ seq: number; at: Date; actor_name: string | null; action: string; reason: string | null; after: unknown }>(
      `SELECT seq, at, actor_name, action, reason, after FROM audit_entries WHERE chain = $1 ORDER BY seq`,
      [`adverse_reaction:${id}`],
    );
    return { ...this.view(r), history: history.map((h) => ({ seq: h.seq, at: h.at.toISOString(), actor: h.actor_name, action: h.action, reason: h.reason, after: h.after })) };
  }

  private view(r: ReactionRow) {
    const pending = r.serious && !r.fda_reported_at;
    return {
      id: r.id,
      reactionNumber: r.reaction_number,
      releaseRequest: { id: r.release_request_id, requestNumber: r.request_number },
      din: r.din,
      onsetAt: iso(r.onset_at),
      receivedAt: iso(r.received_at),
      description: r.description,
      severity: r.severity,
      serious: r.serious,
      seriousnessCriteria: r.seriousness_criteria,
      communicableDisease: r.communicable_disease,
      causality: r.causality,
      investigation: r.investigation,
      productImplicated: r.product_implicated,
      deviation: r.deviation_id ? { id: r.deviation_id, deviationNumber: r.deviation_number } : null,
      fdaReport: {
        required: r.serious,
        dueDate: r.serious ? r.due_date : null,
        daysLeft: pending ? r.days_left : null,
        overdue: pending && r.days_left < 0,
        reportedAt: iso(r.fda_reported_at),
        reference: r.fda_report_reference,
      },
      reportedBy: { id: r.reported_by, name: r.reported_by_name },
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    };
  }
}
