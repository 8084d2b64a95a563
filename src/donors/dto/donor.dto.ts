import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { ALL_MARKERS, IDM_METHODS } from '../eligibility';

export const BANKING_TYPES = ['public', 'family'] as const;
export const CONSENT_TYPES = ['public_donation', 'family_storage', 'research'] as const;
export const IDM_RESULTS = ['negative', 'positive', 'indeterminate'] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateDonorDto {
  @ApiProperty({ example: 'Maria' }) @IsString() @MinLength(1) @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'Lopez' }) @IsString() @MinLength(1) @MaxLength(100) lastName: string;
  @ApiProperty({ example: '1992-04-17', description: 'YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dateOfBirth: string;
  @ApiPropertyOptional({ example: 'maria@example.org' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '+1 555 0100' }) @IsOptional() @IsString() @Matches(/^[0-9 +()./-]{3,40}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiProperty({ enum: BANKING_TYPES }) @IsIn(BANKING_TYPES) bankingType: 'public' | 'family';
  @ApiPropertyOptional({ example: 'Hispanic or Latino', description: 'as registries record it' }) @IsOptional() @IsString() @MaxLength(100) ethnicity?: string;
}

/** A correction of recorded donor data: the reason is required and the old values stay in the audit trail. */
export class UpdateDonorDto {
  @ApiProperty({ example: 'typo in last name on the intake form' }) @IsString() @MinLength(3) @MaxLength(500) reason: string;
  @ApiPropertyOptional({ example: 'María' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) firstName?: string;
  @ApiPropertyOptional({ example: 'López' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) lastName?: string;
  @ApiPropertyOptional({ example: '1992-04-17' }) @IsOptional() @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true }) dateOfBirth?: string;
  @ApiPropertyOptional({ example: 'maria.lopez@example.org' }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '+1 555 0101' }) @IsOptional() @IsString() @Matches(/^[0-9 +()./-]{3,40}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional({ enum: BANKING_TYPES }) @IsOptional() @IsIn(BANKING_TYPES) bankingType?: 'public' | 'family';
  @ApiPropertyOptional({ example: 'Hispanic or Latino' }) @IsOptional() @IsString() @MaxLength(100) ethnicity?: string;
}

export class DonorQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'donor number, or the start of a first or last name (names only for roles that see personal data)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class CreateConsentDto {
  @ApiProperty({ enum: CONSENT_TYPES }) @IsIn(CONSENT_TYPES) type: (typeof CONSENT_TYPES)[number];
  @ApiProperty({ example: 'PD-CONSENT v4.2' }) @IsString() @MinLength(1) @MaxLength(50) formVersion: string;
  @ApiProperty({ example: '2026-03-01T09:30:00Z' }) @IsISO8601({ strict: true }) signedAt: string;
}

export class WithdrawConsentDto {
  @ApiProperty({ example: 'mother withdrew consent by phone, confirmed in writing' }) @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

export class CreateScreeningDto {
  @ApiProperty({ example: 'MBHQ 2025-1' }) @IsString() @MinLength(1) @MaxLength(50) version: string;
  @ApiProperty({ example: '2026-03-01T10:00:00Z' }) @IsISO8601({ strict: true }) completedAt: string;
  @ApiProperty({ type: [String], example: [], description: 'empty = acceptable' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  deferralReasons: string[];
}

/**
 * What every new IDM test record names (21 CFR 1271.80(c), (d)(1)(ii)): the FDA-licensed, approved
 * or cleared test kit, the method, the CLIA-certified laboratory and its CLIA number, and whether the
 * donor was transfused or infused in the 48 hours before the sample (then, whether the
 * plasma-dilution algorithm accepted the specimen). Shared by the staff route and `idm.resulted`.
 */
export class IdmRecordDocumentation {
  @ApiProperty({ example: 'Procleix Ultrio Elite Assay (FDA-licensed donor screening test)', description: 'the FDA-licensed, approved or cleared donor screening test kit (21 CFR 1271.80(c))' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  testKit: string;

  @ApiProperty({ enum: IDM_METHODS, example: 'NAT', description: 'nucleic acid test or serology' })
  @IsIn(IDM_METHODS)
  method: (typeof IDM_METHODS)[number];

  @ApiProperty({ example: 'Regional IDM laboratory', description: 'the testing laboratory (CLIA-certified, 21 CFR 1271.80(c))' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  lab: string;

  @ApiProperty({ example: '05D1234567', description: "the laboratory's CLIA certificate number (10 characters: 2 digits, D, 7 digits)" })
  @Matches(/^[0-9]{2}D[0-9]{7}$/, { message: 'labCliaNumber must be a CLIA number like 05D1234567' })
  labCliaNumber: string;

  @ApiProperty({ example: false, description: 'the donor received a transfusion of blood or colloids in the 48 hours, or crystalloids in the hour, before the sample (21 CFR 1271.80(d)(2))' })
  @IsBoolean()
  transfusedBeforeSample: boolean;

  @ApiPropertyOptional({ example: true, description: "required when transfusedBeforeSample: true — the plasma-dilution algorithm showed no dilution sufficient to affect the results (21 CFR 1271.80(d)(1)(ii)(B))" })
  @IsOptional()
  @IsBoolean()
  dilutionAcceptable?: boolean;
}

export class CreateIdmTestDto extends IdmRecordDocumentation {
  @ApiProperty({ enum: ALL_MARKERS, example: 'HIV-1', description: 'a required marker, or syphilis-treponemal (the confirmatory test of a reactive nontreponemal syphilis screen)' }) @IsIn(ALL_MARKERS) marker: (typeof ALL_MARKERS)[number];
  @ApiProperty({ enum: IDM_RESULTS, example: 'negative' }) @IsIn(IDM_RESULTS) result: (typeof IDM_RESULTS)[number];
  @ApiProperty({ example: '2026-03-09T07:00:00Z' }) @IsISO8601({ strict: true }) sampleDrawnAt: string;
  @ApiPropertyOptional({ example: '2026-03-10T12:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) testedAt?: string;
}

/** 21 CFR 1271.75(d): a deferral is changed only by a correction of that questionnaire, with a reason. */
export class CorrectScreeningDto {
  @ApiProperty({ example: 'deferral entered against the wrong donor; the questionnaire of 2026-03-01 records no tattoo', description: 'why the recorded deferral reasons are wrong' })
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ type: [String], example: [], description: 'the corrected deferral reasons (empty: no deferral)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  deferralReasons: string[];
}

export class EligibilityView {
  @ApiProperty({ enum: ['eligible', 'ineligible', 'incomplete'] }) status: string;
  @ApiProperty({ type: [String], description: 'what makes the donor ineligible or leaves eligibility incomplete' }) reasons: string[];
  @ApiProperty({ type: [String], description: 'facts that do not block but must be reflected (a reactive CMV, a syphilis screen confirmed negative)' }) notes: string[];
  @ApiProperty({ type: [String], example: [], description: 'markers with a reactive result that counts (for the label warning)' }) reactiveMarkers: string[];
  @ApiProperty({ example: false, description: "CMV reactive: released only under the bank's documented procedure (21 CFR 1271.85(b))" }) cmvReactive: boolean;
  @ApiPropertyOptional({ description: 'collection time the 7-day sample window was checked against' }) collectedAt?: string;
}

export class DonorView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'D0000042' }) donorNumber: string;
  @ApiProperty({ enum: BANKING_TYPES }) bankingType: string;
  @ApiPropertyOptional({ description: 'personal data: admin, coordinator, medical_director only' }) firstName?: string;
  @ApiPropertyOptional() lastName?: string;
  @ApiPropertyOptional() dateOfBirth?: string;
  @ApiPropertyOptional() email?: string | null;
  @ApiPropertyOptional() phone?: string | null;
  @ApiPropertyOptional() ethnicity?: string | null;
  @ApiProperty() createdAt: string;
}

