import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { pgErrorCode } from '../common/database-errors';

/** What an audited act carries into the audit entry besides the actor. */
export interface AuditContext {
  action: string;
  reason?: string | null;
  /** Part 11.200 signature manifestation, set only after the signer's password was re-checked. */
  signature?: { signerId: string; signerName: string; meaning: string; signedAt: string; components?: string; manifestation?: string } | null;
}

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** The audit settings as the triggers read them (`''` for none). */
interface AuditSettings {
  action: string;
  reason: string;
  signature: string;
}

/**
 * Named (server-side prepared) statements, so that PostgreSQL plans a statement once per connection
 * instead of at every execution (planning cost 0.1–1.4 ms per query on this machine, often more than
 * the execution). The names are derived from the text. The number of distinct texts is bounded: once
 * the map is full, further new texts run unnamed, so a connection never holds more than this many.
 */
export const MAX_PREPARED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();

export function statement(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED_STATEMENTS) {
    name = `cbb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name === undefined ? { text, values } : { name, text, values };
}

/**
 * A prepared statement whose result columns changed under it (a migration run by another instance
 * while this one runs) fails with 0A000 "cached plan must not change result type" on that connection
 * until the connection is gone; such a connection is destroyed and the work retried.
 */
function isStalePlan(err: unknown): boolean {
  return pgErrorCode(err) === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

/** No action, reason or signature set. */
const NO_AUDIT: AuditSettings = { action: '', reason: '', signature: '' };

/** The settings `ctx` stands for, given the ones in force (undefined keeps, null clears). */
function resolveAudit(ctx: AuditContext, current: AuditSettings): AuditSettings {
  return {
    action: ctx.action,
    reason: ctx.reason === undefined ? current.reason : (ctx.reason ?? ''),
    signature: ctx.signature === undefined ? current.signature : ctx.signature ? JSON.stringify(ctx.signature) : '',
  };
}

/**
 * BEGIN and the transaction-local settings in one simple-protocol query (one round trip): values are
 * escaped literals, since a multi-statement query takes no parameters. Also used by bench/ingest.ts.
 */
export function beginSql(client: { escapeLiteral(v: string): string }, isolation: Isolation, settings: Record<string, string>): string {
  const sets = Object.entries(settings).map(([k, v]) => `set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`);
  return `BEGIN ISOLATION LEVEL ${isolation}; SELECT ${sets.join(', ')}`;
}

/**
 * One transaction of one use case, on one connection. Everything it writes goes through it, so the
 * audit rows the triggers add commit or roll back with the change.
 */
export class Tx {
  constructor(
    private readonly client: PoolClient,
    readonly actor: Actor,
    /** The action, reason and signature in force in this transaction (to skip setting them again). */
    private current: AuditSettings = NO_AUDIT,
  ) {}

  /** The last query sent on this transaction's connection (settled or not). */
  private last: Promise<unknown> = Promise.resolve();

  /**
   * One query on the transaction's connection. Queries are sent one after the other even when the
   * caller starts several at once (a `Promise.all` over a Tx, as the unit view's extensions do): a
   * connection runs one query at a time, node-postgres 8 warns about queuing on it and pg 9 refuses.
   */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const run = this.last.then(
      () => this.client.query(statement(sql, params)),
      () => this.client.query(statement(sql, params)),
    );
    this.last = run.catch(() => undefined);
    return (await run).rows as T[];
  }

  /** Resolves once every query started on this transaction has settled. */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.last;
      await seen;
    } while (seen !== this.last);
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  /**
   * Sets the action, reason and signature that the audit triggers record for the writes that follow.
   * A reason or signature left undefined keeps the one already set in this transaction (the act's
   * reason carries to the writes it causes); `null` clears it.
   */
  async audit(ctx: AuditContext): Promise<void> {
    await this.set(resolveAudit(ctx, this.current));
  }

  private async set(next: AuditSettings): Promise<void> {
    if (next.action === this.current.action && next.reason === this.current.reason && next.signature === this.current.signature) return;
    await this.query(`SELECT set_config('app.action', $1, true), set_config('app.reason', $2, true), set_config('app.signature', $3, true)`, [
      next.action,
      next.reason,
      next.signature,
    ]);
    this.current = next;
  }

  /**
   * Runs `fn` under its own audit context and restores the caller's afterwards, so that a method
   * called inside another feature's transaction does not relabel the caller's later writes.
   */
  async withAudit<T>(ctx: AuditContext, fn: () => Promise<T>): Promise<T> {
    const prev = this.current;
    await this.audit(ctx);
    const out = await fn();
    await this.set(prev);
    return out;
  }
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * The database access of the features: plain SQL through node-postgres on the pool TypeORM opened
 * (TypeORM keeps the connection options, the migrations and the lifecycle). Every query is a named
 * prepared statement.
 */
@Injectable()
export class Db {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  private get pool(): Pool {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) throw Object.assign(new Error('Connection terminated: the database pool is not open'), { code: '08006' });
    return pool;
  }

  /**
   * Runs `fn` in one transaction with the actor and request id set on it (read by the audit
   * triggers, which refuse a unit change that has none). BEGIN and the settings go in one round trip.
   * A serialization failure or deadlock is retried a few times: the whole use case runs again, so
   * nothing is half-applied.
   */
  async tx<T>(actor: Actor, fn: (tx: Tx) => Promise<T>, opts: { audit?: AuditContext; isolation?: Isolation } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      // a connection that failed ROLLBACK or holds a stale plan is destroyed, not returned to the pool
      let destroy: Error | undefined;
      let released = false;
      let tx: Tx | undefined;
      try {
        const settings: Record<string, string> = {
          'app.actor_type': actor.type,
          'app.actor_id': actor.id,
          'app.actor_name': actor.name,
          'app.request_id': actor.requestId ?? '',
        };
        const audit = opts.audit ? resolveAudit(opts.audit, NO_AUDIT) : NO_AUDIT;
        if (opts.audit) Object.assign(settings, { 'app.action': audit.action, 'app.reason': audit.reason, 'app.signature': audit.signature });
        await client.query(beginSql(client, opts.isolation ?? 'READ COMMITTED', settings));
        tx = new Tx(client, actor, audit);
        const result = await fn(tx);
        await tx.idle();
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // a query still queued when fn failed (a Promise.all rejects at its first failure) runs first
        await tx?.idle();
        await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
          destroy = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
        });
        if (isStalePlan(err)) destroy = err as Error;
        const retry = attempt < 4 && (RETRYABLE.has(pgErrorCode(err) ?? '') || isStalePlan(err));
        client.release(destroy);
        released = true;
        if (!retry) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
      } finally {
        if (!released) client.release(destroy);
      }
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await this.pool.query(statement(sql, params))).rows as T[];
    } catch (err) {
      // pool.query destroys the connection of a failed query, so the retry gets a fresh one
      if (isStalePlan(err)) return (await this.pool.query(statement(sql, params))).rows as T[];
      throw err;
    }
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }
}
