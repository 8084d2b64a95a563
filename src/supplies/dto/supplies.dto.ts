import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQuery, QueryIntField } from '../../common/pagination';

export const SUPPLY_TYPES = ['collection_bag', 'anticoagulant', 'cryoprotectant', 'hetastarch', 'reagent', 'freezing_bag'] as const;
export type SupplyType = (typeof SUPPLY_TYPES)[number];
export const EQUIPMENT_TYPES = [
  'centrifuge', 'cell_processor', 'controlled_rate_freezer', 'cell_counter', 'flow_cytometer', 'biosafety_cabinet', 'balance', 'sterile_connector', 'tube_sealer', 'thermometer', 'other',
] as const;
export const SERVICE_KINDS = ['calibration', 'maintenance'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = '$property must be a calendar date YYYY-MM-DD';

export class CreateSupplyLotDto {
  @ApiProperty({ enum: SUPPLY_TYPES, example: 'cryoprotectant', description: 'collection_bag, anticoagulant (CPD), cryoprotectant (DMSO), hetastarch, reagent, freezing_bag' })
  @IsIn(SUPPLY_TYPES)
  type: SupplyType;
  @ApiProperty({ example: 'OriGen Biomedical' }) @IsString() @MinLength(1) @MaxLength(200) manufacturer: string;
  @ApiProperty({ example: 'DMSO-24-0117', description: "the manufacturer's lot number, as printed" }) @IsString() @MinLength(1) @MaxLength(100) lotNumber: string;
  @ApiPropertyOptional({ example: 'CryoSure-DEX40 55% DMSO / 5% dextran, 10 mL vials' }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiProperty({ example: '2027-06-30', description: 'expiry date (the lot may be used through this day)' }) @Matches(DATE, { message: dateMessage }) @IsISO8601({ strict: true }) expiresOn: string;
  @ApiProperty({ example: '2026-03-01', description: 'the day the bank received the lot' }) @Matches(DATE, { message: dateMessage }) @IsISO8601({ strict: true }) receivedOn: string;
}

export class SupplyLotQcDto {
  @ApiProperty({ enum: ['accepted', 'rejected'], example: 'accepted', description: 'the QC decision on the lot (certificate of analysis reviewed, inspection on receipt)' })
  @IsIn(['accepted', 'rejected'])
  decision: 'accepted' | 'rejected';
  @ApiPropertyOptional({ example: 'CoA reviewed; sterility and endotoxin within specification; packaging intact' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SupplyLotsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUPPLY_TYPES, example: 'cryoprotectant' }) @IsOptional() @IsIn(SUPPLY_TYPES) type?: SupplyType;
  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'rejected'], example: 'pending' }) @IsOptional() @IsIn(['pending', 'accepted', 'rejected']) qcStatus?: string;
  @ApiPropertyOptional({ example: 'DMSO-24-0117', description: 'exact lot number' }) @IsOptional() @IsString() @MaxLength(100) lotNumber?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'lots expiring on or before this date (usable or not)' }) @IsOptional() @Matches(DATE, { message: dateMessage }) expiresBy?: string;
  @ApiPropertyOptional({ example: 'true', description: 'true: only lots usable today (QC accepted, not expired)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  usable?: 'true' | 'false';
}

export class CreateEquipmentDto {
  @ApiProperty({ enum: EQUIPMENT_TYPES, example: 'cell_processor' }) @IsIn(EQUIPMENT_TYPES) type: string;
  @ApiProperty({ example: 'Sepax 2 #1' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'Cytiva' }) @IsOptional() @IsString() @MaxLength(200) manufacturer?: string;
  @ApiPropertyOptional({ example: 'Sepax C-Pro' }) @IsOptional() @IsString() @MaxLength(200) model?: string;
  @ApiProperty({ example: 'SPX2-004417' }) @IsString() @MinLength(1) @MaxLength(100) serialNumber: string;
  @ApiPropertyOptional({ example: 'Processing lab, room 2.14' }) @IsOptional() @IsString() @MaxLength(200) location?: string;
  @ApiPropertyOptional({ example: '2026-09-30', description: 'next calibration due (at least one of the two due dates)' })
  @IsOptional()
  @Matches(DATE, { message: dateMessage })
  @IsISO8601({ strict: true })
  calibrationDueOn?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'next preventive maintenance due' })
  @IsOptional()
  @Matches(DATE, { message: dateMessage })
  @IsISO8601({ strict: true })
  maintenanceDueOn?: string;
}

export class EquipmentServiceDto {
  @ApiProperty({ enum: SERVICE_KINDS, example: 'calibration' }) @IsIn(SERVICE_KINDS) kind: 'calibration' | 'maintenance';
  @ApiProperty({ example: '2026-03-02', description: 'the day it was performed (not in the future)' }) @Matches(DATE, { message: dateMessage }) @IsISO8601({ strict: true }) performedOn: string;
  @ApiProperty({ example: 'Cytiva field service (M. Okafor)' }) @IsString() @MinLength(1) @MaxLength(200) performedBy: string;
  @ApiProperty({ example: '2027-03-01', description: 'the next due date of this kind; it becomes the equipment’s due date' }) @Matches(DATE, { message: dateMessage }) @IsISO8601({ strict: true }) nextDueOn: string;
  @ApiPropertyOptional({ example: 'CAL-2026-0311' }) @IsOptional() @IsString() @MaxLength(200) certificate?: string;
  @ApiPropertyOptional({ example: 'all speeds within ±1 %' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export const EQUIPMENT_STATES = ['in_service', 'out_of_service', 'due_soon', 'overdue'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];

export class EquipmentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EQUIPMENT_TYPES, example: 'centrifuge' }) @IsOptional() @IsIn(EQUIPMENT_TYPES) type?: string;
  @ApiPropertyOptional({ example: '2026-04-30', description: 'equipment with a calibration or maintenance due on or before this date' }) @IsOptional() @Matches(DATE, { message: dateMessage }) dueBy?: string;
  @ApiPropertyOptional({
    enum: EQUIPMENT_STATES,
    example: 'due_soon',
    description: 'in_service; out_of_service; due_soon (in service, a calibration or maintenance due today or within dueWithinDays days); overdue (a due date already past, UTC)',
  })
  @IsOptional()
  @IsIn(EQUIPMENT_STATES)
  state?: EquipmentState;
  @QueryIntField(0, 365, { minimum: 0, maximum: 365, default: 30, example: 30, description: 'the horizon of state=due_soon, in days' })
  dueWithinDays = 30;
}

export class EquipmentOutOfServiceDto {
  @ApiProperty({ example: 'Calibration check failed: speed 4 % below setpoint at 3,000 rpm; tagged out pending vendor repair', description: 'why QA takes it out of service' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class EquipmentReturnToServiceDto {
  @ApiProperty({ example: 'Repaired and recalibrated by the vendor; verification run within specification', description: 'why QA returns it to service' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
  @ApiPropertyOptional({ type: [EquipmentServiceDto], description: 'calibrations or maintenance to record with the return (each moves its due date), when not recorded already' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => EquipmentServiceDto)
  services?: EquipmentServiceDto[];
  @ApiPropertyOptional({ type: [String], example: ['5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d'], description: 'calibration or maintenance records already recorded since it was taken out of service (POST /equipment/:id/services)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  serviceIds?: string[];
}

export class CreateSupplyExceptionDto {
  @ApiPropertyOptional({ example: '3b0c1f9e-3f57-4a43-a1b9-6b4e44c7f0d2', description: 'the lot the exception is for (exactly one of supplyLotId, equipmentId)' }) @IsOptional() @IsUUID() supplyLotId?: string;
  @ApiPropertyOptional({ example: '0e7c5b8a-1d2f-4c3b-9a8e-7f6d5c4b3a21', description: 'the equipment the exception is for' }) @IsOptional() @IsUUID() equipmentId?: string;
  @ApiPropertyOptional({ example: 'W123426000042', description: 'limit the exception to one unit (recommended)' }) @IsOptional() @IsString() @MaxLength(14) din?: string;
  @ApiProperty({ example: 'Only DMSO lot on site; expired 2 days ago; manufacturer confirms stability 30 days past expiry (letter QA-2026-14)', description: 'why QA allows the use' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
  @ApiProperty({ example: '2026-03-12T00:00:00Z', description: 'until when the exception may be used (at most 30 days)' }) @IsISO8601({ strict: true }) validUntil: string;
}

/** What a collection or a processing names as used (optional; `bagLot` stays as free-text history). */
export class SuppliesUsedFields {
  @ApiPropertyOptional({ type: [String], example: ['DMSO-24-0117'], description: 'supply lots used: their id (uuid) or lot number (unique among the bank’s lots, else give the id)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  supplyLots?: string[];
  @ApiPropertyOptional({ type: [String], example: ['SPX2-004417'], description: 'equipment used: its id (uuid) or serial number' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  equipment?: string[];
  @ApiPropertyOptional({ type: [String], example: ['9b5e2f1c-7a44-4d1e-8c2b-3f6a9d0e1b7c'], description: 'QA exceptions (POST /supplies/exceptions) that allow an expired or unaccepted lot, or equipment past due' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  exceptionIds?: string[];
}

