import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/actor';
import { parseDin } from '../common/din';
import { DomainError, notFound, validationFailed } from '../common/domain-error';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { AuditContext, Db, Tx } from '../database/db.service';
import { EXCURSION_BLOCKERS_SQL, type ExcursionBlockerRow, excursionBlocker, excursionBlocksRelease } from '../units/release-blockers';
import { UnitsService } from '../units/units.service';
import type { ExcursionPage, ExcursionsQuery, ExcursionUnitView, ExcursionView, ReadingsPage, ReadingView, ReviewExcursionDto, TemperaturesQuery } from './dto/storage.dto';
import { excursionStep } from './storage.rules';
import { EXCURSION_SELECT, type ExcursionRow, type FreezerRow, type UnitExcursionRow, iso, num, resolveFreezer } from './storage.shared';

/** What recordTemperature did (for the lab-events feature and the staff endpoint). */
export interface TemperatureResult {
  readingId: string;
  freezerId: string;
  aboveLimit: boolean;
  excursion: { id: string | null; effect: 'opened' | 'continued' | 'closed' | 'extended' | 'recorded_retrospectively' | 'within_existing' | 'none' };
}

/** Units recorded per INSERT when an excursion opens (keeps each statement short in a 100,000-unit freezer). */
const EXCURSION_BATCH = 2000;

/** Readings may come from the future by clock skew only. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Freezer temperatures and excursions (FACT-NetCord storage monitoring; 21 CFR 1271.260(d)/(e)):
 * readings, the excursions they open, extend and close, the units each concerns, QA's review of it
 * for a unit, and the excursion criterion of the release gate (src/units/release-blockers.ts). Owns
 * freezer_temperature_readings, freezer_excursions and unit_excursions; a unit put on hold by an
 * excursion is moved through UnitsService.
 */
@Injectable()
export class ExcursionsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsService,
    private readonly auth: AuthService,
  ) {}

  /**
   * Records a freezer temperature in the caller's transaction (staff entry, or a `freezer.temperature`
   * lab event). FACT-NetCord storage monitoring: a reading above the freezer's limit opens an excursion
   * and records it on every unit stored in the freezer (one audited row per unit); a later reading
   * within the limit closes it. A reading older than the freezer's newest one is judged against the
   * history: inside a known excursion it only adds to it; just before one it moves its start back;
   * otherwise it records a closed, retrospective excursion up to the next reading. The freezer's row
   * lock orders readings and excludes a concurrent store (the storage trigger shares that lock).
   * `freezerRef`: the freezer's id, code (F01) or name; unknown → DomainError NOT_FOUND.
   */
  async recordTemperature(tx: Tx, freezerRef: string, temperatureC: number, readAt: Date, source: 'staff' | 'lab_event'): Promise<TemperatureResult> {
    if (typeof temperatureC !== 'number' || !Number.isFinite(temperatureC) || temperatureC < -273.15 || temperatureC > 100) {
      throw validationFailed([{ field: 'temperatureC', message: 'must be a number of °C from -273.15 to 100' }]);
    }
    if (!(readAt instanceof Date) || Number.isNaN(readAt.getTime()) || readAt.getTime() > Date.now() + MAX_FUTURE_SKEW_MS) {
      throw validationFailed([{ field: 'readAt', message: 'must be a valid time, not in the future' }]);
    }
    if (source !== 'staff' && source !== 'lab_event') throw validationFailed([{ field: 'source', message: 'must be staff or lab_event' }]);
    const f = await resolveFreezer(tx, freezerRef, true);
    const newest = await tx.one<{ read_at: Date | null }>(`SELECT max(read_at) AS read_at FROM freezer_temperature_readings WHERE freezer_id = $1`, [f.id]);
    const limit = Number(f.max_temperature_c);
    const aboveLimit = temperatureC > limit;
    const reading = await tx.one<{ id: string }>(
      `INSERT INTO freezer_temperature_readings (freezer_id, read_at, temperature_c, limit_c, above_limit, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text`,
      [f.id, readAt, temperatureC, f.max_temperature_c, aboveLimit, source, tx.actor.id],
    );
    const readingId = reading!.id;
    const result = (id: string | null, effect: TemperatureResult['excursion']['effect']): TemperatureResult => ({ readingId, freezerId: f.id, aboveLimit, excursion: { id, effect } });
    const what = `${temperatureC} °C at ${readAt.toISOString()} (limit ${limit} °C, ${source})`;

    switch (excursionStep({ aboveLimit, readAt, newestReadAt: newest?.read_at ?? null, open: !!f.open_excursion_id })) {
      case 'open':
        return result(await this.openExcursion(tx, f, readAt, null, readingId, null, `reading ${what} is above the limit`), 'opened');
      case 'continue': {
        // units stored since the excursion opened (before it was known) were in the freezer at this reading
        const open = await tx.one<{ started_at: Date }>(`SELECT started_at FROM freezer_excursions WHERE id = $1`, [f.open_excursion_id]);
        await this.linkExcursionUnits(tx, f.open_excursion_id!, f, readAt, open!.started_at, { action: 'freezer.excursion.unit_recorded', reason: `reading ${what} is above the limit` });
        return result(f.open_excursion_id, 'continued');
      }
      case 'close':
        await tx.withAudit({ action: 'freezer.excursion.closed', reason: `reading ${what} is within the limit` }, async () => {
          await tx.query(`UPDATE freezer_excursions SET ended_at = $2, closed_by_reading = $3 WHERE id = $1 AND ended_at IS NULL`, [f.open_excursion_id, readAt, readingId]);
          await tx.query(`UPDATE freezers SET open_excursion_id = NULL, updated_at = now() WHERE id = $1`, [f.id]);
        });
        return result(f.open_excursion_id, 'closed');
      case 'none':
        return result(null, 'none');
      case 'late':
        break;
    }
    if (!aboveLimit) return result(null, 'none');
    const covering = await tx.one<{ id: string }>(
      `SELECT id FROM freezer_excursions WHERE freezer_id = $1 AND started_at <= $2 AND (ended_at IS NULL OR ended_at >= $2) ORDER BY started_at DESC LIMIT 1`,
      [f.id, readAt],
    );
    if (covering) {
      // a late reading inside a known excursion: the units in the freezer at its time carry that excursion too
      await this.linkExcursionUnits(tx, covering.id, f, readAt, null, { action: 'freezer.excursion.unit_recorded', reason: `late reading ${what} is above the limit` });
      return result(covering.id, 'within_existing');
    }
    const next = await tx.one<{ id: string; read_at: Date; above_limit: boolean }>(
      `SELECT id::text, read_at, above_limit FROM freezer_temperature_readings
        WHERE freezer_id = $1 AND read_at > $2 ORDER BY read_at, id LIMIT 1`,
      [f.id, readAt],
    );
    if (next?.above_limit) {
      const extended = await tx.withAudit({ action: 'freezer.excursion.extended', reason: `late reading ${what} is above the limit just before the excursion` }, () =>
        tx.one<{ id: string }>(
          `UPDATE freezer_excursions SET started_at = $2, opened_by_reading = $3
            WHERE id = (SELECT id FROM freezer_excursions WHERE freezer_id = $1 AND started_at <= $4 AND (ended_at IS NULL OR ended_at >= $4)
                         ORDER BY started_at DESC LIMIT 1)
           RETURNING id`,
          [f.id, readAt, readingId, next.read_at],
        ),
      );
      if (extended) {
        await this.linkExcursionUnits(tx, extended.id, f, readAt, null, { action: 'freezer.excursion.unit_recorded', reason: `late reading ${what} is above the limit` });
        return result(extended.id, 'extended');
      }
    }
    const endedAt = next?.read_at ?? readAt;
    const id = await this.openExcursion(tx, f, readAt, endedAt, readingId, next && !next.above_limit ? next.id : null, `late reading ${what} is above the limit`);
    return result(id, 'recorded_retrospectively');
  }

  /** `GET /storage/freezers/:id/temperatures`: readings newest first, keyset-paginated. */
  async temperatures(ref: string, q: TemperaturesQuery): Promise<ReadingsPage> {
    const f = await resolveFreezer(this.db, ref);
    let c: [string, string] | null = null;
    if (q.cursor) {
      const d = decodeCursor(q.cursor);
      if (!d || d.length !== 2 || typeof d[0] !== 'string' || Number.isNaN(Date.parse(d[0])) || typeof d[1] !== 'string' || !/^\d{1,18}$/.test(d[1])) {
        throw new DomainError('VALIDATION_FAILED', 'cursor is not one this service issued', { errors: [{ field: 'cursor', message: 'invalid cursor' }] });
      }
      c = [d[0], d[1]];
    }
    const rows = await this.db.query<ReadingRowDb & { read_at_raw: string }>(
      `SELECT t.*, t.read_at::text AS read_at_raw FROM freezer_temperature_readings t
        WHERE t.freezer_id = $1
          AND ($2::timestamptz IS NULL OR t.read_at >= $2) AND ($3::timestamptz IS NULL OR t.read_at < $3)
          AND ($4::timestamptz IS NULL OR (t.read_at, t.id) < ($4, $5::bigint))
        ORDER BY t.read_at DESC, t.id DESC LIMIT $6`,
      [f.id, q.from ?? null, q.to ?? null, c?.[0] ?? null, c?.[1] ?? null, q.limit + 1],
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { freezerId: f.id, items: page.map(readingView), nextCursor: more && last ? encodeCursor([last.read_at_raw, String(last.id)]) : null };
  }

  /** `GET /storage/excursions`: open and closed excursions, newest first, with the units affected. */
  async listExcursions(q: ExcursionsQuery): Promise<ExcursionPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    if (q.status === 'open') where.push('e.ended_at IS NULL');
    if (q.status === 'closed') where.push('e.ended_at IS NOT NULL');
    if (q.freezerId) add('e.freezer_id = ?', (await resolveFreezer(this.db, q.freezerId)).id);
    if (q.din) add('EXISTS (SELECT 1 FROM unit_excursions x WHERE x.excursion_id = e.id AND x.din = ?)', parseDin(q.din, 'din').din);
    if (q.unreviewed) where.push('EXISTS (SELECT 1 FROM unit_excursions x WHERE x.excursion_id = e.id AND x.reviewed_at IS NULL)');
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM freezer_excursions e ${whereSql}`, params);
    const rows = await this.db.query<ExcursionRow>(
      `${EXCURSION_SELECT} ${whereSql} ORDER BY e.started_at DESC, e.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const units = rows.length
      ? await this.db.query<UnitExcursionRow>(
          `SELECT ue.excursion_id, ue.din, u.din_check, u.status, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by,
                  ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
             FROM unnest($1::uuid[]) AS x(id)
             CROSS JOIN LATERAL (SELECT * FROM unit_excursions ue WHERE ue.excursion_id = x.id ORDER BY ue.din LIMIT 200) ue
             JOIN cord_blood_units u ON u.din = ue.din
            ORDER BY ue.excursion_id, ue.din`,
          [rows.map((r) => r.id)],
        )
      : [];
    return {
      items: rows.map((r) => excursionView(r, units.filter((u) => u.excursion_id === r.id))),
      page: q.page,
      pageSize: q.pageSize,
      total: total?.n ?? 0,
    };
  }

  /** `GET /storage/excursions/:id`: one excursion with all its units, paginated by DIN. */
  async getExcursion(id: string, page: number, pageSize: number): Promise<ExcursionView & { page: number; pageSize: number }> {
    const row = await this.db.one<ExcursionRow>(`${EXCURSION_SELECT} WHERE e.id = $1`, [id]);
    if (!row) throw notFound('Excursion', id);
    const units = await this.db.query<UnitExcursionRow>(
      `SELECT ue.excursion_id, ue.din, u.din_check, u.status, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by,
              ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
         FROM unit_excursions ue JOIN cord_blood_units u ON u.din = ue.din
        WHERE ue.excursion_id = $1 ORDER BY ue.din LIMIT $2 OFFSET $3`,
      [id, pageSize, (page - 1) * pageSize],
    );
    return { ...excursionView(row, units), page, pageSize };
  }

  /**
   * QA's review of an excursion for one unit (FACT-NetCord: a unit exposed to an excursion is
   * evaluated before release), e-signed (21 CFR Part 11.200). Only a closed excursion can be reviewed,
   * once; `unacceptable` keeps blocking release (QA then holds or discards the unit).
   */
  async reviewExcursion(actor: Actor, excursionId: string, din: string, dto: ReviewExcursionDto): Promise<ExcursionUnitView> {
    const signature = await this.auth.sign(actor, dto.signature, 'review');
    return this.db.tx(actor, async (tx) => {
      await this.units.lock(tx, din);
      const row = await tx.one<{ ended_at: Date | null; reviewed_at: Date | null }>(
        `SELECT e.ended_at, ue.reviewed_at FROM unit_excursions ue JOIN freezer_excursions e ON e.id = ue.excursion_id WHERE ue.excursion_id = $1 AND ue.din = $2`,
        [excursionId, din],
      );
      if (!row) throw new DomainError('NOT_FOUND', `Unit ${din} was not affected by excursion ${excursionId}`);
      if (!row.ended_at) throw new DomainError('CONFLICT', `Excursion ${excursionId} is still open; review it once the freezer is back within its limit`);
      await tx.audit({ action: 'unit.excursion.reviewed', reason: dto.reason, signature });
      const updated = await tx.query(
        `UPDATE unit_excursions SET reviewed_at = now(), reviewed_by = $3, reviewer_name = $4, review_outcome = $5, review_reason = $6, review_meaning = $7,
                review_corrective_action = $8
          WHERE excursion_id = $1 AND din = $2 AND reviewed_at IS NULL RETURNING id`,
        [excursionId, din, actor.id, signature.signerName, dto.outcome ?? 'acceptable', dto.reason, signature.meaning, dto.correctiveAction],
      );
      if (updated.length !== 1) throw new DomainError('CONFLICT', `Excursion ${excursionId} was already reviewed for unit ${din}`);
      const [view] = await this.unitExcursions(tx, [din], excursionId);
      return view;
    });
  }

  /** FACT-NetCord release criteria: an excursion QA has not accepted for this unit blocks `available` and release. */
  async releaseBlockers(db: Db | Tx, din: string): Promise<string[]> {
    return (await this.releaseBlockersMany(db, [din])).get(din) ?? [];
  }

  /** releaseBlockers for many units in one query, keyed by DIN. */
  async releaseBlockersMany(db: Db | Tx, dins: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const r of await db.query<ExcursionBlockerRow & { din: string }>(EXCURSION_BLOCKERS_SQL, [dins])) out.set(r.din, [...(out.get(r.din) ?? []), excursionBlocker(r)]);
    return out;
  }

  /**
   * Opens an excursion (or records a closed, retrospective one when `endedAt` is given) and records
   * it on every unit that was in the freezer at `startedAt` (the reading's time), from the storage
   * history (linkExcursionUnits). This is the one code path that opens an excursion.
   */
  private async openExcursion(tx: Tx, f: FreezerRow, startedAt: Date, endedAt: Date | null, openedBy: string, closedBy: string | null, reason: string): Promise<string> {
    return tx.withAudit({ action: endedAt ? 'freezer.excursion.recorded' : 'freezer.excursion.opened', reason }, async () => {
      const e = await tx.one<{ id: string }>(
        `INSERT INTO freezer_excursions (freezer_id, started_at, ended_at, limit_c, retrospective, opened_by_reading, closed_by_reading)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [f.id, startedAt, endedAt, f.max_temperature_c, endedAt !== null, openedBy, closedBy],
      );
      // Stores into the freezer wait for the freezer's lock we hold; once we commit they see the open
      // excursion (storage trigger).
      if (!endedAt) await tx.query(`UPDATE freezers SET open_excursion_id = $2, updated_at = now() WHERE id = $1`, [f.id, e!.id]);
      await this.linkExcursionUnits(tx, e!.id, f, startedAt, null, null);
      return e!.id;
    });
  }

  /**
   * DESIGN.md section 7; 21 CFR 1271.260(d)/(e): a reading above the limit concerns the units that
   * were in the freezer **at the reading's time** (`at`), read from `unit_storage_history` (kept by
   * the database on every position change), not the units there when the reading arrives: a unit
   * stored after it is not touched; a unit moved or taken out since is recorded too, with the
   * position it had then. Each newly concerned unit gets one audited `unit_excursions` row; one that
   * is `available` (wherever it is now) goes on hold until QA reviews the excursion. `storedAfter`
   * narrows the search to stays that began after it (a reading continuing an excursion: units there
   * since its start already carry it). `audit` null: the caller's audit context is in force.
   * Runs under the freezer's row lock. Returns how many units it recorded.
   */
  private async linkExcursionUnits(tx: Tx, excursionId: string, f: FreezerRow, at: Date, storedAfter: Date | null, audit: AuditContext | null): Promise<number> {
    const affected = await tx.query<{ din: string; label: string; status: string }>(
      `SELECT h.din, h.position_label AS label, u.status
         FROM unit_storage_history h JOIN cord_blood_units u ON u.din = h.din
        WHERE h.freezer_id = $1 AND h.stored_from <= $2 AND (h.stored_until IS NULL OR h.stored_until > $2)
          AND ($3::timestamptz IS NULL OR h.stored_from > $3)
          AND NOT EXISTS (SELECT 1 FROM unit_excursions ue WHERE ue.excursion_id = $4 AND ue.din = h.din)
        ORDER BY h.din`,
      [f.id, at, storedAfter, excursionId],
    );
    if (affected.length === 0) return 0;
    const link = async () => {
      // inserted in batches so no statement runs long in a 100,000-unit freezer
      for (let i = 0; i < affected.length; i += EXCURSION_BATCH) {
        const batch = affected.slice(i, i + EXCURSION_BATCH);
        await tx.query(
          `INSERT INTO unit_excursions (din, excursion_id, position_label)
           SELECT d, $1, l FROM unnest($2::text[], $3::text[]) AS x(d, l) ORDER BY d
           ON CONFLICT (din, excursion_id) DO NOTHING`,
          [excursionId, batch.map((u) => u.din), batch.map((u) => u.label)],
        );
      }
      // An available unit that no longer meets its release criteria does not stay available (as for
      // results, UnitsService.holdIfNoLongerReleasable): it goes on hold until QA reviews the excursion.
      // one set-based move under the units' row locks (a unit no longer available by then is left as it is)
      const candidates = affected.filter((u) => u.status === 'available').map((u) => u.din);
      await this.units.transitionMany(tx, candidates, 'on_hold', ['available'], {
        action: 'unit.held',
        reason: `temperature excursion ${excursionId} in freezer ${f.code}: held until QA reviews it`,
      });
    };
    if (audit) await tx.withAudit(audit, link);
    else await link();
    return affected.length;
  }

  private async unitExcursions(db: Db | Tx, dins: string[], excursionId?: string): Promise<ExcursionUnitView[]> {
    const rows = await db.query<UnitExcursionRow>(
      `SELECT ue.excursion_id, ue.din, u.din_check, u.status, ue.position_label, ue.recorded_at, ue.reviewed_at, ue.reviewed_by,
              ue.reviewer_name, ue.review_outcome, ue.review_reason, ue.review_meaning, ue.review_corrective_action
         FROM unit_excursions ue JOIN cord_blood_units u ON u.din = ue.din
        WHERE ue.din = ANY($1::text[]) AND ($2::uuid IS NULL OR ue.excursion_id = $2)
        ORDER BY ue.recorded_at`,
      [dins, excursionId ?? null],
    );
    return rows.map(unitExcursionView);
  }
}

/**
 * The unit view's storage part (UnitExtension.view, over the unit row `u`): the unit's position, and
 * the excursions it went through, each link with its excursion (freezer, interval, peak) in the order
 * they were recorded; NULL entries when it has none.
 */
export const unitExcursionsPart = `(SELECT json_agg(json_build_object('link', to_json(xu), 'excursion', to_json(x)) ORDER BY xu.recorded_at)
     FROM unit_excursions xu CROSS JOIN LATERAL (${EXCURSION_SELECT} WHERE e.id = xu.excursion_id) x
    WHERE xu.din = u.din)`;

/** A unit's excursion link and its excursion as the storage part returns them (timestamps as json text). */
export interface UnitExcursionPart {
  link: Jsonb<UnitExcursionRow>;
  excursion: Jsonb<ExcursionRow>;
}
type Jsonb<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

const at = (v: string | null): Date | null => (v === null ? null : new Date(v));

function linkRow(l: Jsonb<UnitExcursionRow>): UnitExcursionRow {
  return { ...l, recorded_at: at(l.recorded_at)!, reviewed_at: at(l.reviewed_at) };
}

/** The excursions of `GET /units/:din`: freezer, interval, peak and QA's review, by start. */
export function unitExcursionDetails(parts: UnitExcursionPart[]): Record<string, unknown>[] {
  const list = parts.map(({ link, excursion: r }) => {
    const l = linkRow(link);
    return {
      id: r.id,
      freezerId: r.freezer_id,
      freezerCode: r.code,
      freezerName: r.name,
      startedAt: iso(at(r.started_at)),
      endedAt: iso(at(r.ended_at)),
      open: r.ended_at === null,
      retrospective: r.retrospective,
      limitC: num(r.limit_c),
      peakTemperatureC: num(r.peak),
      positionLabel: l.position_label,
      recordedAt: iso(l.recorded_at),
      review: reviewView(l),
      blocksRelease: excursionBlocksRelease(l),
    };
  });
  return list.sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
}

/** The release check's excursion entries from the same part (the rule of ExcursionsService.releaseBlockers), oldest first. */
export function unitExcursionBlockers(parts: UnitExcursionPart[]): string[] {
  return parts
    .filter((p) => excursionBlocksRelease(linkRow(p.link)))
    .map((p): ExcursionBlockerRow => ({ id: p.excursion.id, code: p.excursion.code, started_at: at(p.excursion.started_at)!, ended_at: at(p.excursion.ended_at), review_outcome: p.link.review_outcome }))
    .sort((a, b) => a.started_at.getTime() - b.started_at.getTime())
    .map(excursionBlocker);
}

export interface ReadingRowDb {
  id: string;
  freezer_id: string;
  read_at: Date;
  temperature_c: string;
  limit_c: string;
  above_limit: boolean;
  source: string;
  recorded_by: string | null;
}

export function readingView(r: ReadingRowDb): ReadingView {
  return {
    id: String(r.id),
    freezerId: r.freezer_id,
    readAt: iso(r.read_at)!,
    temperatureC: Number(r.temperature_c),
    limitC: Number(r.limit_c),
    aboveLimit: r.above_limit,
    source: r.source,
    recordedBy: r.recorded_by,
  };
}

function reviewView(r: UnitExcursionRow): ExcursionUnitView['review'] {
  return r.reviewed_at
    ? { reviewedAt: iso(r.reviewed_at)!, reviewedBy: r.reviewed_by!, reviewerName: r.reviewer_name, outcome: r.review_outcome!, reason: r.review_reason!, correctiveAction: r.review_corrective_action, meaning: r.review_meaning }
    : null;
}

function unitExcursionView(r: UnitExcursionRow): ExcursionUnitView {
  return { din: r.din, dinCheck: r.din_check, status: r.status, positionLabel: r.position_label, recordedAt: iso(r.recorded_at)!, review: reviewView(r) };
}

function excursionView(r: ExcursionRow, units: UnitExcursionRow[]): ExcursionView {
  return {
    id: r.id,
    freezerId: r.freezer_id,
    freezerCode: r.code,
    freezerName: r.name,
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at),
    open: r.ended_at === null,
    retrospective: r.retrospective,
    limitC: Number(r.limit_c),
    peakTemperatureC: num(r.peak),
    readingsAboveLimit: r.above_count ?? 0,
    unitCount: r.unit_count ?? 0,
    unreviewedCount: r.unreviewed_count ?? 0,
    units: units.map(unitExcursionView),
  };
}
