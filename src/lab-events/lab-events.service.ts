import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { domainErrorFromDatabase, pgErrorCode } from '../common/database-errors';
import { parseDin } from '../common/din';
import { DomainError, notFound } from '../common/domain-error';
import { Problem, problemFor, problemFromDomainError } from '../common/problem';
import { RuntimeSettings } from '../config/runtime';
import { Db, Tx } from '../database/db.service';
import { DonorsService, type IdmInput } from '../donors/donors.service';
import { ExcursionsService } from '../storage/excursions.service';
import { UnitExtensions } from '../units/unit-extensions';
import { ResultKind, UnitsService } from '../units/units.service';
import { LabBatchResult, LabEventPage, LabEventQuery, LabEventStatus, LabEventType, LabEventView } from './dto/lab-event.dto';
import { ParsedLabEvent, eventIdOf, parseLabEvent } from './lab-event-parser';

/** A stored lab event's outcome after an attempt (replay, or a waiting event applying by itself). */
const RECORD_OUTCOME_SQL = `UPDATE lab_events SET status = $2, problem = $3, applied_at = CASE WHEN $2 = 'applied' THEN now() END,
       attempts = attempts + 1, last_attempt_at = now()
 WHERE id = $1`;
import { STORE_APPLIED_EVENTS_SQL, STORE_EVENT_SQL } from './lab-events.sql';
import { TokenBucketLimiter } from './rate-limiter';

/** What the bank answers a single event with; stored as the event's first answer for retries. */
export interface LabAnswer {
  status: number;
  body: Record<string, unknown>;
  /** The body is application/problem+json. */
  problem: boolean;
  headers?: Record<string, string>;
}

type ApplyResult =
  | { status: 'applied'; superseded: boolean }
  | { status: 'parked'; problem: Problem; waitingFor: Record<string, string> }
  | { status: 'rejected'; problem: Problem };

type Receipt =
  | { kind: 'new'; id: string; result: ApplyResult; answer: LabAnswer }
  | { kind: 'duplicate'; id: string; current: LabEventStatus; answer: LabAnswer }
  | { kind: 'conflict'; id: string; receivedAt: string };

const RESULT_KIND: Partial<Record<LabEventType, ResultKind>> = {
  'sample.received': 'receipt',
  'processing.completed': 'processing',
  'hla.typed': 'hla',
  'abo.typed': 'abo',
  'sterility.resulted': 'sterility',
};

/** Unit states in which a result waits (DESIGN.md section 7): the unit is known but not received yet. */
const WAITING_STATES: readonly string[] = ['collected'];

/** The event's id is already stored (by an earlier request, or one racing this one): roll back. */
class AlreadyReceived extends Error {}

interface StoredRow {
  id: string;
  body_hash: string;
  status: LabEventStatus;
  answer_status: number;
  answer_body: Record<string, unknown>;
  received_at: string;
}

const STORED_COLUMNS = `id, event_id, body_hash, status, answer_status, answer_body,
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at`;

/**
 * Failures of the moment, not of the event (serialization failure, deadlock, lock timeout): never
 * stored as a rejection. Db.tx retries the first two; the others fail the request, to be sent again.
 */
const TRANSIENT = new Set(['40001', '40P01', '55P03']);

const VIEW_COLUMNS = `
  e.id, e.integration_id AS "integrationId", i.name AS "integrationName", e.event_id AS "eventId", e.type,
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
  e.din, e.donor_number AS "donorNumber", e.freezer, e.status, e.problem,
  to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedAt",
  to_char(e.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "appliedAt",
  e.attempts, to_char(e.last_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastAttemptAt",
  e.body_hash AS "bodyHash", e.body,
  CASE WHEN e.dismissed_at IS NULL THEN NULL ELSE jsonb_build_object(
    'at', to_char(e.dismissed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'by', e.dismissed_by, 'byName', e.dismissed_by_name, 'reason', e.dismiss_reason) END AS dismissal`;

/**
 * Lab integrations' events (DESIGN.md section 3). Each event is claimed by inserting its raw row
 * (unique per integration and eventId, so the database decides duplicates, also between concurrent
 * retries and across restarts) and applied to its unit, donor or freezer in the same transaction,
 * with the integration as the audit actor (21 CFR Part 11.10(e)). Nothing answered 2xx is lost:
 * an event whose unit or donor is not known yet is parked and applied when it appears; one its
 * subject can not take is kept as rejected with the reason.
 */
@Injectable()
export class LabEventsService implements OnModuleInit {
  private readonly logger = new Logger('LabEvents');
  /** Transactions applying waiting events now (the events they apply change the unit's state again). */
  private readonly draining = new WeakSet<Tx>();
  /** Stored events each transaction is applying now (a receipt being replayed is not its own waiting event). */
  private readonly inFlight = new WeakMap<Tx, Set<string>>();
  private readonly limiter: TokenBucketLimiter;

  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly donors: DonorsService,
    private readonly excursions: ExcursionsService,
    private readonly extensions: UnitExtensions,
    private readonly settings: RuntimeSettings,
  ) {
    this.limiter = new TokenBucketLimiter(settings.config.LAB_EVENTS_RATE_PER_SECOND, settings.config.LAB_EVENTS_RATE_BURST);
  }

  onModuleInit(): void {
    this.extensions.register({
      name: 'lab-events',
      afterCreated: (created) => this.applyParked(created),
      afterTransition: (tx, unit) => this.applyWaiting(tx, unit),
      afterTransitionMany: (tx, units) => this.applyWaitingMany(tx, units),
    });
  }

  /**
   * The per-integration rate limit: `n` events (a batch counts each of its events) or 429 with
   * Retry-After. Checked before any event is validated or stored (after the body's shape: a batch of more
   * than 500 is 422, not 429), so a refused request left no trace and is simply sent again.
   */
  admit(integrationId: string, n: number): void {
    const r = this.limiter.take(integrationId, n);
    if (!r.ok) {
      throw new DomainError('TOO_MANY_REQUESTS', `This integration sends more than ${this.settings.config.LAB_EVENTS_RATE_PER_SECOND} events per second; retry after ${r.retryAfterSeconds} s`, {
        retryAfterSeconds: r.retryAfterSeconds,
      });
    }
  }

  /**
   * One event: 201 applied, 202 parked, 200 with the first answer for a retry with the same body,
   * 409 IDEMPOTENCY_CONFLICT for the same eventId with another body, 422 when invalid (not stored),
   * and for an event kept as rejected the problem of the refusal (409 or 422) with its id.
   */
  async receiveOne(actor: Actor, raw: unknown): Promise<LabAnswer> {
    const event = parseLabEvent(raw, new Date());
    const r = await this.receive(actor, event);
    if (r.kind === 'conflict') throw this.idempotencyConflict(event.eventId, r.id, r.receivedAt);
    return r.answer;
  }

  /**
   * A batch: one result per event, in the order sent; a bad event is that event's result only.
   * Events about different subjects are applied concurrently (each in its own transaction), events
   * about the same unit, donor or freezer one after the other in batch order.
   */
  async receiveBatch(actor: Actor, raws: unknown[]): Promise<{ results: LabBatchResult[] }> {
    const now = new Date();
    const results: LabBatchResult[] = new Array(raws.length);
    const parsed: { index: number; event: ParsedLabEvent }[] = [];
    raws.forEach((raw, index) => {
      try {
        parsed.push({ index, event: parseLabEvent(raw, now) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results[index] = { eventId: eventIdOf(raw), status: 'rejected', problem: problemFromDomainError(err) };
      }
    });
    // Retries of events already stored are answered from one query; the database still decides
    // for the others (a retry racing its original is caught by the unique index).
    const stored = new Map(
      (
        await this.db.query<StoredRow & { event_id: string }>(`SELECT ${STORED_COLUMNS} FROM lab_events WHERE integration_id = $1 AND event_id = ANY($2::text[])`, [
          actor.id,
          [...new Set(parsed.map((p) => p.event.eventId))],
        ])
      ).map((r) => [r.event_id, r]),
    );
    const groups = new Map<string, { index: number; event: ParsedLabEvent }[]>();
    for (const { index, event } of parsed) {
      const first = stored.get(event.eventId);
      if (first) {
        results[index] = this.batchResult(event, this.fromStored(event, first));
        continue;
      }
      const key = event.din ? `din:${event.din}` : event.donorNumber ? `donor:${event.donorNumber}` : `freezer:${event.freezer}`;
      const group = groups.get(key) ?? [];
      group.push({ index, event });
      groups.set(key, group);
    }

    let queue = [...groups.values()];
    if (this.settings.config.LAB_EVENTS_BATCH_SET_BASED) {
      const counts = new Map<string, number>();
      for (const { event } of parsed) counts.set(event.eventId, (counts.get(event.eventId) ?? 0) + 1);
      // independent: the only event of its unit in the batch, with an eventId used once in it, of a
      // result type (the unit's state is checked under its lock)
      const independent = (g: { event: ParsedLabEvent }[]) =>
        g.length === 1 && !!g[0].event.din && !!RESULT_KIND[g[0].event.type] && g[0].event.type !== 'sample.received' && counts.get(g[0].event.eventId) === 1;
      // first the units no other transaction holds; then, waiting for them, the ones it skipped
      let setBased = queue.filter(independent).map((g) => g[0]);
      for (const skipLocked of [true, false]) {
        if (setBased.length < 2) break;
        const done = await this.receiveSetBased(actor, setBased, skipLocked);
        if (!done) break;
        for (const [index, result] of done) results[index] = result;
        setBased = setBased.filter((i) => !done.has(i.index));
      }
      queue = queue.filter((g) => results[g[0].index] === undefined);
    }
    let failure: { err: unknown } | undefined;
    const worker = async (): Promise<void> => {
      for (let group = queue.shift(); group && !failure; group = queue.shift()) {
        for (const { index, event } of group) {
          if (failure) return;
          try {
            results[index] = this.batchResult(event, await this.receive(actor, event));
          } catch (err) {
            failure ??= { err };
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.config.LAB_EVENTS_BATCH_CONCURRENCY, queue.length) }, worker));
    // A failure that is not the event's fault (database down, a bug) fails the whole request (5xx):
    // events applied before it are stored, and the lab's retry of the batch gets them as duplicates.
    if (failure) throw failure.err;
    return { results };
  }

  /**
   * The set-based path of a batch (issue 19): independent unit results applied in ONE transaction,
   * one multi-row statement per step, with the answers the one-by-one path gives. The units are
   * locked in DIN order (with `skipLocked`, skipping those another transaction holds: the caller
   * calls again without it for them); the ones whose state needs a per-unit step, and the ones not
   * known (parked), are left to the one-by-one path (UnitsService.takesResultSetBased). Every event's row is inserted last, in one statement:
   * when another request stored one of the eventIds first (a retry racing this batch), or when any
   * event is refused (a constraint), the whole transaction rolls back and nothing is answered here,
   * so those events take the one-by-one path, which decides each of them alone. Returns the results
   * by batch index of the events applied here; undefined when it rolled back.
   */
  private async receiveSetBased(actor: Actor, items: { index: number; event: ParsedLabEvent }[], skipLocked: boolean): Promise<Map<number, LabBatchResult> | undefined> {
    try {
      return await this.db.tx(actor, async (tx) => {
        // skipLocked: a unit another transaction holds (a concurrent batch about it) is not waited
        // for, so this batch does not queue behind the other one whole; a second call waits for them
        const units = await this.units.lockMany(tx, [...new Set(items.map((i) => i.event.din!))].sort(), { skipLocked });
        const taken = items.filter((i) => {
          const unit = units.get(i.event.din!);
          return !!unit && UnitsService.takesResultSetBased(unit, RESULT_KIND[i.event.type]!, i.event.data);
        });
        const done = new Map<number, LabBatchResult>();
        if (taken.length === 0) return done;
        const ids = new Map(taken.map((i) => [i.index, randomUUID()]));
        const byKind = new Map<ResultKind, { index: number; event: ParsedLabEvent }[]>();
        for (const i of taken) {
          const kind = RESULT_KIND[i.event.type]!;
          byKind.set(kind, [...(byKind.get(kind) ?? []), i]);
        }
        const rows: Record<string, unknown>[] = [];
        for (const [kind, group] of byKind) {
          const applied = await this.units.recordResultsMany(
            tx,
            kind as Exclude<ResultKind, 'receipt'>,
            group.map(({ index, event }) => ({ unit: units.get(event.din!)!, occurredAt: event.occurredAt, data: event.data, labEventId: ids.get(index)!, performedBy: event.performedBy ?? null })),
          );
          for (const { index, event } of group) {
            const id = ids.get(index)!;
            const result: ApplyResult = { status: 'applied', superseded: !applied.get(event.din!) };
            const answer = this.firstAnswer(id, event, result);
            rows.push({ id, event_id: event.eventId, type: event.type, occurred_at: event.occurredAt, din: event.din, body: event.raw, body_hash: event.bodyHash, answer_body: answer.body });
            done.set(index, this.batchResult(event, { kind: 'new', id, result, answer }));
          }
        }
        rows.sort((a, b) => (String(a.event_id) < String(b.event_id) ? -1 : 1));
        const stored = await tx.query(STORE_APPLIED_EVENTS_SQL, [actor.id, JSON.stringify(rows)]);
        if (stored.length !== rows.length) throw new AlreadyReceived();
        return done;
      });
    } catch (err) {
      if (err instanceof AlreadyReceived || this.refusing(err)) return undefined;
      throw err;
    }
  }

  /** The error as a refusal of the event (a domain error or a constraint); undefined for one of the moment or a bug. */
  private refusing(err: unknown): DomainError | undefined {
    if (TRANSIENT.has(pgErrorCode(err) ?? '')) return undefined;
    const domain = err instanceof DomainError ? err : domainErrorFromDatabase(err);
    return domain && domain.code !== 'DATABASE_UNAVAILABLE' && domain.status < 500 ? domain : undefined;
  }

  /**
   * Applies the event and stores it, in one transaction as the integration; the row's insert (ON
   * CONFLICT on integration and eventId) comes last and decides: when another request stored the
   * same eventId first (a retry, also one racing this one: the insert waits on the unique index until
   * the other commits), this transaction rolls back, so nothing is applied twice, and the answer is
   * the stored one. An event its subject refuses is stored as parked or rejected in a second
   * transaction (the first one, with whatever the refusal left half-done, is rolled back whole).
   */
  private async receive(actor: Actor, event: ParsedLabEvent): Promise<Receipt> {
    const id = randomUUID();
    let refused: ApplyResult | undefined;
    try {
      // the action the apply step sets for a result event, set with BEGIN (one round trip fewer)
      const receipt = await this.db.tx(actor, async (tx): Promise<Receipt> => {
        refused = undefined;
        let applied: boolean;
        try {
          ({ applied } = await this.apply(tx, id, event, actor.name));
        } catch (err) {
          refused = this.refusal(err, event);
          throw err;
        }
        const result: ApplyResult = { status: 'applied', superseded: !applied };
        const answer = this.firstAnswer(id, event, result);
        if (!(await this.store(tx, id, actor.id, event, result, answer))) throw new AlreadyReceived();
        return { kind: 'new', id, result, answer };
      }, { audit: { action: `lab_event.${event.type}` } });
      return receipt;
    } catch (err) {
      if (!(err instanceof AlreadyReceived) && !refused) throw err;
    }
    if (!refused) return this.existing(actor.id, event);
    let result: ApplyResult = refused;
    let answer = this.firstAnswer(id, event, result);
    const stored = await this.db.tx(actor, async (tx) => {
      if (result.status === 'parked' && result.waitingFor.unitStatus && event.din) {
        // Waiting for a known unit's state: decided under the unit's lock. A state change committed
        // since the refusal takes the event now; one committing after this sees the parked row
        // (UnitExtension.afterTransition), so the event can not be left waiting for a state already reached.
        await this.units.lock(tx, event.din);
        result = await this.applyInSavepoint(tx, id, event, actor.name);
        answer = this.firstAnswer(id, event, result);
      }
      return this.store(tx, id, actor.id, event, result, answer);
    }, { audit: { action: `lab_event.${event.type}` } });
    if (!stored) return this.existing(actor.id, event);
    if (result.status === 'parked' && !result.waitingFor.unitStatus) await this.recheckParked(actor, id, event);
    return { kind: 'new', id, result, answer };
  }

  /** Inserts the event with its outcome and first answer; false when its eventId is already taken. */
  private async store(tx: Tx, id: string, integrationId: string, event: ParsedLabEvent, result: ApplyResult, answer: LabAnswer): Promise<boolean> {
    const row = await tx.one<{ id: string }>(
      STORE_EVENT_SQL,
      [
        id, integrationId, event.eventId, event.type, event.occurredAt, event.din, event.donorNumber, event.freezer, event.raw, event.bodyHash,
        result.status, result.status === 'applied' ? null : result.problem, answer.status, answer.body,
      ],
    );
    return !!row;
  }

  /** The stored event with this eventId: a duplicate (same body) or a conflict (another body). */
  private async existing(integrationId: string, event: ParsedLabEvent): Promise<Receipt> {
    const first = await this.db.one<StoredRow>(`SELECT ${STORED_COLUMNS} FROM lab_events WHERE integration_id = $1 AND event_id = $2`, [integrationId, event.eventId]);
    if (!first) throw new DomainError('CONFLICT', 'The event is being received by another request; send it again');
    return this.fromStored(event, first);
  }

  private fromStored(event: ParsedLabEvent, first: StoredRow): Receipt {
    if (first.body_hash !== event.bodyHash) return { kind: 'conflict', id: first.id, receivedAt: first.received_at };
    return { kind: 'duplicate', id: first.id, current: first.status, answer: this.replayedAnswer(first.answer_status, first.answer_body, first.status) };
  }

  /**
   * What a refusal means for the event: its unit or donor is not known yet (parked), or it can not
   * take it (rejected, with the problem). Undefined for errors that are not the event's fault
   * (database down, deadlock, a bug): those fail the request and nothing is stored.
   */
  private refusal(err: unknown, event: ParsedLabEvent): ApplyResult | undefined {
    const domain = this.refusing(err);
    if (!domain) return undefined;
    if (domain.code === 'NOT_FOUND' && event.din) {
      return {
        status: 'parked',
        waitingFor: { din: event.din },
        problem: problemFor('NOT_FOUND', `Unit ${event.din} is not known yet: the event is kept and applied when the unit is created`, 404, { din: event.din }),
      };
    }
    if (domain.code === 'NOT_FOUND' && event.donorNumber) {
      return {
        status: 'parked',
        waitingFor: { donorNumber: event.donorNumber },
        problem: problemFor('NOT_FOUND', `Donor ${event.donorNumber} is not known yet: the event is kept and applied when the donor is registered`, 404, {
          donorNumber: event.donorNumber,
        }),
      };
    }
    if (domain.code === 'CONFLICT' && event.din && typeof domain.extra.waitsFor === 'string') {
      // DESIGN.md section 7; 21 CFR 1271.265(c): a result for a known unit that can not take it yet
      // is kept and applied by itself, in occurredAt order, once the unit reaches that state
      const waitsFor = domain.extra.waitsFor;
      return {
        status: 'parked',
        waitingFor: { din: event.din, unitStatus: waitsFor },
        problem: problemFor('CONFLICT', `${domain.message}: the event is kept and applied by itself when the unit is ${waitsFor}`, 409, {
          din: event.din,
          unitStatus: domain.extra.unitStatus,
          waitsFor,
        }),
      };
    }
    if (domain.code === 'NOT_FOUND' && event.freezer) {
      // A freezer is set up by staff before its monitor reports: an unknown one is a wrong name, not "not yet".
      return {
        status: 'rejected',
        problem: problemFor('VALIDATION_FAILED', `No freezer is named or has the id ${JSON.stringify(event.freezer)}`, 422, {
          errors: [{ field: 'freezer', message: 'no freezer with this name or id' }],
        }),
      };
    }
    return { status: 'rejected', problem: problemFromDomainError(domain) };
  }

  /**
   * Replay: applies the (locked) stored event behind a savepoint, so that a refusal leaves the row
   * to be updated with the new outcome in the same transaction.
   */
  private async applyInSavepoint(tx: Tx, labEventId: string, event: ParsedLabEvent, integrationName: string): Promise<ApplyResult> {
    const inFlight = this.inFlight.get(tx) ?? new Set<string>();
    this.inFlight.set(tx, inFlight.add(labEventId));
    try {
      return await this.applyBehindSavepoint(tx, labEventId, event, integrationName);
    } finally {
      inFlight.delete(labEventId);
    }
  }

  private async applyBehindSavepoint(tx: Tx, labEventId: string, event: ParsedLabEvent, integrationName: string): Promise<ApplyResult> {
    await tx.query('SAVEPOINT lab_event_apply');
    try {
      const { applied } = await this.apply(tx, labEventId, event, integrationName);
      await tx.query('RELEASE SAVEPOINT lab_event_apply');
      return { status: 'applied', superseded: !applied };
    } catch (err) {
      const refused = this.refusal(err, event);
      if (!refused) throw err;
      await tx.query('ROLLBACK TO SAVEPOINT lab_event_apply');
      return refused;
    }
  }

  /** The one place that writes an event into the bank's records, through the owning services. */
  private async apply(tx: Tx, labEventId: string, event: ParsedLabEvent, integrationName: string): Promise<{ applied: boolean }> {
    const source = { type: 'lab_event' as const, labEventId };
    // UnitsService.recordResult and DonorsService.recordIdm set the audit action lab_event.<type> themselves
    const kind = RESULT_KIND[event.type];
    if (kind) {
      const r = await this.units.recordResult(tx, event.din!, kind, event.occurredAt, event.data, { ...source, performedBy: event.performedBy });
      return { applied: r.applied };
    }
    if (event.type === 'idm.resulted') {
      // the documentation fields (kit, method, laboratory, CLIA number, plasma dilution) are required by IdmResultedData
      await this.donors.recordIdm(tx, event.donorNumber!, event.data as unknown as IdmInput, { ...source, performedBy: event.performedBy });
      return { applied: true };
    }
    const d = event.data as { temperatureC: number };
    await tx.audit({ action: `lab_event.${event.type}`, reason: `lab event ${event.eventId} from ${integrationName}` });
    await this.excursions.recordTemperature(tx, event.freezer!, d.temperatureC, event.occurredAt, 'lab_event');
    return { applied: true };
  }

  private firstAnswer(id: string, event: ParsedLabEvent, r: ApplyResult): LabAnswer {
    const base = { id, eventId: event.eventId, type: event.type };
    switch (r.status) {
      case 'applied':
        return { status: 201, problem: false, body: { ...base, status: 'applied', ...(r.superseded ? { superseded: true } : {}) } };
      case 'parked':
        return { status: 202, problem: false, body: { ...base, status: 'parked', reason: r.problem.detail, waitingFor: r.waitingFor, problem: r.problem } };
      case 'rejected':
        return { status: r.problem.status, problem: true, body: { ...r.problem, labEventId: id, eventId: event.eventId, eventStatus: 'rejected' } };
    }
  }

  /** A retry answers as the first time did: 200 with the first body for 201/202, the same problem for a rejection. */
  private replayedAnswer(status: number, body: Record<string, unknown>, current: LabEventStatus): LabAnswer {
    const problem = status >= 400;
    return { status: problem ? status : 200, body, problem, headers: { 'idempotent-replayed': 'true', 'x-lab-event-status': current } };
  }

  private idempotencyConflict(eventId: string, id: string, receivedAt: string): DomainError {
    return new DomainError('IDEMPOTENCY_CONFLICT', `eventId ${JSON.stringify(eventId)} was already received from this integration at ${receivedAt} with another body; send a new eventId for a new event`, {
      labEventId: id,
      eventId,
    });
  }

  private batchResult(event: ParsedLabEvent, r: Receipt): LabBatchResult {
    if (r.kind === 'conflict') {
      const err = this.idempotencyConflict(event.eventId, r.id, r.receivedAt);
      return { eventId: event.eventId, status: 'rejected', problem: problemFromDomainError(err) };
    }
    if (r.kind === 'duplicate') return { eventId: event.eventId, status: 'duplicate', id: r.id, eventStatus: r.current };
    const res = r.result;
    if (res.status === 'applied') return { eventId: event.eventId, status: 'applied', id: r.id, ...(res.superseded ? { superseded: true } : {}) };
    return { eventId: event.eventId, status: res.status, id: r.id, problem: res.problem };
  }

  /**
   * Closes the window between "the unit was not there" and "the event is parked": if the unit or
   * donor was created meanwhile, its afterCreated hook may have looked before this event was
   * committed, so look again now and apply it.
   */
  private async recheckParked(actor: Actor, id: string, event: ParsedLabEvent): Promise<void> {
    const exists = event.din ? await this.units.exists(this.db, event.din) : await this.donors.existsByNumber(this.db, event.donorNumber!);
    if (exists) await this.reapply(actor, id, 'auto');
  }

  /**
   * Applies the events parked for a unit or donor that was just created, oldest occurrence first,
   * each in its own transaction with its integration as the actor. Called after the creation
   * committed (UnitExtensions.afterCreated); a failure is logged and leaves the event parked.
   */
  async applyParked(created: { din?: string; donorNumber?: string }): Promise<void> {
    if (!created.din && !created.donorNumber) return;
    const rows = await this.db.query<{ id: string; integration_id: string; integration_name: string }>(
      `SELECT e.id, e.integration_id, i.name AS integration_name
         FROM lab_events e JOIN integrations i ON i.id = e.integration_id
        WHERE e.status = 'parked' AND (e.din = $1 OR e.donor_number = $2)
        ORDER BY e.occurred_at, e.received_at, e.id`,
      [created.din ?? null, created.donorNumber ?? null],
    );
    for (const row of rows) {
      const actor: Actor = { type: 'integration', id: row.integration_id, name: row.integration_name, roles: [], requestId: `lab-event:${row.id}` };
      try {
        await this.reapply(actor, row.id, 'auto');
      } catch (err) {
        this.logger.error({ labEventId: row.id, err: err instanceof Error ? err.message : String(err) }, 'applying a parked lab event failed; it stays parked');
      }
    }
  }

  /**
   * `POST /lab/events/:id/replay`: applies a parked or rejected event again, as the staff member who
   * asked (the audit shows who decided to apply it; the event keeps its integration and raw body).
   * An event already applied is 409: applying it twice would duplicate the result.
   */
  async replay(actor: Actor, id: string): Promise<LabEventView> {
    await this.reapply(actor, id, 'staff');
    return this.get(id);
  }

  private async reapply(actor: Actor, id: string, mode: 'auto' | 'staff'): Promise<void> {
    await this.db.tx(actor, async (tx) => {
      const row = await tx.one<{ id: string; status: LabEventStatus; body: Record<string, unknown>; received_at: Date; integration_name: string; applied_at: string | null }>(
        `SELECT e.id, e.status, e.body, e.received_at, i.name AS integration_name,
                to_char(e.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at
           FROM lab_events e JOIN integrations i ON i.id = e.integration_id
          WHERE e.id = $1 FOR UPDATE OF e`,
        [id],
      );
      if (!row) throw notFound('Lab event', id);
      if (row.status === 'applied') {
        if (mode === 'auto') return;
        throw new DomainError('CONFLICT', `Lab event ${id} was already applied at ${row.applied_at}; it is not applied twice`, { eventStatus: 'applied' });
      }
      if (mode === 'auto' && row.status !== 'parked') return;
      if (row.status === 'dismissed') {
        throw new DomainError('CONFLICT', `Lab event ${id} was dismissed; a dismissed event is kept but not applied`, { eventStatus: 'dismissed' });
      }
      let result: ApplyResult;
      try {
        const event = parseLabEvent(row.body, row.received_at);
        result = await this.applyInSavepoint(tx, id, event, row.integration_name);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED') throw err;
        result = { status: 'rejected', problem: problemFromDomainError(err) };
      }
      await tx.query(
        RECORD_OUTCOME_SQL,
        [id, result.status, result.status === 'applied' ? null : result.problem],
      );
    });
  }

  /**
   * UnitExtension.afterTransition (DESIGN.md section 7; 21 CFR 1271.265(c)): in the transaction that
   * changed the unit's status, under its lock, applies the events parked for this unit, oldest
   * `occurredAt` first, each behind a savepoint. One that still can not apply stays parked; one the
   * unit now refuses for another reason is kept as rejected with the problem. Events another
   * transaction is replaying right now are skipped (SKIP LOCKED: that one applies them). The
   * transaction's actor (whose act made the unit take them) is the audit actor; the reason names the
   * event and its integration. Returns true when one was applied (the unit changed).
   */
  async applyWaiting(tx: Tx, unit: { din: string; status: string }): Promise<boolean> {
    if (WAITING_STATES.includes(unit.status) || this.draining.has(tx)) return false;
    this.draining.add(tx);
    try {
      let changed = false;
      for (let progress = true; progress; ) {
        progress = false;
        const rows = await tx.query<{ id: string; body: Record<string, unknown>; received_at: Date; integration_name: string }>(
          `SELECT e.id, e.body, e.received_at, i.name AS integration_name
             FROM lab_events e JOIN integrations i ON i.id = e.integration_id
            WHERE e.status = 'parked' AND e.din = $1 AND NOT (e.id = ANY($2::uuid[]))
            ORDER BY e.occurred_at, e.received_at, e.id
            FOR UPDATE OF e SKIP LOCKED`,
          [unit.din, [...(this.inFlight.get(tx) ?? [])]],
        );
        for (const row of rows) {
          let event: ParsedLabEvent;
          try {
            event = parseLabEvent(row.body, row.received_at);
          } catch (err) {
            // a body the parser no longer takes is rejected with its problem, as a replay does; never left parked
            if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED') throw err;
            await tx.query(RECORD_OUTCOME_SQL, [row.id, 'rejected', problemFromDomainError(err)]);
            continue;
          }
          const context = { action: `lab_event.${event.type}`, reason: `waiting lab event ${event.eventId} from ${row.integration_name}, applied by itself once unit ${unit.din} was ${unit.status}` };
          const result = await tx.withAudit(context, async () => {
            const r = await this.applyInSavepoint(tx, row.id, event, row.integration_name);
            if (r.status === 'parked') return r;
            await tx.query(
              RECORD_OUTCOME_SQL,
              [row.id, r.status, r.status === 'applied' ? null : r.problem],
            );
            return r;
          });
          if (result.status === 'applied') progress = changed = true;
        }
      }
      return changed;
    } finally {
      this.draining.delete(tx);
    }
  }

  /**
   * applyWaiting for many units at once (a look-back's hold): one indexed query finds the units that
   * have parked events at all, and only those are drained one by one.
   */
  async applyWaitingMany(tx: Tx, units: { din: string; status: string }[]): Promise<Set<string>> {
    const changed = new Set<string>();
    const candidates = units.filter((u) => !WAITING_STATES.includes(u.status));
    if (!candidates.length) return changed;
    const rows = await tx.query<{ din: string }>(`SELECT DISTINCT din FROM lab_events WHERE status = 'parked' AND din = ANY($1::text[])`, [candidates.map((u) => u.din)]);
    const byDin = new Map(candidates.map((u) => [u.din, u]));
    for (const { din } of rows) if (await this.applyWaiting(tx, byDin.get(din)!)) changed.add(din);
    return changed;
  }

  /**
   * `POST /lab/events/:id/dismiss` (QA or lab technician): a parked event that will not be applied
   * (sent for the wrong unit, superseded) is set aside with a reason. It stays stored as received,
   * now `dismissed`, with who, when and why, audited on its `lab_event:<id>` chain (Part 11.10(e)).
   * Only a parked event can be dismissed (409 otherwise).
   */
  async dismiss(actor: Actor, id: string, reason: string): Promise<LabEventView> {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (!why) throw new DomainError('VALIDATION_FAILED', 'reason: a dismissal needs a reason', { errors: [{ field: 'reason', message: 'must say why the event is dismissed' }] });
    await this.db.tx(actor, async (tx) => {
      const row = await tx.one<{ status: LabEventStatus }>(`SELECT status FROM lab_events WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw notFound('Lab event', id);
      if (row.status !== 'parked') {
        throw new DomainError('CONFLICT', `Lab event ${id} is ${row.status}: only a parked event can be dismissed`, { eventStatus: row.status });
      }
      await tx.audit({ action: 'lab_event.dismissed', reason: why });
      await tx.query(
        `UPDATE lab_events SET status = 'dismissed', dismissed_at = now(), dismissed_by = $2, dismissed_by_name = $3, dismiss_reason = $4 WHERE id = $1`,
        [id, actor.id, actor.name, why],
      );
    });
    return this.get(id);
  }

  /** `GET /lab/events`: newest first, by status, type, unit, donor or integration. */
  async list(q: LabEventQuery): Promise<LabEventPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) add('e.status = ?', q.status);
    if (q.type) add('e.type = ?', q.type);
    if (q.din) add('e.din = ?', parseDin(q.din, 'din').din);
    if (q.donorNumber) add('e.donor_number = ?', q.donorNumber);
    if (q.integrationId) add('e.integration_id = ?', q.integrationId.toLowerCase());
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count, items] = await Promise.all([
      this.db.one<{ total: number }>(`SELECT count(*)::int AS total FROM lab_events e ${cond}`, params),
      this.db.query<LabEventView>(
        `SELECT ${VIEW_COLUMNS} FROM lab_events e JOIN integrations i ON i.id = e.integration_id ${cond}
          ORDER BY e.received_at DESC, e.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ),
    ]);
    return { items, page: q.page, pageSize: q.pageSize, total: count?.total ?? 0 };
  }

  async get(id: string): Promise<LabEventView> {
    const row = await this.db.one<LabEventView>(`SELECT ${VIEW_COLUMNS} FROM lab_events e JOIN integrations i ON i.id = e.integration_id WHERE e.id = $1`, [id]);
    if (!row) throw notFound('Lab event', id);
    return row;
  }
}
