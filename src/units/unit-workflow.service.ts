import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { SignatureDto } from '../auth/dto/auth.dto';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Db } from '../database/db.service';
import { resolveProductCode } from '../isbt128/product-code-lookup';
import { AcceptanceDecisionDto, COLLECTION_CORRECTION_COLUMNS, StatusChangeDto, UNIT_CORRECTION_COLUMNS, UnitCorrectionDto, UnitQuery } from './dto/units.dto';
import { AboTypingDto, HlaTypingDto, ProcessingDto, ReceiptDto, SterilityDto } from './dto/results.dto';
import { needsSignature, type UnitStatus } from './unit-state';
import { ResultKind, UnitRow, UnitsService } from './units.service';
import { UnitExtensions } from './unit-extensions';

const QA_ACTIONS: Partial<Record<UnitStatus, string>> = {
  quarantine: 'unit.quarantined',
  available: 'unit.released',
  on_hold: 'unit.held',
  discarded: 'unit.discarded',
  rejected: 'unit.rejected',
};

/** The HTTP use cases on a unit: each is one transaction. */
@Injectable()
export class UnitWorkflowService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly auth: AuthService,
    private readonly extensions: UnitExtensions,
  ) {}

  /**
   * `POST /units/:din/acceptance` (21 CFR 1271.265(a)): QA's decision on a unit whose receipt raised
   * an acceptance flag. `accept` lets it be processed (and applies the processing events that were
   * waiting for it, in this transaction); `reject` makes it `rejected` with the reason. Only a
   * pending acceptance is decided, once (409 otherwise).
   */
  async acceptance(actor: Actor, din: string, dto: AcceptanceDecisionDto): Promise<Record<string, unknown>> {
    const unit = await this.db.tx(actor, async (tx) => {
      const current = await this.units.lock(tx, din);
      if (current.acceptance_status !== 'pending') {
        throw new DomainError('CONFLICT', `Unit ${din} has no pending acceptance decision (acceptance ${current.acceptance_status ?? 'not recorded'}, status ${current.status})`, {
          unitStatus: current.status,
          acceptance: current.acceptance_status,
        });
      }
      UnitsService.expectStatus(current, ['received'], 'an acceptance decision');
      const decided = { acceptance_decided_at: new Date(), acceptance_decided_by: actor.id, acceptance_decider_name: actor.name, acceptance_reason: dto.reason };
      if (dto.decision === 'reject') {
        return this.units.transition(tx, din, 'rejected', { action: 'unit.acceptance.rejected', reason: dto.reason, signature: null }, {
          ...decided, acceptance_status: 'rejected', rejection_reason: dto.reason,
        });
      }
      await tx.audit({ action: 'unit.acceptance.accepted', reason: dto.reason, signature: null });
      const row = await this.units.update(tx, din, { ...decided, acceptance_status: 'accepted' });
      // processing events parked until the unit was accepted apply now (DESIGN.md section 7)
      if (await this.extensions.transitioned(tx, row)) return (await this.units.lock(tx, din));
      return row;
    });
    return (await this.units.views([unit]))[0];
  }

  async list(q: UnitQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status) where.push(`status = $${params.push(q.status)}`);
    if (q.bankingType) where.push(`banking_type = $${params.push(q.bankingType)}`);
    // the positions are storage's: it gives the predicate (UnitExtension.listFilters)
    if (q.freezerId) where.push(this.extensions.listFilter('freezerId', `$${params.push(q.freezerId)}`));
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM cord_blood_units ${w}`, params);
    const rows = await this.db.query<UnitRow>(
      `SELECT * FROM cord_blood_units ${w} ORDER BY din LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: await this.units.views(rows), page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  private async result(actor: Actor, din: string, kind: ResultKind, occurredAt: Date, data: object) {
    const { applied, unit } = await this.db.tx(actor, (tx) => this.units.recordResult(tx, din, kind, occurredAt, data, { type: 'staff' }));
    const [view] = await this.units.views([unit]);
    return { applied, unit: view };
  }

  /** FACT-NetCord receipt at the laboratory: flags late (> ACCEPT_MAX_TRANSIT_HOURS) or out-of-temperature arrivals. */
  receipt(actor: Actor, din: string, dto: ReceiptDto) {
    return this.result(actor, din, 'receipt', new Date(dto.receivedAt), dto);
  }

  processing(actor: Actor, din: string, dto: ProcessingDto) {
    return this.result(actor, din, 'processing', new Date(dto.processedAt), dto);
  }

  hla(actor: Actor, din: string, dto: HlaTypingDto) {
    const { typedAt, ...data } = dto;
    return this.result(actor, din, 'hla', typedAt ? new Date(typedAt) : new Date(), data);
  }

  abo(actor: Actor, din: string, dto: AboTypingDto) {
    const { typedAt, ...data } = dto;
    return this.result(actor, din, 'abo', typedAt ? new Date(typedAt) : new Date(), data);
  }

  sterility(actor: Actor, din: string, dto: SterilityDto) {
    const { resultedAt, ...data } = dto;
    return this.result(actor, din, 'sterility', resultedAt ? new Date(resultedAt) : new Date(), data);
  }

  /**
   * QA status acts. `available` checks every release criterion (409 listing each unmet one) and,
   * like discard, needs an electronic signature (21 CFR Part 11.200): the password is checked again
   * and the signer, time and meaning go into the audit entry. The signature (argon2) is checked
   * before the transaction, so the unit's row is never locked while it runs; whether the change is
   * allowed (the unit's state, its release criteria) is decided under the lock.
   */
  async changeStatus(actor: Actor, din: string, dto: StatusChangeDto): Promise<Record<string, unknown>> {
    const signature = needsSignature(dto.to) ? await this.auth.sign(actor, dto.signature as SignatureDto | undefined, dto.to === 'available' ? 'release' : 'discard') : null;
    const unit = await this.db.tx(actor, async (tx) => {
      const current = await this.units.lock(tx, din);
      const releasingHold = current.status === 'on_hold' && dto.to === current.hold_from_status;
      if (!releasingHold && !QA_ACTIONS[dto.to]) {
        throw new DomainError('VALIDATION_FAILED', `to: ${dto.to} is not set through QA status changes (it follows from receipt, processing, storage or a release request)`, {
          errors: [{ field: 'to', message: 'must be quarantine, available, on_hold, discarded, rejected, or the state a held unit came from' }],
        });
      }
      if (dto.to === 'available') {
        const candidate = { ...current, status: 'available' as const };
        const unmet = await this.units.releaseBlockers(tx, candidate);
        if (unmet.length) {
          throw new DomainError('UNIT_NOT_AVAILABLE', `Unit ${din} does not meet its release criteria: ${unmet.join('; ')}`, { unmet });
        }
      }
      const set: Record<string, unknown> = {};
      if (dto.to === 'discarded') set.discard_reason = dto.reason;
      if (dto.to === 'rejected') set.rejection_reason = dto.reason;
      const action = releasingHold ? 'unit.hold_released' : QA_ACTIONS[dto.to]!;
      return this.units.transition(tx, din, dto.to, { action, reason: dto.reason, signature }, set);
    });
    return (await this.units.views([unit]))[0];
  }

  /**
   * Corrects recorded data (never status); the reason is required and the audit keeps the old values.
   * A unit that is `available` or `reserved` goes `on_hold` in the same transaction (DESIGN.md section
   * 7; FACT-NetCord: a released product's record is not changed without QA review). A reserved unit
   * keeps its reservation while held: approval and shipping are refused until QA releases the hold
   * (back to `reserved`), and cancelling the request makes the hold return to `available`.
   */
  async correct(actor: Actor, din: string, dto: UnitCorrectionDto): Promise<Record<string, unknown>> {
    const { reason, ...fields } = dto;
    const given = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (!given.length) throw new DomainError('VALIDATION_FAILED', 'Nothing to correct', { errors: [{ field: '(body)', message: 'name at least one field to correct' }] });
    const unit = await this.db.tx(actor, async (tx) => {
      const current = await this.units.lock(tx, din);
      await tx.audit({ action: 'unit.corrected', reason });
      const unitSet: Record<string, unknown> = {};
      const collSet: Record<string, unknown> = {};
      for (const [k, v] of given) {
        if (UNIT_CORRECTION_COLUMNS[k]) unitSet[UNIT_CORRECTION_COLUMNS[k]] = k === 'hla' ? JSON.stringify(v) : v;
        else if (COLLECTION_CORRECTION_COLUMNS[k]) collSet[COLLECTION_CORRECTION_COLUMNS[k]] = v;
      }
      if (dto.productCode !== undefined) {
        const pc = await resolveProductCode(tx, dto.productCode);
        Object.assign(unitSet, { product_code: pc.code, product_code_version: pc.version });
      }
      // the collection record is the collections feature's: it writes it (UnitExtension.correct)
      if (Object.keys(collSet).length) await this.extensions.correct(tx, 'collections', din, collSet);
      const corrected = await this.units.applyChange(tx, current, unitSet, { action: 'unit.corrected', reason }, 'correction');
      // DESIGN.md section 7 (FACT-NetCord): a released product's record is not changed without QA
      if (corrected.status === 'available' || corrected.status === 'reserved') {
        return this.units.transition(tx, din, 'on_hold', {
          action: 'unit.held',
          reason: `record of a ${corrected.status} unit corrected (${reason}): held for QA review`,
          signature: null,
        });
      }
      return corrected;
    });
    return (await this.units.views([unit]))[0];
  }
}
