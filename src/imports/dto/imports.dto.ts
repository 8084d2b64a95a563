import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class ImportRequestDto {
  @ApiProperty({
    example: 'inventory-2026-12',
    description: 'the directory of the inventory CSV files, relative to the server\'s IMPORT_DIR (the operator copies the files there); `..` and absolute paths are refused',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\-/]+$/, { message: 'directory must be a relative path of letters, digits, . _ - and / (no .. segments)' })
  directory: string;
}

export class RefusalView {
  @ApiProperty({ example: 'units.csv' }) file: string;
  @ApiProperty({ example: 12, description: 'CSV line (1 = the header)' }) line: number;
  @ApiPropertyOptional({ example: 'din' }) column?: string;
  @ApiPropertyOptional({ example: 'W123426000123' }) din?: string;
  @ApiProperty({ example: 'din check character 7 does not match the DIN W123426000123 (ISO 7064 Mod 37-2)' }) message: string;
}

export class FileReportView {
  @ApiProperty({ example: 'units.csv' }) name: string;
  @ApiProperty({ example: '9f2c1e0d8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6' }) sha256: string;
  @ApiProperty({ example: 20000 }) rows: number;
  @ApiProperty({ example: 0 }) refused: number;
}

export class DryRunReportView {
  @ApiProperty({ example: false, description: 'true when no row would be refused' }) ok: boolean;
  @ApiProperty({ example: '/srv/cbb/imports/inventory-2026-12' }) directory: string;
  @ApiProperty({ type: [FileReportView] }) files: FileReportView[];
  @ApiProperty({ example: 20000 }) units: number;
  @ApiProperty({ example: 1 }) refusedRows: number;
  @ApiProperty({ type: [RefusalView] }) refusals: RefusalView[];
  @ApiProperty({ example: false, description: 'more refusals than listed (10,000 at most)' }) truncated: boolean;
}

export class ImportFileView {
  @ApiProperty({ example: 'units.csv' }) name: string;
  @ApiProperty({ example: '9f2c1e0d8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6' }) sha256: string;
  @ApiProperty({ example: 20000 }) rows: number;
  @ApiProperty({ example: 15000, description: 'rows applied (the checkpoint)' }) done: number;
  @ApiProperty({ example: 0, description: 'rows the dry run refused (always 0 for a run that started)' }) refused: number;
  @ApiProperty({ example: 0, description: 'rows already there by their natural key (a resumed run)' }) skipped: number;
}

export class ImportOperatorView {
  @ApiProperty({ example: '5f0c7c1e-3b0a-4c1e-9d2b-7f0e1a2b3c4d' }) id: string;
  @ApiProperty({ example: 'Ada Admin' }) name: string;
}

export class ImportView {
  @ApiProperty({ example: '0b7e6d4c-1f2a-4b3c-8d9e-0a1b2c3d4e5f' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'], example: 'running' }) status: 'queued' | 'running' | 'completed' | 'failed';
  @ApiProperty({ example: 'units', description: 'the file being applied, or status:<step>, or done' }) phase: string;
  @ApiProperty({ example: '/srv/cbb/imports/inventory-2026-12' }) directory: string;
  @ApiProperty({ type: ImportOperatorView }) operator: ImportOperatorView;
  @ApiProperty({ example: 20000 }) units: number;
  @ApiProperty({ type: [ImportFileView] }) files: ImportFileView[];
  @ApiProperty({ example: null, nullable: true, type: String }) error: string | null;
  @ApiProperty({ example: '2026-12-01T15:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-12-01T15:00:01.000Z', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) finishedAt: string | null;
}
