import { Injectable } from '@nestjs/common';
import { type Actor, OUTCOME_READER_ROLES, readsOutcomes } from '../common/actor';
import { DomainError, type FieldError, fieldError, notFound, validationFailed } from '../common/domain-error';
import { iso, num } from '../common/mappers';
import { Db, Tx } from '../database/db.service';
import { ReleaseRequestsService } from '../release-requests/release-requests.service';
import { UnitsService } from '../units/units.service';
import { computeDose, DoseError, type DoseSource } from './dose';
import type { AdministrationCorrectionDto, AdministrationDto, FollowUpDto, MeasurementCorrectionDto } from './dto/clinical.dto';
import { checkMeasurement, type MeasureDefinition, shownValue } from './measure-rules';

/** Who reads clinical outcomes (issue 17): medical director, coordinators, auditors; not admin. */
export const OUTCOME_READERS = OUTCOME_READER_ROLES;

export function assertOutcomeReader(actor: Actor): void {
  if (!readsOutcomes(actor)) {
    throw new DomainError('FORBIDDEN', `Clinical outcomes are read by ${OUTCOME_READERS.join(', ')} only`);
  }
}

const DAY_MS = 86_400_000;
/** A baseline older than this says little about the patient at infusion (bank policy). */
const BASELINE_MAX_DAYS = 180;
/** Weights are kept to 10 g (numeric(6,2)); the dose is computed from the weight as stored. */
const kg = (w: number) => Math.round(w * 100) / 100;

interface RequestRow {
  id: string;
  request_number: string;
  status: string;
  intended_use: string;
  din: string | null;
  patient_weight_kg: string;
  received_at: Date | null;
  infused_at: Date | null;
}

export interface AdministrationRow {
  id: string;
  release_request_id: string;
  din: string;
  protocol_id: string | null;
  protocol_arm: string | null;
  cell_type: string;
  route: string;
  procedure: string | null;
  administered_at: Date;
  patient_weight_kg: string;
  patient_age_months: number;
  measured_cell_count: number | null;
  dose_per_kg: number;
  cd34_per_kg: number | null;
  viability_pct: string;
  recovery_pct: string;
  notes: string | null;
  correction_reason: string | null;
  recorded_by: string;
  created_at: Date;
  updated_at: Date;
}

interface CellTypeRow {
  code: string;
  name: string;
  counted_cells: string;
  dose_source: DoseSource;
  active: boolean;
}

interface MeasureRow {
  code: string;
  name: string;
  unit: string | null;
  value_type: MeasureDefinition['valueType'];
  min_value: number | null;
  max_value: number | null;
  categories: string[] | null;
  methods: string[];
  applicable_uses: string[];
  change_from_baseline: boolean;
  links_adverse_reaction: boolean;
  active: boolean;
}

export const toDefinition = (m: MeasureRow): MeasureDefinition => ({
  code: m.code, name: m.name, unit: m.unit, valueType: m.value_type, minValue: m.min_value, maxValue: m.max_value, categories: m.categories,
  methods: m.methods, applicableUses: m.applicable_uses, changeFromBaseline: m.change_from_baseline, linksAdverseReaction: m.links_adverse_reaction, active: m.active,
});

/** The schedule a request follows: its protocol's, or its use's. */
export const SCHEDULE_SQL = `
  SELECT coalesce(p.follow_up_days, s.follow_up_days) AS days, coalesce(p.visit_window_days, s.visit_window_days) AS window_days
    FROM clinical_administrations a
    JOIN release_requests r ON r.id = a.release_request_id
    LEFT JOIN clinical_protocols p ON p.id = a.protocol_id
    LEFT JOIN clinical_use_schedules s ON s.intended_use = r.intended_use
   WHERE a.release_request_id = $1`;

/**
 * What was given on a release request and what followed (issue 17): the administration (product as
 * prepared, computed dose, route, time, protocol for clinical trials) and the follow-up visits with
 * their structured measurements. Each write is one transaction; the database appends every row to
 * the request's audit chain (`release_request:<id>`) and refuses a typed dose, an implausible value
 * and a correction without a reason.
 */
@Injectable()
export class ClinicalService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly requests: ReleaseRequestsService,
  ) {}

  /**
   * `POST /release-requests/:id/administration`. On a `delivered` request it is the infusion itself:
   * the unit becomes `infused` and the request `completed` (as `POST /outcome` does), in the same
   * transaction. On a `completed` one it adds the structured record to the infusion already recorded,
   * whose time it must carry. The dose per kg is computed here and again by the database.
   */
  async recordAdministration(actor: Actor, id: string, dto: AdministrationDto): Promise<Record<string, unknown>> {
    const administeredAt = new Date(dto.administeredAt);
    await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      if (req.status !== 'delivered' && req.status !== 'completed') {
        throw new DomainError('INVALID_TRANSITION', `Release request ${req.request_number} is ${req.status}: what was given is recorded once the unit is delivered`, { requestStatus: req.status });
      }
      const existing = await tx.one(`SELECT 1 FROM clinical_administrations WHERE release_request_id = $1`, [req.id]);
      if (existing) throw new DomainError('DUPLICATE', `Release request ${req.request_number} already has its administration; correct it with PATCH /release-requests/${req.id}/administration`);
      if (req.received_at && administeredAt < req.received_at) throw fieldError('administeredAt', `can not be before the delivery (${req.received_at.toISOString()})`);
      if (req.status === 'completed' && req.infused_at && administeredAt.getTime() !== req.infused_at.getTime()) {
        throw fieldError('administeredAt', `must be the infusion time recorded for this request (${req.infused_at.toISOString()})`);
      }
      const errors: FieldError[] = [];
      const cellType = await this.cellType(tx, dto.cellType);
      if (!cellType) errors.push({ field: 'cellType', message: `unknown or inactive cell type ${JSON.stringify(dto.cellType)} (see GET /clinical/reference)` });
      const route = await tx.one(`SELECT code FROM clinical_routes WHERE code = $1 AND active`, [dto.route]);
      if (!route) errors.push({ field: 'route', message: `unknown or inactive route ${JSON.stringify(dto.route)} (see GET /clinical/reference)` });
      let protocolId: string | null = null;
      if (req.intended_use === 'clinical_trial') {
        if (!dto.protocol) errors.push({ field: 'protocol', message: 'is required for clinical_trial use: the protocol identifier and arm' });
        else {
          const p = await tx.one<{ id: string; arms: string[]; active: boolean }>(`SELECT id, arms, active FROM clinical_protocols WHERE identifier = $1`, [dto.protocol.identifier.trim()]);
          if (!p || !p.active) errors.push({ field: 'protocol.identifier', message: `unknown or inactive protocol ${JSON.stringify(dto.protocol.identifier)}` });
          else if (p.arms.length && !p.arms.includes(dto.protocol.arm.trim())) errors.push({ field: 'protocol.arm', message: `must be one of the protocol's arms: ${p.arms.join('; ')}` });
          else protocolId = p.id;
        }
      } else if (dto.protocol) {
        errors.push({ field: 'protocol', message: `is only for clinical_trial use (this request is ${req.intended_use})` });
      }
      if (errors.length) throw validationFailed(errors);
      const unit = await this.units.lock(tx, req.din!);
      const weightKg = kg(dto.patientWeightKg ?? Number(req.patient_weight_kg));
      const dose = this.dose(cellType!, unit, dto.measuredCellCount ?? null, weightKg, dto.viabilityPct);

      if (req.status === 'delivered') await this.requests.completeInTx(tx, req.id, administeredAt, dto.notes?.trim() ?? null);
      await tx.audit({ action: 'clinical.administration_recorded', reason: null });
      await tx.query(
        `INSERT INTO clinical_administrations (release_request_id, din, protocol_id, protocol_arm, cell_type, route, procedure, administered_at, patient_weight_kg,
                                               patient_age_months, measured_cell_count, dose_per_kg, cd34_per_kg, viability_pct, recovery_pct, notes, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [req.id, req.din, protocolId, protocolId ? dto.protocol!.arm.trim() : null, cellType!.code, dto.route, dto.procedure?.trim() ?? null, administeredAt, weightKg,
          dto.patientAgeMonths, dto.measuredCellCount ?? null, dose.dosePerKg, dose.cd34PerKg, dto.viabilityPct, dto.recoveryPct, dto.notes?.trim() ?? null, actor.id],
      );
    });
    return this.record(actor, id, false);
  }

  /**
   * `PATCH /release-requests/:id/administration`: a correction with a reason (21 CFR Part 11.10(e)):
   * the audit entry keeps the old values; the dose is computed again from the corrected inputs.
   * The time of administration is the request's infusion time and is not corrected here.
   */
  async correctAdministration(actor: Actor, id: string, dto: AdministrationCorrectionDto): Promise<Record<string, unknown>> {
    const reason = dto.reason.trim();
    await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      const a = await tx.one<AdministrationRow>(`SELECT * FROM clinical_administrations WHERE release_request_id = $1 FOR UPDATE`, [req.id]);
      if (!a) throw notFound('Administration of release request', id);
      const cellTypeCode = dto.cellType ?? a.cell_type;
      const cellType = await this.cellType(tx, cellTypeCode);
      if (!cellType) throw fieldError('cellType', `unknown or inactive cell type ${JSON.stringify(cellTypeCode)}`);
      const route = dto.route ?? a.route;
      if (dto.route && !(await tx.one(`SELECT code FROM clinical_routes WHERE code = $1 AND active`, [dto.route]))) throw fieldError('route', `unknown or inactive route ${JSON.stringify(dto.route)}`);
      const measured = dto.measuredCellCount !== undefined ? dto.measuredCellCount : cellType.dose_source === 'unit_tnc' ? null : a.measured_cell_count;
      const weightKg = kg(dto.patientWeightKg ?? Number(a.patient_weight_kg));
      const viability = dto.viabilityPct ?? Number(a.viability_pct);
      const unit = await this.units.lock(tx, a.din);
      const dose = this.dose(cellType, unit, measured, weightKg, viability);
      await tx.audit({ action: 'clinical.administration_corrected', reason });
      await tx.query(
        `UPDATE clinical_administrations SET cell_type = $2, route = $3, measured_cell_count = $4, patient_weight_kg = $5, patient_age_months = $6, viability_pct = $7,
                recovery_pct = $8, procedure = $9, notes = $10, dose_per_kg = $11, cd34_per_kg = $12, correction_reason = $13, updated_at = now()
          WHERE id = $1`,
        [a.id, cellType.code, route, measured, weightKg, dto.patientAgeMonths ?? a.patient_age_months, viability, dto.recoveryPct ?? Number(a.recovery_pct),
          dto.procedure !== undefined ? dto.procedure.trim() : a.procedure, dto.notes !== undefined ? dto.notes.trim() : a.notes, dose.dosePerKg, dose.cd34PerKg, reason],
      );
    });
    return this.record(actor, id, false);
  }

  /**
   * `POST /release-requests/:id/follow-ups`: one visit of the schedule (the protocol's, or the use's)
   * with its measurements, each checked against its definition (type, plausible range, categories,
   * method, use): anything outside is 422 and nothing is written.
   */
  async recordFollowUp(actor: Actor, id: string, dto: FollowUpDto): Promise<Record<string, unknown>> {
    const assessedAt = new Date(dto.assessedAt);
    await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      const a = await tx.one<AdministrationRow>(`SELECT * FROM clinical_administrations WHERE release_request_id = $1 FOR UPDATE`, [req.id]);
      if (!a) throw new DomainError('CONFLICT', `Release request ${req.request_number} has no administration recorded yet: follow-up is scheduled from it`);
      const schedule = (await tx.one<{ days: number[]; window_days: number }>(SCHEDULE_SQL, [req.id]))!;
      const errors: FieldError[] = [];
      if (!schedule.days.includes(dto.visitDay)) errors.push({ field: 'visitDay', message: `must be a visit of the schedule: days ${schedule.days.join(', ')}` });
      if (dto.visitDay === 0 && assessedAt.getTime() > a.administered_at.getTime() + DAY_MS) errors.push({ field: 'assessedAt', message: 'the baseline (day 0) is assessed before the infusion or on its day' });
      if (dto.visitDay === 0 && assessedAt.getTime() < a.administered_at.getTime() - BASELINE_MAX_DAYS * DAY_MS) {
        errors.push({ field: 'assessedAt', message: `a baseline is at most ${BASELINE_MAX_DAYS} days before the infusion` });
      }
      if (dto.visitDay > 0 && assessedAt < a.administered_at) errors.push({ field: 'assessedAt', message: `a follow-up visit is after the infusion (${a.administered_at.toISOString()})` });
      const defs = await this.measures(tx, dto.measurements.map((m) => m.measure));
      const seen = new Set<string>();
      const values = dto.measurements.map((m, i) => {
        if (seen.has(m.measure)) errors.push({ field: `measurements[${i}].measure`, message: `${m.measure} is given twice` });
        seen.add(m.measure);
        const c = checkMeasurement(defs.get(m.measure), m, req.intended_use);
        if (!c.ok) {
          errors.push({ field: `measurements[${i}].${c.field}`, message: c.message });
          return null;
        }
        return c.value;
      });
      if (errors.length) throw validationFailed(errors);
      const visit = await tx.one(`SELECT 1 FROM clinical_follow_ups WHERE release_request_id = $1 AND visit_day = $2`, [req.id, dto.visitDay]);
      if (visit) throw new DomainError('DUPLICATE', `Day ${dto.visitDay} of release request ${req.request_number} is already recorded; correct a measurement with PATCH /release-requests/${req.id}/follow-ups/${dto.visitDay}/measurements/:measure`);
      await tx.audit({ action: 'clinical.follow_up_recorded', reason: null });
      const row = await tx.one<{ id: string }>(
        `INSERT INTO clinical_follow_ups (release_request_id, visit_day, assessed_at, notes, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [req.id, dto.visitDay, assessedAt, dto.notes?.trim() ?? null, actor.id],
      );
      for (const [i, m] of dto.measurements.entries()) {
        const v = values[i]!;
        await tx.query(
          `INSERT INTO clinical_measurements (follow_up_id, release_request_id, measure, value_number, value_text, value_bool, method, adverse_reaction_id, description, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [row!.id, req.id, m.measure, v.valueNumber, v.valueText, v.valueBool, m.method ?? null, m.adverseReactionId ?? null, m.description?.trim() ?? null, actor.id],
        );
      }
    });
    return this.record(actor, id, false);
  }

  /** `PATCH /release-requests/:id/follow-ups/:visitDay/measurements/:measure`: a correction with a reason; the old value stays in the audit. */
  async correctMeasurement(actor: Actor, id: string, visitDay: number, measure: string, dto: MeasurementCorrectionDto): Promise<Record<string, unknown>> {
    const reason = dto.reason.trim();
    await this.db.tx(actor, async (tx) => {
      const req = await this.lockRequest(tx, id);
      const m = await tx.one<{ id: string }>(
        `SELECT m.id FROM clinical_measurements m JOIN clinical_follow_ups f ON f.id = m.follow_up_id
          WHERE m.release_request_id = $1 AND f.visit_day = $2 AND m.measure = $3 FOR UPDATE OF m`,
        [req.id, visitDay, measure],
      );
      if (!m) throw notFound(`Measurement of day ${visitDay} of release request ${req.request_number}`, measure);
      const defs = await this.measures(tx, [measure]);
      const c = checkMeasurement(defs.get(measure), { measure, value: dto.value, method: dto.method }, req.intended_use);
      if (!c.ok) throw fieldError(c.field, c.message);
      await tx.audit({ action: 'clinical.measurement_corrected', reason });
      await tx.query(
        `UPDATE clinical_measurements SET value_number = $2, value_text = $3, value_bool = $4, method = coalesce($5, method), correction_reason = $6, updated_at = now() WHERE id = $1`,
        [m.id, c.value.valueNumber, c.value.valueText, c.value.valueBool, dto.method ?? null, reason],
      );
    });
    return this.record(actor, id, false);
  }

  /**
   * `GET /release-requests/:id/clinical`: the administration, the schedule with each visit's due
   * date and state, and the visits recorded with their measurements.
   */
  async record(actor: Actor, id: string, check = true): Promise<Record<string, unknown>> {
    if (check) assertOutcomeReader(actor);
    const req = await this.db.one<RequestRow>(`SELECT id, request_number, status, intended_use, din, patient_weight_kg, received_at, infused_at FROM release_requests WHERE id = $1`, [id]);
    if (!req) throw notFound('Release request', id);
    const a = await this.db.one<AdministrationRow & { protocol_identifier: string | null; protocol_title: string | null; sponsor: string | null; ind_number: string | null; eu_ct_number: string | null; counted_cells: string }>(
      `SELECT a.*, p.identifier AS protocol_identifier, p.title AS protocol_title, p.sponsor, p.ind_number, p.eu_ct_number, c.counted_cells
         FROM clinical_administrations a JOIN clinical_cell_types c ON c.code = a.cell_type LEFT JOIN clinical_protocols p ON p.id = a.protocol_id
        WHERE a.release_request_id = $1`,
      [id],
    );
    if (!a) return { requestId: req.id, requestNumber: req.request_number, intendedUse: req.intended_use, administration: null, schedule: [], followUps: [] };
    const schedule = (await this.db.one<{ days: number[]; window_days: number }>(SCHEDULE_SQL, [id]))!;
    const visits = await this.db.query<{ id: string; visit_day: number; assessed_at: Date; notes: string | null; correction_reason: string | null; recorded_by: string }>(
      `SELECT id, visit_day, assessed_at, notes, correction_reason, recorded_by FROM clinical_follow_ups WHERE release_request_id = $1 ORDER BY visit_day`, [id],
    );
    const ms = await this.db.query<{ follow_up_id: string; measure: string; value_number: number | null; value_text: string | null; value_bool: boolean | null; method: string | null; adverse_reaction_id: string | null; description: string | null; correction_reason: string | null; unit: string | null }>(
      `SELECT m.follow_up_id, m.measure, m.value_number, m.value_text, m.value_bool, m.method, m.adverse_reaction_id, m.description, m.correction_reason, d.unit
         FROM clinical_measurements m JOIN outcome_measures d ON d.code = m.measure WHERE m.release_request_id = $1 ORDER BY m.measure`, [id],
    );
    const today = new Date(new Date().toISOString().slice(0, 10));
    const done = new Set(visits.map((v) => v.visit_day));
    return {
      requestId: req.id,
      requestNumber: req.request_number,
      intendedUse: req.intended_use,
      administration: {
        din: a.din,
        protocol: a.protocol_id ? { identifier: a.protocol_identifier, title: a.protocol_title, sponsor: a.sponsor, indNumber: a.ind_number, euCtNumber: a.eu_ct_number, arm: a.protocol_arm } : null,
        cellType: a.cell_type,
        countedCells: a.counted_cells,
        route: a.route,
        procedure: a.procedure,
        administeredAt: iso(a.administered_at),
        patientWeightKg: Number(a.patient_weight_kg),
        patientAgeMonths: a.patient_age_months,
        measuredCellCount: a.measured_cell_count,
        dosePerKg: a.dose_per_kg,
        cd34PerKg: a.cd34_per_kg,
        viableDosePerKg: (a.dose_per_kg * Number(a.viability_pct)) / 100,
        viabilityPct: Number(a.viability_pct),
        recoveryPct: Number(a.recovery_pct),
        notes: a.notes,
        correctionReason: a.correction_reason,
        recordedBy: a.recorded_by,
      },
      schedule: schedule.days.map((day) => {
        const due = new Date(Date.UTC(a.administered_at.getUTCFullYear(), a.administered_at.getUTCMonth(), a.administered_at.getUTCDate()) + day * DAY_MS);
        const from = new Date(due.getTime() - schedule.window_days * DAY_MS);
        const until = new Date(due.getTime() + schedule.window_days * DAY_MS);
        return {
          visitDay: day, dueDate: due.toISOString().slice(0, 10), windowFrom: from.toISOString().slice(0, 10), windowUntil: until.toISOString().slice(0, 10),
          state: done.has(day) ? 'done' : today < from ? 'upcoming' : today <= until ? 'due' : 'overdue',
        };
      }),
      followUps: visits.map((v) => ({
        visitDay: v.visit_day,
        assessedAt: iso(v.assessed_at),
        notes: v.notes,
        recordedBy: v.recorded_by,
        measurements: ms.filter((m) => m.follow_up_id === v.id).map((m) => ({
          measure: m.measure, value: shownValue({ valueNumber: m.value_number, valueText: m.value_text, valueBool: m.value_bool }), unit: m.unit, method: m.method,
          adverseReactionId: m.adverse_reaction_id, description: m.description, correctionReason: m.correction_reason,
        })),
      })),
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private dose(cellType: CellTypeRow, unit: { tnc_count: unknown; cd34_count: unknown }, measured: number | null, weightKg: number, viabilityPct: number) {
    try {
      return computeDose({
        doseSource: cellType.dose_source, countedCells: cellType.counted_cells,
        unitTnc: num(unit.tnc_count),
        unitCd34: num(unit.cd34_count),
        measuredCellCount: measured, weightKg, viabilityPct,
      });
    } catch (err) {
      if (err instanceof DoseError) throw fieldError(err.field, err.message);
      throw err;
    }
  }

  private async lockRequest(tx: Tx, id: string): Promise<RequestRow> {
    const row = await tx.one<RequestRow>(
      `SELECT id, request_number, status, intended_use, din, patient_weight_kg, received_at, infused_at FROM release_requests WHERE id = $1 FOR UPDATE`, [id],
    );
    if (!row) throw notFound('Release request', id);
    return row;
  }

  private cellType(tx: Tx, code: string): Promise<CellTypeRow | undefined> {
    return tx.one<CellTypeRow>(`SELECT code, name, counted_cells, dose_source, active FROM clinical_cell_types WHERE code = $1 AND active`, [code]);
  }

  private async measures(tx: Tx, codes: string[]): Promise<Map<string, MeasureDefinition>> {
    const rows = await tx.query<MeasureRow>(`SELECT * FROM outcome_measures WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, toDefinition(r)]));
  }
}
