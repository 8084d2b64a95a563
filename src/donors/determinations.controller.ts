import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { DeterminationsService } from './determinations.service';
import { EligibilityDeterminationDto } from './dto/determination.dto';

const DIN_PARAM = { name: 'din', description: '13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422)', example: 'W123426000001' };

@ApiTags('donors')
@ApiBearerAuth()
@Controller('units')
export class DeterminationsController {
  constructor(private readonly determinations: DeterminationsService) {}

  @Post(':din/eligibility-determination')
  @HttpCode(201)
  @Roles('medical_director')
  @ApiParam(DIN_PARAM)
  @ApiCreatedResponse({ description: 'the determination in force with the records it rested on, as GET' })
  @ApiOperation({
    summary: "The medical director's donor-eligibility determination (e-signed)",
    description:
      'The responsible person determines the donor eligible or ineligible for this unit (21 CFR 1271.50(a), 1271.55(d)(1)(iii)), signed with the meaning `determination`. ' +
      'It must match the status computed from the records now (409 DETERMINATION_MISMATCH, or ELIGIBILITY_INCOMPLETE while testing or screening is incomplete); a reactive CMV needs a `reason` naming the documented release procedure. ' +
      'The computed status, the IDM results and screenings and their audit entry hashes are frozen with it. `available` needs it; a later reactive result or deferral voids it and holds the unit.',
  })
  @ApiBody({
    type: EligibilityDeterminationDto,
    examples: {
      eligible: { summary: 'donor eligible', value: { status: 'eligible', signature: { email: 'director@bank.example', password: 'correct horse battery staple', meaning: 'determination' } } },
      ineligible: { summary: 'donor ineligible (family unit, directed use only)', value: { status: 'ineligible', reason: 'HBsAg reactive: for directed family use only under 21 CFR 1271.65(b)', signature: { password: 'correct horse battery staple', meaning: 'determination' } } },
    },
  })
  determine(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: EligibilityDeterminationDto) {
    return this.determinations.determine(actor, din, dto);
  }

  @Get(':din/eligibility-determination')
  @AnyStaff()
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: '`{din, determination, history, computedNow}`: the determination in force (or null) with what it rested on, voided ones with why, and the status computed now' })
  @ApiOperation({
    summary: "A unit's donor-eligibility determination and the records it rested on",
    description:
      'The determination in force (who, when, the e-signature, the computed status and reasons, the IDM results and screenings at that moment with their audit entry hashes), earlier voided determinations with the reason they were voided, and the eligibility computed now (21 CFR 1271.55(d)).',
  })
  get(@Param('din', DinPipe) din: string) {
    return this.determinations.get(din);
  }
}
