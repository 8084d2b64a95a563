import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyStaff, CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../common/actor';
import { UuidParamPipe } from '../common/pipes';
import { AlarmsService } from './alarms.service';
import { AnchorsService } from './anchors.service';
import { AcknowledgeAlarmDto, AlarmPage, AlarmsQuery, AlarmView, AnchorPage, CreatedWebhookView, CreateWebhookDto, DeliveriesQuery, DeliveryPage, PutSubscriptionsDto, SubscriptionsView, WebhookPage, WebhookView } from './dto/alarms.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('alarms and notifications')
@ApiBearerAuth()
@Controller('alarms')
export class AlarmsController {
  constructor(private readonly alarms: AlarmsService) {}

  @Get()
  @AnyStaff()
  @ApiOperation({ summary: 'Alarms, newest first (any staff)', description: 'Excursions, silent freezers, parked lab events; filter by `state` (open, acknowledged, escalated, cleared) and `kind`.' })
  @ApiOkResponse({ type: AlarmPage })
  list(@Query() q: AlarmsQuery): Promise<AlarmPage> {
    return this.alarms.list(q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiParam({ name: 'id', description: 'alarm id (uuid)' })
  @ApiOperation({ summary: 'One alarm (any staff)', description: 'Its audit trail is `GET /audit?chain=alarm:<id>`; its notifications `GET /notifications/deliveries?alarmId=<id>`.' })
  @ApiOkResponse({ type: AlarmView })
  get(@Param('id', new UuidParamPipe('Alarm')) id: string): Promise<AlarmView> {
    return this.alarms.get(id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('quality_assurance')
  @ApiParam({ name: 'id', description: 'alarm id (uuid)' })
  @ApiOperation({
    summary: 'Acknowledge an alarm with a note (quality assurance)',
    description: 'Stops the escalation of an open alarm; audited on the alarm chain with the note as reason. A second acknowledgement is 409.',
  })
  @ApiOkResponse({ type: AlarmView })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Alarm')) id: string, @Body() dto: AcknowledgeAlarmDto): Promise<AlarmView> {
    return this.alarms.acknowledge(actor, id, dto.note);
  }
}

@ApiTags('alarms and notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('subscriptions')
  @Roles('admin', 'quality_assurance', 'auditor')
  @ApiOperation({ summary: 'Who is e-mailed of which alarm events (admin, QA, auditor)', description: 'Per role, alarm kind and event; with the alarm kinds.' })
  @ApiOkResponse({ type: SubscriptionsView })
  subscriptions(): Promise<SubscriptionsView> {
    return this.notifications.subscriptions();
  }

  @Put('subscriptions')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the notification subscriptions (admin)', description: 'The whole set; audited on the `notification_subscriptions` chain. Escalation roles are those subscribed to `escalated`.' })
  @ApiOkResponse({ type: SubscriptionsView })
  putSubscriptions(@CurrentActor() actor: Actor, @Body() dto: PutSubscriptionsDto): Promise<SubscriptionsView> {
    return this.notifications.putSubscriptions(actor, dto);
  }

  @Get('deliveries')
  @Roles('admin', 'quality_assurance', 'auditor')
  @ApiOperation({ summary: 'Notification deliveries with their attempts, newest first (admin, QA, auditor)', description: 'Every e-mail and webhook delivery of an alarm notification, with its state (pending, sent, failed, not_configured) and each attempt; filter by alarm to see who was told.' })
  @ApiOkResponse({ type: DeliveryPage })
  deliveries(@Query() q: DeliveriesQuery): Promise<DeliveryPage> {
    return this.notifications.deliveries(q);
  }
}

@ApiTags('alarms and notifications')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Register a webhook (admin)', description: 'Returns the signing secret once. Each event is POSTed signed: X-CBB-Timestamp and X-CBB-Signature: v1=HMAC-SHA256(secret, "<timestamp>.<body>").' })
  @ApiCreatedResponse({ type: CreatedWebhookView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.notifications.createWebhook(actor, dto.url, dto.events);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Webhooks (admin); secrets are never shown again', description: 'Every registered webhook with its URL, the alarm events it receives and whether it is active; the signing secret is shown only once, when the webhook is created.' })
  @ApiOkResponse({ type: WebhookPage })
  list(): Promise<WebhookPage> {
    return this.notifications.listWebhooks();
  }

  @Delete(':id')
  @HttpCode(200)
  @Roles('admin')
  @ApiParam({ name: 'id', description: 'webhook id (uuid)' })
  @ApiOperation({ summary: 'Deactivate a webhook (admin); its deliveries stay listed', description: 'The webhook receives no new deliveries; those already recorded, with their attempts, stay listed for the record. Audited.' })
  @ApiOkResponse({ type: WebhookView })
  deactivate(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe('Webhook')) id: string): Promise<WebhookView> {
    return this.notifications.deactivateWebhook(actor, id);
  }

  @Get(':id/deliveries')
  @Roles('admin', 'quality_assurance', 'auditor')
  @ApiParam({ name: 'id', description: 'webhook id (uuid)' })
  @ApiOperation({ summary: "A webhook's deliveries with their attempts (admin, QA, auditor)", description: 'Each signed call made to this webhook: the alarm and event, the HTTP status of every attempt, and whether it is still being retried with backoff.' })
  @ApiOkResponse({ type: DeliveryPage })
  deliveries(@Param('id', new UuidParamPipe('Webhook')) id: string, @Query() q: DeliveriesQuery): Promise<DeliveryPage> {
    return this.notifications.deliveries({ ...q, webhookId: id });
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/anchors')
export class AnchorsController {
  constructor(private readonly anchors: AnchorsService) {}

  @Get()
  @Roles('admin', 'auditor', 'quality_assurance')
  @ApiOperation({ summary: 'Audit anchors taken by the daily job, newest first, with their SHA-256 (admin, auditor, QA)', description: 'Each anchor file written to AUDIT_ANCHOR_DIR by the scheduled job, with its SHA-256: check a file with `npm run audit:verify -- --anchor <file>` (Part 11.10(e)).' })
  @ApiOkResponse({ type: AnchorPage })
  list(): Promise<AnchorPage> {
    return this.anchors.list();
  }
}
