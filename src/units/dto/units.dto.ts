import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { SignatureDto, SignatureField } from '../../auth/dto/auth.dto';
import { PageQuery } from '../../common/pagination';
import { UNIT_STATUSES, type UnitStatus } from '../unit-state';
import { HlaLociDto } from './results.dto';

export class UnitQuery extends PageQuery {
  @ApiPropertyOptional({ enum: UNIT_STATUSES }) @IsOptional() @IsIn(UNIT_STATUSES) status?: UnitStatus;
  @ApiPropertyOptional({ enum: ['public', 'family'] }) @IsOptional() @IsIn(['public', 'family']) bankingType?: 'public' | 'family';
  @ApiPropertyOptional({ description: 'units stored in this freezer' }) @IsOptional() @IsUUID() freezerId?: string;
}

/** QA transitions (DESIGN.md section 2): quarantine, available (e-signed), on_hold, release of a hold (to = the state it came from), discarded (e-signed), rejected. */
export class StatusChangeDto {
  @ApiProperty({ enum: ['quarantine', 'available', 'on_hold', 'discarded', 'rejected', 'collected', 'received', 'processed', 'reserved'], example: 'available', description: 'target status; to release a hold, the state the unit was in before it' })
  @IsIn(UNIT_STATUSES)
  to: UnitStatus;

  @ApiProperty({ example: 'all release criteria reviewed' }) @IsString() @MinLength(3) @MaxLength(1000) reason: string;

  @SignatureField(false)
  signature?: SignatureDto;
}

/** QA's acceptance decision on a unit whose receipt raised a flag (21 CFR 1271.265(a); DESIGN.md section 12). */
export class AcceptanceDecisionDto {
  @ApiProperty({ enum: ['accept', 'reject'], example: 'accept', description: 'accept: the unit may be processed; reject: the unit becomes rejected' })
  @IsIn(['accept', 'reject'])
  decision: 'accept' | 'reject';

  @ApiProperty({ example: 'Arrived 50 h after collection; validated transport limit for this courier is 72 h (SOP-REC-004)', description: 'the evaluation against the bank\'s acceptance criteria' })
  @IsString() @MinLength(3) @MaxLength(1000)
  reason: string;
}

/** A correction of recorded unit data (never status): reason required, old values kept in the audit trail. */
export class UnitCorrectionDto {
  @ApiProperty({ example: 'TNC transcribed wrongly from the counter printout' }) @IsString() @MinLength(3) @MaxLength(1000) reason: string;

  @ApiPropertyOptional({ example: '2026-03-10T09:30:00Z' }) @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() temperatureOk?: boolean;
  @ApiPropertyOptional({ example: 'bag intact, label legible' }) @IsOptional() @IsString() @MaxLength(1000) receiptNotes?: string;
  @ApiPropertyOptional({ example: '2026-03-10T14:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) processedAt?: string;
  @ApiPropertyOptional({ example: 25 }) @IsOptional() @IsNumber() @Min(0.1) @Max(1000) volumeMl?: number;
  @ApiPropertyOptional({ example: 1.45e9 }) @IsOptional() @IsNumber() @Min(0) @Max(1e12) tncCount?: number;
  @ApiPropertyOptional({ example: 4.2e6 }) @IsOptional() @IsNumber() @Min(0) @Max(1e11) cd34Count?: number;
  @ApiPropertyOptional({ example: 92.5 }) @IsOptional() @IsNumber() @Min(0) @Max(100) viabilityPct?: number;
  @ApiPropertyOptional({ example: 3.1e5 }) @IsOptional() @IsNumber() @Min(0) @Max(1e11) cfuCount?: number;
  @ApiPropertyOptional({ example: 2.0e7 }) @IsOptional() @IsNumber() @Min(0) @Max(1e12) nrbcCount?: number;
  @ApiPropertyOptional({ example: 'AXP automated volume reduction' }) @IsOptional() @IsString() @MaxLength(200) processingMethod?: string;
  @ApiPropertyOptional({ enum: ['O', 'A', 'B', 'AB'] }) @IsOptional() @IsIn(['O', 'A', 'B', 'AB']) abo?: string;
  @ApiPropertyOptional({ enum: ['positive', 'negative'] }) @IsOptional() @IsIn(['positive', 'negative']) rh?: string;
  @ApiPropertyOptional({ type: HlaLociDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => HlaLociDto) hla?: HlaLociDto;
  @ApiPropertyOptional({ example: 'high' }) @IsOptional() @IsString() @MaxLength(50) hlaResolution?: string;
  @ApiPropertyOptional({ enum: ['negative', 'positive'] }) @IsOptional() @IsIn(['negative', 'positive']) sterilityAerobic?: string;
  @ApiPropertyOptional({ enum: ['negative', 'positive'] }) @IsOptional() @IsIn(['negative', 'positive']) sterilityAnaerobic?: string;
  @ApiPropertyOptional({ example: 'Staphylococcus epidermidis' }) @IsOptional() @IsString() @MaxLength(200) sterilityOrganism?: string;
  @ApiPropertyOptional({ example: 'St Mary Maternity' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) hospital?: string;
  @ApiPropertyOptional({ example: 'J. Rivera, RN' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) collectedBy?: string;
  @ApiPropertyOptional({ example: '2026-03-10T07:42:00Z' }) @IsOptional() @IsISO8601({ strict: true }) birthAt?: string;
  @ApiPropertyOptional({ example: '2026-03-10T07:55:00Z' }) @IsOptional() @IsISO8601({ strict: true }) collectedAt?: string;
  @ApiPropertyOptional({ enum: ['vaginal', 'cesarean'] }) @IsOptional() @IsIn(['vaginal', 'cesarean']) deliveryType?: string;
  @ApiPropertyOptional({ example: 39 }) @IsOptional() @IsNumber() @Min(20) @Max(45) gestationalAgeWeeks?: number;
  @ApiPropertyOptional({ enum: ['in_utero', 'ex_utero'] }) @IsOptional() @IsIn(['in_utero', 'ex_utero']) method?: string;
  @ApiPropertyOptional({ example: 'CB-KIT-2026-0113' }) @IsOptional() @IsString() @MaxLength(100) bagLot?: string;
  @ApiPropertyOptional({ example: 25 }) @IsOptional() @IsNumber() @Min(0) @Max(1000) anticoagulantVolumeMl?: number;
  @ApiPropertyOptional({ example: 110 }) @IsOptional() @IsNumber() @Min(0.1) @Max(1000) grossVolumeMl?: number;
  @ApiPropertyOptional({ example: 'S1129', description: "ISBT 128 Product Description Code from the bank's current product code table (the unit then keeps that table version)" })
  @IsOptional() @IsString() @Matches(/^[A-Z][A-Z0-9]{4}$/, { message: 'productCode must be an ISBT 128 Product Description Code: a capital letter and 4 capital letters or digits, e.g. S1128' })
  productCode?: string;
}

/** Unit fields → columns of cord_blood_units, and collection fields → columns of collections. */
export const UNIT_CORRECTION_COLUMNS: Record<string, string> = {
  receivedAt: 'received_at', temperatureOk: 'receipt_temperature_ok', receiptNotes: 'receipt_notes', processedAt: 'processed_at', volumeMl: 'volume_ml',
  tncCount: 'tnc_count', cd34Count: 'cd34_count', viabilityPct: 'viability_pct', cfuCount: 'cfu_count', nrbcCount: 'nrbc_count',
  processingMethod: 'processing_method', abo: 'abo', rh: 'rh', hla: 'hla', hlaResolution: 'hla_resolution', sterilityAerobic: 'sterility_aerobic',
  sterilityAnaerobic: 'sterility_anaerobic', sterilityOrganism: 'sterility_organism',
};
export const COLLECTION_CORRECTION_COLUMNS: Record<string, string> = {
  hospital: 'hospital', collectedBy: 'collected_by', birthAt: 'birth_at', collectedAt: 'collected_at', deliveryType: 'delivery_type',
  gestationalAgeWeeks: 'gestational_age_weeks', method: 'method', bagLot: 'bag_lot', anticoagulantVolumeMl: 'anticoagulant_volume_ml', grossVolumeMl: 'gross_volume_ml',
};

export class UnitSummary {
  @ApiProperty({ example: 'W123426000001' }) din: string;
  @ApiProperty({ example: 'K' }) dinCheck: string;
  @ApiProperty({ enum: UNIT_STATUSES }) status: string;
}
