import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max,
  MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { PageSizeField, QueryIntField } from '../../common/pagination';
import { INTENDED_USES, WEIGHT_MAX_KG, WEIGHT_MIN_KG, type IntendedUse } from '../../search/dto/search.dto';

const NUM = { allowNaN: false, allowInfinity: false } as const;
const CODE = /^[a-z][a-z0-9_]{1,39}$/;
const CODE_MESSAGE = 'must be a code of 2–40 lower-case letters, digits and underscores, starting with a letter';

const Text = (example: string, max = 200, required = true) => (target: object, key: string | symbol) => {
  (required ? ApiProperty : ApiPropertyOptional)({ example, maxLength: max })(target, key);
  if (!required) IsOptional()(target, key);
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(max)(target, key);
};

const Code = (example: string, description: string, required = true) => (target: object, key: string | symbol) => {
  (required ? ApiProperty : ApiPropertyOptional)({ example, description })(target, key);
  if (!required) IsOptional()(target, key);
  IsString()(target, key);
  Matches(CODE, { message: CODE_MESSAGE })(target, key);
};

const Pct = (example: number, max: number, description: string) => (target: object, key: string | symbol) => {
  ApiProperty({ example, minimum: 0, maximum: max, description })(target, key);
  IsNumber(NUM)(target, key);
  Min(0)(target, key);
  Max(max)(target, key);
};

// ---- what was given ---------------------------------------------------------------------------

export class ProtocolRefDto {
  @Text('NCT01883076', 100) identifier: string;
  @Text('A: intramyocardial UCB-MNC at Glenn', 100) arm: string;
}

export class AdministrationDto {
  @Code('mnc', 'the product as prepared (GET /clinical/reference: cellTypes): whole_unit, tnc, mnc, cd34_selected, cd133_selected …') cellType: string;
  @Code('intramyocardial', 'the route (GET /clinical/reference: routes): intravenous, intracoronary, intramyocardial, intra_arterial …') route: string;

  @ApiProperty({ example: '2026-03-21T10:00:00Z', description: 'time of administration; on a completed request it must be the infusion time recorded by POST /outcome' })
  @IsISO8601({ strict: true })
  administeredAt: string;

  @ApiProperty({ example: 7, minimum: 0, maximum: 1500, description: "the patient's age in months at administration (the bank does not store a birth date)" })
  @IsInt()
  @Min(0)
  @Max(1500)
  patientAgeMonths: number;

  @ApiPropertyOptional({ example: 6.8, minimum: WEIGHT_MIN_KG, maximum: WEIGHT_MAX_KG, description: "weight at administration; default: the request's patient weight" })
  @IsOptional()
  @IsNumber(NUM)
  @Min(WEIGHT_MIN_KG)
  @Max(WEIGHT_MAX_KG)
  patientWeightKg?: number;

  @ApiPropertyOptional({ example: 3.4e8, description: 'for a prepared fraction: the count of its cell type (MNC, CD34+, …) measured in the product; not for a whole unit (dosed from its TNC)' })
  @IsOptional()
  @IsNumber(NUM)
  @Min(1)
  @Max(1e13)
  measuredCellCount?: number;

  @Pct(92.5, 100, 'post-thaw viability, %') viabilityPct: number;
  @Pct(81, 200, 'post-thaw recovery of the counted cells, %') recoveryPct: number;

  @Text('bidirectional Glenn operation', 200, false) procedure?: string;

  @ApiPropertyOptional({ type: ProtocolRefDto, description: 'required for clinical_trial, refused otherwise' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProtocolRefDto)
  protocol?: ProtocolRefDto;

  @Text('given over 20 minutes without reaction', 2000, false) notes?: string;
}

export class AdministrationCorrectionDto {
  @ApiProperty({ example: 'viability transcribed from the wrong report', description: 'why the record is corrected (kept in the audit entry with the old values)' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;

  @Code('mnc', 'the product as prepared', false) cellType?: string;
  @Code('intramyocardial', 'the route', false) route?: string;
  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsInt() @Min(0) @Max(1500) patientAgeMonths?: number;
  @ApiPropertyOptional({ example: 6.8 }) @IsOptional() @IsNumber(NUM) @Min(WEIGHT_MIN_KG) @Max(WEIGHT_MAX_KG) patientWeightKg?: number;
  @ApiPropertyOptional({ example: 3.4e8, nullable: true, description: 'null for a whole unit' }) @IsOptional() @IsNumber(NUM) @Min(1) @Max(1e13) measuredCellCount?: number | null;
  @ApiPropertyOptional({ example: 92.5 }) @IsOptional() @IsNumber(NUM) @Min(0) @Max(100) viabilityPct?: number;
  @ApiPropertyOptional({ example: 81 }) @IsOptional() @IsNumber(NUM) @Min(0) @Max(200) recoveryPct?: number;
  @Text('bidirectional Glenn operation', 200, false) procedure?: string;
  @Text('corrected from the infusion record', 2000, false) notes?: string;
}

// ---- follow-up --------------------------------------------------------------------------------

export class MeasurementDto {
  @Code('lvef_pct', 'the measure (GET /clinical/reference: measures)') measure: string;

  @ApiProperty({ example: 42, description: 'a number (in the unit of the measure, within its plausible range), true/false, or one of its categories', oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] })
  @IsDefined()
  value: number | string | boolean;

  @Text('echo', 40, false) method?: string;

  @ApiPropertyOptional({ example: '0b7e4f7a-3c1d-4e8b-9f10-2a3b4c5d6e7f', description: 'for serious_adverse_event: the adverse reaction record (issue 15; not checked until that record exists)' })
  @IsOptional()
  @IsUUID()
  adverseReactionId?: string;

  @Text('hospitalised for pneumonia, resolved', 2000, false) description?: string;
}

export class FollowUpDto {
  @ApiProperty({ example: 180, description: "days from the infusion, one of the schedule's days (0 = baseline)" })
  @IsInt()
  @Min(0)
  @Max(3650)
  visitDay: number;

  @ApiProperty({ example: '2026-09-17T09:30:00Z' })
  @IsISO8601({ strict: true })
  assessedAt: string;

  @Text('seen in clinic', 2000, false) notes?: string;

  @ApiProperty({ type: [MeasurementDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  measurements: MeasurementDto[];
}

export class MeasurementCorrectionDto {
  @ApiProperty({ example: 44, description: 'the corrected value' })
  @IsDefined()
  value: number | string | boolean;

  @Text('mri', 40, false) method?: string;

  @ApiProperty({ example: 'echo report re-read: 44 %, not 41 %' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export const FOLLOW_UP_STATUSES = ['due', 'overdue', 'upcoming'] as const;

export class FollowUpQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'the day the list is for (default today, UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ example: 'due,overdue', description: 'due, overdue and/or upcoming, comma-separated; default due,overdue' })
  @IsOptional()
  @IsString()
  @Matches(/^(due|overdue|upcoming)(,(due|overdue|upcoming)){0,2}$/, { message: 'must be due, overdue or upcoming, comma-separated' })
  status?: string;

  @PageSizeField(1000, 200, { example: 100 })
  limit = 200;
}

// ---- what it teaches ----------------------------------------------------------------------------

export class SummaryQuery {
  @ApiPropertyOptional({ enum: INTENDED_USES }) @IsOptional() @IsIn(INTENDED_USES) use?: IntendedUse;
  @Code('intramyocardial', 'a route code', false) route?: string;
  @Code('mnc', 'a cell type code', false) cellType?: string;
  @Code('mnc_1e7_1e8', 'a dose band code', false) doseBand?: string;
}

export class ChartQuery extends SummaryQuery {
  @Code('lvef_pct', 'a numeric measure') measure: string;

  @QueryIntField(0, 3650, { example: 180, description: 'the visit day; default the latest day with data for the measure' })
  visitDay?: number;
}

// ---- reference tables (admin) ----------------------------------------------------------------------

export class CreateProtocolDto {
  @Text('NCT01883076', 100) identifier: string;
  @Text('Autologous umbilical cord blood cells for hypoplastic left heart syndrome', 500) title: string;
  @Text('Example Children\'s Research Institute', 200) sponsor: string;
  @Text('IND 15123', 50, false) indNumber?: string;
  @Text('2024-512345-12-00', 50, false) euCtNumber?: string;

  @ApiProperty({ example: ['A: intramyocardial UCB-MNC at Glenn', 'B: standard care'] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  arms: string[];

  @ApiProperty({ example: [0, 30, 180, 365], description: 'follow-up visits, days from infusion (0 = baseline)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(3650, { each: true })
  followUpDays: number[];

  @ApiPropertyOptional({ example: 14, minimum: 0, maximum: 180, default: 14, description: 'a visit is due from this many days before its day to this many after; overdue later' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(180)
  visitWindowDays?: number;
}

export class UpdateProtocolDto {
  @ApiProperty({ example: 'amendment 3: day 730 visit added' }) @IsString() @MinLength(3) @MaxLength(1000) reason: string;
  @Text('Autologous umbilical cord blood cells for HLHS (amended)', 500, false) title?: string;
  @Text('Example Children\'s Research Institute', 200, false) sponsor?: string;
  @ApiPropertyOptional({ example: ['A', 'B'] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true }) arms?: string[];
  @ApiPropertyOptional({ example: [0, 30, 180, 365, 730] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique() @IsInt({ each: true }) @Min(0, { each: true }) @Max(3650, { each: true }) followUpDays?: number[];
  @ApiPropertyOptional({ example: 14 }) @IsOptional() @IsInt() @Min(0) @Max(180) visitWindowDays?: number;
  @ApiPropertyOptional({ example: false, description: 'an inactive protocol takes no new administrations' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateRouteDto {
  @Code('intrathecal', 'the new route code') code: string;
  @Text('Intrathecal', 100) name: string;
  @Text('into the cerebrospinal fluid by lumbar puncture', 500, false) description?: string;
}

export class CreateCellTypeDto {
  @Code('aldh_bright', 'the new cell type code') code: string;
  @Text('ALDH-bright sorted cells', 100) name: string;
  @Text('ALDHbr', 40) countedCells: string;
  @ApiProperty({ enum: ['unit_tnc', 'measured'], example: 'measured', description: "unit_tnc: dosed from the unit's TNC (whole unit); measured: from the fraction's measured count" })
  @IsIn(['unit_tnc', 'measured'])
  doseSource: 'unit_tnc' | 'measured';
}

export class CreateDoseBandDto {
  @Code('aldh_lt_1e6', 'the new band code') code: string;
  @Code('aldh_bright', 'the cell type it bands') cellType: string;
  @Text('< 1 × 10^6 ALDHbr/kg', 100) label: string;
  @ApiProperty({ example: 0 }) @IsNumber(NUM) @Min(0) @Max(1e13) minPerKg: number;
  @ApiPropertyOptional({ example: 1e6, description: 'exclusive upper bound; none for the top band' }) @IsOptional() @IsNumber(NUM) @Min(0) @Max(1e13) maxPerKg?: number;
}

export class CreateMeasureDto {
  @Code('six_minute_walk_m', 'the new measure code') code: string;
  @Text('Six-minute walk distance', 200) name: string;
  @Text('m', 20, false) unit?: string;
  @ApiProperty({ enum: ['number', 'integer', 'boolean', 'category'], example: 'number' }) @IsIn(['number', 'integer', 'boolean', 'category']) valueType: 'number' | 'integer' | 'boolean' | 'category';
  @ApiPropertyOptional({ example: 10, description: 'plausible minimum (numbers)' }) @IsOptional() @IsNumber(NUM) minValue?: number;
  @ApiPropertyOptional({ example: 900, description: 'plausible maximum (numbers)' }) @IsOptional() @IsNumber(NUM) maxValue?: number;
  @ApiPropertyOptional({ example: ['none', 'mild', 'severe'], description: 'the categories (category measures)' })
  @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(30) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true }) categories?: string[];
  @ApiPropertyOptional({ example: [], description: 'allowed methods (empty: none asked)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true }) methods?: string[];
  @ApiProperty({ enum: INTENDED_USES, isArray: true, example: ['clinical_trial'] }) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(INTENDED_USES, { each: true }) applicableUses: IntendedUse[];
  @ApiPropertyOptional({ example: true, description: 'the summary reports the change from the baseline visit (day 0)' }) @IsOptional() @IsBoolean() changeFromBaseline?: boolean;
}

// ---- responses (OpenAPI) -----------------------------------------------------------------------

class ProtocolOnRecordView {
  @ApiProperty({ example: 'NCT01883076' }) identifier: string;
  @ApiProperty({ example: 'Autologous umbilical cord blood cells for hypoplastic left heart syndrome' }) title: string;
  @ApiProperty({ example: "Example Children's Research Institute" }) sponsor: string;
  @ApiProperty({ example: 'IND 15123', nullable: true }) indNumber: string | null;
  @ApiProperty({ example: null, nullable: true }) euCtNumber: string | null;
  @ApiProperty({ example: 'A: intramyocardial UCB-MNC at Glenn' }) arm: string;
}

class AdministrationView {
  @ApiProperty({ example: 'W123426000001' }) din: string;
  @ApiProperty({ type: ProtocolOnRecordView, nullable: true }) protocol: ProtocolOnRecordView | null;
  @ApiProperty({ example: 'mnc' }) cellType: string;
  @ApiProperty({ example: 'MNC', description: 'what the dose counts' }) countedCells: string;
  @ApiProperty({ example: 'intramyocardial' }) route: string;
  @ApiProperty({ example: 'bidirectional Glenn operation', nullable: true }) procedure: string | null;
  @ApiProperty({ example: '2026-03-21T10:00:00.000Z' }) administeredAt: string;
  @ApiProperty({ example: 6.8 }) patientWeightKg: number;
  @ApiProperty({ example: 5 }) patientAgeMonths: number;
  @ApiProperty({ example: 3.4e8, nullable: true }) measuredCellCount: number | null;
  @ApiProperty({ example: 5e7, description: 'computed: cells of the counted type per kg' }) dosePerKg: number;
  @ApiProperty({ example: null, nullable: true, description: 'computed; known for a whole unit with a CD34+ count and for a CD34+ selection' }) cd34PerKg: number | null;
  @ApiProperty({ example: 4.6e7, description: 'computed: dose × viability' }) viableDosePerKg: number;
  @ApiProperty({ example: 92 }) viabilityPct: number;
  @ApiProperty({ example: 80 }) recoveryPct: number;
  @ApiProperty({ example: null, nullable: true }) notes: string | null;
  @ApiProperty({ example: null, nullable: true }) correctionReason: string | null;
  @ApiProperty({ description: 'user id' }) recordedBy: string;
}

class ScheduledVisitView {
  @ApiProperty({ example: 180 }) visitDay: number;
  @ApiProperty({ example: '2026-09-17' }) dueDate: string;
  @ApiProperty({ example: '2026-09-03' }) windowFrom: string;
  @ApiProperty({ example: '2026-10-01' }) windowUntil: string;
  @ApiProperty({ enum: ['done', 'upcoming', 'due', 'overdue'], example: 'due' }) state: string;
}

class MeasurementView {
  @ApiProperty({ example: 'lvef_pct' }) measure: string;
  @ApiProperty({ example: 44, oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] }) value: number | string | boolean;
  @ApiProperty({ example: '%', nullable: true }) unit: string | null;
  @ApiProperty({ example: 'echo', nullable: true }) method: string | null;
  @ApiProperty({ example: null, nullable: true }) adverseReactionId: string | null;
  @ApiProperty({ example: null, nullable: true }) description: string | null;
  @ApiProperty({ example: null, nullable: true }) correctionReason: string | null;
}

class VisitView {
  @ApiProperty({ example: 180 }) visitDay: number;
  @ApiProperty({ example: '2026-09-17T09:30:00.000Z' }) assessedAt: string;
  @ApiProperty({ example: null, nullable: true }) notes: string | null;
  @ApiProperty({ description: 'user id' }) recordedBy: string;
  @ApiProperty({ type: [MeasurementView] }) measurements: MeasurementView[];
}

export class ClinicalRecordView {
  @ApiProperty({ example: '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' }) requestId: string;
  @ApiProperty({ example: 'RR000042' }) requestNumber: string;
  @ApiProperty({ enum: INTENDED_USES, example: 'clinical_trial' }) intendedUse: string;
  @ApiProperty({ type: AdministrationView, nullable: true }) administration: AdministrationView | null;
  @ApiProperty({ type: [ScheduledVisitView] }) schedule: ScheduledVisitView[];
  @ApiProperty({ type: [VisitView] }) followUps: VisitView[];
}

class DueVisitView {
  @ApiProperty({ example: '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' }) requestId: string;
  @ApiProperty({ example: 'RR000042' }) requestNumber: string;
  @ApiProperty({ example: "Children's Heart Centre" }) requestingFacility: string;
  @ApiProperty({ example: 'Dr. R. Mehta' }) physician: string;
  @ApiProperty({ enum: INTENDED_USES, example: 'clinical_trial' }) intendedUse: string;
  @ApiProperty({ example: 'NCT01883076', nullable: true }) protocol: string | null;
  @ApiProperty({ example: 30 }) visitDay: number;
  @ApiProperty({ example: '2026-04-20' }) dueDate: string;
  @ApiProperty({ example: '2026-04-06' }) windowFrom: string;
  @ApiProperty({ example: '2026-05-04' }) windowUntil: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES, example: 'overdue' }) state: string;
  @ApiProperty({ example: 3, description: 'days past the end of the window (0 unless overdue)' }) daysOverdue: number;
}

export class DueFollowUpsView {
  @ApiProperty({ example: '2026-05-07' }) asOf: string;
  @ApiProperty({ type: [DueVisitView] }) items: DueVisitView[];
}

class Ci95View {
  @ApiProperty({ example: 3.21 }) lower: number;
  @ApiProperty({ example: 6.79 }) upper: number;
}

class MeasureSummaryView {
  @ApiProperty({ example: 'lvef_pct' }) measure: string;
  @ApiProperty({ example: 'Left ventricular ejection fraction' }) name: string;
  @ApiProperty({ example: '%', nullable: true }) unit: string | null;
  @ApiProperty({ enum: ['change_from_baseline', 'value'], example: 'change_from_baseline' }) statistic: string;
  @ApiProperty({ example: 180 }) visitDay: number;
  @ApiProperty({ example: 8, description: 'administrations with a value (and a baseline, for a change)' }) n: number;
  @ApiProperty({ example: 5, nullable: true }) mean: number | null;
  @ApiProperty({ example: 4.5, nullable: true }) median: number | null;
  @ApiProperty({ example: 2.14, nullable: true, description: 'sample standard deviation (n − 1)' }) sd: number | null;
  @ApiProperty({ type: Ci95View, nullable: true, description: 'Student t interval; null below n = 2' }) ci95: Ci95View | null;
}

class CategorySummaryView {
  @ApiProperty({ example: 'ross_class' }) measure: string;
  @ApiProperty({ example: 'Ross heart failure class (children)' }) name: string;
  @ApiProperty({ example: 180 }) visitDay: number;
  @ApiProperty({ example: { I: 3, II: 4, III: 1 }, type: Object }) counts: Record<string, number>;
}

class SummaryCountsView {
  @ApiProperty({ example: 12 }) administrations: number;
  @ApiProperty({ example: 12 }) patients: number;
  @ApiProperty({ example: { '0': 12, '30': 11, '180': 8 }, type: Object }) followUpsByVisitDay: Record<string, number>;
}

export class OutcomeSummaryView {
  @ApiProperty({ example: { use: 'clinical_trial', route: 'intramyocardial', cellType: null, doseBand: null }, type: Object }) filters: Record<string, string | null>;
  @ApiProperty({ type: SummaryCountsView }) counts: SummaryCountsView;
  @ApiProperty({ example: 'Student t interval for the mean: mean ± t(0.975, n−1) · s/√n (s: sample standard deviation); none for n < 2' }) ciMethod: string;
  @ApiProperty({ type: [MeasureSummaryView] }) measures: MeasureSummaryView[];
  @ApiProperty({ type: [CategorySummaryView] }) categories: CategorySummaryView[];
}

export class ClinicalReferenceView {
  @ApiProperty({ type: [Object], example: [{ id: '7c0e…', identifier: 'NCT01883076', title: '…', sponsor: '…', indNumber: 'IND 15123', euCtNumber: null, arms: ['A', 'B'], followUpDays: [0, 30, 180, 365], visitWindowDays: 14, active: true }] }) protocols: unknown[];
  @ApiProperty({ type: [Object], example: [{ intendedUse: 'allogeneic_transplant', followUpDays: [0, 30, 100, 180, 365], visitWindowDays: 14 }] }) useSchedules: unknown[];
  @ApiProperty({ type: [Object], example: [{ code: 'mnc', name: 'Mononuclear cell fraction', countedCells: 'MNC', doseSource: 'measured', active: true }] }) cellTypes: unknown[];
  @ApiProperty({ type: [Object], example: [{ code: 'intramyocardial', name: 'Intramyocardial', description: 'injected into the myocardium, e.g. during a Glenn or Fontan operation', active: true }] }) routes: unknown[];
  @ApiProperty({ type: [Object], example: [{ code: 'mnc_1e7_1e8', cellType: 'mnc', label: '1–10 × 10^7 MNC/kg', minPerKg: 1e7, maxPerKg: 1e8 }] }) doseBands: unknown[];
  @ApiProperty({ type: [Object], example: [{ code: 'lvef_pct', name: 'Left ventricular ejection fraction', unit: '%', valueType: 'number', minValue: 5, maxValue: 90, categories: null, methods: ['echo', 'mri'], applicableUses: ['autologous', 'directed_family', 'clinical_trial'], changeFromBaseline: true, linksAdverseReaction: false, active: true }] }) measures: unknown[];
}
