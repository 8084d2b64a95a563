import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { systemActor, type Actor } from '../common/actor';
import { DomainError, notFound, validationFailed } from '../common/domain-error';
import { iso } from '../common/mappers';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { RuntimeSettings } from '../config/runtime';
import { Db, Tx } from '../database/db.service';
import { addJob, JobsService } from '../jobs/jobs.service';
import type { AlarmPage, AlarmsQuery, AlarmView } from './dto/alarms.dto';

export const SWEEP_TASK = 'alarms.sweep';
const SWEEP_KEY = 'alarms:sweep';
/** The longest the sweep waits between runs (it also runs every minute by cron). */
const SWEEP_MAX_SECONDS = 60;
/** A fan-out not done this long after its alarm event is taken for lost (a fan-out takes milliseconds). */
const LOST_FAN_OUT_SECONDS = 60;
/** A parked lab event older than this raises the parked-events alarm (DESIGN.md section 10). */
const PARKED_ALARM_SECONDS = 24 * 3600;

export interface AlarmRow {
  id: string;
  kind: string;
  severity: string;
  state: AlarmView['state'];
  subject_type: string;
  subject_id: string;
  freezer_id: string | null;
  title: string;
  details: Record<string, unknown>;
  raised_at: Date;
  escalated_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledgement_note: string | null;
  cleared_at: Date | null;
  cleared_reason: string | null;
}

export function alarmView(r: AlarmRow): AlarmView {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    state: r.state,
    title: r.title,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    freezerId: r.freezer_id,
    details: r.details,
    raisedAt: r.raised_at.toISOString(),
    escalatedAt: iso(r.escalated_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: r.acknowledged_by_name } : null,
    acknowledgementNote: r.acknowledgement_note,
    clearedAt: iso(r.cleared_at),
    clearedReason: r.cleared_reason,
  };
}

/**
 * The freezers whose monitor is watched: those that hold units (a freezer with units and no monitor
 * is the danger), and those in service that have reported at least once. Last seen: the arrival of
 * the last reading, or the freezer's creation when none came yet.
 */
const WATCHED_FREEZERS = `
  SELECT f.id, f.code, f.name, h.last_reading_at, coalesce(h.last_reading_at, f.created_at) AS last_seen
    FROM freezers f
    JOIN freezer_occupancy o ON o.freezer_id = f.id
    LEFT JOIN freezer_heartbeats h ON h.freezer_id = f.id
   WHERE o.used_count > 0 OR (f.in_service AND h.freezer_id IS NOT NULL)`;

/**
 * Alarms (DESIGN.md section 10): raised by database triggers (excursions, in the reading's own
 * transaction) and by the sweep job (silent freezers, parked lab events, escalation), acknowledged by
 * QA. Every state change is on the alarm's own audit chain and enqueues its notifications in the
 * same transaction.
 */
@Injectable()
export class AlarmsService implements OnModuleInit {
  private readonly log = new Logger('Alarms');
  private readonly system = systemActor('alarms');

  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly settings: RuntimeSettings,
  ) {}

  onModuleInit(): void {
    this.jobs.task(SWEEP_TASK, async () => {
      await this.sweep();
    });
    // the sweep reschedules itself to the next deadline; the minutely cron keeps it alive whatever happens
    this.jobs.schedule({ task: SWEEP_TASK, match: '* * * * *', identifier: 'alarms.sweep.minutely', options: { backfillPeriod: 0, maxAttempts: 1 } });
    this.jobs.onStart(() => addJob(this.db, SWEEP_TASK, {}, { jobKey: SWEEP_KEY, jobKeyMode: 'preserve_run_at', maxAttempts: 1 }));
  }

  /** `GET /alarms`: newest first, optionally by state and kind, keyset-paginated. */
  async list(q: AlarmsQuery): Promise<AlarmPage> {
    let after: [string, string] | null = null;
    if (q.cursor) {
      const d = decodeCursor(q.cursor);
      if (!d || d.length !== 2 || typeof d[0] !== 'string' || Number.isNaN(Date.parse(d[0])) || typeof d[1] !== 'string' || !/^[0-9a-f-]{36}$/.test(d[1])) {
        throw validationFailed([{ field: 'cursor', message: 'invalid cursor' }]);
      }
      after = [d[0], d[1]];
    }
    const rows = await this.db.query<AlarmRow & { raised_raw: string }>(
      `SELECT a.*, a.raised_at::text AS raised_raw FROM alarms a
        WHERE ($1::text IS NULL OR a.state = $1) AND ($2::text IS NULL OR a.kind = $2)
          AND ($3::timestamptz IS NULL OR (a.raised_at, a.id) < ($3, $4::uuid))
        ORDER BY a.raised_at DESC, a.id DESC LIMIT $5`,
      [q.state ?? null, q.kind ?? null, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(alarmView), nextCursor: rows.length > q.limit && last ? encodeCursor([last.raised_raw, last.id]) : null };
  }

  async get(id: string): Promise<AlarmView> {
    const row = await this.db.one<AlarmRow>(`SELECT * FROM alarms WHERE id = $1`, [id]);
    if (!row) throw notFound('Alarm', id);
    return alarmView(row);
  }

  /**
   * QA's acknowledgement with a note (DESIGN.md section 10), recorded on the alarm's audit chain
   * (21 CFR Part 11.10(e)) with the note as the reason. An open or escalated alarm becomes
   * `acknowledged` (no further escalation); a cleared one keeps its state and records who saw it.
   * Acknowledged once: a second acknowledgement is 409.
   */
  async acknowledge(actor: Actor, id: string, note: string): Promise<AlarmView> {
    return this.db.tx(actor, async (tx) => {
      await tx.audit({ action: 'alarm.acknowledged', reason: note });
      const row = await tx.one<AlarmRow>(
        `UPDATE alarms SET acknowledged_at = now(), acknowledged_by = $2, acknowledged_by_name = $3, acknowledgement_note = $4,
                state = CASE WHEN state IN ('open', 'escalated') THEN 'acknowledged' ELSE state END
          WHERE id = $1 AND acknowledged_at IS NULL RETURNING *`,
        [id, actor.id, actor.name, note],
      );
      if (row) return alarmView(row);
      const existing = await tx.one<AlarmRow>(`SELECT * FROM alarms WHERE id = $1`, [id]);
      if (!existing) throw notFound('Alarm', id);
      throw new DomainError('CONFLICT', `Alarm ${id} was already acknowledged by ${existing.acknowledged_by_name ?? existing.acknowledged_by} at ${existing.acknowledged_at?.toISOString()}`);
    });
  }

  /**
   * Quality deadlines (DESIGN.md section 10; issue 15), decided by set-based statements, each alarm
   * once per thing (unique index alarms_quality_once_key): a CAPA action past its due date and not
   * done; the FDA report of a serious adverse reaction (21 CFR 1271.350(a): 15 days from receipt)
   * and of a deviation of a distributed unit (1271.350(b): 45 days from discovery) due within
   * `warnDays` (a warning) and past due (critical; the warning is then cleared). Days are UTC
   * calendar days, as the records show them. The triggers of migration QualityDeadlines clear them
   * in the transaction that records the CAPA done or the report filed; the last statements here are
   * the backstop for any other way a condition stops holding.
   */
  private async sweepQualityDeadlines(tx: Tx, warnDays: number): Promise<void> {
    const today = `(now() AT TIME ZONE 'UTC')::date`;
    await tx.query(
      `INSERT INTO alarms (kind, severity, subject_type, subject_id, title, details)
       SELECT 'capa_overdue', 'warning', 'capa_action', c.id::text,
              format('Deviation %s: %s action owned by %s was due on %s and is not done', d.deviation_number, c.kind, c.owner, to_char(c.due_date, 'YYYY-MM-DD')),
              jsonb_build_object('deviationId', d.id, 'deviationNumber', d.deviation_number, 'capaActionId', c.id, 'kind', c.kind, 'owner', c.owner,
                                 'dueDate', to_char(c.due_date, 'YYYY-MM-DD'), 'description', c.description)
         FROM deviation_capa_actions c JOIN deviations d ON d.id = c.deviation_id
        WHERE c.done_at IS NULL AND c.due_date < ${today} AND d.status <> 'closed'
          AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.kind = 'capa_overdue' AND a.subject_id = c.id::text)
       ON CONFLICT DO NOTHING`,
    );
    // the FDA report clocks: one row per pending report with its due day
    const clocks = `
      SELECT 'adverse_reaction' AS subject_type, r.id, r.reaction_number AS number, r.din, (r.received_at AT TIME ZONE 'UTC')::date + 15 AS due, '1271.350(a)' AS rule
        FROM adverse_reactions r WHERE r.serious AND r.fda_reported_at IS NULL
      UNION ALL
      SELECT 'deviation', d.id, d.deviation_number, NULL, (d.discovered_at AT TIME ZONE 'UTC')::date + 45, '1271.350(b)'
        FROM deviations d
       WHERE d.fda_reported_at IS NULL AND d.fda_not_reportable_reason IS NULL AND d.status <> 'closed'
         AND EXISTS (SELECT 1 FROM deviation_units du WHERE du.deviation_id = d.id AND du.status_when_added IN ('shipped', 'delivered', 'infused'))`;
    await tx.query(
      `WITH k AS (${clocks})
       INSERT INTO alarms (kind, severity, subject_type, subject_id, title, details)
       SELECT k.subject_type || CASE WHEN k.due < ${today} THEN '_report_overdue' ELSE '_report_due' END,
              CASE WHEN k.due < ${today} THEN 'critical' ELSE 'warning' END,
              k.subject_type, k.id::text,
              CASE WHEN k.due < ${today}
                   THEN format('%s: the FDA report (21 CFR %s) was due on %s and is not recorded', k.number, k.rule, to_char(k.due, 'YYYY-MM-DD'))
                   ELSE format('%s: the FDA report (21 CFR %s) is due on %s (%s day(s) left)', k.number, k.rule, to_char(k.due, 'YYYY-MM-DD'), k.due - ${today}) END,
              jsonb_build_object('subjectType', k.subject_type, 'id', k.id, 'number', k.number, 'din', k.din, 'dueDate', to_char(k.due, 'YYYY-MM-DD'),
                                 'daysLeft', k.due - ${today}, 'rule', '21 CFR ' || k.rule)
         FROM k
        WHERE k.due - ${today} <= $1::int
          AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.subject_id = k.id::text
                           AND a.kind = k.subject_type || CASE WHEN k.due < ${today} THEN '_report_overdue' ELSE '_report_due' END)
       ON CONFLICT DO NOTHING`,
      [warnDays],
    );
    // past due: the "due soon" warning gives way to the critical alarm
    await tx.query(
      `UPDATE alarms w SET state = 'cleared', cleared_at = now(), cleared_reason = 'the deadline passed: superseded by the overdue alarm'
        WHERE w.kind IN ('adverse_reaction_report_due', 'deviation_report_due') AND w.state <> 'cleared'
          AND EXISTS (SELECT 1 FROM alarms o WHERE o.subject_id = w.subject_id AND o.kind = replace(w.kind, '_report_due', '_report_overdue'))`,
    );
    // backstop: a live alarm whose condition no longer holds
    await tx.query(
      `WITH k AS (${clocks})
       UPDATE alarms a SET state = 'cleared', cleared_at = now(), cleared_reason = 'no FDA report is pending any more'
        WHERE a.kind IN ('adverse_reaction_report_due', 'adverse_reaction_report_overdue', 'deviation_report_due', 'deviation_report_overdue') AND a.state <> 'cleared'
          AND NOT EXISTS (SELECT 1 FROM k WHERE k.id::text = a.subject_id)`,
    );
    await tx.query(
      `UPDATE alarms a SET state = 'cleared', cleared_at = now(), cleared_reason = 'the CAPA action is done or its deviation closed'
        WHERE a.kind = 'capa_overdue' AND a.state <> 'cleared'
          AND NOT EXISTS (SELECT 1 FROM deviation_capa_actions c JOIN deviations d ON d.id = c.deviation_id
                           WHERE c.id::text = a.subject_id AND c.done_at IS NULL AND d.status <> 'closed')`,
    );
  }

  /**
   * The sweep: silent freezers, escalation of unacknowledged critical alarms, parked lab events,
   * deliveries whose worker died mid-send. Every step is a conditional statement decided by the
   * database (one live alarm per cause, state guarded), so two sweeps at once do no harm. It then
   * schedules itself at the next deadline it knows of (at most a minute away).
   */
  async sweep(): Promise<void> {
    const c = this.settings.config;
    const silence = c.FREEZER_SILENCE_MINUTES * 60;
    const escalate = c.ALARM_ESCALATE_MINUTES * 60;
    await this.db.tx(this.system, async (tx) => {
      await tx.query(
        `WITH watched AS (${WATCHED_FREEZERS})
         INSERT INTO alarms (kind, severity, subject_type, subject_id, freezer_id, title, details)
         SELECT 'freezer_silent', 'critical', 'freezer', w.id::text, w.id,
                format('Freezer %s (%s): no reading from its monitor since %s', w.code, w.name, to_char(w.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                jsonb_build_object('freezerId', w.id, 'freezerCode', w.code, 'freezerName', w.name, 'lastReadingAt', w.last_reading_at,
                                   'deadline', w.last_seen + make_interval(secs => $1::float8), 'silenceMinutes', $1::float8 / 60)
           FROM watched w
          WHERE w.last_seen + make_interval(secs => $1::float8) <= now()
            AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.kind = 'freezer_silent' AND a.subject_id = w.id::text AND a.state <> 'cleared')
         ON CONFLICT (kind, subject_id) WHERE state <> 'cleared' DO NOTHING`,
        [silence],
      );
      // a reading that committed while this sweep raised the alarm: the freezer did report
      await tx.query(
        `UPDATE alarms a SET state = 'cleared', cleared_at = now(), cleared_reason = 'the freezer reported again'
           FROM freezer_heartbeats h
          WHERE a.kind = 'freezer_silent' AND a.state <> 'cleared' AND h.freezer_id = a.freezer_id AND h.last_reading_at > a.raised_at`,
      );
      // a freezer taken out of service and emptied is no longer watched: its silence is no danger
      await tx.query(
        `WITH watched AS (${WATCHED_FREEZERS})
         UPDATE alarms a SET state = 'cleared', cleared_at = now(), cleared_reason = 'the freezer is out of service and holds no unit'
          WHERE a.kind = 'freezer_silent' AND a.state <> 'cleared' AND NOT EXISTS (SELECT 1 FROM watched w WHERE w.id = a.freezer_id)`,
      );
      await tx.query(
        `UPDATE alarms a SET state = 'escalated', escalated_at = now()
           FROM alarm_kinds k
          WHERE k.kind = a.kind AND k.escalates AND a.state = 'open' AND a.raised_at + make_interval(secs => $1::float8) <= now()`,
        [escalate],
      );
      const parked = await tx.one<{ n: number; oldest: Date | null }>(
        `SELECT count(*)::int AS n, min(received_at) AS oldest FROM lab_events WHERE status = 'parked' AND received_at <= now() - make_interval(secs => $1)`,
        [PARKED_ALARM_SECONDS],
      );
      if (parked && parked.n > 0) {
        await tx.query(
          `INSERT INTO alarms (kind, severity, subject_type, subject_id, title, details)
           VALUES ('parked_lab_events', 'warning', 'lab_events', 'parked', $1, jsonb_build_object('count', $2::int, 'oldestReceivedAt', $3::timestamptz))
           ON CONFLICT (kind, subject_id) WHERE state <> 'cleared' DO NOTHING`,
          [`${parked.n} lab event(s) parked for more than a day (oldest received ${parked.oldest?.toISOString()})`, parked.n, parked.oldest],
        );
        // the open alarm keeps the current count (audited as alarm.updated when it changes)
        await tx.query(
          `UPDATE alarms SET details = jsonb_build_object('count', $1::int, 'oldestReceivedAt', $2::timestamptz)
            WHERE kind = 'parked_lab_events' AND state <> 'cleared' AND (details ->> 'count')::int IS DISTINCT FROM $1::int`,
          [parked.n, parked.oldest],
        );
      } else {
        await tx.query(
          `UPDATE alarms SET state = 'cleared', cleared_at = now(), cleared_reason = 'no lab event is parked for more than a day any more'
            WHERE kind = 'parked_lab_events' AND state <> 'cleared'`,
        );
      }
      await this.sweepQualityDeadlines(tx, c.FDA_REPORT_WARN_DAYS);

      const stale = await tx.query<{ id: string }>(
        `UPDATE notification_deliveries SET state = 'pending', lease_until = NULL, updated_at = now(),
                last_error = 'the worker sending it stopped before recording the outcome'
          WHERE state = 'sending' AND lease_until < now() RETURNING id`,
      );
      for (const d of stale) await addJob(tx, 'notification.deliver', { deliveryId: d.id }, { jobKey: `delivery:${d.id}` });
      if (stale.length) this.log.warn(`re-queued ${stale.length} delivery(ies) whose worker stopped mid-send`);

      // a notification whose fan-out job was lost with its worker (locked, or never run) is queued again;
      // `preserve_run_at` leaves a job that merely waits for its retry where it is
      const lost = await tx.query<{ alarm_id: string; event: string }>(
        `SELECT alarm_id, event FROM alarm_notifications WHERE fanned_out_at IS NULL AND enqueued_at < now() - make_interval(secs => $1) LIMIT 500`,
        [LOST_FAN_OUT_SECONDS],
      );
      for (const n of lost) {
        await addJob(tx, 'alarm.notify', { alarmId: n.alarm_id, event: n.event }, { jobKey: `notify:${n.alarm_id}:${n.event}`, jobKeyMode: 'preserve_run_at' });
      }

      const next = await tx.one<{ at: Date }>(
        `WITH watched AS (${WATCHED_FREEZERS})
         SELECT least(
           now() + make_interval(secs => least($1::float8, $2::float8)),
           (SELECT min(w.last_seen) + make_interval(secs => $2::float8) FROM watched w
             WHERE NOT EXISTS (SELECT 1 FROM alarms a WHERE a.kind = 'freezer_silent' AND a.subject_id = w.id::text AND a.state <> 'cleared')),
           (SELECT min(a.raised_at) + make_interval(secs => $3::float8) FROM alarms a JOIN alarm_kinds k ON k.kind = a.kind
             WHERE k.escalates AND a.state = 'open')
         ) AS at`,
        [SWEEP_MAX_SECONDS, silence, escalate],
      );
      // never earlier than a moment from now (a deadline just passed is handled by this run)
      const at = new Date(Math.max(next!.at.getTime(), Date.now() + 20));
      await addJob(tx, SWEEP_TASK, {}, { runAt: at, jobKey: SWEEP_KEY, maxAttempts: 1 });
    });
  }
}
