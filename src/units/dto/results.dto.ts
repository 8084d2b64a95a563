import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { HLA_ALLELE, HLA_ALLELE_MESSAGE as alleleMessage } from '../../common/hla-allele';
import { SuppliesUsedFields } from '../../supplies/dto/supplies.dto';

/** A common haplotype pair per locus, so the manual's example typing is one a lab could report. */
const LOCUS_EXAMPLES: Record<string, string[]> = { A: ['02:01', '24:02'], B: ['07:02', '44:02'], C: ['07:02', '05:01'], DRB1: ['15:01', '04:01'], DQB1: ['06:02', '03:02'] };

function Alleles(required: boolean): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    (required ? ApiProperty : ApiPropertyOptional)({ type: [String], example: LOCUS_EXAMPLES[String(key)] ?? ['02:01', '24:02'], description: 'two alleles (the same twice when homozygous)' })(target, key);
    if (!required) IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMinSize(2)(target, key);
    ArrayMaxSize(2)(target, key);
    IsString({ each: true })(target, key);
    Matches(HLA_ALLELE, { each: true, message: alleleMessage })(target, key);
  };
}

/** HLA typing of a unit: A, B, DRB1 required; C, DQB1 optional. */
export class HlaLociDto {
  @Alleles(true) A: string[];
  @Alleles(true) B: string[];
  @Alleles(false) C?: string[];
  @Alleles(true) DRB1: string[];
  @Alleles(false) DQB1?: string[];
}

export class ReceiptDto {
  @ApiProperty({ example: '2026-03-10T14:00:00Z' }) @IsISO8601({ strict: true }) receivedAt: string;
  @ApiProperty({ example: true }) @IsBoolean() temperatureOk: boolean;
  @ApiPropertyOptional({ example: 'bag intact' }) @IsOptional() @IsString() @MaxLength(1000) notes?: string;
  @ApiPropertyOptional({ example: true, description: 'damage check (21 CFR 1271.265(a)): false (bag or seal damaged, leaking) leaves acceptance pending for QA' })
  @IsOptional() @IsBoolean() containerIntact?: boolean;
  @ApiPropertyOptional({ example: false, description: 'contamination check (21 CFR 1271.265(a)): true (visible contamination, open port) leaves acceptance pending for QA' })
  @IsOptional() @IsBoolean() contaminationSuspected?: boolean;
}

/** Processing results; `supplyLots`, `equipment`, `exceptionIds` (optional) name what it used (DESIGN.md section 9). */
export class ProcessingDto extends SuppliesUsedFields {
  @ApiProperty({ example: '2026-03-10T18:00:00Z' }) @IsISO8601({ strict: true }) processedAt: string;
  @ApiProperty({ example: 25, description: 'final product volume, mL' }) @IsNumber() @Min(0.1) @Max(1000) volumeMl: number;
  @ApiProperty({ example: 1.4e9, description: 'total nucleated cells' }) @IsNumber() @Min(0) @Max(1e12) tncCount: number;
  @ApiProperty({ example: 4.2e6, description: 'CD34+ cells' }) @IsNumber() @Min(0) @Max(1e11) cd34Count: number;
  @ApiProperty({ example: 92.5 }) @IsNumber() @Min(0) @Max(100) viabilityPct: number;
  @ApiPropertyOptional({ example: 3.1e5 }) @IsOptional() @IsNumber() @Min(0) @Max(1e11) cfuCount?: number;
  @ApiPropertyOptional({ example: 1.2e8 }) @IsOptional() @IsNumber() @Min(0) @Max(1e12) nrbcCount?: number;
  @ApiPropertyOptional({ example: 'Sepax automated volume reduction' }) @IsOptional() @IsString() @MaxLength(200) method?: string;
  @ApiPropertyOptional({
    example: 'S1128',
    description: "ISBT 128 Product Description Code from the bank's current product code table (GET /reference/product-codes); the unit keeps it and the table version. Optional: without it the unit's code is unchanged (set it later by PATCH /units/:din), and processing and final labels wait for it",
  })
  @IsOptional() @IsString() @Matches(/^[A-Z][A-Z0-9]{4}$/, { message: 'productCode must be an ISBT 128 Product Description Code: a capital letter and 4 capital letters or digits, e.g. S1128' })
  productCode?: string;
}

export class HlaTypingDto {
  @ApiProperty({ type: HlaLociDto }) @IsObject() @ValidateNested() @Type(() => HlaLociDto) loci: HlaLociDto;
  @ApiProperty({ example: 'high', description: 'typing resolution (e.g. low, intermediate, high)' }) @IsString() @MinLength(1) @MaxLength(50) resolution: string;
  @ApiPropertyOptional({ example: 'NGS' }) @IsOptional() @IsString() @MaxLength(100) method?: string;
  @ApiPropertyOptional({ description: 'when the typing was reported; default now', example: '2026-03-11T16:20:00Z' }) @IsOptional() @IsISO8601({ strict: true }) typedAt?: string;
}

export class AboTypingDto {
  @ApiProperty({ enum: ['O', 'A', 'B', 'AB'] }) @IsIn(['O', 'A', 'B', 'AB']) abo: string;
  @ApiProperty({ enum: ['positive', 'negative'] }) @IsIn(['positive', 'negative']) rh: string;
  @ApiPropertyOptional({ description: 'when the typing was reported; default now', example: '2026-03-11T11:05:00Z' }) @IsOptional() @IsISO8601({ strict: true }) typedAt?: string;
}

export class SterilityDto {
  @ApiProperty({ enum: ['negative', 'positive'] }) @IsIn(['negative', 'positive']) aerobic: string;
  @ApiProperty({ enum: ['negative', 'positive'] }) @IsIn(['negative', 'positive']) anaerobic: string;
  @ApiPropertyOptional({ example: 'Staphylococcus epidermidis' }) @IsOptional() @IsString() @MaxLength(200) organism?: string;
  @ApiPropertyOptional({ description: 'when the culture was resulted; default now', example: '2026-03-17T09:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) resultedAt?: string;
}
