import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db.service';
import { DonorsService } from './donors.service';
import {
  CreateConsentDto, CreateDonorDto, CreateIdmTestDto, CreateScreeningDto, DonorQuery, DonorView, EligibilityView, UpdateDonorDto, WithdrawConsentDto,
} from './dto/donor.dto';

@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class DonorsController {
  constructor(
    private readonly donors: DonorsService,
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Register a donor (the birth mother); the bank assigns the donor number' })
  @ApiCreatedResponse({ type: DonorView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDonorDto) {
    return this.donors.create(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOperation({ summary: 'Search donors by donor number or name (names: roles that see personal data)' })
  list(@CurrentActor() actor: Actor, @Query() q: DonorQuery) {
    return this.donors.list(actor, q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOperation({ summary: 'A donor with consents, screenings, IDM results and units; personal data only for admin, coordinator, medical director' })
  @ApiOkResponse({ type: DonorView })
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string) {
    return this.donors.get(actor, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Correct recorded donor data; reason required, old values kept in the audit trail' })
  correct(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: UpdateDonorDto) {
    return this.donors.correct(actor, id, dto);
  }

  @Post(':id/consents')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record a signed consent (public donation, family storage, research)' })
  addConsent(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: CreateConsentDto) {
    return this.donors.addConsent(actor, id, dto);
  }

  @Post(':id/consents/:consentId/withdraw')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: "Withdraw a consent: the record stays; the donor's released units go on hold" })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe('Donor')) id: string,
    @Param('consentId', new UuidParamPipe('Consent')) consentId: string,
    @Body() dto: WithdrawConsentDto,
  ) {
    return this.donors.withdrawConsent(actor, id, consentId, dto.reason);
  }

  @Post(':id/screenings')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record the medical and behavioural history questionnaire (21 CFR 1271.75)' })
  addScreening(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: CreateScreeningDto) {
    return this.donors.addScreening(actor, id, dto);
  }

  @Post(':id/infectious-disease-tests')
  @Roles('lab_technician')
  @ApiOperation({ summary: 'Record a maternal infectious disease marker result (21 CFR 1271.85)' })
  addIdm(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: CreateIdmTestDto) {
    return this.donors.addIdmTest(actor, id, dto);
  }

  @Get(':id/eligibility')
  @AnyStaff()
  @ApiOperation({ summary: 'Donor eligibility (21 CFR 1271): status and every reason, against the latest collection' })
  @ApiOkResponse({ type: EligibilityView })
  eligibility(@Param('id', new UuidParamPipe('Donor')) id: string) {
    return this.donors.eligibility(this.db, id);
  }

  @Get(':id/audit')
  @AnyStaff()
  @ApiOperation({ summary: "The donor's audit trail (donor data, consents, screenings, IDM results); personal data redacted for roles that may not read it" })
  async trail(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string) {
    await this.donors.get(actor, id);
    return { donorId: id, items: await this.audit.chain(`donor:${id}`, actor) };
  }

  @Get(':id/audit/verify')
  @AnyStaff()
  @ApiOperation({ summary: "Recompute the donor's audit hash chain" })
  async verify(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string) {
    await this.donors.get(actor, id);
    return this.audit.verifyChain(`donor:${id}`);
  }
}
