import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ROLES } from '../../common/actor';
import { CursorField, PageSizeField } from '../../common/pagination';

export const ALARM_STATES = ['open', 'acknowledged', 'escalated', 'cleared'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
export const ALARM_EVENTS = ['raised', 'escalated', 'acknowledged', 'cleared'] as const;
export type AlarmEvent = (typeof ALARM_EVENTS)[number];
export const WEBHOOK_EVENTS = ALARM_EVENTS.map((e) => `alarm.${e}`);

export class AlarmsQuery {
  @ApiPropertyOptional({ enum: ALARM_STATES, example: 'open', description: 'only alarms in this state' })
  @IsOptional()
  @IsIn(ALARM_STATES)
  state?: AlarmState;

  @ApiPropertyOptional({ example: 'excursion', description: 'only alarms of this kind' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{3,40}$/)
  kind?: string;

  @PageSizeField(200, 50, { example: 50 })
  limit = 50;

  @CursorField(300, { example: 'WyIyMDI2LTEyLTAxVDE0OjAwOjAwWiIsIi4uLiJd' })
  cursor?: string;
}

export class AcknowledgeAlarmDto {
  @ApiProperty({ example: 'Dewar F01 lid was left open during a retrieval; closed at 14:05, readings back below -150 °C', description: 'what QA found and did' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'note must not be blank' })
  note: string;
}

export class AlarmView {
  @ApiProperty({ example: '5b1f0a8e-9a49-4c5e-8d0a-3f8e2f3a1c77' }) id: string;
  @ApiProperty({ example: 'excursion' }) kind: string;
  @ApiProperty({ enum: ['critical', 'warning'], example: 'critical' }) severity: string;
  @ApiProperty({ enum: ALARM_STATES, example: 'open' }) state: AlarmState;
  @ApiProperty({ example: 'Temperature excursion in freezer F01 (Dewar 1) since 2026-12-01T14:00:00Z' }) title: string;
  @ApiProperty({ example: 'freezer_excursion' }) subjectType: string;
  @ApiProperty({ example: '0b6c…' }) subjectId: string;
  @ApiPropertyOptional({ example: '7d7c…', nullable: true }) freezerId: string | null;
  @ApiProperty({ example: { excursionId: '0b6c…', freezerCode: 'F01', limitC: -150 } }) details: Record<string, unknown>;
  @ApiProperty({ example: '2026-12-01T14:00:01.123Z' }) raisedAt: string;
  @ApiPropertyOptional({ nullable: true, example: null }) escalatedAt: string | null;
  @ApiPropertyOptional({ nullable: true, example: null }) acknowledgedAt: string | null;
  @ApiPropertyOptional({ nullable: true, example: null }) acknowledgedBy: { id: string; name: string | null } | null;
  @ApiPropertyOptional({ nullable: true, example: null }) acknowledgementNote: string | null;
  @ApiPropertyOptional({ nullable: true, example: null }) clearedAt: string | null;
  @ApiPropertyOptional({ nullable: true, example: null }) clearedReason: string | null;
}

export class AlarmPage {
  @ApiProperty({ type: [AlarmView] }) items: AlarmView[];
  @ApiPropertyOptional({ nullable: true, example: null }) nextCursor: string | null;
}

export class SubscriptionDto {
  @ApiProperty({ enum: ROLES, example: 'quality_assurance' })
  @IsIn(ROLES)
  role: string;

  @ApiProperty({ example: 'excursion', description: 'an alarm kind (GET /notifications/subscriptions lists them)' })
  @IsString()
  @Matches(/^[a-z_]{3,40}$/)
  alarmKind: string;

  @ApiProperty({ enum: ALARM_EVENTS, example: 'raised' })
  @IsIn(ALARM_EVENTS)
  event: AlarmEvent;
}

export class PutSubscriptionsDto {
  @ApiProperty({ type: [SubscriptionDto], description: 'the whole set: replaces every subscription', example: [{ role: 'quality_assurance', alarmKind: 'excursion', event: 'raised' }] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SubscriptionDto)
  items: SubscriptionDto[];
}

export class AlarmKindView {
  @ApiProperty({ example: 'excursion' }) kind: string;
  @ApiProperty({ example: 'critical' }) severity: string;
  @ApiProperty({ example: true }) escalates: boolean;
  @ApiProperty({ example: 'A freezer reading above its limit opened a temperature excursion' }) description: string;
}

export class SubscriptionsView {
  @ApiProperty({ type: [SubscriptionDto] }) items: SubscriptionDto[];
  @ApiProperty({ type: [AlarmKindView] }) kinds: AlarmKindView[];
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://pager.bank.example/hooks/cbb', description: 'http(s) URL that receives a signed POST per alarm event' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url: string;

  @ApiProperty({ example: ['alarm.raised', 'alarm.escalated'], enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: string[];
}

export class WebhookView {
  @ApiProperty({ example: '2a4d…' }) id: string;
  @ApiProperty({ example: 'https://pager.bank.example/hooks/cbb' }) url: string;
  @ApiProperty({ example: ['alarm.raised'] }) events: string[];
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: '2026-12-01T14:00:00.000Z' }) createdAt: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({ example: 'whsec_3q2+7w…', description: 'the HMAC-SHA256 key, shown once: keep it in the receiver' }) secret: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookView] }) items: WebhookView[];
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ example: '5b1f0a8e-9a49-4c5e-8d0a-3f8e2f3a1c77' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i)
  alarmId?: string;

  @ApiPropertyOptional({ example: '2a4d0a8e-9a49-4c5e-8d0a-3f8e2f3a1c77' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i)
  webhookId?: string;

  @ApiPropertyOptional({ enum: ['email', 'webhook'], example: 'email' })
  @IsOptional()
  @IsIn(['email', 'webhook'])
  channel?: string;

  @ApiPropertyOptional({ enum: ['pending', 'sending', 'delivered', 'failed', 'not_configured'], example: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'sending', 'delivered', 'failed', 'not_configured'])
  state?: string;

  @PageSizeField(200, 50, { example: 50 })
  limit = 50;
}

export class AttemptView {
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ example: '2026-12-01T14:00:01.500Z' }) startedAt: string;
  @ApiProperty({ example: '2026-12-01T14:00:01.620Z' }) finishedAt: string;
  @ApiProperty({ enum: ['delivered', 'failed'], example: 'failed' }) outcome: string;
  @ApiPropertyOptional({ nullable: true, example: 'connect ECONNREFUSED 127.0.0.1:2525' }) error: string | null;
  @ApiPropertyOptional({ nullable: true, example: 502 }) responseStatus: number | null;
}

export class DeliveryView {
  @ApiProperty({ example: '9c1e…' }) id: string;
  @ApiProperty({ example: '5b1f…' }) alarmId: string;
  @ApiProperty({ enum: ALARM_EVENTS, example: 'raised' }) event: string;
  @ApiProperty({ enum: ['email', 'webhook'], example: 'email' }) channel: string;
  @ApiProperty({ example: 'qa@bank.example', description: 'e-mail address, or the webhook id' }) recipient: string;
  @ApiProperty({ enum: ['pending', 'sending', 'delivered', 'failed', 'not_configured'], example: 'delivered' }) state: string;
  @ApiProperty({ example: 2 }) attempts: number;
  @ApiPropertyOptional({ nullable: true, example: null }) lastError: string | null;
  @ApiProperty({ example: '2026-12-01T14:00:01.100Z' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-01T14:00:04.300Z' }) deliveredAt: string | null;
  @ApiProperty({ type: [AttemptView] }) attemptLog: AttemptView[];
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
}

export class AnchorView {
  @ApiProperty({ example: '1f0c…' }) id: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-01T02:00:00.000Z', description: 'the scheduled run it was taken for' }) scheduledFor: string | null;
  @ApiProperty({ example: '2026-12-01T02:00:00.412Z' }) takenAt: string;
  @ApiProperty({ example: '/var/lib/cbb/anchors/audit-anchor-2026-12-01T02-00-00-412Z.jsonl' }) file: string;
  @ApiProperty({ example: 'cbb-app-1' }) host: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
  @ApiProperty({ example: 1021565 }) chains: number;
}

export class AnchorPage {
  @ApiProperty({ type: [AnchorView] }) items: AnchorView[];
}
