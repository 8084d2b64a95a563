import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { DinPipe } from '../common/din.pipe';
import { AcceptanceDecisionDto, StatusChangeDto, UnitCorrectionDto, UnitQuery } from './dto/units.dto';
import { AboTypingDto, HlaTypingDto, ProcessingDto, ReceiptDto, SterilityDto } from './dto/results.dto';
import { UnitWorkflowService } from './unit-workflow.service';
import { UnitsService } from './units.service';

const DIN_PARAM = { name: 'din', description: '13-character ISBT 128 DIN, or 14 with its check character (a wrong one is 422), or as scanned with its 2 flag characters (data structure 001)', example: 'W123426000001' };

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
  @ApiOkResponse({ description: '`{items, page, pageSize, total}`: each unit as GET /units/:din' })
  @ApiOperation({ summary: 'List units by status, banking type or freezer', description: 'Paginated (`page`, `pageSize`, `total`), in DIN order: the inventory view, e.g. `status=quarantine` for the QA backlog or `freezerId` for a freezer\'s contents.' })
  list(@Query() q: UnitQuery) {
    return this.workflow.list(q);
  }

  @Get(':din')
  @AnyStaff()
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: 'the unit: `{din, dinCheck, status, allowedTransitions, releaseCheck: {ready, unmet[]}, bankingType, donorNumber, collection, processing, abo, rh, hla, sterility, position, custodian, excursions, reservation, …}`' })
  @ApiOperation({ summary: 'The whole unit', description: 'Status and the transitions allowed from it, collection, processing, ABO/Rh, HLA, sterility, acceptance flags, storage position, current custodian, excursions, reservation and what still blocks release.' })
  get(@Param('din', DinPipe) din: string) {
    return this.units.view(din);
  }

  @Patch(':din')
  @Roles('lab_technician', 'quality_assurance')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: 'the unit after the correction, as GET /units/:din' })
  @ApiOperation({
    summary: 'Correct recorded data of a unit, with a reason',
    description: 'Results and collection data, never status. The audit entry keeps the old and new values and the reason (21 CFR Part 11.10(e)); a correction that breaks a release criterion holds an available unit.',
  })
  @ApiBody({
    type: UnitCorrectionDto,
    examples: {
      tnc: { summary: 'a transcription error in the TNC', value: { reason: 'TNC transcribed wrongly from the counter printout', tncCount: 1.54e9 } },
      collection: { summary: 'the collection time', value: { reason: 'collection time entered in local time instead of UTC', collectedAt: '2026-03-10T07:55:00Z' } },
    },
  })
  correct(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: UnitCorrectionDto) {
    return this.workflow.correct(actor, din, dto);
  }

  @Post(':din/receipt')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: '`{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din' })
  @ApiOperation({ summary: 'Receipt at the laboratory: collected → received', description: 'The lab becomes the custodian. Arrivals later than ACCEPT_MAX_TRANSIT_HOURS after collection, out of temperature, below the volume minimum, with the container not intact or contamination suspected raise acceptance flags: the unit stays `received` with acceptance pending until QA decides (POST /units/:din/acceptance; 21 CFR 1271.265(a)). Without a flag the receipt itself accepts the unit.' })
  receipt(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: ReceiptDto) {
    return this.workflow.receipt(actor, din, dto);
  }

  @Post(':din/acceptance')
  @HttpCode(200)
  @Roles('quality_assurance')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: 'the unit after the decision, as GET /units/:din (`acceptance: {status, decidedAt, decidedBy, reason}`)' })
  @ApiOperation({
    summary: 'QA acceptance decision on a flagged receipt: accept or reject',
    description:
      'A receipt that raised an acceptance flag (late, out of temperature, low volume, container not intact, contamination suspected) leaves the unit `received` ' +
      'with acceptance pending, and processing is 409 until QA decides here (21 CFR 1271.265(a)). `accept` lets processing go on (waiting lab events apply); ' +
      '`reject` makes the unit `rejected`. A unit with no pending decision is 409.',
  })
  @ApiBody({
    type: AcceptanceDecisionDto,
    examples: {
      accept: { summary: 'accepted after evaluation', value: { decision: 'accept', reason: 'Arrived 50 h after collection; within the 72 h validated for this courier (SOP-REC-004)' } },
      reject: { summary: 'rejected', value: { decision: 'reject', reason: 'Bag seal broken on arrival; contamination can not be excluded' } },
    },
  })
  acceptance(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: AcceptanceDecisionDto) {
    return this.workflow.acceptance(actor, din, dto);
  }

  @Post(':din/processing')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: '`{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din' })
  @ApiOperation({ summary: 'Processing results: received → processed', description: 'Volume, TNC, CD34+, viability and optional CFU/NRBC counts. A result older than the one recorded is kept in the history without replacing the current value.' })
  processing(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: ProcessingDto) {
    return this.workflow.processing(actor, din, dto);
  }

  @Post(':din/hla')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: '`{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din' })
  @ApiOperation({ summary: 'HLA typing of a unit', description: 'A, B and DRB1 required, C and DQB1 optional; two alleles per locus written like `02:01` (the same twice when homozygous). A public unit needs it before release; search grades against it.' })
  hla(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: HlaTypingDto) {
    return this.workflow.hla(actor, din, dto);
  }

  @Post(':din/abo')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: '`{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din' })
  @ApiOperation({ summary: 'ABO/Rh typing of a unit', description: 'ABO group and RhD; shown on the unit and its labels. A newer typing replaces an older one; every typing stays in the audit trail.' })
  abo(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: AboTypingDto) {
    return this.workflow.abo(actor, din, dto);
  }

  @Post(':din/sterility')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: '`{applied, unit}`: `applied` is false when an older result arrived after a newer one (kept in the history, not current); `unit` as GET /units/:din' })
  @ApiOperation({ summary: 'Sterility cultures (aerobic, anaerobic)', description: 'Both cultures negative is a release criterion; a positive culture blocks release (and holds an available unit), with the organism grown.' })
  @ApiBody({
    type: SterilityDto,
    examples: {
      negative: { summary: 'both cultures negative', value: { aerobic: 'negative', anaerobic: 'negative', resultedAt: '2026-03-17T09:00:00Z' } },
      positive: { summary: 'a positive aerobic culture', value: { aerobic: 'positive', anaerobic: 'negative', organism: 'Staphylococcus epidermidis', resultedAt: '2026-03-17T09:00:00Z' } },
    },
  })
  sterility(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: SterilityDto) {
    return this.workflow.sterility(actor, din, dto);
  }

  @Post(':din/status')
  @HttpCode(200)
  @Roles('quality_assurance')
  @ApiParam(DIN_PARAM)
  @ApiOkResponse({ description: 'the unit after the change' })
  @ApiOperation({
    summary: 'QA status transition of a unit',
    description:
      'quarantine, available (e-signed; every release criterion must hold, else 409 listing the unmet ones), on_hold, release of a hold (`to` = the state before it), discarded (e-signed), rejected. ' +
      'A forbidden transition is 409 naming the allowed ones. The signer, time and meaning go into the audit entry (21 CFR Part 11.200).',
  })
  @ApiBody({
    type: StatusChangeDto,
    examples: {
      available: { summary: 'release from quarantine (e-signed)', value: { to: 'available', reason: 'all release criteria reviewed', signature: { email: 'qa.lead@bank.example', password: 'correct horse battery staple', meaning: 'release' } } },
      hold: { summary: 'QA hold', value: { to: 'on_hold', reason: 'label discrepancy under investigation' } },
      discard: { summary: 'discard (e-signed)', value: { to: 'discarded', reason: 'positive sterility culture confirmed', signature: { email: 'qa.lead@bank.example', password: 'correct horse battery staple', meaning: 'discard' } } },
    },
  })
  status(@CurrentActor() actor: Actor, @Param('din', DinPipe) din: string, @Body() dto: StatusChangeDto) {
    return this.workflow.changeStatus(actor, din, dto);
  }
}
