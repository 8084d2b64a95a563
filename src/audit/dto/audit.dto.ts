import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CursorField, QueryIntField, WindowFromField, WindowToField } from '../../common/pagination';

export class AuditQuery {
  @ApiPropertyOptional({ description: 'DIN, 13 characters or 14 with check character' })
  @IsOptional()
  @IsString()
  @MaxLength(14)
  din?: string;

  @ApiPropertyOptional({ description: "one hash chain: a unit's DIN, donor:<id>, freezer:<id>, release_request:<id>, user:<id> or integration:<id>" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'chain must be a DIN or kind:id' })
  chain?: string;

  @ApiPropertyOptional({ description: 'actor id (user or integration id, or a system name)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ example: 'unit.status' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.-]+$/i, { message: 'action must be letters, digits, dots, dashes or underscores' })
  action?: string;

  @WindowFromField()
  from?: string;

  @WindowToField()
  to?: string;

  @CursorField()
  cursor?: string;

  @QueryIntField(1, 500, { default: 50, maximum: 500 })
  limit = 50;
}

export class AuditSignatureView {
  @ApiProperty() signerId: string;
  @ApiProperty() signerName: string;
  @ApiProperty({ enum: ['release', 'approval', 'discard', 'determination', 'review', 'closure'] }) meaning: string;
  @ApiProperty({ description: "the database's clock, UTC" }) signedAt: string;
  @ApiPropertyOptional({ enum: ['email+password', 'password'], description: 'the components used: both at the first signing of a session (21 CFR Part 11.200(a)(1)(i))' }) components?: string;
  @ApiPropertyOptional({ description: 'printed name — meaning — date and time, as every human-readable copy shows it (Part 11.50)' }) manifestation?: string;
}

export class AuditEntryView {
  @ApiProperty({ description: "the hash chain the entry belongs to: a unit's DIN, donor:<id>, freezer:<id>, release_request:<id>, user:<id> or integration:<id>" })
  chain: string;
  @ApiProperty({ description: 'position in its chain, from 1 without gaps' }) seq: number;
  @ApiPropertyOptional({ nullable: true, description: 'the unit (null for an entry of a donor chain)' }) din: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'the donor, for donor-level changes' }) donorId: string | null;
  @ApiProperty({ description: 'database clock, UTC' }) at: string;
  @ApiProperty({ enum: ['user', 'integration', 'system'] }) actorType: string;
  @ApiProperty() actorId: string;
  @ApiPropertyOptional({ nullable: true }) actorName: string | null;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'old values of what changed' }) before: unknown;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'new values of what changed' }) after: unknown;
  @ApiPropertyOptional({ nullable: true }) requestId: string | null;
  @ApiPropertyOptional({ nullable: true, type: AuditSignatureView }) signature: AuditSignatureView | null;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class AuditTrail {
  @ApiProperty() din: string;
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
}

export class VerifyResult {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'number of entries checked' }) entries: number;
  @ApiPropertyOptional({ description: 'seq of the first entry that does not match' }) firstInvalidSeq?: number;
}
