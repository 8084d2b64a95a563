import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SignatureDto } from '../../auth/dto/auth.dto';
import { PageQuery } from '../../common/pagination';

export const TRIGGER_TYPES = ['donor', 'supply_lot', 'freezer', 'dins', 'equipment'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];
export const DISPOSITIONS = ['discarded', 'returned_to_inventory', 'recalled', 'used_recipient_followed_up', 'no_action'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const NOTIFICATION_METHODS = ['phone', 'email', 'fax', 'letter', 'in_person'] as const;
export const UNIT_ACTIONS = ['held', 'already_on_hold', 'distributed', 'out_of_inventory'] as const;
/** At most this many DINs in one list (a look-back over more names a donor, lot or freezer). */
export const MAX_DINS = 10_000;

/** What the look-back starts from; the fields its `type` needs (the others are refused). */
export class LookbackTriggerDto {
  @ApiProperty({ enum: TRIGGER_TYPES, example: 'supply_lot', description: 'donor (e.g. a later positive marker), supply_lot, freezer (over a time window), dins (a list), or equipment (over a time window)' })
  @IsIn(TRIGGER_TYPES)
  type: TriggerType;
  @ApiPropertyOptional({ example: '6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d', description: 'type donor: the donor (birth mother)' }) @IsOptional() @IsUUID() donorId?: string;
  @ApiPropertyOptional({ example: '3b0c1f9e-3f57-4a43-a1b9-6b4e44c7f0d2', description: 'type supply_lot: the lot (GET /supplies/lots)' }) @IsOptional() @IsUUID() supplyLotId?: string;
  @ApiPropertyOptional({ example: 'F01', description: 'type freezer: freezer id (uuid) or code' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) freezerId?: string;
  @ApiPropertyOptional({ example: '0e7c5b8a-1d2f-4c3b-9a8e-7f6d5c4b3a21', description: 'type equipment: equipment id (uuid) or serial number' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) equipmentId?: string;
  @ApiPropertyOptional({
    example: '2026-02-01T00:00:00Z',
    description: 'type freezer: start of the window (units stored there at any time in [from, to)); type equipment: start of the window of use (default: the day of its last calibration, else of its last maintenance, else when it was recorded)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ example: '2026-02-03T12:00:00Z', description: 'end of the window (type equipment, default: when it was taken out of service, or now)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ type: [String], example: ['W123426000042', 'W123426000043'], description: `type dins: the units (1–${MAX_DINS})` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DINS)
  @IsString({ each: true })
  @MaxLength(14, { each: true })
  dins?: string[];
}

export class CreateLookbackDto {
  @ApiProperty({ type: LookbackTriggerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LookbackTriggerDto)
  trigger: LookbackTriggerDto;
  @ApiProperty({ example: 'DMSO lot DMSO-24-0117 recalled by the manufacturer (endotoxin above specification)', description: 'why the look-back is opened' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class LookbacksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'], example: 'open' }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  @ApiPropertyOptional({ enum: TRIGGER_TYPES, example: 'supply_lot' }) @IsOptional() @IsIn(TRIGGER_TYPES) triggerType?: TriggerType;
}

export class LookbackUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: UNIT_ACTIONS, example: 'distributed' }) @IsOptional() @IsIn(UNIT_ACTIONS) action?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true', description: 'true: only units still without a disposition' }) @IsOptional() @IsIn(['true', 'false']) pending?: 'true' | 'false';
}

export class DispositionDto {
  @ApiProperty({ type: [String], example: ['W123426000042'], description: `the units of this look-back the disposition is for (1–${MAX_DINS})` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DINS)
  @IsString({ each: true })
  @MaxLength(14, { each: true })
  dins: string[];
  @ApiProperty({
    enum: DISPOSITIONS,
    example: 'returned_to_inventory',
    description: 'discarded (the unit is discarded: POST /units/:din/status first), returned_to_inventory (in the bank; QA may then release its hold), recalled (distributed, not infused: returned or destroyed by the consignee), used_recipient_followed_up (infused: the transplant physician follows the recipient), no_action (with the reason)',
  })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;
  @ApiProperty({ example: 'Unit processed with DMSO lot DMSO-24-0118, not the recalled lot: record corrected, no impact', description: 'the reason for the disposition' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}

export class NotificationDto {
  @ApiProperty({ example: '4c2e9a1b-5d3f-4e6a-8b7c-9d0e1f2a3b4c', description: 'the consignee notified (GET /lookbacks/:id consignees)' }) @IsUUID() consigneeId: string;
  @ApiProperty({ example: '2026-03-12T09:30:00Z', description: 'when the consignee was notified (not in the future)' }) @IsISO8601({ strict: true }) notifiedAt: string;
  @ApiProperty({ enum: NOTIFICATION_METHODS, example: 'phone' }) @IsIn(NOTIFICATION_METHODS) method: string;
  @ApiProperty({ example: 'Dr. L. Moreau, transplant physician', description: 'who was reached' }) @IsString() @MinLength(1) @MaxLength(200) contact: string;
  @ApiPropertyOptional({ example: true, description: 'the consignee acknowledged the notification' }) @IsOptional() @IsBoolean() acknowledged?: boolean;
  @ApiPropertyOptional({ example: '2026-03-12T10:05:00Z', description: 'when it was acknowledged (default: notifiedAt, when acknowledged)' }) @IsOptional() @IsISO8601({ strict: true }) acknowledgedAt?: string;
  @ApiPropertyOptional({ example: 'Recipient infused 2026-02-20; physician will report any infection' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class CloseLookbackDto {
  @ApiProperty({ example: 'All units dispositioned and every consignee notified; no recipient impact reported', description: 'the closing summary' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note: string;
  @ApiProperty({ type: SignatureDto, description: "QA's electronic signature, meaning `closure` (21 CFR Part 11.200)" })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureDto)
  signature: SignatureDto;
}
