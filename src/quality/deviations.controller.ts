import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { ApiErrors } from '../docs/manual';
import { AdverseReactionsService } from './adverse-reactions.service';
import { DeviationsService } from './deviations.service';
import {
  AdverseReactionQuery, CreateAdverseReactionDto, CreateDeviationDto, DeviationQuery, UpdateAdverseReactionDto, UpdateDeviationDto,
} from './dto/quality.dto';

const DEVIATION_ID = { name: 'id', description: 'deviation id (uuid)', example: '6f1c0c52-8d7e-4f43-9b1a-0d2b9c3e4f51' };
const REACTION_ID = { name: 'id', description: 'adverse reaction id (uuid)', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
const deviationId = new UuidParamPipe('Deviation');
const reactionId = new UuidParamPipe('Adverse reaction');

@ApiTags('quality')
@ApiBearerAuth()
@Controller('deviations')
export class DeviationsController {
  constructor(private readonly deviations: DeviationsService) {}

  @Post()
  @Roles('quality_assurance', 'lab_technician', 'coordinator')
  @ApiErrors({ add: { 404: 'a unit named in `units` does not exist' } })
  @ApiCreatedResponse({ description: 'the deviation, as GET /deviations/{id}' })
  @ApiOperation({
    summary: 'Report a deviation',
    description:
      'A nonconformance (21 CFR 1271.160(b)(2), 1271.350(b); FACT-NetCord quality management): what happened, when, where it was found, category, severity and the units concerned. ' +
      'Each unit goes on_hold in the same transaction (one already on hold stays so; one no longer in the bank is recorded as not held, with why). Only QA may say `hold: false`, with `notHeldReason`. ' +
      'Numbered DV000001 … without gaps; audited on the chain deviation:<id>. QA, lab technicians and coordinators may report; QA manages it (PATCH).',
  })
  report(@CurrentActor() actor: Actor, @Body() dto: CreateDeviationDto) {
    return this.deviations.report(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOkResponse({ description: '`{items, page, pageSize, total}`: open deviations first, by the next CAPA due date, then newest' })
  @ApiOperation({
    summary: 'Deviations by status and due date',
    description: 'Open and investigating first, ordered by the earliest due date of an open CAPA action, then newest; filters status, severity, overdueCapa (an action past due and not done) and din.',
  })
  list(@Query() q: DeviationQuery) {
    return this.deviations.list(q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiParam(DEVIATION_ID)
  @ApiOkResponse({ description: 'the deviation with its units (hold, disposition), CAPA actions, closure blockers, linked adverse reaction and history (its audit chain)' })
  @ApiOperation({ summary: 'One deviation', description: 'The whole record: units with their hold and disposition, CAPA actions (owner, due date, done, effectiveness), what still blocks closure, and its audit history.' })
  get(@Param('id', deviationId) id: string) {
    return this.deviations.get(id);
  }

  @Patch(':id')
  @Roles('quality_assurance')
  @ApiErrors({ add: { 404: 'the deviation, or a unit named in `addUnits`, does not exist' } })
  @ApiParam(DEVIATION_ID)
  @ApiOkResponse({ description: 'the deviation, as GET /deviations/{id}' })
  @ApiOperation({
    summary: 'Investigate, act on and close a deviation (QA)',
    description:
      'In one transaction: the record (investigation moves it to investigating, root cause, severity), more units (held), a disposition per unit, CAPA actions (owner, due date), done and effectiveness checks, ' +
      'and closure with QA\'s e-signature (meaning `closure`), refused (409) while a CAPA action is not done with its effectiveness checked or a unit has no disposition. A closed deviation does not change again.',
  })
  update(@CurrentActor() actor: Actor, @Param('id', deviationId) id: string, @Body() dto: UpdateDeviationDto) {
    return this.deviations.update(actor, id, dto);
  }
}

@ApiTags('quality')
@ApiBearerAuth()
@Controller('adverse-reactions')
export class AdverseReactionsController {
  constructor(private readonly reactions: AdverseReactionsService) {}

  @Post()
  @Roles('medical_director', 'coordinator')
  @ApiCreatedResponse({ description: 'the adverse reaction, as GET /adverse-reactions/{id}' })
  @ApiOperation({
    summary: 'Report an adverse reaction after infusion',
    description:
      'The release request (delivered or completed) and so its unit, onset (not before the infusion), description, severity, seriousness criteria, causality and when the bank received the information. ' +
      'A serious one has a report-to-FDA due date 15 calendar days after receipt (21 CFR 1271.350(a)(2)), shown with the days left. Numbered AR000001 …; audited on its chain and the unit\'s.',
  })
  report(@CurrentActor() actor: Actor, @Body() dto: CreateAdverseReactionDto) {
    return this.reactions.report(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOkResponse({ description: '`{items, page, pageSize, total}`: serious reactions awaiting their FDA report first, soonest deadline first' })
  @ApiOperation({ summary: 'Adverse reactions, FDA reports due first', description: 'Serious reactions not yet reported to FDA first (soonest due date first), then newest; filters serious, fdaPending and din.' })
  list(@Query() q: AdverseReactionQuery) {
    return this.reactions.list(q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiParam(REACTION_ID)
  @ApiOkResponse({ description: 'the reaction with its FDA report clock `{required, dueDate, daysLeft, overdue, reportedAt, reference}`, linked deviation and history' })
  @ApiOperation({ summary: 'One adverse reaction', description: 'With the FDA report clock (due date and days left while it runs), the deviation it opened if the product was implicated, and its audit history.' })
  get(@Param('id', reactionId) id: string) {
    return this.reactions.get(id);
  }

  @Patch(':id')
  @Roles('medical_director')
  @ApiParam(REACTION_ID)
  @ApiOkResponse({ description: 'the adverse reaction, as GET /adverse-reactions/{id}' })
  @ApiOperation({
    summary: 'Investigate an adverse reaction, record the FDA report',
    description:
      'Causality, investigation, severity and seriousness; the FDA report (date and reference) stops the clock; `productImplicated: true` opens a deviation of the bank with the unit in the same act ' +
      '(the unit held if still in the bank), linked both ways.',
  })
  update(@CurrentActor() actor: Actor, @Param('id', reactionId) id: string, @Body() dto: UpdateAdverseReactionDto) {
    return this.reactions.update(actor, id, dto);
  }
}
