import { Injectable, Logger } from '@nestjs/common';
import { Db, Tx } from '../database/db.service';
import type { Page } from '../common/pagination';

export type SecurityEventKind = 'repeated_failed_logins' | 'repeated_failed_signatures' | 'login_address_throttled';

export interface SecurityEventInput {
  kind: SecurityEventKind;
  userId: string | null;
  email: string | null;
  address: string | null;
  failures: number;
  detail: string;
}

export interface SecurityEventView {
  id: string;
  kind: SecurityEventKind;
  occurredAt: string;
  userId: string | null;
  email: string | null;
  address: string | null;
  failures: number;
  detail: string;
}

interface SecurityEventRow {
  id: string;
  kind: SecurityEventKind;
  occurred_at: Date;
  user_id: string | null;
  email: string | null;
  address: string | null;
  failures: number;
  detail: string;
}

/**
 * Security events (21 CFR Part 11.300(d)): an attempted unauthorised use (repeated failed logins or
 * signatures) is reported at once to the security unit as a row of `security_events`, append-only
 * and appended by its trigger to the hash-chained audit trail (chain `security`).
 *
 * `report` is the ONE insert point: an alarm (the alarms feature, on its job queue) is to be raised
 * from here, in the same transaction, once alarms exist.
 */
@Injectable()
export class SecurityEvents {
  private readonly logger = new Logger('Security');

  constructor(private readonly db: Db) {}

  async report(tx: Tx, e: SecurityEventInput): Promise<string> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO security_events (kind, user_id, email, address, failures, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
      [e.kind, e.userId, e.email, e.address, e.failures, e.detail],
    );
    this.logger.warn({ securityEventId: row!.id, kind: e.kind, userId: e.userId, address: e.address, failures: e.failures }, 'security event');
    return row!.id;
  }

  /** `GET /security-events`: newest first, paginated. */
  async list(page: number, pageSize: number): Promise<Page<SecurityEventView>> {
    const [rows, total] = await Promise.all([
      this.db.query<SecurityEventRow>(
        `SELECT id::text, kind, occurred_at, user_id, email, address, failures, detail FROM security_events ORDER BY occurred_at DESC, id DESC LIMIT $1 OFFSET $2`,
        [pageSize, (page - 1) * pageSize],
      ),
      this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM security_events`),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id, kind: r.kind, occurredAt: r.occurred_at.toISOString(), userId: r.user_id, email: r.email, address: r.address, failures: r.failures, detail: r.detail,
      })),
      page,
      pageSize,
      total: total?.n ?? 0,
    };
  }
}
