import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SignatureDto, SignatureField } from '../../auth/dto/auth.dto';

export const DETERMINATION_STATUSES = ['eligible', 'ineligible'] as const;

/**
 * The responsible person's donor-eligibility determination for one unit (21 CFR 1271.50(a),
 * 1271.55(d)(1)(iii)), e-signed with the meaning `determination`.
 */
export class EligibilityDeterminationDto {
  @ApiProperty({ enum: DETERMINATION_STATUSES, example: 'eligible', description: 'must match the status computed from the records now (eligible or ineligible); incomplete can not be determined' })
  @IsIn(DETERMINATION_STATUSES)
  status: (typeof DETERMINATION_STATUSES)[number];

  @ApiPropertyOptional({
    example: 'CMV reactive: released under SOP QA-017 (CMV-reactive cord blood), recipient CMV status to be considered',
    description: "the determination's reasoning; REQUIRED when CMV is reactive: the bank's documented procedure under which the unit may be released (21 CFR 1271.85(b)(2))",
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason?: string;

  @SignatureField(true)
  signature: SignatureDto;
}
