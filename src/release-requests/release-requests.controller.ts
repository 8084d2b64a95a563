import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import {
  ApproveDto, CancelDto, CreateReleaseRequestDto, DeliverDto, OutcomeDto, ReleaseRequestPage, ReleaseRequestQuery, ReleaseRequestView, ReserveDto, ShipDto,
} from './dto/release-request.dto';
import { ReleaseRequestsService } from './release-requests.service';

const ID_PARAM = { name: 'id', description: 'release request id (uuid)', example: '3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' };
const requestId = new UuidParamPipe('Release request');

@ApiTags('search and release')
@ApiBearerAuth()
@Controller('release-requests')
export class ReleaseRequestsController {
  constructor(private readonly requests: ReleaseRequestsService) {}

  @Post()
  @Roles('coordinator')
  @ApiCreatedResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Submit a release request', description: 'From a transplant centre or a family: facility, physician, patient (identifier, weight, diagnosis, HLA), intended use and needed-by date. Patient HLA is required for allogeneic_transplant and clinical_trial. Numbered RR000001 …, audited on its own chain.' })
  submit(@CurrentActor() actor: Actor, @Body() dto: CreateReleaseRequestDto) {
    return this.requests.submit(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: ReleaseRequestPage })
  @ApiOperation({ summary: 'Release requests, newest first', description: 'Optionally by status, paginated. The patient identifier and diagnosis only for admin, coordinator and medical director.' })
  list(@CurrentActor() actor: Actor, @Query() q: ReleaseRequestQuery) {
    return this.requests.list(actor, q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'One release request', description: 'With its unit, reservation (match grade, dose), approval, shipment, delivery, outcome, the actions allowed next and its history (the audit chain of the request).' })
  get(@CurrentActor() actor: Actor, @Param('id', requestId) id: string) {
    return this.requests.get(actor, id);
  }

  @Post(':id/reserve')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({
    summary: 'Reserve a unit for the request',
    description:
      'The unit must be available with its release criteria met, its use allowed (family units for family uses), graded ≥ 4/6 for unrelated use, and ≥ 2.5 × 10^7 TNC/kg or given an overrideReason. ' +
      'A unit is reserved by one request only, under any number of concurrent calls and app instances; the others get 409.',
  })
  reserve(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: ReserveDto) {
    return this.requests.reserve(actor, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('medical_director')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Release approval, e-signed', description: 'The medical director approves the reserved unit for this patient with an e-signature (21 CFR Part 11.200); the release criteria are checked again.' })
  @ApiBody({ type: ApproveDto, examples: { approval: { summary: 'approval', value: { signature: { email: 'medical.director@bank.example', password: 'correct horse battery staple', meaning: 'approval' } } } } })
  approve(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: ApproveDto) {
    return this.requests.approve(actor, id, dto);
  }

  @Post(':id/ship')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Ship the approved unit', description: 'Retrieves the unit from storage and hands it to the courier, with dry shipper and temperature logger ids; two custody events. Release criteria are checked again; `dispatchedAt` must follow the approval.' })
  ship(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: ShipDto) {
    return this.requests.ship(actor, id, dto);
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Record delivery to the requesting facility', description: 'Who received it and when (after dispatch), and whether the shipper temperature log was within limits; a delivery with `temperatureOk: false` is recorded and the unit is still delivered.' })
  deliver(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: DeliverDto) {
    return this.requests.deliver(actor, id, dto);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Record the infusion', description: 'The infusion time (after receipt) and notes; the unit becomes `infused` and the request `completed`.' })
  outcome(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: OutcomeDto) {
    return this.requests.outcome(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReleaseRequestView })
  @ApiOperation({ summary: 'Cancel the request before shipping', description: 'With a reason; a reserved unit returns to available, or goes on hold if its release criteria now fail (e.g. an excursion during the reservation).' })
  cancel(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Body() dto: CancelDto) {
    return this.requests.cancel(actor, id, dto);
  }
}
