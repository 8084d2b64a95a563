import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { DomainError, notFound } from '../common/domain-error';
import { parseDin } from '../common/din';
import { redactForReader } from '../common/personal-data';
import { Db } from '../database/db.service';
import { AuditEntryView, AuditPage, AuditQuery, VerifyResult } from './dto/audit.dto';

const ENTRY_COLUMNS = `
  chain, seq, din, donor_id AS "donorId", to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  actor_type AS "actorType", actor_id AS "actorId", actor_name AS "actorName", action, reason,
  before, after, request_id AS "requestId", signature, prev_hash AS "prevHash", hash`;

/**
 * Recomputes a chain: each entry's hash over its content and the previous hash, the links, the
 * gap-free sequence, and the chain head (which catches entries deleted from the end).
 */
const VERIFY_SQL = `
  WITH c AS (
    SELECT e.seq,
           e.hash = audit_entry_hash(e.chain, e.din, e.donor_id, e.seq, e.at, e.actor_type, e.actor_id, e.actor_name, e.action, e.reason,
                                     e.before, e.after, e.request_id, e.signature, e.prev_hash)
       AND e.prev_hash = coalesce(lag(e.hash) OVER w, repeat('0', 64))
       AND e.seq = coalesce(lag(e.seq) OVER w, 0) + 1 AS ok,
           last_value(e.seq) OVER (ORDER BY e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_seq,
           last_value(e.hash) OVER (ORDER BY e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_hash
      FROM audit_entries e
     WHERE e.chain = $1
    WINDOW w AS (ORDER BY e.seq)
  )
  SELECT (SELECT count(*) FROM c)::int AS entries,
         (SELECT min(seq) FROM c WHERE NOT ok) AS first_invalid,
         (SELECT max(last_seq) FROM c) AS last_seq,
         (SELECT max(last_hash) FROM c) AS last_hash,
         h.last_seq AS head_seq, h.last_hash AS head_hash
    FROM (SELECT 1) one LEFT JOIN audit_chain_heads h ON h.chain = $1`;


@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  /** The audit log, newest first, keyset-paginated on (at, id) so pages stay stable while entries arrive. */
  async list(q: AuditQuery, actor?: Actor): Promise<AuditPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.din) add('din = ?', parseDin(q.din, 'din').din);
    if (q.chain) add('chain = ?', q.chain);
    if (q.actor) add('actor_id = ?', q.actor);
    if (q.action) add('action = ?', q.action);
    if (q.from) add('at >= ?::timestamptz', q.from);
    if (q.to) add('at < ?::timestamptz', q.to);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      if (!c || c.length !== 2 || typeof c[0] !== 'string' || typeof c[1] !== 'string' || !/^\d+$/.test(c[1]) || Number.isNaN(Date.parse(c[0]))) {
        throw new DomainError('VALIDATION_FAILED', 'cursor is not one this service issued', { errors: [{ field: 'cursor', message: 'invalid cursor' }] });
      }
      params.push(c[0], c[1]);
      where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    params.push(q.limit + 1);
    // ORDER BY names the table's columns: the output columns `at` (formatted text) and `id` (text)
    // would shadow them, sorting text and defeating the (actor|action|din, at, id) indexes.
    const rows = await this.db.query<AuditEntryView & { id: string; at_raw: string }>(
      `SELECT id::text, at::text AS at_raw, ${ENTRY_COLUMNS} FROM audit_entries
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY audit_entries.at DESC, audit_entries.id DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: redactForReader(page.map(({ id: _id, at_raw: _a, ...e }) => e), actor),
      nextCursor: more && last ? encodeCursor([last.at_raw, last.id]) : null,
    };
  }

  private async assertUnit(din: string): Promise<void> {
    const unit = await this.db.one(`SELECT 1 FROM cord_blood_units WHERE din = $1`, [din]);
    if (!unit) throw notFound('Unit', din);
  }

  /** A unit's whole trail, oldest first. */
  async trail(din: string, actor?: Actor): Promise<AuditEntryView[]> {
    await this.assertUnit(din);
    return this.chain(din, actor);
  }

  /** A whole chain (a unit's DIN or `donor:<id>`), oldest first. */
  async chain(chain: string, actor?: Actor): Promise<AuditEntryView[]> {
    return redactForReader(await this.db.query<AuditEntryView>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE chain = $1 ORDER BY seq`, [chain]), actor);
  }

  /** Part 11.10(e): recompute the unit's chain and name the first entry that does not match. */
  async verify(din: string): Promise<VerifyResult> {
    await this.assertUnit(din);
    return this.verifyChain(din);
  }

  /** Recomputes one chain: a unit's DIN or `donor:<id>`. */
  async verifyChain(chain: string): Promise<VerifyResult> {
    const r = await this.db.one<{ entries: number; first_invalid: number | null; last_seq: number | null; last_hash: string | null; head_seq: number | null; head_hash: string | null }>(VERIFY_SQL, [chain]);
    return toVerifyResult(r!);
  }
}

export function toVerifyResult(r: { entries: number; first_invalid: number | null; last_seq: number | null; last_hash: string | null; head_seq: number | null; head_hash: string | null }): VerifyResult {
  let first = r.first_invalid ?? undefined;
  if (first === undefined && r.head_seq !== null && (r.head_seq !== r.last_seq || r.head_hash !== r.last_hash)) {
    // entries were removed from the end of the chain (or the head was changed)
    first = Math.min(r.head_seq, (r.last_seq ?? 0) + 1);
  }
  return first === undefined ? { valid: true, entries: r.entries } : { valid: false, entries: r.entries, firstInvalidSeq: first };
}

export { VERIFY_SQL };

/** Every chain at once (units and donors), for `npm run audit:verify` and the backup check. */
export const VERIFY_ALL_SQL = `
  WITH c AS (
    SELECT e.chain, e.seq,
           e.hash = audit_entry_hash(e.chain, e.din, e.donor_id, e.seq, e.at, e.actor_type, e.actor_id, e.actor_name, e.action, e.reason,
                                     e.before, e.after, e.request_id, e.signature, e.prev_hash)
       AND e.prev_hash = coalesce(lag(e.hash) OVER w, repeat('0', 64))
       AND e.seq = coalesce(lag(e.seq) OVER w, 0) + 1 AS ok,
           e.hash
      FROM audit_entries e
    WINDOW w AS (PARTITION BY e.chain ORDER BY e.seq)
  ), per_chain AS (
    SELECT chain, count(*)::int AS entries, min(seq) FILTER (WHERE NOT ok) AS first_invalid, max(seq) AS last_seq,
           (array_agg(hash ORDER BY seq DESC))[1] AS last_hash
      FROM c GROUP BY chain
  )
  SELECT coalesce(p.chain, h.chain) AS chain, coalesce(p.entries, 0) AS entries,
         CASE
           WHEN p.first_invalid IS NOT NULL THEN p.first_invalid
           WHEN h.chain IS NULL THEN NULL
           WHEN p.chain IS NULL OR h.last_seq <> p.last_seq OR h.last_hash <> p.last_hash THEN least(h.last_seq, coalesce(p.last_seq, 0) + 1)
         END AS first_invalid
    FROM per_chain p FULL JOIN audit_chain_heads h ON h.chain = p.chain`;

