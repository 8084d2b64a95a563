import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max,
  MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
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

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
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

  @ApiPropertyOptional({ example: 180, description: 'the visit day; default the latest day with data for the measure' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
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
