import { Body, CanActivate, Controller, ExecutionContext, Get, HttpCode, Injectable, Param, ParseIntPipe, Patch, Post, Query, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyStaff, CurrentActor, NoAdminRead, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { UuidParamPipe } from '../common/pipes';
import { ClinicalService, assertOutcomeReader } from './clinical.service';
import {
  AdministrationCorrectionDto, AdministrationDto, ChartQuery, ClinicalRecordView, ClinicalReferenceView, DueFollowUpsView, OutcomeSummaryView, CreateCellTypeDto, CreateDoseBandDto, CreateMeasureDto, CreateProtocolDto, CreateRouteDto, FollowUpDto,
  FollowUpQuery, MeasurementCorrectionDto, SummaryQuery, UpdateProtocolDto,
} from './dto/clinical.dto';
import { OutcomesService } from './outcomes.service';
import { ReferenceService } from './reference.service';

const ID_PARAM = { name: 'id', description: 'release request id (uuid)', example: '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' };
const requestId = new UuidParamPipe('Release request');
const RECORDERS = ['coordinator', 'medical_director'] as const;
const READERS = ['coordinator', 'medical_director', 'auditor'] as const;
const READERS_NOTE = 'Read by the medical director, coordinators and auditors only (issue 17); admin needs one of these roles itself.';

/**
 * Runs after the global AuthGuard and before validation: a reader's role is checked before their
 * query is (a role that may not read outcomes learns nothing from a 422).
 */
@Injectable()
class OutcomeReadersGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    assertOutcomeReader(context.switchToHttp().getRequest<{ actor: Actor }>().actor);
    return true;
  }
}

const visitDayPipe = new ParseIntPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'Follow-up visit day must be a whole number of days') });

/** What was given on a release request, and what followed (issue 17). */
@ApiTags('clinical use and outcomes')
@ApiBearerAuth()
@Controller('release-requests')
export class ClinicalController {
  constructor(private readonly clinical: ClinicalService) {}

  @Post(':id/administration')
  @HttpCode(201)
  @Roles(...RECORDERS)
  @ApiParam(ID_PARAM)
  @ApiCreatedResponse({ type: ClinicalRecordView, description: "the request's clinical record (as GET /release-requests/:id/clinical)" })
  @ApiOperation({
    summary: 'Record what was given: product as prepared, route, time, protocol (clinical_trial); the dose per kg is computed',
    description: 'On a delivered request this is the infusion: the unit becomes infused and the request completed (as POST /outcome). On a completed one it adds the structured record; administeredAt must be the recorded infusion time. 409 when already recorded; 422 for unknown reference codes, a missing protocol on clinical_trial, a fraction without its measured count. Coordinator or medical director.',
  })
  administration(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: AdministrationDto) {
    return this.clinical.recordAdministration(actor, id, dto);
  }

  @Patch(':id/administration')
  @Roles(...RECORDERS)
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ClinicalRecordView, description: "the request's clinical record" })
  @ApiOperation({ summary: 'Correct the administration record, with a reason (the old values stay in the audit); the dose is computed again', description: 'Coordinator or medical director.' })
  correctAdministration(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: AdministrationCorrectionDto) {
    return this.clinical.correctAdministration(actor, id, dto);
  }

  @Post(':id/follow-ups')
  @HttpCode(201)
  @Roles(...RECORDERS)
  @ApiParam(ID_PARAM)
  @ApiCreatedResponse({ type: ClinicalRecordView, description: "the request's clinical record" })
  @ApiOperation({
    summary: 'Record a follow-up visit of the schedule with structured measurements',
    description: 'Each measurement is checked against its definition (GET /clinical/reference: type, plausible range, categories, method, use): LVEF 140 % is 422, and nothing is written. 409 when the visit day is already recorded. Coordinator or medical director.',
  })
  followUp(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: FollowUpDto) {
    return this.clinical.recordFollowUp(actor, id, dto);
  }

  @Patch(':id/follow-ups/:visitDay/measurements/:measure')
  @Roles(...RECORDERS)
  @ApiParam(ID_PARAM)
  @ApiParam({ name: 'visitDay', example: 180 })
  @ApiParam({ name: 'measure', example: 'lvef_pct' })
  @ApiOkResponse({ type: ClinicalRecordView, description: "the request's clinical record" })
  @ApiOperation({ summary: 'Correct a measurement, with a reason (the old value stays in the audit)', description: 'Coordinator or medical director.' })
  correctMeasurement(
    @CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Param('visitDay', visitDayPipe) visitDay: number, @Param('measure') measure: string,
    @Body() dto: MeasurementCorrectionDto,
  ) {
    return this.clinical.correctMeasurement(actor, id, visitDay, measure, dto);
  }

  @Get(':id/clinical')
  @Roles(...READERS)
  @NoAdminRead()
  @UseGuards(OutcomeReadersGuard)
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ClinicalRecordView })
  @ApiOperation({ summary: 'The clinical record of a request: what was given, the follow-up schedule and the visits', description: READERS_NOTE })
  record(@CurrentActor() actor: Actor, @Param('id', requestId) id: string) {
    return this.clinical.record(actor, id);
  }
}

@ApiTags('clinical use and outcomes')
@ApiBearerAuth()
@Controller()
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get('follow-ups')
  @Roles(...READERS)
  @NoAdminRead()
  @UseGuards(OutcomeReadersGuard)
  @ApiOkResponse({ type: DueFollowUpsView })
  @ApiOperation({ summary: 'Follow-up visits not recorded yet: due (within the window), overdue (past it), upcoming', description: READERS_NOTE })
  followUps(@CurrentActor() actor: Actor, @Query() q: FollowUpQuery) {
    return this.outcomes.dueFollowUps(actor, q);
  }

  @Get('outcomes/summary')
  @Roles(...READERS)
  @NoAdminRead()
  @UseGuards(OutcomeReadersGuard)
  @ApiOkResponse({ type: OutcomeSummaryView })
  @ApiOperation({ summary: 'Outcome summary by use, route, cell type and dose band: counts and change from baseline (mean, median, 95 % t interval)', description: READERS_NOTE })
  summary(@CurrentActor() actor: Actor, @Query() q: SummaryQuery) {
    return this.outcomes.summary(actor, q);
  }

  @Get('outcomes/chart.svg')
  @Roles(...READERS)
  @NoAdminRead()
  @UseGuards(OutcomeReadersGuard)
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'SVG: mean change from baseline of one measure at one visit, by dose band (groups) and route (colours), with 95 % t intervals' })
  @ApiOperation({ summary: 'Chart of change by dose band and route (SVG)', description: READERS_NOTE })
  async chart(@CurrentActor() actor: Actor, @Query() q: ChartQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const svg = await this.outcomes.chart(actor, q);
    reply.header('content-type', 'image/svg+xml; charset=utf-8');
    return svg;
  }

  @Get('outcomes/export')
  @Roles(...READERS)
  @NoAdminRead()
  @UseGuards(OutcomeReadersGuard)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV (streamed), one line per measurement: no identifier, name or date; pseudonymised patients; small cells suppressed (k ≥ 5). Headers X-Export-Min-Cell-Size, X-Export-Withheld-Patients, X-Export-Suppressed-Diagnoses.' })
  @ApiOperation({ summary: 'De-identified outcome dataset (CSV)', description: READERS_NOTE })
  async export(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const e = await this.outcomes.export(actor);
    reply.header('x-export-min-cell-size', String(e.minCellSize));
    reply.header('x-export-withheld-patients', String(e.withheldPatients));
    reply.header('x-export-suppressed-diagnoses', String(e.suppressedDiagnoses));
    reply.header('cache-control', 'no-store');
    return new StreamableFile(e.stream, { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="outcomes-deidentified.csv"' });
  }
}

/** The clinical reference tables: read by every staff role, added to by admin (DESIGN.md section 6). */
@ApiTags('clinical use and outcomes')
@ApiBearerAuth()
@Controller('clinical')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('reference')
  @AnyStaff()
  @ApiOkResponse({ type: ClinicalReferenceView })
  @ApiOperation({ summary: 'The clinical reference tables: protocols, follow-up schedules, cell types, routes, dose bands, outcome measures', description: 'Every staff role. The reference tables are data kept in the database (seeded by migration, extended by admin), not code: what the administration and follow-up routes validate against.' })
  all() {
    return this.reference.all();
  }

  @Post('protocols')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'the protocol' })
  @ApiOperation({ summary: 'Add a clinical trial protocol (identifier, title, sponsor, IND or EU CT number, arms, follow-up days)', description: 'Admin. 409 for an identifier in use.' })
  createProtocol(@CurrentActor() actor: Actor, @Body() dto: CreateProtocolDto) {
    return this.reference.createProtocol(actor, dto);
  }

  @Patch('protocols/:id')
  @Roles('admin')
  @ApiParam({ name: 'id', description: 'protocol id (uuid)' })
  @ApiOkResponse({ description: 'the protocol' })
  @ApiOperation({ summary: 'Amend or deactivate a protocol, with a reason', description: 'Admin. The reason is kept on the protocol\'s reference audit chain; a deactivated protocol takes no new administrations.' })
  updateProtocol(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Protocol')) id: string, @Body() dto: UpdateProtocolDto) {
    return this.reference.updateProtocol(actor, id, dto);
  }

  @Post('routes')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'the route' })
  @ApiOperation({ summary: 'Add a route of administration', description: 'Admin. 409 for a code in use. Each addition is an entry on its reference audit chain (clinical_reference:<table>:<code>).' })
  createRoute(@CurrentActor() actor: Actor, @Body() dto: CreateRouteDto) {
    return this.reference.createRoute(actor, dto);
  }

  @Post('cell-types')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'the cell type' })
  @ApiOperation({ summary: 'Add a cell type (product as prepared) and where its dose count comes from', description: 'Admin. 409 for a code in use. Each addition is an entry on its reference audit chain (clinical_reference:<table>:<code>).' })
  createCellType(@CurrentActor() actor: Actor, @Body() dto: CreateCellTypeDto) {
    return this.reference.createCellType(actor, dto);
  }

  @Post('dose-bands')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'the dose band' })
  @ApiOperation({ summary: 'Add a dose band of a cell type (bands of one cell type do not overlap)', description: 'Admin. 409 for a code in use, 422 for an overlap.' })
  createDoseBand(@CurrentActor() actor: Actor, @Body() dto: CreateDoseBandDto) {
    return this.reference.createDoseBand(actor, dto);
  }

  @Post('measures')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'the measure' })
  @ApiOperation({ summary: 'Add an outcome measure: unit, value type, plausible range or categories, methods, the uses it applies to', description: 'Admin. 409 for a code in use. Each addition is an entry on its reference audit chain (clinical_reference:<table>:<code>).' })
  createMeasure(@CurrentActor() actor: Actor, @Body() dto: CreateMeasureDto) {
    return this.reference.createMeasure(actor, dto);
  }
}
