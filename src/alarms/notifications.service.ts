import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { JobHelpers } from 'graphile-worker';
import { createTransport, type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { systemActor, type Actor } from '../common/actor';
import { notFound, validationFailed } from '../common/domain-error';
import { RuntimeSettings } from '../config/runtime';
import { Db } from '../database/db.service';
import { addJob, JobsService } from '../jobs/jobs.service';
import { alarmView, type AlarmRow } from './alarms.service';
import type {
  AlarmEvent,
  CreatedWebhookView,
  DeliveriesQuery,
  DeliveryPage,
  PutSubscriptionsDto,
  SubscriptionsView,
  WebhookPage,
  WebhookView,
} from './dto/alarms.dto';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

export const NOTIFY_TASK = 'alarm.notify';
export const DELIVER_TASK = 'notification.deliver';
/** How long a worker holds a delivery while sending; after it the sweep gives it to another worker. */
const LEASE_SECONDS = 120;
const SEND_TIMEOUT_MS = 10_000;

interface DeliveryRow {
  id: string;
  alarm_id: string;
  event: AlarmEvent;
  channel: 'email' | 'webhook';
  recipient: string;
  webhook_id: string | null;
  state: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  secret: string;
  active: boolean;
  created_at: Date;
}

const webhookView = (w: WebhookRow): WebhookView => ({ id: w.id, url: w.url, events: w.events, active: w.active, createdAt: w.created_at.toISOString() });

/** What a send attempt came to. */
interface Outcome {
  ok: boolean;
  error?: string;
  responseStatus?: number;
}

/**
 * Notifications of alarms (DESIGN.md section 10): per-role e-mail subscriptions and signed webhooks.
 * An alarm event (raised, escalated, acknowledged, cleared) fans out into one delivery row per
 * recipient — unique on (alarm, event, channel, recipient), so a retried fan-out or a second instance
 * never makes a second one — and one queued job per delivery. A delivery is claimed with a lease
 * before it is sent, each attempt is recorded, and a failure is retried by the queue with exponential
 * backoff; nothing is dropped while the mail server or the receiver is down.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly log = new Logger('Notifications');
  private readonly system = systemActor('notifications');
  private mailer?: Transporter;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly settings: RuntimeSettings,
  ) {}

  onModuleInit(): void {
    this.jobs.task(NOTIFY_TASK, async (payload) => {
      const p = payload as { alarmId: string; event: AlarmEvent };
      await this.fanOut(p.alarmId, p.event);
    });
    this.jobs.task(DELIVER_TASK, async (payload, helpers) => {
      await this.deliver((payload as { deliveryId: string }).deliveryId, helpers);
    });
    if (!this.settings.config.SMTP_URL) {
      this.log.warn('SMTP_URL is not set: alarm e-mails are recorded as not_configured and not sent (webhooks still are)');
    }
  }

  private get transport(): Transporter | undefined {
    const url = this.settings.config.SMTP_URL;
    if (!url) return undefined;
    // the URL's options (host, port, smtps, credentials, ?query options) with our time limits, so a
    // mail server that hangs fails the attempt (and is retried) instead of holding the worker
    this.mailer ??= createTransport({ ...parseConnectionUrl(url), connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: 2 * SEND_TIMEOUT_MS });
    return this.mailer;
  }

  /** One delivery per subscribed user's address and per webhook taking the event; each queued once. */
  async fanOut(alarmId: string, event: AlarmEvent): Promise<void> {
    const emailState = this.settings.config.SMTP_URL ? 'pending' : 'not_configured';
    await this.db.tx(this.system, async (tx) => {
      const alarm = await tx.one<{ kind: string }>(`SELECT kind FROM alarms WHERE id = $1`, [alarmId]);
      if (!alarm) return;
      const emails = await tx.query<{ id: string; state: string }>(
        `INSERT INTO notification_deliveries (alarm_id, event, channel, recipient, user_id, state, last_error)
         SELECT DISTINCT ON (lower(u.email)) $1::uuid, $2, 'email', lower(u.email), u.id, $3, $4
           FROM notification_subscriptions s JOIN users u ON u.active AND s.role = ANY (u.roles)
          WHERE s.alarm_kind = $5 AND s.event = $2
          ORDER BY lower(u.email), u.id
         ON CONFLICT (alarm_id, event, channel, recipient) DO NOTHING
         RETURNING id, state`,
        [alarmId, event, emailState, emailState === 'not_configured' ? 'SMTP_URL is not set on the instance that fanned out this alarm' : null, alarm.kind],
      );
      const hooks = await tx.query<{ id: string; state: string }>(
        `INSERT INTO notification_deliveries (alarm_id, event, channel, recipient, webhook_id)
         SELECT $1::uuid, $2, 'webhook', w.id::text, w.id FROM webhooks w WHERE w.active AND ('alarm.' || $2) = ANY (w.events)
         ON CONFLICT (alarm_id, event, channel, recipient) DO NOTHING
         RETURNING id, state`,
        [alarmId, event],
      );
      for (const d of [...emails, ...hooks]) {
        if (d.state === 'pending') await addJob(tx, DELIVER_TASK, { deliveryId: d.id }, { jobKey: `delivery:${d.id}` });
      }
      await tx.query(`UPDATE alarm_notifications SET fanned_out_at = now() WHERE alarm_id = $1 AND event = $2 AND fanned_out_at IS NULL`, [alarmId, event]);
    });
  }

  /**
   * Sends one delivery. The claim (a conditional UPDATE with a lease) lets one worker send it at a
   * time; a delivered one is never sent again. A failed attempt is recorded and thrown, so the queue
   * retries it with backoff; after the queue's last attempt the delivery is `failed`, still listed.
   */
  async deliver(deliveryId: string, helpers?: Pick<JobHelpers, 'job'>): Promise<void> {
    const claimed = await this.db.one<DeliveryRow & { started_at: Date }>(
      `UPDATE notification_deliveries SET state = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2), updated_at = now()
        WHERE id = $1 AND (state = 'pending' OR (state = 'sending' AND lease_until < now()))
        RETURNING *, clock_timestamp() AS started_at`,
      [deliveryId, LEASE_SECONDS],
    );
    if (!claimed) return;
    const alarm = await this.db.one<AlarmRow>(`SELECT * FROM alarms WHERE id = $1`, [claimed.alarm_id]);
    let outcome: Outcome;
    try {
      outcome = claimed.channel === 'email' ? await this.sendEmail(claimed, alarm!) : await this.sendWebhook(claimed, alarm!);
    } catch (err) {
      outcome = { ok: false, error: (err as Error).message?.slice(0, 1000) || String(err) };
    }
    const lastTry = helpers ? helpers.job.attempts >= helpers.job.max_attempts : false;
    await this.db.tx(this.system, async (tx) => {
      await tx.query(
        `INSERT INTO notification_attempts (delivery_id, attempt, started_at, outcome, error, response_status, worker)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (delivery_id, attempt) DO NOTHING`,
        [claimed.id, claimed.attempts, claimed.started_at, outcome.ok ? 'delivered' : 'failed', outcome.error ?? null, outcome.responseStatus ?? null, this.jobs.workerName],
      );
      await tx.query(
        `UPDATE notification_deliveries
            SET state = $3, lease_until = NULL, delivered_at = CASE WHEN $3 = 'delivered' THEN now() END, last_error = $4, updated_at = now()
          WHERE id = $1 AND state = 'sending' AND attempts = $2`,
        [claimed.id, claimed.attempts, outcome.ok ? 'delivered' : lastTry ? 'failed' : 'pending', outcome.ok ? null : outcome.error ?? null],
      );
    });
    if (!outcome.ok && !lastTry) throw new Error(`delivery ${claimed.id} (${claimed.channel} ${claimed.recipient}) attempt ${claimed.attempts} failed: ${outcome.error}`);
  }

  private async sendEmail(d: DeliveryRow, alarm: AlarmRow): Promise<Outcome> {
    const transport = this.transport;
    if (!transport) return { ok: false, error: 'SMTP_URL is not set on this instance' };
    const a = alarmView(alarm);
    const what = { raised: 'ALARM', escalated: 'ESCALATED', acknowledged: 'Acknowledged', cleared: 'Cleared' }[d.event];
    const lines = [
      `${what}: ${a.title}`,
      '',
      `Alarm:     ${a.id}`,
      `Kind:      ${a.kind} (${a.severity})`,
      `State:     ${a.state}`,
      `Raised:    ${a.raisedAt}`,
      ...(a.escalatedAt ? [`Escalated: ${a.escalatedAt}`] : []),
      ...(a.acknowledgedAt ? [`Acknowledged: ${a.acknowledgedAt} by ${a.acknowledgedBy?.name ?? a.acknowledgedBy?.id}: ${a.acknowledgementNote}`] : []),
      ...(a.clearedAt ? [`Cleared:   ${a.clearedAt} (${a.clearedReason})`] : []),
      '',
      `Details:   ${JSON.stringify(a.details)}`,
      '',
      'Acknowledge (quality assurance): POST /api/v1/alarms/' + a.id + '/acknowledge {"note": "..."}',
    ];
    await transport.sendMail({
      from: this.settings.config.SMTP_FROM,
      to: d.recipient,
      subject: `[${a.severity === 'critical' ? 'CRITICAL' : 'warning'}] ${what}: ${a.title}`,
      text: lines.join('\n'),
      // a stable Message-ID: a receiver (or the mail server) can drop a duplicate of the same delivery
      messageId: `<${d.id}@alarms.cbb>`,
      headers: { 'X-CBB-Alarm': a.id, 'X-CBB-Delivery': d.id, 'X-CBB-Event': `alarm.${d.event}` },
    });
    return { ok: true };
  }

  private async sendWebhook(d: DeliveryRow, alarm: AlarmRow): Promise<Outcome> {
    const hook = await this.db.one<WebhookRow>(`SELECT * FROM webhooks WHERE id = $1`, [d.webhook_id]);
    if (!hook) return { ok: false, error: 'webhook not found' };
    const body = JSON.stringify({ deliveryId: d.id, event: `alarm.${d.event}`, alarm: alarmView(alarm) });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'cord-blood-bank-webhooks/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(hook.secret, timestamp, body),
        [DELIVERY_HEADER]: d.id,
        [EVENT_HEADER]: `alarm.${d.event}`,
      },
      body,
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, responseStatus: res.status };
    return { ok: false, responseStatus: res.status, error: `the receiver answered ${res.status}` };
  }

  // ---- settings (admin) ------------------------------------------------------------------------

  async subscriptions(): Promise<SubscriptionsView> {
    const items = await this.db.query<{ role: string; alarmKind: string; event: AlarmEvent }>(
      `SELECT role, alarm_kind AS "alarmKind", event FROM notification_subscriptions ORDER BY alarm_kind, event, role`,
    );
    const kinds = await this.db.query<{ kind: string; severity: string; escalates: boolean; description: string }>(`SELECT * FROM alarm_kinds ORDER BY kind`);
    return { items, kinds };
  }

  /** Replaces the whole set of subscriptions; only the differences are written (and audited). */
  async putSubscriptions(actor: Actor, dto: PutSubscriptionsDto): Promise<SubscriptionsView> {
    const all = await this.db.query<{ kind: string; severity: string }>(`SELECT kind, severity FROM alarm_kinds ORDER BY kind`);
    const kinds = new Set(all.map((k) => k.kind));
    const bad = dto.items.flatMap((s, i) => (kinds.has(s.alarmKind) ? [] : [{ field: `items.${i}.alarmKind`, message: `unknown alarm kind; one of ${[...kinds].join(', ')}` }]));
    if (bad.length) throw validationFailed(bad);
    // a critical alarm that nobody is told of is the failure this feature exists to prevent
    const untold = all.filter((k) => k.severity === 'critical' && !dto.items.some((s) => s.alarmKind === k.kind && s.event === 'raised'));
    if (untold.length) {
      throw validationFailed(untold.map((k) => ({ field: 'items', message: `critical alarm kind ${k.kind} needs at least one role subscribed to "raised"` })));
    }
    await this.db.tx(actor, async (tx) => {
      const roles = dto.items.map((s) => s.role);
      const alarmKinds = dto.items.map((s) => s.alarmKind);
      const events = dto.items.map((s) => s.event);
      await tx.query(
        `DELETE FROM notification_subscriptions s
          WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[], $3::text[]) n(role, kind, event)
                             WHERE n.role = s.role AND n.kind = s.alarm_kind AND n.event = s.event)`,
        [roles, alarmKinds, events],
      );
      await tx.query(
        `INSERT INTO notification_subscriptions (role, alarm_kind, event)
         SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [roles, alarmKinds, events],
      );
    }, { audit: { action: 'notification.subscriptions.changed' } });
    return this.subscriptions();
  }

  async createWebhook(actor: Actor, url: string, events: string[]): Promise<CreatedWebhookView> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const row = await this.db.tx(actor, (tx) =>
      tx.one<WebhookRow>(`INSERT INTO webhooks (url, events, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING *`, [url, events, secret, actor.type === 'user' ? actor.id : null]),
      { audit: { action: 'webhook.created' } },
    );
    return { ...webhookView(row!), secret };
  }

  async listWebhooks(): Promise<WebhookPage> {
    const rows = await this.db.query<WebhookRow>(`SELECT * FROM webhooks ORDER BY created_at, id`);
    return { items: rows.map(webhookView) };
  }

  async deactivateWebhook(actor: Actor, id: string): Promise<WebhookView> {
    const row = await this.db.tx(actor, (tx) => tx.one<WebhookRow>(`UPDATE webhooks SET active = false, updated_at = now() WHERE id = $1 RETURNING *`, [id]), {
      audit: { action: 'webhook.deactivated' },
    });
    if (!row) throw notFound('Webhook', id);
    return webhookView(row);
  }

  /** Deliveries newest first, each with its attempts. */
  async deliveries(q: DeliveriesQuery): Promise<DeliveryPage> {
    const rows = await this.db.query<DeliveryRow>(
      `SELECT * FROM notification_deliveries
        WHERE ($1::uuid IS NULL OR alarm_id = $1) AND ($2::uuid IS NULL OR webhook_id = $2)
          AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR state = $4)
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [q.alarmId ?? null, q.webhookId ?? null, q.channel ?? null, q.state ?? null, q.limit],
    );
    const attempts = rows.length
      ? await this.db.query<{ delivery_id: string; attempt: number; started_at: Date; finished_at: Date; outcome: string; error: string | null; response_status: number | null }>(
          `SELECT * FROM notification_attempts WHERE delivery_id = ANY ($1::uuid[]) ORDER BY delivery_id, attempt`,
          [rows.map((r) => r.id)],
        )
      : [];
    return {
      items: rows.map((r) => ({
        id: r.id,
        alarmId: r.alarm_id,
        event: r.event,
        channel: r.channel,
        recipient: r.recipient,
        state: r.state,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
        attemptLog: attempts
          .filter((a) => a.delivery_id === r.id)
          .map((a) => ({ attempt: a.attempt, startedAt: a.started_at.toISOString(), finishedAt: a.finished_at.toISOString(), outcome: a.outcome, error: a.error, responseStatus: a.response_status })),
      })),
    };
  }
}
