import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError, notFound, validationFailed } from '../common/domain-error';
import { Db } from '../database/db.service';
import type { CreateCellTypeDto, CreateDoseBandDto, CreateMeasureDto, CreateProtocolDto, CreateRouteDto, UpdateProtocolDto } from './dto/clinical.dto';

const iso = (d: Date) => d.toISOString();

/**
 * The clinical reference tables (protocols, use schedules, cell types, routes, dose bands, outcome
 * measures): data in the database, seeded by migration ClinicalOutcomes, added to by admin (DESIGN.md
 * section 6: admin changes reference tables). Every change is hash-chained by trigger on
 * `clinical_reference:<table>:<key>`. Rows are deactivated, never deleted: records refer to them.
 */
@Injectable()
export class ReferenceService {
  constructor(private readonly db: Db) {}

  /** `GET /clinical/reference`: everything a form or an analysis needs to read a record. */
  async all(): Promise<Record<string, unknown>> {
    const [protocols, schedules, cellTypes, routes, bands, measures] = [
      await this.db.query<Record<string, unknown> & { created_at: Date }>(`SELECT * FROM clinical_protocols ORDER BY identifier`),
      await this.db.query(`SELECT intended_use, follow_up_days, visit_window_days FROM clinical_use_schedules ORDER BY intended_use`),
      await this.db.query(`SELECT code, name, counted_cells, dose_source, active FROM clinical_cell_types ORDER BY code`),
      await this.db.query(`SELECT code, name, description, active FROM clinical_routes ORDER BY code`),
      await this.db.query(`SELECT code, cell_type, label, min_per_kg, max_per_kg FROM clinical_dose_bands ORDER BY cell_type, min_per_kg`),
      await this.db.query(`SELECT * FROM outcome_measures ORDER BY code`),
    ];
    return {
      protocols: protocols.map((p) => this.protocolView(p as never)),
      useSchedules: schedules.map((s) => ({ intendedUse: s.intended_use, followUpDays: s.follow_up_days, visitWindowDays: s.visit_window_days })),
      cellTypes: cellTypes.map((c) => ({ code: c.code, name: c.name, countedCells: c.counted_cells, doseSource: c.dose_source, active: c.active })),
      routes: routes.map((r) => ({ code: r.code, name: r.name, description: r.description, active: r.active })),
      doseBands: bands.map((b) => ({ code: b.code, cellType: b.cell_type, label: b.label, minPerKg: b.min_per_kg, maxPerKg: b.max_per_kg })),
      measures: measures.map((m) => ({
        code: m.code, name: m.name, unit: m.unit, valueType: m.value_type, minValue: m.min_value, maxValue: m.max_value, categories: m.categories, methods: m.methods,
        applicableUses: m.applicable_uses, changeFromBaseline: m.change_from_baseline, linksAdverseReaction: m.links_adverse_reaction, active: m.active,
      })),
    };
  }

  async createProtocol(actor: Actor, dto: CreateProtocolDto): Promise<Record<string, unknown>> {
    if (!dto.indNumber && !dto.euCtNumber) throw validationFailed([{ field: 'indNumber', message: 'an IND number or an EU CT number is required' }]);
    const row = await this.db.tx(actor, (tx) => tx.one(
      `INSERT INTO clinical_protocols (identifier, title, sponsor, ind_number, eu_ct_number, arms, follow_up_days, visit_window_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [dto.identifier.trim(), dto.title.trim(), dto.sponsor.trim(), dto.indNumber?.trim() ?? null, dto.euCtNumber?.trim() ?? null, dto.arms.map((a) => a.trim()),
        [...dto.followUpDays].sort((a, b) => a - b), dto.visitWindowDays ?? 14],
    ), { audit: { action: 'clinical_reference.protocol_created' } });
    return this.protocolView(row as never);
  }

  async updateProtocol(actor: Actor, id: string, dto: UpdateProtocolDto): Promise<Record<string, unknown>> {
    const row = await this.db.tx(actor, async (tx) => {
      const p = await tx.one(`SELECT id FROM clinical_protocols WHERE id = $1 FOR UPDATE`, [id]);
      if (!p) throw notFound('Protocol', id);
      return tx.one(
        `UPDATE clinical_protocols SET title = coalesce($2, title), sponsor = coalesce($3, sponsor), arms = coalesce($4, arms), follow_up_days = coalesce($5, follow_up_days),
                visit_window_days = coalesce($6, visit_window_days), active = coalesce($7, active), updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, dto.title?.trim() ?? null, dto.sponsor?.trim() ?? null, dto.arms?.map((a) => a.trim()) ?? null, dto.followUpDays ? [...dto.followUpDays].sort((a, b) => a - b) : null,
          dto.visitWindowDays ?? null, dto.active ?? null],
      );
    }, { audit: { action: 'clinical_reference.protocol_updated', reason: dto.reason.trim() } });
    return this.protocolView(row as never);
  }

  async createRoute(actor: Actor, dto: CreateRouteDto): Promise<Record<string, unknown>> {
    await this.db.tx(actor, (tx) => tx.query(`INSERT INTO clinical_routes (code, name, description) VALUES ($1, $2, $3)`, [dto.code, dto.name.trim(), dto.description?.trim() ?? null]),
      { audit: { action: 'clinical_reference.route_created' } });
    return { code: dto.code, name: dto.name.trim(), description: dto.description?.trim() ?? null, active: true };
  }

  async createCellType(actor: Actor, dto: CreateCellTypeDto): Promise<Record<string, unknown>> {
    await this.db.tx(actor, (tx) => tx.query(`INSERT INTO clinical_cell_types (code, name, counted_cells, dose_source) VALUES ($1, $2, $3, $4)`,
      [dto.code, dto.name.trim(), dto.countedCells.trim(), dto.doseSource]), { audit: { action: 'clinical_reference.cell_type_created' } });
    return { code: dto.code, name: dto.name.trim(), countedCells: dto.countedCells.trim(), doseSource: dto.doseSource, active: true };
  }

  async createDoseBand(actor: Actor, dto: CreateDoseBandDto): Promise<Record<string, unknown>> {
    if (dto.maxPerKg !== undefined && dto.maxPerKg <= dto.minPerKg) throw validationFailed([{ field: 'maxPerKg', message: 'must be above minPerKg' }]);
    await this.db.tx(actor, async (tx) => {
      if (!(await tx.one(`SELECT 1 FROM clinical_cell_types WHERE code = $1`, [dto.cellType]))) throw validationFailed([{ field: 'cellType', message: `unknown cell type ${JSON.stringify(dto.cellType)}` }]);
      await tx.query(`INSERT INTO clinical_dose_bands (code, cell_type, label, min_per_kg, max_per_kg) VALUES ($1, $2, $3, $4, $5)`,
        [dto.code, dto.cellType, dto.label.trim(), dto.minPerKg, dto.maxPerKg ?? null]);
    }, { audit: { action: 'clinical_reference.dose_band_created' } });
    return { code: dto.code, cellType: dto.cellType, label: dto.label.trim(), minPerKg: dto.minPerKg, maxPerKg: dto.maxPerKg ?? null };
  }

  async createMeasure(actor: Actor, dto: CreateMeasureDto): Promise<Record<string, unknown>> {
    const numeric = dto.valueType === 'number' || dto.valueType === 'integer';
    const errors = [];
    if (numeric && (dto.minValue === undefined || dto.maxValue === undefined || dto.minValue >= dto.maxValue)) errors.push({ field: 'maxValue', message: 'a numeric measure needs minValue < maxValue (its plausible range)' });
    if (!numeric && (dto.minValue !== undefined || dto.maxValue !== undefined)) errors.push({ field: 'minValue', message: 'only numeric measures have a range' });
    if ((dto.valueType === 'category') !== (dto.categories !== undefined)) errors.push({ field: 'categories', message: 'are given for category measures, and only for them' });
    if (dto.changeFromBaseline && !numeric) errors.push({ field: 'changeFromBaseline', message: 'only for numeric measures' });
    if (errors.length) throw validationFailed(errors);
    await this.db.tx(actor, (tx) => tx.query(
      `INSERT INTO outcome_measures (code, name, unit, value_type, min_value, max_value, categories, methods, applicable_uses, change_from_baseline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [dto.code, dto.name.trim(), dto.unit?.trim() ?? null, dto.valueType, dto.minValue ?? null, dto.maxValue ?? null, dto.categories ?? null, dto.methods ?? [], dto.applicableUses, dto.changeFromBaseline ?? false],
    ), { audit: { action: 'clinical_reference.measure_created' } });
    return { code: dto.code, name: dto.name.trim(), unit: dto.unit?.trim() ?? null, valueType: dto.valueType, minValue: dto.minValue ?? null, maxValue: dto.maxValue ?? null,
      categories: dto.categories ?? null, methods: dto.methods ?? [], applicableUses: dto.applicableUses, changeFromBaseline: dto.changeFromBaseline ?? false, active: true };
  }

  private protocolView(p: { id: string; identifier: string; title: string; sponsor: string; ind_number: string | null; eu_ct_number: string | null; arms: string[]; follow_up_days: number[]; visit_window_days: number; active: boolean; created_at: Date }) {
    if (!p) throw new DomainError('INTERNAL', 'protocol row missing');
    return {
      id: p.id, identifier: p.identifier, title: p.title, sponsor: p.sponsor, indNumber: p.ind_number, euCtNumber: p.eu_ct_number, arms: p.arms,
      followUpDays: p.follow_up_days, visitWindowDays: p.visit_window_days, active: p.active, createdAt: iso(p.created_at),
    };
  }
}
