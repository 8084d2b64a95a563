import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import {
  ApproveDto, CancelDto, CreateReleaseRequestDto, DeliverDto, OutcomeDto, ReleaseRequestPage, ReleaseRequestQuery, ReleaseRequestView, ReserveDto, ShipDto,
} from './dto/release-request.dto';
import { ReleaseRequestsService } from './release-requests.service';

const ID_PARAM = { name: 'id', description: 'release request id (uuid)', example: '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' };
const requestId = new UuidParamPipe('Release request');

@ApiTags('release-requests')
@ApiBearerAuth()
@Controller('release-requests')
export class ReleaseRequestsController {
  constructor(private readonly requests: ReleaseRequestsService) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Submit a release request (transplant centre or family); patient HLA is required for unrelated use' })
  submit(@CurrentActor() actor: Actor, @Body() dto: CreateReleaseRequestDto) {
    return this.requests.submit(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: ReleaseRequestPage })
  @ApiOperation({ summary: 'Release requests, newest first, optionally by status; paginated' })
  list(@CurrentActor() actor: Actor, @Query() q: ReleaseRequestQuery) {
    return this.requests.list(actor, q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'One release request with its unit, every step and its history (the audit chain of the request)' })
  get(@CurrentActor() actor: Actor, @Param('id', requestId) id: string) {
    return this.requests.get(actor, id);
  }

  @Post(':id/reserve')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({
    summary: 'Reserve a unit: available, release criteria met, use allowed, ≥ 4/6 for unrelated use, ≥ 2.5 × 10^7 TNC/kg or overrideReason',
    description: 'A unit is reserved by one request only, under any number of concurrent calls and app instances; the others get 409.',
  })
  reserve(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: ReserveDto) {
    return this.requests.reserve(actor, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('medical_director')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Release approval by the medical director, e-signed (21 CFR Part 11.200)' })
  approve(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: ApproveDto) {
    return this.requests.approve(actor, id, dto);
  }

  @Post(':id/ship')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Ship: retrieve the unit from storage and hand it to the courier (dry shipper and temperature logger ids)' })
  ship(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: ShipDto) {
    return this.requests.ship(actor, id, dto);
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Delivery: receipt by the requesting facility, with the shipper temperature ok or not' })
  deliver(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: DeliverDto) {
    return this.requests.deliver(actor, id, dto);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Outcome: the infusion date and notes; the unit becomes infused and the request completed' })
  outcome(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: OutcomeDto) {
    return this.requests.outcome(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Cancel before shipping, with a reason; a reserved unit returns to available' })
  cancel(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: CancelDto) {
    return this.requests.cancel(actor, id, dto);
  }
}
