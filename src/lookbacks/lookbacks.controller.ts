import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { CloseLookbackDto, CreateLookbackDto, DispositionDto, LookbacksQuery, LookbackUnitsQuery, NotificationDto } from './dto/lookbacks.dto';
import { lookbackCsv, lookbackPdf } from './lookback-report';
import { LookbacksService } from './lookbacks.service';

const ID_PARAM = { name: 'id', description: 'look-back id (uuid)', example: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };

@ApiTags('quality')
@ApiBearerAuth()
@Controller('lookbacks')
export class LookbacksController {
  constructor(private readonly lookbacks: LookbacksService) {}

  @Post()
  @Roles('quality_assurance')
  @ApiOperation({
    summary: 'Open a look-back (recall): find, hold and list every affected unit',
    description: 'From a donor (e.g. a later positive marker), a supply lot, a freezer over a time window (the storage history), a piece of equipment over a time window of use (by default from the day of its last calibration to when it was taken out of service: "which units did it touch since its last good calibration", 21 CFR 1271.200(e)) or a list of DINs (21 CFR 1271.290). In one transaction: every affected unit still in the bank goes `on_hold` (a reserved one keeps its reservation), the distributed ones are listed with their consignees (the release request\'s facility and physician) to notify. A unit held by an open look-back can not leave its hold until the look-back gives it a disposition. Numbered LB000001…; audited on `lookback:<id>`.',
  })
  @ApiCreatedResponse({ description: 'the look-back with its counts and consignees' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLookbackDto) {
    return this.lookbacks.create(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOperation({ summary: 'Look-backs, newest first', description: 'Newest first, each with its trigger, counts, units still without a disposition and consignees still to notify; filters by status and trigger type.' })
  @ApiOkResponse({ description: 'a page of look-backs' })
  list(@Query() q: LookbacksQuery) {
    return this.lookbacks.list(q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiParam(ID_PARAM)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'One look-back (JSON, or its CSV report with Accept: text/csv)', description: 'Its trigger, reason, counts by what was done (held, already on hold, distributed, out of inventory), units still without a disposition, each consignee with its notifications, whether it may close, and its closure. With `Accept: text/csv`, the CSV report (as /report.csv).' })
  @ApiOkResponse({ description: 'the look-back' })
  async get(@Param('id', new UuidParamPipe('Look-back')) id: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (accept && /\btext\/csv\b/i.test(accept) && !/application\/json/i.test(accept)) return this.sendCsv(id, reply);
    return this.lookbacks.get(id);
  }

  @Get(':id/units')
  @AnyStaff()
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'The units of a look-back', description: 'By DIN: the status it was found in, what was done (held, already_on_hold, distributed, out_of_inventory), its status now, its release request and consignee, and its disposition; filters by action and pending disposition.' })
  @ApiOkResponse({ description: 'a page of units' })
  units(@Param('id', new UuidParamPipe('Look-back')) id: string, @Query() q: LookbackUnitsQuery) {
    return this.lookbacks.listUnits(id, q);
  }

  @Post(':id/dispositions')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'Record the disposition of units of a look-back', description: 'One disposition for one or many of its units, with the reason, each checked against the unit: discarded (the unit is discarded), returned_to_inventory (still in the bank; QA may then release its hold), recalled (distributed, not infused), used_recipient_followed_up (infused), no_action. Once per unit (409).' })
  @ApiOkResponse({ description: 'the look-back' })
  disposition(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Look-back')) id: string, @Body() dto: DispositionDto) {
    return this.lookbacks.disposition(actor, id, dto);
  }

  @Post(':id/notifications')
  @Roles('quality_assurance')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'Record the notification of a consignee', description: 'Who was notified (the consignee and the person reached), when, how (phone, e-mail, fax, letter, in person), whether and when it was acknowledged, and who recorded it. A consignee may be notified more than once; closure needs at least one notification of each.' })
  @ApiCreatedResponse({ description: 'the look-back' })
  notify(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Look-back')) id: string, @Body() dto: NotificationDto) {
    return this.lookbacks.notify(actor, id, dto);
  }

  @Post(':id/close')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'Close a look-back (QA, e-signature meaning closure)', description: 'Only when every unit has a disposition and every consignee a recorded notification (409 with the counts otherwise); signed by QA (password again, meaning `closure`; 21 CFR Part 11.200). Nothing of a closed look-back changes afterwards.' })
  @ApiOkResponse({ description: 'the closed look-back' })
  close(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Look-back')) id: string, @Body() dto: CloseLookbackDto) {
    return this.lookbacks.close(actor, id, dto);
  }

  @Get(':id/report.csv')
  @AnyStaff()
  @ApiParam(ID_PARAM)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The look-back report as CSV', description: 'The header (number, trigger, reason, opened, closure), every unit with what was found, done and decided, and every consignee with its notifications (one not notified says so).' })
  @ApiOkResponse({ description: 'text/csv' })
  csv(@Param('id', new UuidParamPipe('Look-back')) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.sendCsv(id, reply);
  }

  @Get(':id/report.pdf')
  @AnyStaff()
  @ApiParam(ID_PARAM)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The look-back report as PDF', description: 'The same content as the CSV report, laid out for filing with the quality records (generated with pdfkit).' })
  @ApiOkResponse({ description: 'application/pdf' })
  async pdf(@Param('id', new UuidParamPipe('Look-back')) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const data = await this.lookbacks.reportData(id);
    const pdf = await lookbackPdf(data);
    reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${String(data.lookback.number)}.pdf"`);
    return pdf;
  }

  private async sendCsv(id: string, reply: FastifyReply): Promise<string> {
    const data = await this.lookbacks.reportData(id);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${String(data.lookback.number)}.csv"`);
    return lookbackCsv(data);
  }
}
