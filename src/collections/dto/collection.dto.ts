import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SuppliesUsedFields } from '../../supplies/dto/supplies.dto';
import { UnitSummary } from '../../units/dto/units.dto';

/** `supplyLots`, `equipment`, `exceptionIds` (optional, inherited) name what the collection used; `bagLot` stays as free text. */
export class CreateCollectionDto extends SuppliesUsedFields {
  @ApiProperty({ description: 'the donor (birth mother)', example: '6d1f3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d' }) @IsUUID() donorId: string;
  @ApiPropertyOptional({
    example: 'W123426000123',
    description: "the DIN pre-printed on the kit's labels: 13 characters, or 14 with check character, or as scanned (ISBT 128 data structure 001, `=W12342600012300`: the 13 and 2 flag characters, kept on the collection as `dinFlags`); omitted: the bank assigns the next one",
  })
  @IsOptional()
  @IsString()
  @MaxLength(17)
  din?: string;
  @ApiProperty({ example: 'St Mary Maternity' }) @IsString() @MinLength(1) @MaxLength(200) hospital: string;
  @ApiProperty({ example: 'J. Rivera, RN' }) @IsString() @MinLength(1) @MaxLength(200) collectedBy: string;
  @ApiProperty({ example: '2026-03-10T07:42:00Z' }) @IsISO8601({ strict: true }) birthAt: string;
  @ApiProperty({ example: '2026-03-10T07:55:00Z' }) @IsISO8601({ strict: true }) collectedAt: string;
  @ApiProperty({ enum: ['vaginal', 'cesarean'] }) @IsIn(['vaginal', 'cesarean']) deliveryType: 'vaginal' | 'cesarean';
  @ApiProperty({ example: 39.5 }) @IsNumber() @Min(20) @Max(45) gestationalAgeWeeks: number;
  @ApiProperty({ enum: ['in_utero', 'ex_utero'] }) @IsIn(['in_utero', 'ex_utero']) method: 'in_utero' | 'ex_utero';
  @ApiPropertyOptional({ example: 'KIT-2026-0042', description: 'free-text kit lot as written (history; name the recorded lots in supplyLots)' }) @IsOptional() @IsString() @MaxLength(100) bagLot?: string;
  @ApiPropertyOptional({ example: 25 }) @IsOptional() @IsNumber() @Min(0) @Max(1000) anticoagulantVolumeMl?: number;
  @ApiPropertyOptional({ example: 95 }) @IsOptional() @IsNumber() @Min(0.1) @Max(1000) grossVolumeMl?: number;
}

export class CollectionCreatedView {
  @ApiProperty() id: string;
  @ApiProperty({ type: UnitSummary }) unit: UnitSummary;
  @ApiProperty({ description: 'the supply lots and equipment the collection named, as recorded', example: { lots: [{ id: '3b0c1f9e-3f57-4a43-a1b9-6b4e44c7f0d2', lotNumber: 'BAG-26-0311', type: 'collection_bag', exceptionId: null }], equipment: [] } })
  supplies: { lots: unknown[]; equipment: unknown[] };
}
