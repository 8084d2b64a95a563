import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { CustodyChainService } from './custody-chain.service';
import { CustodyChainView, HandoverDto, HandoverResultView } from './dto/custody.dto';

const DIN_PARAM = { name: 'din', description: '13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422)', example: 'W123426000001' };

@ApiTags('custody')
@ApiBearerAuth()
@Controller('units/:din/custody')
export class CustodyController {
  constructor(private readonly chains: CustodyChainService) {}

  @Get()
  @AnyStaff()
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ type: CustodyChainView })
  @ApiOperation({ summary: "The unit's chain of custody", description: "Every handover in order, from collection to delivery; `complete` is true when every event's `from` is the previous event's `to`." })
  chain(@Param('din', DinPipe) din: string): Promise<CustodyChainView> {
    return this.chains.chain(din);
  }

  @Post()
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiCreatedResponse({ type: HandoverResultView })
  @ApiOperation({ summary: 'Record a manual handover of a unit', description: '`from` must be the current custodian exactly (409 naming it otherwise); a unit still in a freezer position must be retrieved first. A time in the future or before the previous handover is 422.' })
  handover(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: HandoverDto): Promise<HandoverResultView> {
    return this.chains.handover(actor, din, dto);
  }
}
