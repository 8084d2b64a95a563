import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A manual handover (DESIGN.md section 3): `from` must be the unit's current custodian. */
export class HandoverDto {
  @ApiProperty({ example: 'Processing laboratory', description: "who hands the unit over: must be the unit's current custodian (GET /units/:din/custody)" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  from: string;

  @ApiProperty({ example: 'QA sample room (M. Chen)', description: 'who takes the unit' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  to: string;

  @ApiProperty({ example: 'Building B, room 114' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location: string;

  @ApiProperty({ example: '2026-03-12T09:30:00Z' })
  @IsISO8601({ strict: true })
  handedOverAt: string;

  @ApiPropertyOptional({ example: 'dry shipper sealed, logger reading -190 °C' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  condition?: string;

  @ApiPropertyOptional({ example: 'DS-0042', description: 'dry shipper id' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  shipperId?: string;

  @ApiPropertyOptional({ example: 'TL-7731', description: 'temperature logger id' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  temperatureLoggerId?: string;
}

export class CustodyEventView {
  @ApiProperty({ example: 3 }) seq: number;
  @ApiProperty({ enum: ['collection', 'receipt', 'storage', 'retrieval', 'shipment', 'delivery', 'manual'] }) kind: string;
  @ApiProperty({ nullable: true, example: 'Processing laboratory' }) from: string | null;
  @ApiProperty({ example: 'freezer F01 (Dewar A)' }) to: string;
  @ApiProperty({ nullable: true, example: 'F01-R01-B01-A1' }) location: string | null;
  @ApiProperty({ example: '2026-03-10T20:00:00.000Z' }) handedOverAt: string;
  @ApiProperty({ nullable: true }) condition: string | null;
  @ApiProperty({ nullable: true }) shipperId: string | null;
  @ApiProperty({ nullable: true }) temperatureLoggerId: string | null;
  @ApiProperty({ nullable: true }) temperatureOk: boolean | null;
  @ApiProperty({ example: '2026-03-10T20:00:01.000Z' }) recordedAt: string;
  @ApiProperty({ description: "true when `from` is the previous event's `to` (always true for the first event)" }) linked: boolean;
}

export class ChainBreakView {
  @ApiProperty() seq: number;
  @ApiProperty({ nullable: true }) from: string | null;
  @ApiProperty() expectedFrom: string;
}

export class CustodyChainView {
  @ApiProperty({ example: 'W123426000001' }) din: string;
  @ApiProperty({ type: [CustodyEventView] }) events: CustodyEventView[];
  @ApiProperty({ description: "true when there is at least one event and every event's from is the previous event's to" }) complete: boolean;
  @ApiProperty({ type: [ChainBreakView] }) breaks: ChainBreakView[];
  @ApiProperty({ nullable: true, example: 'freezer F01 (Dewar A)' }) custodian: string | null;
}

export class HandoverResultView extends CustodyChainView {
  @ApiProperty({ type: CustodyEventView }) event: CustodyEventView;
}
