import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength,
  MinLength, ValidateNested,
} from 'class-validator';
import { SignatureDto } from '../../auth/dto/auth.dto';
import { PageQuery, queryBool } from '../../common/pagination';

export const DEVIATION_STATUSES = ['open', 'investigating', 'closed'] as const;
export const DEVIATION_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const DEVIATION_CATEGORIES = ['collection', 'receipt', 'processing', 'testing', 'storage', 'labeling', 'distribution', 'documentation', 'equipment', 'supplies', 'other'] as const;
export const DISPOSITIONS = ['use_as_is', 'discard', 'not_affected', 'distributed_consignee_notified'] as const;
export const CAPA_KINDS = ['correction', 'corrective', 'preventive'] as const;
export const REACTION_SEVERITIES = ['mild', 'moderate', 'severe', 'life_threatening', 'fatal'] as const;
export const SERIOUSNESS_CRITERIA = ['fatal', 'life_threatening', 'permanent_impairment', 'medical_intervention', 'hospitalization'] as const;
export const CAUSALITIES = ['not_assessed', 'unrelated', 'unlikely', 'possible', 'probable', 'definite'] as const;
export const DOCUMENT_OWNER_TYPES = ['donor', 'unit', 'deviation', 'release_request'] as const;

export type DeviationSeverity = (typeof DEVIATION_SEVERITIES)[number];
export type DeviationCategory = (typeof DEVIATION_CATEGORIES)[number];
export type DocumentOwnerType = (typeof DOCUMENT_OWNER_TYPES)[number];

const Text = (example: string, max = 2000, description?: string) => (target: object, key: string | symbol) => {
  ApiProperty({ example, ...(description ? { description } : {}) })(target, key);
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(max)(target, key);
};
const OptionalText = (example: string, max = 4000, description?: string) => (target: object, key: string | symbol) => {
  ApiPropertyOptional({ example, ...(description ? { description } : {}) })(target, key);
  IsOptional()(target, key);
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(max)(target, key);
};
const Nested = (cls: () => new () => object, description: string, example: unknown, optional = true) => (target: object, key: string | symbol) => {
  (optional ? ApiPropertyOptional : ApiProperty)({ type: cls(), description, example })(target, key);
  if (optional) IsOptional()(target, key);
  else IsDefined()(target, key);
  IsObject()(target, key);
  ValidateNested()(target, key);
  Type(cls)(target, key);
};
const NestedList = (cls: () => new () => object, description: string, example: unknown, max = 200) => (target: object, key: string | symbol) => {
  ApiPropertyOptional({ type: cls(), isArray: true, description, example })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(max)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(cls)(target, key);
};

// ---- deviations ------------------------------------------------------------------------------------

export class DeviationUnitDto {
  @ApiProperty({ example: 'W123426000001', description: 'the unit concerned: 13-character DIN or 14 with its check character' })
  @IsString()
  @MaxLength(20)
  din: string;

  @ApiPropertyOptional({ example: true, default: true, description: 'put the unit on hold (default). Only QA may say false, with notHeldReason' })
  @IsOptional()
  @IsBoolean()
  hold?: boolean;

  @OptionalText('the unit was stored in the other freezer; included for traceability only', 1000, 'required when hold is false: why QA does not hold it')
  notHeldReason?: string;
}

export class CreateDeviationDto {
  @Text('Freezer F2 alarm acknowledged late', 200) title: string;
  @Text('The high-temperature alarm of freezer F2 sounded at 02:10 and was acknowledged at 03:05; LN2 level was 20 % below the minimum.', 8000, 'what happened') description: string;
  @ApiProperty({ example: '2026-03-18T02:10:00Z', description: 'when it happened' }) @IsISO8601({ strict: true }) occurredAt: string;
  @ApiPropertyOptional({ example: '2026-03-18T07:30:00Z', description: 'when it was found (default: now)' }) @IsOptional() @IsISO8601({ strict: true }) discoveredAt?: string;
  @Text('cryostorage room B, freezer F2', 500, 'where it was found (place or process step)') whereFound: string;
  @ApiProperty({ enum: DEVIATION_CATEGORIES, example: 'storage' }) @IsIn(DEVIATION_CATEGORIES) category: DeviationCategory;
  @ApiProperty({ enum: DEVIATION_SEVERITIES, example: 'major' }) @IsIn(DEVIATION_SEVERITIES) severity: DeviationSeverity;

  @NestedList(() => DeviationUnitDto, 'the units concerned: each goes on hold in the same transaction unless QA says why not', [{ din: 'W123426000001' }])
  @ArrayUnique((u: DeviationUnitDto) => String(u?.din ?? '').toUpperCase().slice(0, 13), { message: 'units: each unit once' })
  units?: DeviationUnitDto[];
}

export class DeviationDispositionDto {
  @ApiProperty({ example: 'W123426000001', description: 'a unit of this deviation' }) @IsString() @MaxLength(20) din: string;
  @ApiProperty({ enum: DISPOSITIONS, example: 'use_as_is', description: "QA's decision for this unit; the unit's status itself changes through POST /units/{din}/status (e-signed)" })
  @IsIn(DISPOSITIONS)
  disposition: (typeof DISPOSITIONS)[number];
  @Text('temperature stayed below -150 °C: no impact on the product', 2000, 'why') reason: string;
}

export class CapaActionDto {
  @ApiProperty({ enum: CAPA_KINDS, example: 'corrective' }) @IsIn(CAPA_KINDS) kind: (typeof CAPA_KINDS)[number];
  @Text('Add a second alarm call-out to the on-call list', 4000) description: string;
  @Text('B. Osei, facilities manager', 200, 'who owns the action') owner: string;
  @ApiProperty({ example: '2026-04-15', description: 'due date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  dueDate: string;
}

export class CapaDoneDto {
  @Text('second call-out added on 2026-04-02 (SOP-ST-004 rev 7)', 4000) note: string;
}

export class CapaEffectivenessDto {
  @ApiProperty({ enum: ['effective', 'not_effective'], example: 'effective' }) @IsIn(['effective', 'not_effective']) result: 'effective' | 'not_effective';
  @Text('no late acknowledgement in the 60 days since', 4000) note: string;
}

export class CapaUpdateDto {
  @ApiProperty({ example: '6f1c0c52-8d7e-4f43-9b1a-0d2b9c3e4f51', description: 'the CAPA action' }) @IsUUID() id: string;
  @Nested(() => CapaDoneDto, 'mark the action done', { note: 'second call-out added' }) done?: CapaDoneDto;
  @Nested(() => CapaEffectivenessDto, 'the effectiveness check (after done)', { result: 'effective', note: 'no recurrence in 60 days' }) effectiveness?: CapaEffectivenessDto;
}

export class CloseDeviationDto {
  @Text('Root cause addressed by the call-out change; no product impact.', 4000, 'the closure summary') summary: string;

  @ApiProperty({ type: SignatureDto, description: "QA's e-signature with the meaning `closure` (21 CFR Part 11.200)", example: { email: 'quality_assurance@bank.test', password: 'correct horse battery staple', meaning: 'closure' } })
  @IsDefined({ message: 'an electronic signature {email, password, meaning} is required to close a deviation' })
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureDto)
  signature: SignatureDto;
}

export class DeviationFdaReportDto {
  @ApiPropertyOptional({ example: '2026-04-20T09:00:00Z', description: 'when the HCT/P deviation report (Form FDA 3486) was submitted' }) @IsOptional() @IsISO8601({ strict: true }) reportedAt?: string;
  @OptionalText('BPDR-2026-000123', 200, "FDA's reference for the report (with reportedAt)") reference?: string;
  @OptionalText('not related to core CGTP requirements: a documentation error with no possible effect on communicable disease transmission', 2000, 'instead of a report: why this deviation is not reportable') notRequiredReason?: string;
}

export class UpdateDeviationDto {
  @OptionalText('Freezer F2 alarm acknowledged 55 minutes late', 200) title?: string;
  @OptionalText('The alarm sounded at 02:10 …', 8000) description?: string;
  @OptionalText('cryostorage room B, freezer F2', 500) whereFound?: string;
  @ApiPropertyOptional({ enum: DEVIATION_CATEGORIES, example: 'storage' }) @IsOptional() @IsIn(DEVIATION_CATEGORIES) category?: DeviationCategory;
  @ApiPropertyOptional({ enum: DEVIATION_SEVERITIES, example: 'major' }) @IsOptional() @IsIn(DEVIATION_SEVERITIES) severity?: DeviationSeverity;
  @OptionalText('Alarm log and on-call roster reviewed; the pager of the on-call technician was off.', 8000, 'the investigation (moves an open deviation to investigating)') investigation?: string;
  @OptionalText('single call-out path for freezer alarms', 4000, 'the root cause') rootCause?: string;
  @OptionalText('severity raised after the investigation', 1000, 'why this change (recorded in the audit trail)') reason?: string;

  @NestedList(() => DeviationUnitDto, 'more units concerned (held in the same transaction unless QA says why not)', [{ din: 'W123426000002' }])
  @ArrayUnique((u: DeviationUnitDto) => String(u?.din ?? '').toUpperCase().slice(0, 13), { message: 'addUnits: each unit once' })
  addUnits?: DeviationUnitDto[];

  @NestedList(() => DeviationDispositionDto, 'the disposition of units of this deviation', [{ din: 'W123426000001', disposition: 'use_as_is', reason: 'no impact' }])
  dispositions?: DeviationDispositionDto[];

  @NestedList(() => CapaActionDto, 'new CAPA actions', [{ kind: 'corrective', description: 'second call-out', owner: 'B. Osei', dueDate: '2026-04-15' }], 50)
  addCapaActions?: CapaActionDto[];

  @NestedList(() => CapaUpdateDto, 'CAPA actions done, or their effectiveness checked', [{ id: '6f1c0c52-8d7e-4f43-9b1a-0d2b9c3e4f51', done: { note: 'done' } }], 50)
  capaUpdates?: CapaUpdateDto[];

  @Nested(() => DeviationFdaReportDto, 'the HCT/P deviation report to FDA (21 CFR 1271.350(b), 45 days from discovery when a distributed unit is concerned), or why it is not reportable', {
    reportedAt: '2026-04-20T09:00:00Z', reference: 'BPDR-2026-000123',
  })
  fdaReport?: DeviationFdaReportDto;

  @Nested(() => CloseDeviationDto, 'close the deviation (QA e-signature, meaning closure); refused while a CAPA action is open or a unit has no disposition', {
    summary: 'no product impact', signature: { email: 'quality_assurance@bank.test', password: 'correct horse battery staple', meaning: 'closure' },
  })
  close?: CloseDeviationDto;
}

export class DeviationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEVIATION_STATUSES, example: 'open' }) @IsOptional() @IsIn(DEVIATION_STATUSES) status?: (typeof DEVIATION_STATUSES)[number];
  @ApiPropertyOptional({ enum: DEVIATION_SEVERITIES, example: 'critical' }) @IsOptional() @IsIn(DEVIATION_SEVERITIES) severity?: DeviationSeverity;
  @ApiPropertyOptional({ example: true, description: 'only deviations with a CAPA action past its due date and not done' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  overdueCapa?: boolean;
  @ApiPropertyOptional({ example: 'W123426000001', description: 'only deviations concerning this unit' }) @IsOptional() @IsString() @MaxLength(20) din?: string;
}

// ---- adverse reactions -----------------------------------------------------------------------------

export class CreateAdverseReactionDto {
  @ApiProperty({ example: '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b', description: 'the release request whose unit was infused' }) @IsUUID() releaseRequestId: string;
  @ApiProperty({ example: '2026-03-21T10:15:00Z', description: 'onset of the reaction (not before the infusion)' }) @IsISO8601({ strict: true }) onsetAt: string;
  @ApiPropertyOptional({ example: '2026-03-21T14:00:00Z', description: 'when the bank received the information (default: now); the 15-day FDA clock starts here' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
  @Text('Fever 39.4 °C and rigors 40 minutes after infusion; blood cultures drawn.', 8000) description: string;
  @ApiProperty({ enum: REACTION_SEVERITIES, example: 'severe' }) @IsIn(REACTION_SEVERITIES) severity: (typeof REACTION_SEVERITIES)[number];
  @ApiProperty({ enum: SERIOUSNESS_CRITERIA, isArray: true, example: ['hospitalization'], description: 'what makes it serious (21 CFR 1271.350(a)(1)(i)–(iv)); empty = not serious' })
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(SERIOUSNESS_CRITERIA, { each: true })
  seriousnessCriteria: (typeof SERIOUSNESS_CRITERIA)[number][];
  @ApiPropertyOptional({ example: true, default: false, description: 'the reaction may involve a communicable disease (21 CFR 1271.350(a)(1))' }) @IsOptional() @IsBoolean() communicableDisease?: boolean;
  @ApiPropertyOptional({ enum: CAUSALITIES, example: 'possible', default: 'not_assessed' }) @IsOptional() @IsIn(CAUSALITIES) causality?: (typeof CAUSALITIES)[number];
}

export class FdaReportDto {
  @ApiProperty({ example: '2026-03-25T09:00:00Z', description: 'when the report (Form FDA 3500A) was submitted' }) @IsISO8601({ strict: true }) reportedAt: string;
  @Text('MW-2026-004211', 200, "FDA's or MedWatch's reference for the report") reference: string;
}

export class ImplicatedDeviationDto {
  @ApiPropertyOptional({ enum: DEVIATION_SEVERITIES, example: 'critical', default: 'critical' }) @IsOptional() @IsIn(DEVIATION_SEVERITIES) severity?: DeviationSeverity;
  @ApiPropertyOptional({ enum: DEVIATION_CATEGORIES, example: 'processing', default: 'other' }) @IsOptional() @IsIn(DEVIATION_CATEGORIES) category?: DeviationCategory;
  @OptionalText('bacterial contamination of the unit suspected', 200, 'the title of the deviation opened') title?: string;
}

export class UpdateAdverseReactionDto {
  @ApiPropertyOptional({ enum: CAUSALITIES, example: 'probable' }) @IsOptional() @IsIn(CAUSALITIES) causality?: (typeof CAUSALITIES)[number];
  @OptionalText('Blood cultures of the recipient grew S. epidermidis; the retained segment of the unit also.', 8000) investigation?: string;
  @ApiPropertyOptional({ enum: REACTION_SEVERITIES, example: 'life_threatening' }) @IsOptional() @IsIn(REACTION_SEVERITIES) severity?: (typeof REACTION_SEVERITIES)[number];
  @ApiPropertyOptional({ enum: SERIOUSNESS_CRITERIA, isArray: true, example: ['hospitalization', 'medical_intervention'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(SERIOUSNESS_CRITERIA, { each: true })
  seriousnessCriteria?: (typeof SERIOUSNESS_CRITERIA)[number][];
  @ApiPropertyOptional({ example: true, description: 'the investigation points at the product: opens a deviation of the bank with the unit, in the same act' })
  @IsOptional()
  @IsBoolean()
  productImplicated?: boolean;
  @Nested(() => ImplicatedDeviationDto, 'the deviation opened when productImplicated is true', { severity: 'critical', category: 'processing' }) deviation?: ImplicatedDeviationDto;
  @Nested(() => FdaReportDto, 'the report to FDA (closes the 15-day clock)', { reportedAt: '2026-03-25T09:00:00Z', reference: 'MW-2026-004211' }) fdaReport?: FdaReportDto;
  @OptionalText('causality revised after culture results', 1000, 'why this change (recorded in the audit trail)') reason?: string;
}

export class AdverseReactionQuery extends PageQuery {
  @ApiPropertyOptional({ example: true, description: 'only serious reactions' }) @IsOptional() @Transform(queryBool) @IsBoolean() serious?: boolean;
  @ApiPropertyOptional({ example: true, description: 'only serious reactions not yet reported to FDA (soonest deadline first)' }) @IsOptional() @Transform(queryBool) @IsBoolean() fdaPending?: boolean;
  @ApiPropertyOptional({ example: 'W123426000001' }) @IsOptional() @IsString() @MaxLength(20) din?: string;
}

// ---- documents -------------------------------------------------------------------------------------

export class DocumentQuery {
  @ApiProperty({ example: 'deviation:6f1c0c52-8d7e-4f43-9b1a-0d2b9c3e4f51', description: 'the owner: donor:<id>, unit:<din>, deviation:<id> or release_request:<id>' })
  @IsString()
  @MaxLength(100)
  owner: string;
}

/** The multipart form of `POST /documents` (documentation only: the controller reads the parts itself). */
export class UploadDocumentForm {
  @ApiProperty({ enum: DOCUMENT_OWNER_TYPES, example: 'deviation' }) ownerType: DocumentOwnerType;
  @ApiProperty({ example: '6f1c0c52-8d7e-4f43-9b1a-0d2b9c3e4f51', description: 'the owner: a donor id, a DIN, a deviation id or a release request id' }) ownerId: string;
  @ApiProperty({ example: 'Freezer F2 alarm log, 18 March', description: 'what the document is' }) title: string;
  @ApiPropertyOptional({ example: '0b7f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b', description: 'the document this one supersedes (same owner)' }) supersedes?: string;
  @ApiPropertyOptional({ example: 'the first scan was illegible', description: 'required with supersedes' }) supersedeReason?: string;
  @ApiProperty({ type: 'string', format: 'binary', description: 'the file: PDF, PNG, JPEG, TIFF or UTF-8 plain text, at most DOCUMENT_MAX_BYTES', example: '(binary)' }) file: unknown;
}
