import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { LAB_EVENTS_MAX_BATCH } from '../../config/app-config';
import { ALL_MARKERS } from '../../donors/eligibility';
import { IdmRecordDocumentation } from '../../donors/dto/donor.dto';
import { HlaLociDto, ProcessingDto } from '../../units/dto/results.dto';

export const LAB_EVENT_TYPES = [
  'sample.received',
  'processing.completed',
  'hla.typed',
  'abo.typed',
  'sterility.resulted',
  'idm.resulted',
  'freezer.temperature',
] as const;
export type LabEventType = (typeof LAB_EVENT_TYPES)[number];

export const LAB_EVENT_STATUSES = ['applied', 'parked', 'rejected', 'dismissed'] as const;
export type LabEventStatus = (typeof LAB_EVENT_STATUSES)[number];

/** The most events one request may carry. */
export const MAX_BATCH = LAB_EVENTS_MAX_BATCH;

/**
 * Times in lab events carry their zone (Z or ±hh:mm): a machine message has no "local time" the
 * bank could guess, and the out-of-order rule compares them.
 */
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;
const zoned = { message: '$property must be an ISO 8601 time with a zone (Z or ±hh:mm)' };

// ---- data, one class per type ------------------------------------------------------------------

export class SampleReceivedData {
  @ApiProperty({ example: '2026-03-10T09:30:00Z', description: 'when the laboratory received the bag' })
  @IsISO8601({ strict: true })
  @Matches(ZONED, zoned)
  receivedAt: string;

  @ApiProperty({ example: true, description: 'transport temperature within limits' })
  @IsBoolean()
  temperatureOk: boolean;

  @ApiPropertyOptional({ example: true, description: 'damage check (21 CFR 1271.265(a)): false leaves acceptance pending for QA' })
  @IsOptional()
  @IsBoolean()
  containerIntact?: boolean;

  @ApiPropertyOptional({ example: false, description: 'contamination check (21 CFR 1271.265(a)): true leaves acceptance pending for QA' })
  @IsOptional()
  @IsBoolean()
  contaminationSuspected?: boolean;
}

/**
 * The staff processing body (`POST /units/:din/processing`, ProcessingDto: same fields and ranges),
 * as a lab event; `processedAt` must carry its zone.
 */
export class ProcessingCompletedData extends ProcessingDto {
  @ApiProperty({ example: '2026-03-10T14:00:00Z' })
  @Matches(ZONED, zoned)
  override processedAt: string;
}

export class HlaTypedData {
  @ApiProperty({ type: HlaLociDto, description: 'A, B, DRB1 required; C, DQB1 optional; two alleles each, like 02:01 (the staff typing loci)' })
  @IsObject()
  @ValidateNested()
  @Type(() => HlaLociDto)
  loci: HlaLociDto;

  @ApiProperty({ example: 'high', description: 'typing resolution (e.g. low, intermediate, high)' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  resolution: string;

  @ApiPropertyOptional({ example: 'NGS' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  method?: string;
}

export class AboTypedData {
  @ApiProperty({ enum: ['O', 'A', 'B', 'AB'], example: 'O' })
  @IsIn(['O', 'A', 'B', 'AB'])
  abo: 'O' | 'A' | 'B' | 'AB';

  @ApiProperty({ enum: ['positive', 'negative'], example: 'positive' })
  @IsIn(['positive', 'negative'])
  rh: 'positive' | 'negative';
}

export class SterilityResultedData {
  @ApiProperty({ enum: ['negative', 'positive'], example: 'negative' })
  @IsIn(['negative', 'positive'])
  aerobic: 'negative' | 'positive';

  @ApiProperty({ enum: ['negative', 'positive'], example: 'negative' })
  @IsIn(['negative', 'positive'])
  anaerobic: 'negative' | 'positive';

  @ApiPropertyOptional({ example: 'Staphylococcus epidermidis', description: 'the organism grown, for a positive culture' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organism?: string;
}

/** The staff IDM body's documentation fields (kit, method, laboratory, CLIA number, plasma dilution), all required as there. */
export class IdmResultedData extends IdmRecordDocumentation {
  @ApiProperty({ enum: ALL_MARKERS, example: 'HIV-1', description: 'a required marker (21 CFR 1271.85 panel, CMV; WNV and T. cruzi by bank policy), or syphilis-treponemal (confirmatory)' })
  @IsIn(ALL_MARKERS)
  marker: (typeof ALL_MARKERS)[number];

  @ApiProperty({ enum: ['negative', 'positive', 'indeterminate'], example: 'negative' })
  @IsIn(['negative', 'positive', 'indeterminate'])
  result: 'negative' | 'positive' | 'indeterminate';

  @ApiProperty({ example: '2026-03-09T07:00:00Z', description: 'the maternal sample; within 7 days of the collection' })
  @IsISO8601({ strict: true })
  @Matches(ZONED, zoned)
  sampleDrawnAt: string;

  @ApiPropertyOptional({ example: '2026-03-10T12:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ZONED, zoned)
  testedAt?: string;
}

export class FreezerTemperatureData {
  @ApiProperty({ example: -182.5, description: 'degrees Celsius, read at occurredAt' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-273.15)
  @Max(100)
  temperatureC: number;
}

/** The data class of each type, and which subject key the type needs. */
export const LAB_EVENT_SHAPES: Record<LabEventType, { data: new () => object; subject: 'din' | 'donorNumber' | 'freezer' }> = {
  'sample.received': { data: SampleReceivedData, subject: 'din' },
  'processing.completed': { data: ProcessingCompletedData, subject: 'din' },
  'hla.typed': { data: HlaTypedData, subject: 'din' },
  'abo.typed': { data: AboTypedData, subject: 'din' },
  'sterility.resulted': { data: SterilityResultedData, subject: 'din' },
  'idm.resulted': { data: IdmResultedData, subject: 'donorNumber' },
  'freezer.temperature': { data: FreezerTemperatureData, subject: 'freezer' },
};

// ---- the envelope -------------------------------------------------------------------------------

/** One lab event. `data` is checked against the class of its `type` (see LAB_EVENT_SHAPES). */
@ApiExtraModels(SampleReceivedData, ProcessingCompletedData, HlaTypedData, AboTypedData, SterilityResultedData, IdmResultedData, FreezerTemperatureData)
export class LabEventDto {
  @ApiProperty({ example: 'lims-2026-0001234', description: 'unique per integration (1–128 printable characters); a retry sends the same one' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(/^[\x21-\x7e]+$/, { message: 'eventId must be printable ASCII without spaces' })
  eventId: string;

  @ApiProperty({ enum: LAB_EVENT_TYPES, example: 'hla.typed' })
  @IsIn(LAB_EVENT_TYPES, { message: `type must be one of: ${LAB_EVENT_TYPES.join(', ')}` })
  type: LabEventType;

  @ApiProperty({ example: '2026-03-12T10:15:00Z', description: 'when the result was produced (or the reading taken), with a zone; at most 5 minutes ahead of the bank clock' })
  @IsISO8601({ strict: true })
  @Matches(ZONED, zoned)
  occurredAt: string;

  @ApiPropertyOptional({ example: 'W123426000042', description: 'the unit (13-character DIN, or 14 with check character): every type but idm.resulted and freezer.temperature' })
  @IsOptional()
  @IsString()
  @MaxLength(14)
  din?: string;

  @ApiPropertyOptional({ example: 'D0000042', description: 'the donor: idm.resulted only' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'donorNumber must be printable ASCII without spaces' })
  donorNumber?: string;

  @ApiPropertyOptional({ example: 'K. Osei (MLS)', description: 'the person who performed the test or the work the event reports (21 CFR 1271.270(a)); kept with the result' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  performedBy?: string;

  @ApiPropertyOptional({ example: 'LN2-01', description: "the freezer's name or id: freezer.temperature only" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  freezer?: string;

  @ApiProperty({
    description: 'the result; its shape depends on type',
    oneOf: [
      { $ref: getSchemaPath(SampleReceivedData) },
      { $ref: getSchemaPath(ProcessingCompletedData) },
      { $ref: getSchemaPath(HlaTypedData) },
      { $ref: getSchemaPath(AboTypedData) },
      { $ref: getSchemaPath(SterilityResultedData) },
      { $ref: getSchemaPath(IdmResultedData) },
      { $ref: getSchemaPath(FreezerTemperatureData) },
    ],
  })
  @IsObject()
  data: Record<string, unknown>;
}

export class LabEventBatchDto {
  @ApiProperty({ type: [LabEventDto], minItems: 1, maxItems: MAX_BATCH, description: `1 to ${MAX_BATCH} events, applied in order` })
  events: LabEventDto[];
}

// ---- answers ------------------------------------------------------------------------------------

export class LabEventAnswer {
  @ApiProperty({ description: 'the bank’s id of the stored event' }) id: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: LAB_EVENT_TYPES }) type: string;
  @ApiProperty({ enum: ['applied', 'parked'] }) status: string;
  @ApiPropertyOptional({ description: 'true when an older result arrived after a newer one: kept in the history, the current value unchanged' })
  superseded?: boolean;
  @ApiPropertyOptional({ description: 'for a parked event: why it waits (the problem’s detail)', example: 'Unit W123426000042 is collected: processing.completed results are taken once its receipt at the laboratory is recorded: the event is kept and applied by itself when the unit is received' })
  reason?: string;
  @ApiPropertyOptional({ description: 'for a parked event: what it waits for (an unknown unit or donor, or a unit state)', example: { din: 'W123426000042', unitStatus: 'received' } })
  waitingFor?: Record<string, string>;
  @ApiPropertyOptional({ type: Object, description: 'for a parked event: why (problem+json)' })
  problem?: Record<string, unknown>;
}

export class LabBatchResult {
  @ApiPropertyOptional({ nullable: true, description: 'as sent (null when the event had none)' }) eventId: string | null;
  @ApiProperty({ enum: ['applied', 'duplicate', 'parked', 'rejected'] }) status: string;
  @ApiPropertyOptional({ description: 'the stored event (absent for an invalid event, which is not stored)' }) id?: string;
  @ApiPropertyOptional({ description: 'for a duplicate: the stored event’s current status', enum: LAB_EVENT_STATUSES }) eventStatus?: string;
  @ApiPropertyOptional() superseded?: boolean;
  @ApiPropertyOptional({ type: Object, description: 'why the event was rejected or parked (problem+json)' }) problem?: Record<string, unknown>;
}

export class LabBatchAnswer {
  @ApiProperty({ type: [LabBatchResult], description: 'one per event, in the order sent' }) results: LabBatchResult[];
}

export class LabEventView {
  @ApiProperty() id: string;
  @ApiProperty() integrationId: string;
  @ApiProperty() integrationName: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: LAB_EVENT_TYPES }) type: string;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional({ nullable: true }) din: string | null;
  @ApiPropertyOptional({ nullable: true }) donorNumber: string | null;
  @ApiPropertyOptional({ nullable: true }) freezer: string | null;
  @ApiProperty({ enum: LAB_EVENT_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'why parked or rejected (problem+json)' }) problem: Record<string, unknown> | null;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional({ nullable: true }) appliedAt: string | null;
  @ApiProperty({ description: 'times the bank tried to apply it' }) attempts: number;
  @ApiPropertyOptional({ nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of the event as received' }) bodyHash: string;
  @ApiProperty({ type: Object, description: 'the event as received' }) body: Record<string, unknown>;
  @ApiPropertyOptional({
    nullable: true,
    type: Object,
    description: 'for a dismissed event: when, by whom and why',
    example: { at: '2026-03-12T10:20:00.000Z', by: 'b3c1…', byName: 'QA Officer', reason: 'sent for the wrong unit' },
  })
  dismissal: { at: string; by: string; byName: string | null; reason: string } | null;
}

export class DismissLabEventDto {
  @ApiProperty({ example: 'Sent for the wrong unit; the LIMS re-sent it under W123426000043', description: 'why the parked event will not be applied (required)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class LabEventPage {
  @ApiProperty({ type: [LabEventView] }) items: LabEventView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class LabEventQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LAB_EVENT_STATUSES })
  @IsOptional()
  @IsIn(LAB_EVENT_STATUSES)
  status?: LabEventStatus;

  @ApiPropertyOptional({ enum: LAB_EVENT_TYPES })
  @IsOptional()
  @IsIn(LAB_EVENT_TYPES, { message: `type must be one of: ${LAB_EVENT_TYPES.join(', ')}` })
  type?: LabEventType;

  @ApiPropertyOptional({ description: 'events about this unit (13-character DIN or 14 with check character)' })
  @IsOptional()
  @IsString()
  @MaxLength(14)
  din?: string;

  @ApiPropertyOptional({ description: 'events about this donor' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  donorNumber?: string;

  @ApiPropertyOptional({ description: 'events from this integration (uuid)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'integrationId must be a uuid' })
  integrationId?: string;
}
