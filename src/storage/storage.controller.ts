import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
import { StorageService } from './storage.service';

const FREEZER_PARAM = { name: 'id', description: 'freezer id (uuid) or code (F01)' };
const DIN_PARAM = { name: 'din', description: '13-character DIN or 14 with check character' };

@ApiTags('storage')
@ApiBearerAuth()
@Controller('storage')
export class StorageController {
  constructor(private readonly storage: StorageService) {}

  @Post('freezers')
  @Roles('lab_technician')
  @ApiOperation({ summary: 'Create a freezer with its racks, boxes and positions (lab technician). At most 100,000 positions.' })
  @ApiCreatedResponse({ type: FreezerDetailView })
  createFreezer(@CurrentActor() actor: Actor, @Body() dto: CreateFreezerDto): Promise<FreezerDetailView> {
    return this.storage.createFreezer(actor, dto);
  }

  @Get('freezers')
  @AnyStaff()
  @ApiOperation({ summary: 'Freezers in creation order, with used and free positions, open excursion and last reading' })
  @ApiOkResponse({ type: FreezerPage })
  listFreezers(@Query() q: FreezersQuery): Promise<FreezerPage> {
    return this.storage.listFreezers(q);
  }

  @Get('freezers/:id')
  @AnyStaff()
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'One freezer with occupancy per rack and per box' })
  @ApiOkResponse({ type: FreezerDetailView })
  getFreezer(@Param('id') id: string): Promise<FreezerDetailView> {
    return this.storage.getFreezer(id);
  }

  @Patch('freezers/:id')
  @Roles('lab_technician')
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'Rename a freezer, or take it out of (back into) service with a reason (lab technician)' })
  @ApiOkResponse({ type: FreezerDetailView })
  updateFreezer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateFreezerDto): Promise<FreezerDetailView> {
    return this.storage.updateFreezer(actor, id, dto);
  }

  @Get('boxes/:id')
  @AnyStaff()
  @ApiParam({ name: 'id', description: 'box id (uuid) or label (F01-R03-B07)' })
  @ApiOperation({ summary: 'The box grid: each position with its unit (DIN, status)' })
  @ApiOkResponse({ type: BoxView })
  getBox(@Param('id') id: string): Promise<BoxView> {
    return this.storage.getBox(id);
  }

  @Get('free-positions')
  @AnyStaff()
  @ApiOperation({ summary: 'Free positions of in-service freezers in a stable order: freezer, rack, box, row, column' })
  @ApiOkResponse({ type: FreePositionsPage })
  freePositions(@Query() q: FreePositionsQuery): Promise<FreePositionsPage> {
    return this.storage.freePositions(q);
  }

  @Post('freezers/:id/temperatures')
  @Roles('lab_technician')
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'Record a temperature reading (lab technician); above the limit opens an excursion, back within closes it' })
  @ApiCreatedResponse({ type: RecordedReadingView })
  addReading(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: TemperatureReadingDto): Promise<RecordedReadingView> {
    return this.storage.addReading(actor, id, dto.temperatureC, dto.readAt);
  }

  @Get('freezers/:id/temperatures')
  @AnyStaff()
  @ApiParam(FREEZER_PARAM)
  @ApiOperation({ summary: 'Temperature readings of a freezer, newest first, between from (inclusive) and to (exclusive)' })
  @ApiOkResponse({ type: ReadingsPage })
  temperatures(@Param('id') id: string, @Query() q: TemperaturesQuery): Promise<ReadingsPage> {
    return this.storage.temperatures(id, q);
  }

  @Get('excursions')
  @AnyStaff()
  @ApiOperation({ summary: 'Temperature excursions, open and closed, newest first, with the units affected' })
  @ApiOkResponse({ type: ExcursionPage })
  listExcursions(@Query() q: ExcursionsQuery): Promise<ExcursionPage> {
    return this.storage.listExcursions(q);
  }

  @Get('excursions/:id')
  @AnyStaff()
  @ApiOperation({ summary: 'One excursion with all the units affected (paginated by DIN)' })
  @ApiOkResponse({ type: ExcursionView })
  getExcursion(@Param('id', new UuidParamPipe('Excursion')) id: string, @Query() q: ExcursionUnitsQuery): Promise<ExcursionView> {
    return this.storage.getExcursion(id, q.page, q.pageSize);
  }

  @Post('excursions/:id/units/:din/review')
  @Roles('quality_assurance')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'QA review of a closed excursion for one unit, e-signed (Part 11.200); unreviewed excursions block release' })
  @ApiOkResponse({ type: ExcursionUnitView })
  review(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe('Excursion')) id: string,
    @Param('din', DinPipe) din: string,
    @Body() dto: ReviewExcursionDto,
  ): Promise<ExcursionUnitView> {
    return this.storage.reviewExcursion(actor, id, din, dto);
  }
}

@ApiTags('storage')
@ApiBearerAuth()
@Controller('units/:din')
export class UnitStorageController {
  constructor(private readonly storage: StorageService) {}

  @Post('storage')
  @Roles('lab_technician')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Store a unit: {positionId} (id or label) or {freezerId} for its first free position. A processed unit goes to quarantine.' })
  @ApiOkResponse({ description: 'the unit, as GET /units/:din' })
  store(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: StoreUnitDto): Promise<Record<string, unknown>> {
    return this.storage.store(actor, din, dto);
  }

  @Post('move')
  @Roles('lab_technician')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Move a stored unit to another position, with a reason' })
  @ApiOkResponse({ description: 'the unit, as GET /units/:din' })
  move(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: MoveUnitDto): Promise<Record<string, unknown>> {
    return this.storage.move(actor, din, dto.positionId, dto.reason);
  }

  @Post('retrieve')
  @Roles('lab_technician')
  @HttpCode(200)
  @ApiParam(DIN_PARAM)
  @ApiOperation({ summary: 'Take a unit out of storage: reason shipping (reserved unit), discard (discarded unit) or testing (quarantine or on hold)' })
  @ApiOkResponse({ description: 'the unit, as GET /units/:din' })
  retrieve(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: RetrieveUnitDto): Promise<Record<string, unknown>> {
    return this.storage.retrieve(actor, din, dto.reason, dto.comment);
  }
}
