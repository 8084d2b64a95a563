import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, IntegrationOnly, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { DismissLabEventDto, LabBatchAnswer, LabEventAnswer, LabEventBatchDto, LabEventDto, LabEventPage, LabEventQuery, LabEventView, MAX_BATCH } from './dto/lab-event.dto';
import { splitBody } from './lab-event-parser';
import { LabEventsService } from './lab-events.service';

const at = '2026-03-12T10:15:00Z';
const EXAMPLES = {
  'sample.received': { eventId: 'lims-000101', type: 'sample.received', occurredAt: at, din: 'W123426000042', data: { receivedAt: at, temperatureOk: true } },
  'processing.completed': {
    eventId: 'lims-000102',
    type: 'processing.completed',
    occurredAt: at,
    din: 'W123426000042',
    data: { processedAt: at, volumeMl: 25, tncCount: 1.45e9, cd34Count: 4.2e6, viabilityPct: 92.5, cfuCount: 3.1e5, nrbcCount: 2.0e7, method: 'AXP' },
  },
  'hla.typed': {
    eventId: 'hla-77812',
    type: 'hla.typed',
    occurredAt: at,
    din: 'W123426000042',
    data: { loci: { A: ['02:01', '24:02'], B: ['07:02', '44:02'], C: ['07:02', '05:01'], DRB1: ['15:01', '04:01'], DQB1: ['06:02', '03:02'] }, resolution: 'high', method: 'NGS' },
  },
  'abo.typed': { eventId: 'lims-000103', type: 'abo.typed', occurredAt: at, din: 'W123426000042', data: { abo: 'O', rh: 'positive' } },
  'sterility.resulted': { eventId: 'micro-5521', type: 'sterility.resulted', occurredAt: at, din: 'W123426000042', data: { aerobic: 'negative', anaerobic: 'negative' } },
  'idm.resulted': {
    eventId: 'idm-9001',
    type: 'idm.resulted',
    occurredAt: at,
    donorNumber: 'D0000042',
    performedBy: 'K. Osei (MLS)',
    data: {
      marker: 'HIV-1', result: 'negative', sampleDrawnAt: '2026-03-09T07:00:00Z', testedAt: '2026-03-10T12:00:00Z',
      testKit: 'Procleix Ultrio Elite Assay (FDA-licensed)', method: 'NAT', lab: 'Regional IDM laboratory', labCliaNumber: '05D1234567', transfusedBeforeSample: false,
    },
  },
  'freezer.temperature': { eventId: 'mon-LN2-01-1741774500', type: 'freezer.temperature', occurredAt: at, freezer: 'LN2-01', data: { temperatureC: -182.5 } },
};

@ApiTags('lab events')
@ApiExtraModels(LabEventDto, LabEventBatchDto)
@Controller('lab/events')
export class LabEventsController {
  constructor(private readonly labEvents: LabEventsService) {}

  @Post()
  @IntegrationOnly()
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: `Post one lab event, or {events: [...]} with up to ${MAX_BATCH} (integrations, X-API-Key)`,
    description:
      '`eventId` is unique per integration; a retry with the same body (same canonical JSON: key order and spacing do not matter) answers 200 with the first answer ' +
      '(headers Idempotent-Replayed: true and X-Lab-Event-Status: the current status), with another body 409. A single event answers 201 when applied, 202 when parked ' +
      '(its unit or donor is not known yet: it is applied when it is created), 422 when invalid (not stored), and 409 (state conflict) or 422 (unknown freezer) with ' +
      '`labEventId` and `eventStatus: "rejected"` when it is kept but its subject can not take it. A batch answers 200 with one result per event, in order. ' +
      'An older result arriving after a newer one is kept in the history (`superseded: true`) without replacing the current value. ' +
      'Bodies over 1 MiB are 413; the rate limit per integration answers 429 with Retry-After (a batch counts each event).',
  })
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(LabEventDto) }, { $ref: getSchemaPath(LabEventBatchDto) }] },
    examples: {
      ...Object.fromEntries(Object.entries(EXAMPLES).map(([type, value]) => [type, { summary: type, value }])),
      batch: { summary: 'a batch', value: { events: [EXAMPLES['abo.typed'], EXAMPLES['sterility.resulted']] } },
    },
  })
  @ApiResponse({ status: 201, description: 'applied', type: LabEventAnswer })
  @ApiResponse({ status: 202, description: 'kept and parked until its unit or donor is created', type: LabEventAnswer })
  @ApiResponse({ status: 200, description: 'a batch (one result per event), or a retry of an event already received (its first answer)', type: LabBatchAnswer })
  @ApiResponse({ status: 401, description: 'no, wrong or revoked API key' })
  @ApiResponse({ status: 403, description: 'a staff token (this route is for integrations)' })
  @ApiResponse({ status: 409, description: 'eventId reused with another body (IDEMPOTENCY_CONFLICT); or the event was kept as rejected: its unit is in a state that does not take it' })
  @ApiResponse({ status: 413, description: 'body over 1 MiB' })
  @ApiResponse({ status: 422, description: `invalid event (unknown type, missing or malformed field, per field: data.loci.A ...), more than ${MAX_BATCH} events` })
  @ApiResponse({ status: 429, description: 'rate limited; Retry-After says when to send again' })
  async receive(@CurrentActor() actor: Actor, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const split = splitBody(body);
    this.labEvents.admit(actor.id, split.batch ? split.events.length : 1);
    if (split.batch) {
      reply.status(200);
      return this.labEvents.receiveBatch(actor, split.events);
    }
    const answer = await this.labEvents.receiveOne(actor, split.event);
    reply.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
    if (answer.problem) {
      reply.header('content-type', 'application/problem+json; charset=utf-8');
      return actor.requestId ? { ...answer.body, requestId: actor.requestId } : answer.body;
    }
    return answer.body;
  }

  @Get()
  @Roles('lab_technician', 'quality_assurance', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Received lab events, newest first', description: 'Filtered by `status` and `type`; `status=parked` lists those waiting for their unit or donor. Each with its integration, outcome and problem.' })
  @ApiOkResponse({ type: LabEventPage })
  list(@Query() q: LabEventQuery): Promise<LabEventPage> {
    return this.labEvents.list(q);
  }

  @Get(':id')
  @Roles('lab_technician', 'quality_assurance', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One received lab event', description: 'The event exactly as received (raw body and its hash), its integration, status (applied, parked, rejected) and the problem when it did not apply.' })
  @ApiOkResponse({ type: LabEventView })
  get(@Param('id', new UuidParamPipe('Lab event')) id: string): Promise<LabEventView> {
    return this.labEvents.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('lab_technician')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Apply a parked or rejected event again',
    description: 'Answers 200 with the event and its new outcome (applied, or still parked/rejected with the problem). An applied event is 409: it is never applied twice.',
  })
  @ApiOkResponse({ type: LabEventView })
  replay(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Lab event')) id: string): Promise<LabEventView> {
    return this.labEvents.replay(actor, id);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles('quality_assurance', 'lab_technician')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Dismiss a parked event, with a reason (QA, lab technician)',
    description:
      'DESIGN.md section 7: a parked event that will not be applied is set aside. It stays stored as received, with status `dismissed` and who, when and why; the dismissal is on the event’s audit chain (`lab_event:<id>`). Only a parked event can be dismissed (409 otherwise); a dismissed event is never applied.',
  })
  @ApiOkResponse({ type: LabEventView, description: 'the event, now dismissed' })
  dismiss(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Lab event')) id: string, @Body() dto: DismissLabEventDto): Promise<LabEventView> {
    return this.labEvents.dismiss(actor, id, dto.reason);
  }
}
