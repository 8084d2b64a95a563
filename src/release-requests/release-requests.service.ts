import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { type Actor, seesPersonalData } from '../common/actor';
import { parseDin } from '../common/din';
import { DomainError, fieldError, notFound } from '../common/domain-error';
import { iso, num } from '../common/mappers';
import { viewPart } from '../units/unit-extensions';
import { redactForReader } from '../common/personal-data';
import { RuntimeSettings } from '../config/runtime';
import { CustodyService } from '../custody/custody.service';
import { Db, Tx } from '../database/db.service';
import type { Typing } from '../search/hla';
import { DonorsService } from '../donors/donors.service';
import { PlacementService } from '../storage/placement.service';
import { UnitsService, type UnitRow } from '../units/units.service';
import type {
  ApproveDto, CancelDto, CreateReleaseRequestDto, DeliverDto, OutcomeDto, ReleaseRequestQuery, ReserveDto, ShipDto,
} from './dto/release-request.dto';
import { UNRELATED_USES, allowedActions, assessReservation, type RequestStatus } from './release-rules';

export interface RequestRow {
  id: string;
  request_number: string;
  status: RequestStatus;
  requesting_facility: string;
  physician: string;
  patient_identifier: string;
  patient_weight_kg: string;
  patient_diagnosis: string;
  patient_hla: Typing | null;
  intended_use: CreateReleaseRequestDto['intendedUse'];
  needed_by: Date;
  submitted_by: string;
  din: string | null;
  reserved_at: Date | null;
  reserved_by: string | null;
  match_grade: string | null;
  match_detail: Record<string, unknown> | null;
  tnc_per_kg: number | null;
  cd34_per_kg: number | null;
  dose_override_reason: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  approver_name: string | null;
  directed_use: Record<string, unknown> | null;
  approval_meaning: string | null;
  courier: string | null;
  dispatched_at: Date | null;
  shipper_id: string | null;
  temperature_logger_id: string | null;
  shipped_by: string | null;
  received_at: Date | null;
  received_by: string | null;
  delivery_temperature_ok: boolean | null;
  infused_at: Date | null;
  outcome_notes: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  cancelled_from: string | null;
  created_at: Date;
  updated_at: Date;
}

interface UnitSummary {
  din: string;
  din_check: string;
  status: string;
  banking_type: string;
}

interface HistoryRow {
  seq: number;
  at: Date;
  actor_type: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  signature: Record<string, unknown> | null;
}

/** The audit chain of one request: its own history, whether or not it names a unit yet. */
export const requestChain = (id: string): string => `release_request:${id}`;

/**
 * Release requests from request to infusion (FACT-NetCord release; DESIGN.md sections 2 and 5).
 * Each act is one transaction that locks the request row, then the unit row (always in that order,
 * so two acts can not deadlock), checks, and writes the request, the unit (through
 * UnitsService.transition, the one status writer), its custody and their audit entries together.
 */
@Injectable()
export class ReleaseRequestsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly custody: CustodyService,
    private readonly placement: PlacementService,
    private readonly donors: DonorsService,
    private readonly auth: AuthService,
    private readonly settings: RuntimeSettings,
  ) {}

  /** `POST /release-requests`. Unrelated uses carry the patient's HLA: the unit is graded against it. */
  async submit(actor: Actor, dto: CreateReleaseRequestDto): Promise<Record<string, unknown>> {
    if (UNRELATED_USES.includes(dto.intendedUse) && !dto.patient.hla) {
      throw fieldError('patient.hla', `is required for ${dto.intendedUse}: an unrelated unit is chosen and graded by HLA`);
    }
    const neededBy = new Date(dto.neededBy);
    const today = new Date(new Date().toISOString().slice(0, 10));
    if (neededBy < today) throw fieldError('neededBy', 'can not be in the past');
    const row = await this.db.tx(actor, async (tx) => {
      await tx.audit({ action: 'release_request.submitted' });
      return tx.one<RequestRow>(
        `INSERT INTO release_requests (requesting_facility, physician, patient_identifier, patient_weight_kg, patient_diagnosis, patient_hla, intended_use, needed_by, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [dto.requestingFacility.trim(), dto.physician.trim(), dto.patient.identifier.trim(), dto.patient.weightKg, dto.patient.diagnosis.trim(),
          dto.patient.hla ? JSON.stringify(dto.patient.hla) : null, dto.intendedUse, neededBy, actor.id],
      );
    });
    return this.view(row!, true, actor);
  }

  async list(actor: Actor, q: ReleaseRequestQuery): Promise<{ items: Record<string, unknown>[]; page: number; pageSize: number; total: number }> {
    const params: unknown[] = [q.status ?? null];
    const where = `WHERE ($1::text IS NULL OR r.status = $1)`;
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM release_requests r ${where}`, params);
    const rows = await this.db.query<RequestRow & { unit_din_check: string | null; unit_status: string | null; unit_banking_type: string | null }>(
      `SELECT r.*, u.din_check AS unit_din_check, u.status AS unit_status, u.banking_type AS unit_banking_type
         FROM release_requests r LEFT JOIN cord_blood_units u ON u.din = r.din
        ${where} ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = await Promise.all(
      rows.map((r) => this.view(r, false, actor, r.din ? { din: r.din, din_check: r.unit_din_check!, status: r.unit_status!, banking_type: r.unit_banking_type! } : null)),
    );
    return { items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
  }

  async get(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const row = await this.db.one<RequestRow>(`SELECT * FROM release_requests WHERE id = $1`, [id]);
    if (!row) throw notFound('Release request', id);
    return this.view(row, true, actor);
  }

  /**
   * `POST /release-requests/:id/reserve`: the unit must be `available` (409 naming its state), meet
   * every release criterion (processing, sterility, HLA, storage, donor eligibility and consent,
   * reviewed excursions), be allowed for this use, graded at least 4/6 for unrelated use, and carry
   * at least 2.5 × 10^7 TNC/kg unless an override reason is given. The unit's row lock serialises
   * every reservation of it, across app instances, and the unique `reserved_for` backs it: a unit is
   * reserved by one request only (DESIGN.md section 5).
   */
  async reserve(actor: Actor, id: string, dto: ReserveDto): Promise<Record<string, unknown>> {
    const din = parseDin(dto.din, 'din').din;
    const row = await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      if (req.status !== 'submitted') {
        throw new DomainError('CONFLICT', `Release request ${req.request_number} is ${req.status}${req.din ? ` with unit ${req.din}` : ''}; only a submitted request reserves a unit`, {
          requestStatus: req.status,
        });
      }
      const unit = await this.units.lock(tx, din);
      if (unit.status !== 'available' || unit.reserved_for) {
        throw new DomainError('UNIT_NOT_AVAILABLE', `Unit ${din} is ${unit.status}${unit.status === 'on_hold' ? ` (held from ${unit.hold_from_status})` : ''}; only an available unit can be reserved`, {
          unitStatus: unit.status,
        });
      }
      const unmet = await this.units.releaseBlockers(tx, unit);
      if (unmet.length) throw new DomainError('UNIT_NOT_AVAILABLE', `Unit ${din} does not meet its release criteria: ${unmet.join('; ')}`, { unitStatus: unit.status, unmet });
      const research = await this.donors.hasResearchConsent(tx, unit.donor_id);
      const a = assessReservation({
        bankingType: unit.banking_type,
        intendedUse: req.intended_use,
        patientHla: req.patient_hla,
        unitHla: unit.hla,
        weightKg: Number(req.patient_weight_kg),
        tncCount: Number(unit.tnc_count ?? 0),
        cd34Count: num(unit.cd34_count),
        overrideReason: dto.overrideReason,
        researchConsent: research,
      });
      if (a.refusals.length) throw new DomainError('CONFLICT', `Unit ${din} can not be reserved for request ${req.request_number}: ${a.refusals.join('; ')}`, { reasons: a.refusals });
      if (a.needsOverride) {
        throw fieldError('overrideReason', `is required: the dose is ${a.dose.tncPerKg.toExponential(2)} TNC/kg, below 2.5e+7 TNC/kg`);
      }
      const override = a.dose.doseWarning ? dto.overrideReason!.trim() : null;
      await this.units.transition(tx, din, 'reserved', { action: 'unit.reserved', reason: override }, { reserved_for: req.id });
      await tx.audit({ action: 'release_request.reserved', reason: override });
      return tx.one<RequestRow>(
        `UPDATE release_requests SET status = 'reserved', din = $2, reserved_at = now(), reserved_by = $3, match_grade = $4, match_detail = $5,
                tnc_per_kg = $6, cd34_per_kg = $7, dose_override_reason = $8, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [req.id, din, actor.id, a.match?.grade ?? null, a.match ? JSON.stringify({ mismatches: a.match.mismatches, otherMismatches: a.match.otherMismatches }) : null,
          a.dose.tncPerKg, a.dose.cd34PerKg, override],
      );
    });
    return this.view(row!, true, actor);
  }

  /**
   * `POST /release-requests/:id/approve`: the medical director's release approval, e-signed
   * (21 CFR Part 11.200: password checked again; signer, time and meaning in the audit entry on the
   * request and on the unit). The unit must still be reserved and meet its release criteria. The
   * signature (argon2) is checked before the transaction, so the request and unit rows are never
   * locked while it runs; whether this person may approve (segregation of duties, from the unit's
   * audit trail) and whether the unit may be released are decided under the locks.
   */
  async approve(actor: Actor, id: string, dto: ApproveDto): Promise<Record<string, unknown>> {
    const signature = await this.auth.sign(actor, dto.signature, 'approval');
    const row = await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      this.expectStatus(req, 'reserved', 'approved');
      const unit = await this.lockRequestUnit(tx, req, ['reserved'], 'approval');
      await this.expectSeparateReleaser(tx, actor, unit.din);
      await this.expectReleasable(tx, unit, 'approval');
      const directedUse = await this.directedUse(tx, req, unit.din, dto);
      await tx.audit({ action: 'release_request.approved', reason: signature.meaning, signature });
      return tx.one<RequestRow>(
        `UPDATE release_requests SET status = 'approved', approved_at = now(), approved_by = $2, approver_name = $3, approval_meaning = $4, directed_use = $5, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [req.id, signature.signerId, signature.signerName, signature.meaning, directedUse ? JSON.stringify(directedUse) : null],
      );
    });
    return this.view(row!, true, actor);
  }

  /**
   * 21 CFR 1271.65(b): a unit whose donor was determined ineligible is released (for autologous or
   * directed family use: the release gate allows nothing else) only with the recipient's degree of
   * relationship (first- or second-degree blood relative) or the documented urgent medical need, and
   * the record that the physician was notified of the testing and screening results
   * (1271.65(b)(3)). Autologous use (1271.90(a)(1)) needs the notification only (the bank's policy).
   * Recorded at approval, before shipping; 422 naming what is missing. (A unit of an incompletely
   * tested donor never reaches approval: the release gate refuses `available` while eligibility is
   * incomplete.) The database refuses the approval without it too (release_requests_directed_use).
   */
  private async directedUse(tx: Tx, req: RequestRow, din: string, dto: ApproveDto): Promise<Record<string, unknown> | null> {
    const determination = await tx.one<{ status: string }>(`SELECT status FROM eligibility_determinations WHERE din = $1 AND voided_at IS NULL`, [din]);
    if (determination?.status !== 'ineligible') return dto.directedUse ? { ...dto.directedUse } : null;
    const d = dto.directedUse;
    if (!d) {
      throw fieldError('directedUse', `is required: the donor of unit ${din} was determined ineligible — record the recipient's relationship or the documented urgent medical need, and the physician's notification (21 CFR 1271.65(b))`);
    }
    if (req.intended_use === 'directed_family' && !d.recipientRelationship && !d.urgentMedicalNeed) {
      throw fieldError('directedUse.recipientRelationship', 'directed family use of an ineligible donor\'s unit needs the recipient\'s relationship (first_degree or second_degree blood relative) or urgentMedicalNeed (21 CFR 1271.65(b)(1))');
    }
    return { ...d, determination: 'ineligible', rule: '21 CFR 1271.65(b)' };
  }

  /**
   * Segregation of duties (DESIGN.md section 6; 21 CFR Part 11.10(g), FACT-NetCord quality
   * management): nobody approves the release of a unit that they released to `available`
   * themselves (QA's e-signed release from quarantine, or from a hold back to available). Decided
   * from the unit's own audit trail while the unit row is locked (FOR UPDATE, held by the caller),
   * so no concurrent transition can slip between the check and the approval. 403: the act is refused
   * to this person, not to the request's state — another medical director may approve it.
   */
  private async expectSeparateReleaser(tx: Tx, actor: Actor, din: string): Promise<void> {
    if (actor.type !== 'user') return;
    const released = await tx.one<{ at: Date }>(
      `SELECT at FROM audit_entries
        WHERE din = $1 AND chain = $1 AND actor_type = 'user' AND actor_id = $2
          AND after ->> 'status' = 'available' AND before ->> 'status' IN ('quarantine', 'on_hold')
        ORDER BY at DESC LIMIT 1`,
      [din, actor.id],
    );
    if (released) {
      throw new DomainError(
        'SEGREGATION_OF_DUTIES',
        `You released unit ${din} to available yourself (${released.at.toISOString()}); its release must be approved by another medical director (segregation of duties)`,
        { din },
      );
    }
  }

  /**
   * `POST /release-requests/:id/ship`: takes the unit out of storage (PlacementService.retrieve:
   * freezer → laboratory), hands it to the courier (custody event with shipper and temperature
   * logger ids) and marks it shipped, in one transaction (FACT-NetCord release and transport).
   */
  async ship(actor: Actor, id: string, dto: ShipDto): Promise<Record<string, unknown>> {
    const dispatchedAt = new Date(dto.dispatchedAt);
    const row = await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      this.expectStatus(req, 'approved', 'shipped');
      if (req.approved_at && dispatchedAt < req.approved_at) throw fieldError('dispatchedAt', `can not be before the release approval (${req.approved_at.toISOString()})`);
      const unit = await this.lockRequestUnit(tx, req, ['reserved'], 'shipping');
      await this.expectReleasable(tx, unit, 'shipping');
      // DESIGN.md section 7: the retrieval and the courier handover are stamped with dispatchedAt (the
      // unit left the freezer at or before it was handed to the courier), after every earlier event
      await this.custody.expectNotBeforeLast(tx, unit.din, dispatchedAt, 'dispatchedAt');
      const shippedFor = `shipped to ${req.requesting_facility} for request ${req.request_number}`;
      await tx.audit({ action: 'unit.shipped', reason: shippedFor, signature: null });
      await this.placement.retrieve(tx, unit.din, 'shipping', undefined, undefined, dispatchedAt);
      const courier = dto.courier.trim();
      await this.units.handOver(tx, unit.din, {
        kind: 'shipment', to: courier, location: this.settings.config.LAB_NAME, handedOverAt: dispatchedAt,
        shipperId: dto.shipperId.trim(), temperatureLoggerId: dto.temperatureLoggerId.trim(),
        condition: `dispatched to ${req.requesting_facility} in dry shipper ${dto.shipperId.trim()}, temperature logger ${dto.temperatureLoggerId.trim()}`,
      });
      await this.units.transition(tx, unit.din, 'shipped', { action: 'unit.shipped', reason: shippedFor, signature: null });
      await tx.audit({ action: 'release_request.shipped', reason: null, signature: null });
      return tx.one<RequestRow>(
        `UPDATE release_requests SET status = 'shipped', courier = $2, dispatched_at = $3, shipper_id = $4, temperature_logger_id = $5, shipped_by = $6, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [req.id, courier, dispatchedAt, dto.shipperId.trim(), dto.temperatureLoggerId.trim(), actor.id],
      );
    });
    return this.view(row!, true, actor);
  }

  /**
   * `POST /release-requests/:id/deliver`: receipt by the requesting facility; custody passes from the
   * courier to the receiver there. A delivery whose shipper temperature was not ok is recorded as
   * such (on the request, the custody event and the unit trail); the unit is delivered either way:
   * whether it is infused is the transplant centre's decision, and a unit not infused is discarded by QA.
   */
  async deliver(actor: Actor, id: string, dto: DeliverDto): Promise<Record<string, unknown>> {
    const receivedAt = new Date(dto.receivedAt);
    const row = await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      this.expectStatus(req, 'shipped', 'delivered');
      if (req.dispatched_at && receivedAt < req.dispatched_at) throw fieldError('receivedAt', `can not be before the dispatch (${req.dispatched_at.toISOString()})`);
      const unit = await this.lockRequestUnit(tx, req, ['shipped'], 'delivery');
      await this.custody.expectNotBeforeLast(tx, unit.din, receivedAt, 'receivedAt');
      const receivedBy = dto.receivedBy.trim();
      const condition = dto.temperatureOk ? 'received, shipper temperature within limits' : 'received, shipper temperature OUT OF LIMITS';
      await tx.audit({ action: 'unit.delivered', reason: dto.temperatureOk ? null : 'shipper temperature out of limits on receipt' });
      await this.units.handOver(tx, unit.din, {
        kind: 'delivery', to: `${receivedBy} (${req.requesting_facility})`, location: req.requesting_facility, handedOverAt: receivedAt,
        temperatureOk: dto.temperatureOk, condition, shipperId: req.shipper_id, temperatureLoggerId: req.temperature_logger_id,
      });
      await this.units.transition(tx, unit.din, 'delivered', { action: 'unit.delivered', reason: dto.temperatureOk ? null : 'shipper temperature out of limits on receipt' });
      await tx.audit({ action: 'release_request.delivered', reason: dto.temperatureOk ? null : 'shipper temperature out of limits on receipt' });
      return tx.one<RequestRow>(
        `UPDATE release_requests SET status = 'delivered', received_at = $2, received_by = $3, delivery_temperature_ok = $4, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [req.id, receivedAt, receivedBy, dto.temperatureOk],
      );
    });
    return this.view(row!, true, actor);
  }

  /** `POST /release-requests/:id/outcome`: the infusion; the unit becomes `infused` and the request `completed`. */
  async outcome(actor: Actor, id: string, dto: OutcomeDto): Promise<Record<string, unknown>> {
    const infusedAt = new Date(dto.infusedAt);
    const row = await this.db.tx(actor, (tx) => this.completeInTx(tx, id, infusedAt, dto.notes ?? null));
    return this.view(row, true, actor);
  }

  /**
   * The infusion inside a caller's transaction (the outcome route, and the clinical feature's
   * structured administration record): the request must be delivered, the infusion after the
   * delivery; the unit becomes `infused` and the request `completed`.
   */
  async completeInTx(tx: Tx, id: string, infusedAt: Date, notes: string | null): Promise<RequestRow> {
    const req = await this.lockRequest(tx, id);
    this.expectStatus(req, 'delivered', 'completed');
    if (req.received_at && infusedAt < req.received_at) throw fieldError('infusedAt', `can not be before the delivery (${req.received_at.toISOString()})`);
    const unit = await this.lockRequestUnit(tx, req, ['delivered'], 'the infusion outcome');
    await this.units.transition(tx, unit.din, 'infused', { action: 'unit.infused', reason: notes });
    await tx.audit({ action: 'release_request.completed', reason: notes });
    return (await tx.one<RequestRow>(
      `UPDATE release_requests SET status = 'completed', infused_at = $2, outcome_notes = $3, updated_at = now() WHERE id = $1 RETURNING *`,
      [req.id, infusedAt, notes],
    ))!;
  }

  /**
   * `POST /release-requests/:id/cancel`, before shipping (DESIGN.md section 2). The unit reserved for
   * the request returns to `available`, or on hold when it no longer meets its release criteria
   * (e.g. an excursion during the reservation). A unit that was put on hold while reserved stays on
   * hold (QA decides), loses the reservation, and its hold now returns it to `available`. A unit
   * discarded while reserved only loses the reservation.
   */
  async cancel(actor: Actor, id: string, dto: CancelDto): Promise<Record<string, unknown>> {
    const reason = dto.reason.trim();
    const row = await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      if (!['submitted', 'reserved', 'approved'].includes(req.status)) {
        throw new DomainError('INVALID_TRANSITION', `Release request ${req.request_number} is ${req.status}: a request is cancelled only before it is shipped`, {
          requestStatus: req.status, allowed: allowedActions(req.status),
        });
      }
      if (req.din) {
        const unit = await this.units.lock(tx, req.din);
        if (unit.reserved_for === req.id) {
          const audit = { action: 'unit.reservation_released', reason: `request ${req.request_number} cancelled: ${reason}` };
          if (unit.status === 'reserved') {
            const back = await this.units.transition(tx, unit.din, 'available', audit, { reserved_for: null });
            await this.units.holdIfNoLongerReleasable(tx, back, `reservation cancelled`);
          } else {
            await tx.audit(audit);
            const set: Record<string, unknown> = { reserved_for: null };
            if (unit.status === 'on_hold' && unit.hold_from_status === 'reserved') set.hold_from_status = 'available';
            await this.units.update(tx, unit.din, set);
          }
        }
      }
      await tx.audit({ action: 'release_request.cancelled', reason });
      return tx.one<RequestRow>(
        `UPDATE release_requests SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2, cancelled_from = status, updated_at = now() WHERE id = $1 RETURNING *`,
        [req.id, reason],
      );
    });
    return this.view(row!, true, actor);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async lockRequest(tx: Tx, id: string): Promise<RequestRow> {
    const row = await tx.one<RequestRow>(`SELECT * FROM release_requests WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('Release request', id);
    return row;
  }

  private expectStatus(req: RequestRow, expected: RequestStatus, to: RequestStatus): void {
    if (req.status !== expected) {
      throw new DomainError('INVALID_TRANSITION', `Release request ${req.request_number} is ${req.status}; it becomes ${to} only from ${expected}`, {
        requestStatus: req.status, allowed: allowedActions(req.status),
      });
    }
  }

  /** The request's unit, locked, in one of `statuses` (409 naming its state, e.g. on hold). */
  private async lockRequestUnit(tx: Tx, req: RequestRow, statuses: UnitRow['status'][], act: string): Promise<UnitRow> {
    const unit = await this.units.lock(tx, req.din!);
    if (!statuses.includes(unit.status) || unit.reserved_for !== req.id) {
      throw new DomainError('UNIT_NOT_AVAILABLE', `Unit ${unit.din} is ${unit.status}${unit.status === 'on_hold' ? ` (held from ${unit.hold_from_status})` : ''}; ${act} needs it ${statuses.join(' or ')} for request ${req.request_number}`, {
        unitStatus: unit.status,
      });
    }
    return unit;
  }

  /** Release criteria checked again at approval and shipping: a result or an excursion may have come in meanwhile. */
  private async expectReleasable(tx: Tx, unit: UnitRow, act: string): Promise<void> {
    const unmet = await this.units.releaseBlockers(tx, unit);
    if (unmet.length) throw new DomainError('UNIT_NOT_AVAILABLE', `Unit ${unit.din} no longer meets its release criteria, so ${act} is refused: ${unmet.join('; ')}`, { unitStatus: unit.status, unmet });
  }

  /**
   * The patient's identifier and diagnosis are personal data: shown, like a donor's, only to the
   * roles that may read personal data (admin, coordinator, medical director), also in the history.
   * Everyone else sees the weight and HLA the unit was chosen and dosed by.
   */
  private async view(r: RequestRow, withHistory: boolean, actor: Actor, known?: UnitSummary | null): Promise<Record<string, unknown>> {
    const unit = known !== undefined ? known : r.din ? ((await this.units.find(r.din)) ?? null) : null;
    const history = withHistory ? redactForReader(await this.history(r.id), actor) : undefined;
    const personal = seesPersonalData(actor);
    const detail = (r.match_detail ?? {}) as { mismatches?: unknown[]; otherMismatches?: unknown[] };
    return {
      id: r.id,
      requestNumber: r.request_number,
      status: r.status,
      allowedActions: allowedActions(r.status),
      requestingFacility: r.requesting_facility,
      physician: r.physician,
      patient: personal
        ? { identifier: r.patient_identifier, weightKg: Number(r.patient_weight_kg), diagnosis: r.patient_diagnosis, hla: r.patient_hla }
        : { weightKg: Number(r.patient_weight_kg), hla: r.patient_hla },
      intendedUse: r.intended_use,
      neededBy: iso(r.needed_by),
      submittedBy: r.submitted_by,
      submittedAt: iso(r.created_at),
      din: r.din,
      unit: unit ? { din: unit.din, dinCheck: unit.din_check, status: unit.status, bankingType: unit.banking_type } : null,
      reservation: r.reserved_at
        ? {
            din: r.din, reservedAt: iso(r.reserved_at), reservedBy: r.reserved_by, matchGrade: r.match_grade, mismatches: detail.mismatches ?? [],
            otherMismatches: detail.otherMismatches ?? [], tncPerKg: r.tnc_per_kg, cd34PerKg: r.cd34_per_kg,
            doseWarning: r.tnc_per_kg !== null && r.tnc_per_kg < 2.5e7, doseOverrideReason: r.dose_override_reason,
          }
        : null,
      approval: r.approved_at ? { approvedAt: iso(r.approved_at), approvedBy: { id: r.approved_by, name: r.approver_name }, meaning: r.approval_meaning, directedUse: r.directed_use } : null,
      shipment: r.dispatched_at ? { courier: r.courier, dispatchedAt: iso(r.dispatched_at), shipperId: r.shipper_id, temperatureLoggerId: r.temperature_logger_id, shippedBy: r.shipped_by } : null,
      delivery: r.received_at ? { receivedAt: iso(r.received_at), receivedBy: r.received_by, temperatureOk: r.delivery_temperature_ok } : null,
      outcome: r.infused_at ? { infusedAt: iso(r.infused_at), notes: r.outcome_notes } : null,
      cancellation: r.cancelled_at ? { cancelledAt: iso(r.cancelled_at), reason: r.cancel_reason, fromStatus: r.cancelled_from } : null,
      updatedAt: iso(r.updated_at),
      ...(history ? { history } : {}),
    };
  }

  /** The request's history: its audit chain (hash-chained, written by the database), oldest first. */
  private async history(id: string): Promise<({ before: unknown; after: unknown } & Record<string, unknown>)[]> {
    const rows = await this.db.query<HistoryRow>(
      `SELECT seq, at, actor_type, actor_id, actor_name, action, reason, before, after, signature FROM audit_entries WHERE chain = $1 ORDER BY seq`,
      [requestChain(id)],
    );
    return rows.map((h) => ({
      seq: h.seq, at: h.at.toISOString(), action: h.action, actor: { type: h.actor_type, id: h.actor_id, name: h.actor_name },
      reason: h.reason, signature: h.signature, before: h.before, after: h.after,
    }));
  }
}

/** `reservation` of the unit view (UnitExtension.view, over the unit row `u`): the request the unit is reserved for. */
export const unitReservationPart = viewPart<{ id: string; request_number: string; status: string; requesting_facility: string; reserved_at: string | null; intended_use: string }>({
  sql: `(SELECT json_build_object('id', r.id, 'request_number', r.request_number, 'status', r.status, 'requesting_facility', r.requesting_facility,
                                   'reserved_at', r.reserved_at, 'intended_use', r.intended_use)
           FROM release_requests r WHERE r.id = u.reserved_for)`,
  fields: (r) =>
    r
      ? { reservation: { requestId: r.id, requestNumber: r.request_number, status: r.status, requestingFacility: r.requesting_facility, intendedUse: r.intended_use, reservedAt: iso(r.reserved_at === null ? null : new Date(r.reserved_at)) } }
      : {},
});
