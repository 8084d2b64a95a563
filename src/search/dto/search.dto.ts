import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { HLA_ALLELE_MESSAGE } from '../../common/hla-allele';
import { PATIENT_ALLELE } from '../hla';

export const INTENDED_USES = ['allogeneic_transplant', 'autologous', 'directed_family', 'clinical_trial'] as const;
export type IntendedUse = (typeof INTENDED_USES)[number];

/** Patient weight bounds: from an extremely premature newborn to the heaviest adult a centre would transplant. */
export const WEIGHT_MIN_KG = 0.3;
export const WEIGHT_MAX_KG = 300;

const alleleMessage = HLA_ALLELE_MESSAGE;

function PatientAlleles(required: boolean, example: string[]): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    (required ? ApiProperty : ApiPropertyOptional)({ type: [String], example, description: 'two alleles, the same one twice when homozygous' })(target, key);
    if (!required) IsOptional()(target, key);
    IsArray({ message: 'must be a list of two alleles' })(target, key);
    ArrayMinSize(2, { message: 'must list exactly two alleles (the same twice when homozygous)' })(target, key);
    ArrayMaxSize(2, { message: 'must list exactly two alleles (the same twice when homozygous)' })(target, key);
    IsString({ each: true, message: alleleMessage })(target, key);
    Matches(PATIENT_ALLELE, { each: true, message: alleleMessage })(target, key);
  };
}

/** A patient's HLA typing: A, B, DRB1 required (they are graded), C and DQB1 optional (reported). */
export class PatientHlaDto {
  @PatientAlleles(true, ['02:01', '24:02']) A: string[];
  @PatientAlleles(true, ['07:02', '44:02']) B: string[];
  @PatientAlleles(false, ['07:02', '05:01']) C?: string[];
  @PatientAlleles(true, ['15:01', '04:01']) DRB1: string[];
  @PatientAlleles(false, ['06:02', '03:01']) DQB1?: string[];
}

export function WeightKg(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiProperty({ example: 18.5, minimum: WEIGHT_MIN_KG, maximum: WEIGHT_MAX_KG, description: 'patient weight in kg' })(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number of kilograms' })(target, key);
    Min(WEIGHT_MIN_KG, { message: `must be at least ${WEIGHT_MIN_KG} kg` })(target, key);
    Max(WEIGHT_MAX_KG, { message: `must be at most ${WEIGHT_MAX_KG} kg` })(target, key);
  };
}

export class SearchUnitsDto {
  @ApiProperty({ type: PatientHlaDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PatientHlaDto)
  hla: PatientHlaDto;

  @WeightKg()
  weightKg: number;

  @ApiPropertyOptional({ example: 4, minimum: 0, maximum: 6, default: 4, description: 'lowest match grade offered (out of 6); below 4 the search reads every available unit and is slower' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(6)
  minMatch?: number;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ enum: INTENDED_USES, description: 'autologous and directed_family search the family units of donorId; other uses (or none) the public inventory' })
  @IsOptional()
  @IsIn(INTENDED_USES)
  intendedUse?: IntendedUse;

  @ApiPropertyOptional({ format: 'uuid', description: 'the family (donor) whose family-banked units an autologous or directed_family search reads', example: '6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same search body)', example: 'eyJvZmZzZXQiOjIwfQ' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class LocusMismatchView {
  @ApiProperty({ enum: ['A', 'B', 'DRB1', 'C', 'DQB1'] }) locus: string;
  @ApiProperty({ enum: ['antigen', 'allele'] }) level: string;
  @ApiProperty({ example: 1, description: 'mismatches the grade counts at this locus: the larger of the two directions' }) count: number;
  @ApiProperty({ example: 0, description: 'patient alleles the unit lacks' }) graftVersusHost: number;
  @ApiProperty({ example: 1, description: 'unit alleles the patient lacks' }) hostVersusGraft: number;
  @ApiProperty({ enum: ['graft_versus_host', 'host_versus_graft', 'bidirectional'] }) direction: string;
  @ApiProperty({ example: ['02', '02'] }) patient: string[];
  @ApiProperty({ example: ['02', '03'] }) unit: string[];
}

export class SearchHitView {
  @ApiProperty({ example: 'W123426000001' }) din: string;
  @ApiProperty({ example: 'K' }) dinCheck: string;
  @ApiProperty({ enum: ['public', 'family'] }) bankingType: string;
  @ApiProperty({ example: '5/6', nullable: true, description: 'null for an untyped family unit' }) matchGrade: string | null;
  @ApiProperty({ example: 5, nullable: true }) matches: number | null;
  @ApiProperty({ type: [LocusMismatchView], description: 'graded loci (A, B, DRB1) that mismatch' }) mismatches: LocusMismatchView[];
  @ApiProperty({ type: [LocusMismatchView], description: 'C and DQB1 mismatches when both sides are typed (not graded)' }) otherMismatches: LocusMismatchView[];
  @ApiProperty({ example: 1.5e9 }) tncCount: number;
  @ApiProperty({ example: 5e6, nullable: true }) cd34Count: number | null;
  @ApiProperty({ example: 8.1e7 }) tncPerKg: number;
  @ApiProperty({ example: 2.7e5, nullable: true }) cd34PerKg: number | null;
  @ApiProperty({ example: false, description: 'true below 2.5 × 10^7 TNC/kg' }) doseWarning: boolean;
  @ApiProperty({ example: 'O', nullable: true }) abo: string | null;
  @ApiProperty({ example: 'positive', nullable: true }) rh: string | null;
  @ApiProperty({ example: 'high', nullable: true }) hlaResolution: string | null;
}

export class SearchResultView {
  @ApiProperty({ type: [SearchHitView] }) items: SearchHitView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
