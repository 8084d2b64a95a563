import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

/** Free text that goes into the record: no control characters (a NUL can not be stored, the others do not belong in a reason). */
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

export class ScanDto {
  @ApiProperty({ example: '=W12342600000183', description: 'what the scanner typed: one ISBT 128 data structure (with or without its data identifier) or a compound message (=+…)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  data: string;
}

export class VerifyLabelDto {
  @ApiProperty({ type: [String], example: ['=W12342600000183', '=%5100', '=<S1128V00'], description: 'what was scanned off the applied label: each a data structure or a compound message (the DataMatrix)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(2000, { each: true })
  scans: string[];
}

export class LabelQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'zpl'], example: 'zpl', description: 'overrides the Accept header (application/pdf or application/zpl)' })
  @IsOptional()
  @IsIn(['pdf', 'zpl'])
  format?: 'pdf' | 'zpl';

  @ApiPropertyOptional({ example: 'label damaged during thaw bag transfer', description: 'required for a reprint (any print after the first of this stage, either format)' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @Matches(PRINTABLE, { message: 'reason must not contain control characters' })
  reason?: string;
}

export class ProductCodesQuery {
  @ApiPropertyOptional({ example: 1, description: 'a table version; default the current (latest) one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class ProductCodeUploadQuery {
  @ApiPropertyOptional({ example: 'ICCBBA PDC table 2026-Q1, cellular therapy subset', description: 'what this upload is (kept with the version and in the audit entry)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(PRINTABLE, { message: 'note must not contain control characters' })
  note?: string;
}

export class ProductCodeTableDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ example: false, description: 'true for the EXAMPLE table shipped with the software (not ICCBBA\'s)' }) example: boolean;
  @ApiProperty({ example: '3f5a…', description: 'SHA-256 of the uploaded CSV' }) sourceSha256: string;
  @ApiProperty({ example: 4 }) codeCount: number;
  @ApiProperty({ example: 'ICCBBA PDC table 2026-Q1', nullable: true }) note: string | null;
  @ApiProperty({ example: '2026-03-01T09:00:00.000Z' }) loadedAt: string;
}
