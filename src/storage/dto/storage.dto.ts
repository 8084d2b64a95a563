import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SignatureDto, SignatureField } from '../../auth/dto/auth.dto';
import { CursorField, PageField, PageSizeField, queryBool, WindowFromField, WindowToField } from '../../common/pagination';
import { IsDecimal } from '../../common/validators';
import { LAYOUT_LIMITS, RETRIEVAL_REASONS, type RetrievalReason } from '../storage.rules';

export const FREEZER_TYPES = ['liquid_nitrogen', 'vapor_phase', 'mechanical'] as const;
export type FreezerType = (typeof FREEZER_TYPES)[number];

/** A freezer reference: its id, its code (F01) or, where a freezer is named, its name. */
const REF_MESSAGE = 'must be a freezer id (uuid) or code such as F01';

export class CreateFreezerDto {
  @ApiProperty({ example: 'Dewar A', description: 'unique; not shaped like a code (F01)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^(?!\s*[Ff]\d+\s*$)/, { message: 'name must not look like a freezer code (F01)' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: FREEZER_TYPES, example: 'liquid_nitrogen' })
  @IsIn(FREEZER_TYPES)
  type: FreezerType;

  @ApiPropertyOptional({ example: -150, default: -150, description: 'a reading above it opens an excursion (°C)' })
  @IsOptional()
  @IsDecimal(1)
  @Min(-273)
  @Max(40)
  maxTemperatureC?: number;

  @ApiProperty({ example: 6, minimum: 1, maximum: LAYOUT_LIMITS.racks })
  @IsInt()
  @Min(1)
  @Max(LAYOUT_LIMITS.racks)
  racks: number;

  @ApiProperty({ example: 10, minimum: 1, maximum: LAYOUT_LIMITS.boxesPerRack })
  @IsInt()
  @Min(1)
  @Max(LAYOUT_LIMITS.boxesPerRack)
  boxesPerRack: number;

  @ApiProperty({ example: 5, minimum: 1, maximum: LAYOUT_LIMITS.rows, description: 'rows per box, labelled A, B, C…' })
  @IsInt()
  @Min(1)
  @Max(LAYOUT_LIMITS.rows)
  rows: number;

  @ApiProperty({ example: 5, minimum: 1, maximum: LAYOUT_LIMITS.columns, description: 'columns per box, numbered 1, 2, 3…' })
  @IsInt()
  @Min(1)
  @Max(LAYOUT_LIMITS.columns)
  columns: number;
}

export class UpdateFreezerDto {
  @ApiPropertyOptional({ example: 'Dewar A (room 2)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^(?!\s*[Ff]\d+\s*$)/, { message: 'name must not look like a freezer code (F01)' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ description: 'false takes the freezer out of service (no unit can be stored in it); its history stays', example: false })
  @IsOptional()
  @IsBoolean()
  inService?: boolean;

  @ApiPropertyOptional({ example: 'Dewar lid seal failing; emptying for maintenance', description: 'required when inService changes' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class FreezersQuery {
  @PageField()
  page = 1;

  @PageSizeField(500, 200)
  pageSize = 200;

  @ApiPropertyOptional({ description: 'only freezers in (true) or out of (false) service' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  inService?: boolean;
}

export class FreePositionsQuery {
  @ApiPropertyOptional({ description: 'freezer id or code (F01); without it, every in-service freezer in creation order' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  freezerId?: string;

  @PageSizeField(500, 20)
  limit = 20;

  @CursorField()
  cursor?: string;
}

export class StoreUnitDto {
  @ApiPropertyOptional({ example: 'F01-R03-B07-C4', description: 'a position id (uuid) or label; give this or freezerId' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  positionId?: string;

  @ApiPropertyOptional({ example: 'F01', description: `the first free position of this freezer (rack, box, row, column order); ${REF_MESSAGE}` })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  freezerId?: string;
}

export class MoveUnitDto {
  @ApiProperty({ example: 'F02-R01-B01-A1', description: 'the target position: id (uuid) or label' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  positionId: string;

  @ApiProperty({ example: 'Consolidating rack 3 before maintenance' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class RetrieveUnitDto {
  @ApiProperty({ enum: RETRIEVAL_REASONS, example: 'testing' })
  @IsIn(RETRIEVAL_REASONS)
  reason: RetrievalReason;

  @ApiPropertyOptional({ example: 'Confirmatory HLA typing on attached segment', description: 'free text kept with the audit entry' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  comment?: string;
}

export class TemperatureReadingDto {
  @ApiProperty({ example: -185.5, description: '°C' })
  @IsDecimal(2)
  @Min(-273.15)
  @Max(100)
  temperatureC: number;

  @ApiPropertyOptional({ example: '2026-01-05T08:00:00Z', description: 'when it was read (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readAt?: string;
}

export class TemperaturesQuery {
  @WindowFromField()
  from?: string;

  @WindowToField()
  to?: string;

  @PageSizeField(1000, 100)
  limit = 100;

  @CursorField()
  cursor?: string;
}

export class ExcursionsQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: 'freezer id or code (F01)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  freezerId?: string;

  @ApiPropertyOptional({ description: 'only excursions that affected this unit (13-character DIN or 14 with check character)' })
  @IsOptional()
  @IsString()
  @MaxLength(14)
  din?: string;

  @ApiPropertyOptional({ description: 'only excursions with units QA has not reviewed yet' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  unreviewed?: boolean;

  @PageField()
  page = 1;

  @PageSizeField(100, 20)
  pageSize = 20;
}

export class ExcursionUnitsQuery {
  @PageField()
  page = 1;

  @PageSizeField(1000, 200)
  pageSize = 200;
}

export const REVIEW_OUTCOMES = ['acceptable', 'unacceptable'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export class ReviewExcursionDto {
  @ApiProperty({ example: 'Peak -142 °C for 20 minutes; within the validated transient-warming limits for this bag type' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ enum: REVIEW_OUTCOMES, default: 'acceptable', description: 'unacceptable keeps the unit from release' })
  @IsOptional()
  @IsIn(REVIEW_OUTCOMES)
  outcome?: ReviewOutcome;

  @ApiProperty({
    example: 'LN2 auto-fill valve replaced and the dewar refilled; alarm threshold re-verified (WO-2026-118)',
    description: 'the corrective action taken for the excursion (21 CFR 1271.260(d)); required on every review, also an acceptable one',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  correctiveAction: string;

  @SignatureField()
  signature: SignatureDto;
}

export const TEMPERATURE_REVIEW_OUTCOMES = ['acceptable', 'action_required'] as const;

/** QA's periodic review of a freezer's recorded temperatures (21 CFR 1271.260(e)), e-signed. */
export class FreezerTemperatureReviewDto {
  @ApiProperty({ example: '2026-02-01T00:00:00Z', description: 'start of the period reviewed' }) @IsISO8601({ strict: true }) periodFrom: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z', description: 'end of the period reviewed (not in the future)' }) @IsISO8601({ strict: true }) periodTo: string;

  @ApiProperty({ enum: TEMPERATURE_REVIEW_OUTCOMES, example: 'acceptable' })
  @IsIn(TEMPERATURE_REVIEW_OUTCOMES)
  outcome: (typeof TEMPERATURE_REVIEW_OUTCOMES)[number];

  @ApiProperty({ example: 'All readings between -196 and -190 °C; no excursion; monitor calibration current', description: 'what the review found' })
  @IsString() @MinLength(3) @MaxLength(2000)
  finding: string;

  @ApiPropertyOptional({ example: 'Level sensor recalibrated (WO-2026-131)', description: 'required when the outcome is action_required' })
  @IsOptional() @IsString() @MinLength(3) @MaxLength(2000)
  correctiveAction?: string;

  @SignatureField()
  signature: SignatureDto;
}

// ---- answers ------------------------------------------------------------------------------------

export class LayoutView {
  @ApiProperty({ example: 6 }) racks: number;
  @ApiProperty({ example: 10 }) boxesPerRack: number;
  @ApiProperty({ example: 5 }) rows: number;
  @ApiProperty({ example: 5 }) columns: number;
}

export class ReadingSummaryView {
  @ApiProperty({ example: -190.2 }) temperatureC: number;
  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' }) readAt: string;
}

export class OpenExcursionView {
  @ApiProperty() id: string;
  @ApiProperty() startedAt: string;
}

export class FreezerView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'F01', description: 'readable code, in creation order' }) code: string;
  @ApiProperty({ example: 'Dewar A' }) name: string;
  @ApiProperty({ enum: FREEZER_TYPES }) type: FreezerType;
  @ApiProperty({ example: -150 }) maxTemperatureC: number;
  @ApiProperty({ type: LayoutView }) layout: LayoutView;
  @ApiProperty() inService: boolean;
  @ApiPropertyOptional({ nullable: true }) serviceChangedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) serviceReason: string | null;
  @ApiProperty({ example: 1500, description: 'positions in all' }) capacity: number;
  @ApiProperty({ example: 420 }) used: number;
  @ApiProperty({ example: 1080 }) free: number;
  @ApiPropertyOptional({ nullable: true, type: OpenExcursionView }) openExcursion: OpenExcursionView | null;
  @ApiPropertyOptional({ nullable: true, type: ReadingSummaryView }) lastReading: ReadingSummaryView | null;
  @ApiProperty() createdAt: string;
}

export class FreezerPage {
  @ApiProperty({ type: [FreezerView] }) items: FreezerView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class BoxSummaryView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'F01-R03-B07' }) label: string;
  @ApiProperty({ example: 7 }) box: number;
  @ApiProperty({ example: 25 }) capacity: number;
  @ApiProperty() used: number;
  @ApiProperty() free: number;
}

export class RackView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'F01-R03' }) label: string;
  @ApiProperty({ example: 3 }) rack: number;
  @ApiProperty() capacity: number;
  @ApiProperty() used: number;
  @ApiProperty() free: number;
  @ApiProperty({ type: [BoxSummaryView] }) boxes: BoxSummaryView[];
}

export class FreezerDetailView extends FreezerView {
  @ApiProperty({ type: [RackView] }) racks: RackView[];
}

export class GridUnitView {
  @ApiProperty() din: string;
  @ApiProperty() dinCheck: string;
  @ApiProperty({ example: 'quarantine' }) status: string;
}

export class GridPositionView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'F01-R03-B07-C4' }) label: string;
  @ApiProperty({ example: 3 }) row: number;
  @ApiProperty({ example: 'C' }) rowLabel: string;
  @ApiProperty({ example: 4 }) column: number;
  @ApiPropertyOptional({ nullable: true, type: GridUnitView }) unit: GridUnitView | null;
}

export class FreezerRefView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() inService: boolean;
}

export class BoxView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'F01-R03-B07' }) label: string;
  @ApiProperty({ type: FreezerRefView }) freezer: FreezerRefView;
  @ApiProperty() rackId: string;
  @ApiProperty({ example: 3 }) rack: number;
  @ApiProperty({ example: 7 }) box: number;
  @ApiProperty({ example: 5 }) rows: number;
  @ApiProperty({ example: 5 }) columns: number;
  @ApiProperty() capacity: number;
  @ApiProperty() used: number;
  @ApiProperty() free: number;
  @ApiProperty({ type: [GridPositionView], description: 'row by row, column by column' }) positions: GridPositionView[];
}

export class PositionView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'F01-R03-B07-C4' }) label: string;
  @ApiProperty() freezerId: string;
  @ApiProperty({ example: 'F01' }) freezerCode: string;
  @ApiProperty({ example: 'Dewar A' }) freezerName: string;
  @ApiProperty() rackId: string;
  @ApiProperty({ example: 3 }) rack: number;
  @ApiProperty() boxId: string;
  @ApiProperty({ example: 7 }) box: number;
  @ApiProperty({ example: 3 }) row: number;
  @ApiProperty({ example: 'C' }) rowLabel: string;
  @ApiProperty({ example: 4 }) column: number;
}

export class FreePositionsPage {
  @ApiProperty({ type: [PositionView] }) items: PositionView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class ReadingView {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty() freezerId: string;
  @ApiProperty() readAt: string;
  @ApiProperty({ example: -190.2 }) temperatureC: number;
  @ApiProperty({ example: -150 }) limitC: number;
  @ApiProperty() aboveLimit: boolean;
  @ApiProperty({ enum: ['staff', 'lab_event'] }) source: string;
  @ApiPropertyOptional({ nullable: true }) recordedBy: string | null;
}

export class ReadingsPage {
  @ApiProperty() freezerId: string;
  @ApiProperty({ type: [ReadingView], description: 'newest first' }) items: ReadingView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class ExcursionEffectView {
  @ApiPropertyOptional({ nullable: true }) id: string | null;
  @ApiProperty({ enum: ['opened', 'continued', 'closed', 'extended', 'recorded_retrospectively', 'within_existing', 'none'] }) effect: string;
}

export class RecordedReadingView {
  @ApiProperty({ type: ReadingView }) reading: ReadingView;
  @ApiProperty({ type: ExcursionEffectView }) excursion: ExcursionEffectView;
}

export class ExcursionReviewView {
  @ApiProperty() reviewedAt: string;
  @ApiProperty() reviewedBy: string;
  @ApiPropertyOptional({ nullable: true }) reviewerName: string | null;
  @ApiProperty({ enum: REVIEW_OUTCOMES }) outcome: ReviewOutcome;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, description: 'null only on reviews recorded before corrective actions were required' }) correctiveAction: string | null;
  @ApiPropertyOptional({ nullable: true }) meaning: string | null;
}

export class ExcursionUnitView {
  @ApiProperty() din: string;
  @ApiProperty() dinCheck: string;
  @ApiProperty() status: string;
  @ApiPropertyOptional({ nullable: true, description: 'where the unit was when the excursion reached it' }) positionLabel: string | null;
  @ApiProperty() recordedAt: string;
  @ApiPropertyOptional({ nullable: true, type: ExcursionReviewView }) review: ExcursionReviewView | null;
}

export class ExcursionView {
  @ApiProperty() id: string;
  @ApiProperty() freezerId: string;
  @ApiProperty({ example: 'F01' }) freezerCode: string;
  @ApiProperty() freezerName: string;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional({ nullable: true }) endedAt: string | null;
  @ApiProperty() open: boolean;
  @ApiProperty({ description: 'opened from a reading older than the freezer’s newest one' }) retrospective: boolean;
  @ApiProperty({ example: -150 }) limitC: number;
  @ApiPropertyOptional({ nullable: true, example: -131.5 }) peakTemperatureC: number | null;
  @ApiProperty({ description: 'readings above the limit during the excursion' }) readingsAboveLimit: number;
  @ApiProperty() unitCount: number;
  @ApiProperty() unreviewedCount: number;
  @ApiProperty({ type: [ExcursionUnitView], description: 'the units affected (the first 200 in a list; all, paginated, in GET /storage/excursions/:id)' })
  units: ExcursionUnitView[];
}

export class ExcursionPage {
  @ApiProperty({ type: [ExcursionView] }) items: ExcursionView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
