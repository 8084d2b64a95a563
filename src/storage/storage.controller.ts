import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { UuidParamPipe } from '../common/pipes';
import {
  BoxView,
  CreateFreezerDto,
  ExcursionPage,
  ExcursionsQuery,
  ExcursionUnitsQuery,
  ExcursionUnitView,
  ExcursionView,
  FreePositionsPage,
  FreePositionsQuery,
  FreezerDetailView,
  FreezerPage,
  FreezersQuery,
  FreezerTemperatureReviewDto,
  MoveUnitDto,
  ReadingsPage,
  RecordedReadingView,
  RetrieveUnitDto,
  ReviewExcursionDto,
  StoreUnitDto,
  TemperatureReadingDto,
  TemperaturesQuery,
  UpdateFreezerDto,
} from './dto/storage.dto';
import { ExcursionsService } from './excursions.service';
import { FreezerReviewsService } from './freezer-reviews.service';
import { FreezersService } from './freezers.service';
import { StorageWorkflowService } from './storage-workflow.service';

const FREEZER_PARAM = { name: 'id', description: 'freezer id (uuid) or code (F01)', example: 'F01' };
const DIN_PARAM = { name: 'din', description: '13-character DIN or 14 with check character' };

@ApiTags('storage')
@ApiBearerAuth()
@Controller('storage')
export class StorageController {
  constructor(
    private readonly freezers: FreezersService,
    private readonly excursions: ExcursionsService,
    private readonly workflow: StorageWorkflowService,
    private readonly reviews: FreezerReviewsService,
  ) {}

  @Post('freezers')
  @Roles('lab_technician')
  @ApiOperation({ summary: 'Create a freezer with its racks, boxes and positions', description: 'Liquid nitrogen, vapour phase or mechanical, with its temperature limit (default −150 °C) and layout; codes F01, F02 … in creation order; at most 100,000 positions. Layout and limit are fixed once created.' })
  @ApiCreatedResponse({ type: FreezerDetailView })
  createFreezer(@CurrentActor() actor: Actor, @Body() dto: CreateFreezerDto): Promise<FreezerDetailView> {
    return this.freezers.createFreezer(actor, dto);
  }

  @Get('freezers')
  @AnyStaff()
  @ApiOperation({ summary: 'Freezers with occupancy', description: 'In creation order, each with used and free positions, whether it is in service, its open excursion and its last temperature reading.' })
  @ApiOkResponse({ type: FreezerPage })
  listFreezers(@Query() q: FreezersQuery): Promise<FreezerPage> {
    return this.freezers.listFreezers(q);
  }

  @Get('freezers/:id')
  @AnyStaff()
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'One freezer with occupancy per rack and box', description: 'Addressed by id, code (F01) or name; used and free positions per rack and per box, for the freezer map.' })
  @ApiOkResponse({ type: FreezerDetailView })
  getFreezer(@Param('id') id: string): Promise<FreezerDetailView> {
    return this.freezers.getFreezer(id);
  }

  @Patch('freezers/:id')
  @Roles('lab_technician')
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'Rename a freezer, or take it out of or back into service', description: 'Out of service: no new placements (the database refuses them); units already there stay, readings and excursions go on. A change of service needs a reason; freezer changes are audited on `freezer:<id>`.' })
  @ApiOkResponse({ type: FreezerDetailView })
  updateFreezer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateFreezerDto): Promise<FreezerDetailView> {
    return this.freezers.updateFreezer(actor, id, dto);
  }

  @Get('boxes/:id')
  @AnyStaff()
  @ApiParam({ name: 'id', description: 'box id (uuid) or label (F01-R03-B07)', example: 'F01-R03-B07' })
  @ApiOperation({ summary: 'The box grid', description: 'Row by row, column by column, each position with its label (F01-R03-B07-C4) and its unit (DIN, check character, status) or empty.' })
  @ApiOkResponse({ type: BoxView })
  getBox(@Param('id') id: string): Promise<BoxView> {
    return this.freezers.getBox(id);
  }

  @Get('free-positions')
  @AnyStaff()
  @ApiOperation({ summary: 'Free positions, in a stable order', description: 'Of in-service freezers (or one `freezerId`), in freezer, rack, box, row, column order, cursor-paginated: where the next unit goes.' })
  @ApiOkResponse({ type: FreePositionsPage })
  freePositions(@Query() q: FreePositionsQuery): Promise<FreePositionsPage> {
    return this.freezers.freePositions(q);
  }

  @Post('freezers/:id/temperatures')
  @Roles('lab_technician')
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'Record a temperature reading of a freezer', description: 'A reading above the limit opens an excursion recorded on every unit in the freezer (available units go on hold); one within the limit closes it. A late, older reading is judged against the history.' })
  @ApiCreatedResponse({ type: RecordedReadingView })
  addReading(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: TemperatureReadingDto): Promise<RecordedReadingView> {
    return this.workflow.addReading(actor, id, dto.temperatureC, dto.readAt);
  }

  @Get('freezers/:id/temperatures')
  @AnyStaff()
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'Temperature readings of a freezer', description: 'Newest first, between `from` (inclusive) and `to` (exclusive), cursor-paginated, each with its source (staff or lab event) and whether it was above the limit.' })
  @ApiOkResponse({ type: ReadingsPage })
  temperatures(@Param('id') id: string, @Query() q: TemperaturesQuery): Promise<ReadingsPage> {
    return this.excursions.temperatures(id, q);
  }

  @Post('freezers/:id/reviews')
  @Roles('quality_assurance')
  @HttpCode(201)
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({
    summary: "QA's periodic review of a freezer's recorded temperatures, e-signed",
    description:
      'Who reviewed (the signer), when (the database clock), the period from–to, the outcome and finding, and the corrective action when the outcome is ' +
      '`action_required` (21 CFR 1271.260(e)); signed with the meaning `review` and appended to the freezer\'s audit chain. The readings and excursions ' +
      'of the period are counted into the record. Periods follow each other without a gap (422 otherwise).',
  })
  @ApiBody({
    type: FreezerTemperatureReviewDto,
    examples: {
      monthly: {
        summary: 'a monthly review',
        value: {
          periodFrom: '2026-02-01T00:00:00Z', periodTo: '2026-03-01T00:00:00Z', outcome: 'acceptable', finding: 'All readings between -196 and -190 °C; no excursion',
          signature: { email: 'qa.lead@bank.example', password: 'correct horse battery staple', meaning: 'review' },
        },
      },
    },
  })
  @ApiCreatedResponse({ description: 'the review: `{id, freezerId, periodFrom, periodTo, outcome, finding, correctiveAction, readings, excursions, reviewedAt, reviewedBy, meaning}`' })
  addReview(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: FreezerTemperatureReviewDto) {
    return this.reviews.record(actor, id, dto);
  }

  @Get('freezers/:id/reviews')
  @AnyStaff()
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({
    summary: "A freezer's temperature reviews and when the next is due",
    description: 'Newest period first, with `intervalDays` (FREEZER_REVIEW_INTERVAL_DAYS), `reviewedUpTo`, `nextDueAt` (end of the last period reviewed, or the freezer\'s creation, plus the interval) and `overdue`.',
  })
  @ApiOkResponse({ description: '`{freezerId, intervalDays, reviewedUpTo, nextDueAt, overdue, items}`' })
  listReviews(@Param('id') id: string) {
    return this.reviews.list(id);
  }

  @Get('excursions')
  @AnyStaff()
  @ApiOperation({ summary: 'Temperature excursions', description: 'Open and closed, newest first, with peak temperature, the units affected and how many of them QA has not reviewed yet.' })
  @ApiOkResponse({ type: ExcursionPage })
  listExcursions(@Query() q: ExcursionsQuery): Promise<ExcursionPage> {
    return this.excursions.listExcursions(q);
  }

  @Get('excursions/:id')
  @AnyStaff()
  @ApiOperation({ summary: 'One excursion with the units affected', description: 'Every unit the excursion reached, paginated by DIN, with where it was and its QA review (outcome, reviewer, reason).' })
  @ApiOkResponse({ type: ExcursionView })
  getExcursion(@Param('id', new UuidParamPipe('Excursion')) id: string, @Query() q: ExcursionUnitsQuery): Promise<ExcursionView> {
    return this.excursions.getExcursion(id, q.page, q.pageSize);
  }

  @Post('excursions/:id/units/:din/review')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'QA review of an excursion for one unit, e-signed', description: 'Once the excursion is closed: `acceptable` or `unacceptable`, with a reason, the corrective action taken (21 CFR 1271.260(d), required) and an e-signature with the meaning `review` (21 CFR Part 11.200). Until accepted, the database refuses `available` and `shipped` for the unit.' })
  @ApiBody({
    type: ReviewExcursionDto,
    examples: {
      acceptable: {
        summary: 'acceptable, e-signed',
        value: { reason: 'Peak -142 °C for 20 minutes; within the validated transient-warming limits for this bag type', outcome: 'acceptable', correctiveAction: 'LN2 auto-fill valve replaced and the dewar refilled (WO-2026-118)', signature: { email: 'qa.lead@bank.example', password: 'correct horse battery staple', meaning: 'review' } },
      },
    },
  })
  @ApiOkResponse({ type: ExcursionUnitView })
  review(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe('Excursion')) id: string,
    @Param('din', DinPipe) din: string,
    @Body() dto: ReviewExcursionDto,
  ): Promise<ExcursionUnitView> {
    return this.excursions.reviewExcursion(actor, id, din, dto);
  }
}

@ApiTags('storage')
@ApiBearerAuth()
@Controller('units/:din')
export class UnitStorageController {
  constructor(private readonly workflow: StorageWorkflowService) {}

  @Post('storage')
  @Roles('lab_technician')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Store a unit in a freezer position', description: '`{positionId}` (id or label) or `{freezerId}` for its first free position. One unit per position and one position per unit, decided by the database (409 POSITION_TAKEN); a processed unit goes to quarantine.' })
  @ApiBody({
    type: StoreUnitDto,
    examples: {
      position: { summary: 'into a named position', value: { positionId: 'F01-R03-B07-C4' } },
      freezer: { summary: 'into the first free position of a freezer', value: { freezerId: 'F01' } },
    },
  })
  @ApiOkResponse({ description: 'the unit, as GET /units/:din' })
  store(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: StoreUnitDto): Promise<Record<string, unknown>> {
    return this.workflow.store(actor, din, dto);
  }

  @Post('move')
  @Roles('lab_technician')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Move a stored unit to another position', description: 'With a reason; the old position is freed and the new one taken in one transaction, and the move is on the unit\'s audit trail and custody chain.' })
  @ApiOkResponse({ description: 'the unit, as GET /units/:din' })
  move(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: MoveUnitDto): Promise<Record<string, unknown>> {
    return this.workflow.move(actor, din, dto.positionId, dto.reason);
  }

  @Post('retrieve')
  @Roles('lab_technician')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Take a unit out of storage', description: 'Reason `shipping` (a reserved unit), `discard` (a discarded unit) or `testing` (quarantine or on hold); an available unit is never retrieved. The lab (or the party given) becomes the custodian.' })
  @ApiOkResponse({ description: 'the unit, as GET /units/:din' })
  retrieve(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: RetrieveUnitDto): Promise<Record<string, unknown>> {
    return this.workflow.retrieve(actor, din, dto.reason, dto.comment);
  }
}
