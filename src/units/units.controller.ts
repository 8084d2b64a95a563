import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { StatusChangeDto, UnitCorrectionDto, UnitQuery } from './dto/units.dto';
import { AboTypingDto, HlaTypingDto, ProcessingDto, ReceiptDto, SterilityDto } from './dto/results.dto';
import { UnitWorkflowService } from './unit-workflow.service';
import { UnitsService } from './units.service';

const DIN_PARAM = { name: 'din', description: '13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422)', example: 'W123426000001' };

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly workflow: UnitWorkflowService,
  ) {}

  @Get()
  @AnyStaff()
  @ApiOperation({ summary: 'List units by status, banking type, freezer; paginated' })
  list(@Query() q: UnitQuery) {
    return this.workflow.list(q);
  }

  @Get(':din')
  @AnyStaff()
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'The whole unit: status, results, HLA, location, custodian, excursions, reservation' })
  get(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string) {
    return this.units.view(din, actor);
  }

  @Patch(':din')
  @Roles('lab_technician', 'quality_assurance')
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Correct recorded data (reason required; the audit keeps the old values). Status is never corrected here.' })
  correct(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: UnitCorrectionDto) {
    return this.workflow.correct(actor, din, dto);
  }

  @Post(':din/receipt')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Receipt at the laboratory: collected → received; late or out-of-temperature arrivals are flagged' })
  receipt(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: ReceiptDto) {
    return this.workflow.receipt(actor, din, dto);
  }

  @Post(':din/processing')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Processing results: received → processed; later results replace older ones only when newer' })
  processing(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: ProcessingDto) {
    return this.workflow.processing(actor, din, dto);
  }

  @Post(':din/hla')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'HLA typing (A, B, DRB1; C, DQB1 optional), alleles like 02:01' })
  hla(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: HlaTypingDto) {
    return this.workflow.hla(actor, din, dto);
  }

  @Post(':din/abo')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'ABO/Rh typing' })
  abo(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: AboTypingDto) {
    return this.workflow.abo(actor, din, dto);
  }

  @Post(':din/sterility')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Sterility cultures (aerobic, anaerobic); a positive culture blocks release' })
  sterility(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: SterilityDto) {
    return this.workflow.sterility(actor, din, dto);
  }

  @Post(':din/status')
  @HttpCode(200)
  @Roles('quality_assurance')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: 'the unit after the change' })
  @ApiOperation({ summary: 'QA transitions: quarantine, available (e-signed, all release criteria), on_hold, release of a hold, discarded (e-signed), rejected' })
  status(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: StatusChangeDto) {
    return this.workflow.changeStatus(actor, din, dto);
  }
}
