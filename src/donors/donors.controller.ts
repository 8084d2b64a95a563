import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db.service';
import { DonorsService } from './donors.service';
import {
  CorrectScreeningDto, CreateConsentDto, CreateDonorDto, CreateIdmTestDto, CreateScreeningDto, DonorQuery, DonorView, EligibilityView, UpdateDonorDto, WithdrawConsentDto,
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
  @ApiOperation({ summary: 'Register a donor (the birth mother)', description: 'The bank assigns the donor number (`D0000001`). Names, birth date and contact are personal data (DESIGN.md section 6); the donor\'s changes are audited on `donor:<id>`.' })
  @ApiCreatedResponse({ type: DonorView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDonorDto) {
    return this.donors.create(actor, dto);
  }

  @Get()
  @AnyStaff()
  @ApiOperation({ summary: 'Search donors by donor number or name', description: 'Paginated. `search` matches a donor number, or the start of a first or last name; names are searched and returned only for roles that may read personal data.' })
  list(@CurrentActor() actor: Actor, @Query() q: DonorQuery) {
    return this.donors.list(actor, q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOperation({ summary: 'A donor with consents, screenings, IDM results and units', description: 'Personal data (names, birth date, contact, ethnicity) only for admin, coordinator and medical director; other roles see the donor number.' })
  @ApiOkResponse({ type: DonorView })
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string) {
    return this.donors.get(actor, id);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Correct recorded donor data, with a reason', description: 'Send the reason and only the fields that change; the old values stay in the donor\'s audit trail (21 CFR Part 11.10(e)).' })
  @ApiBody({ type: UpdateDonorDto, examples: { name: { summary: 'a misspelt last name', value: { reason: 'typo in last name on the intake form', lastName: 'López' } } } })
  correct(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: UpdateDonorDto) {
    return this.donors.correct(actor, id, dto);
  }

  @Post(':id/consents')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record a signed consent', description: 'public_donation, family_storage or research, with the form version and when it was signed. A public unit needs an active public_donation consent to be released, a family unit a family_storage one.' })
  addConsent(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: CreateConsentDto) {
    return this.donors.addConsent(actor, id, dto);
  }

  @Post(':id/consents/:consentId/withdraw')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Withdraw a consent, with a reason', description: "The consent record stays (withdrawn, with reason); the donor's available and reserved units go on hold in the same transaction, and release is blocked." })
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
  @ApiOperation({ summary: 'Record the medical and behavioural history questionnaire', description: 'Questionnaire version, completion time and deferral reasons (empty = acceptable). Every screening counts: a deferral makes the donor ineligible until it is corrected with a reason (21 CFR 1271.75(d)); a newer clean questionnaire does not clear it. A deferral voids the determinations in force and holds released units.' })
  addScreening(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: CreateScreeningDto) {
    return this.donors.addScreening(actor, id, dto);
  }

  @Post(':id/screenings/:screeningId/correction')
  @HttpCode(200)
  @Roles('medical_director')
  @ApiOperation({
    summary: "Correct a screening's deferral, with a reason",
    description:
      'A deferral (21 CFR 1271.75(d)) is cleared or changed only by this correction of that questionnaire, by the medical director, with a reason; filing a newer questionnaire does not clear it. ' +
      'The audit keeps the old deferral reasons. A correction that adds a deferral voids the determinations in force and holds released units.',
  })
  correctScreening(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe('Donor')) id: string,
    @Param('screeningId', new UuidParamPipe('Screening')) screeningId: string,
    @Body() dto: CorrectScreeningDto,
  ) {
    return this.donors.correctScreening(actor, id, screeningId, dto);
  }

  @Post(':id/infectious-disease-tests')
  @Roles('lab_technician')
  @ApiOperation({ summary: 'Record a maternal infectious disease marker result', description: 'One marker of the panel (21 CFR 1271.85; WNV and T. cruzi by bank policy and FDA guidance; CMV required, a reactive one is not ineligible), or syphilis-treponemal, the confirmatory test of a reactive nontreponemal screen. Names the test kit, method (NAT or serology), CLIA laboratory and plasma-dilution assessment (21 CFR 1271.80(c), (d)); the entering user is recorded as the performer (1271.270(a)). A reactive result voids determinations in force and holds released units.' })
  addIdm(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string, @Body() dto: CreateIdmTestDto) {
    return this.donors.addIdmTest(actor, id, dto);
  }

  @Get(':id/eligibility')
  @AnyStaff()
  @ApiOperation({ summary: 'Donor eligibility (21 CFR 1271)', description: 'Computed on every call, never stored: eligible, ineligible or incomplete, with every reason (missing or reactive markers, samples outside the 7-day window, deferrals), against the latest collection.' })
  @ApiOkResponse({ type: EligibilityView })
  eligibility(@Param('id', new UuidParamPipe('Donor')) id: string) {
    return this.donors.eligibility(this.db, id);
  }

  @Get(':id/audit')
  @AnyStaff()
  @ApiOperation({ summary: "The donor's audit trail", description: 'Donor data, consents, screenings and IDM results, oldest first, hash-chained; personal data is redacted for roles that may not read it (the stored entry and its hash are untouched).' })
  async trail(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string) {
    await this.donors.get(actor, id);
    return { donorId: id, items: await this.audit.chain(`donor:${id}`, actor) };
  }

  @Get(':id/audit/verify')
  @AnyStaff()
  @ApiOperation({ summary: "Verify the donor's audit hash chain", description: 'Recomputes the SHA-256 chain of `donor:<id>`; `valid: false` names the first entry that does not match.' })
  async verify(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Donor')) id: string) {
    await this.donors.get(actor, id);
    return this.audit.verifyChain(`donor:${id}`);
  }
}
