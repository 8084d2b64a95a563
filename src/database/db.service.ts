import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { Actor } from '../common/actor';
import { pgErrorCode } from '../common/database-errors';

/**
 * TypeORM answers UPDATE/DELETE queries with `[rows, affectedCount]` and everything else with the
 * rows; callers here always get the rows (rows are objects, never arrays, so the shapes can't clash).
 */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** What an audited act carries into the audit entry besides the actor. */
export interface AuditContext {
  action: string;
  reason?: string | null;
  /** Part 11.200 signature manifestation, set only after the signer's password was re-checked. */
  signature?: { signerId: string; signerName: string; meaning: string; signedAt: string } | null;
}

/**
 * One transaction of one use case. Everything it writes goes through `em`, so the audit rows the
 * triggers add commit or roll back with the change.
 */
export class Tx {
  constructor(readonly em: EntityManager, readonly actor: Actor) {}

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.em.getRepository(entity);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(await this.em.query(sql, params));
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
    const reason = ctx.reason === undefined ? null : (ctx.reason ?? '');
    const signature = ctx.signature === undefined ? null : ctx.signature ? JSON.stringify(ctx.signature) : '';
    await this.em.query(
      `SELECT set_config('app.action', $1, true),
              set_config('app.reason', coalesce($2, current_setting('app.reason', true), ''), true),
              set_config('app.signature', coalesce($3, current_setting('app.signature', true), ''), true)`,
      [ctx.action, reason, signature],
    );
  }
}

const RETRYABLE = new Set(['40001', '40P01']);

@Injectable()
export class Db {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * Runs `fn` in one transaction with the actor and request id set on it (read by the audit
   * triggers, which refuse a unit change that has none). A serialization failure or deadlock is
   * retried a few times: the whole use case runs again, so nothing is half-applied.
   */
  async tx<T>(actor: Actor, fn: (tx: Tx) => Promise<T>, opts: { audit?: AuditContext; isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE' } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(opts.isolation ?? 'READ COMMITTED', async (em) => {
          await em.query(
            `SELECT set_config('app.actor_type', $1, true), set_config('app.actor_id', $2, true),
                    set_config('app.actor_name', $3, true), set_config('app.request_id', $4, true)`,
            [actor.type, actor.id, actor.name, actor.requestId ?? ''],
          );
          const tx = new Tx(em, actor);
          if (opts.audit) await tx.audit(opts.audit);
          return fn(tx);
        });
      } catch (err) {
        if (attempt < 4 && RETRYABLE.has(pgErrorCode(err) ?? '')) {
          await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
          continue;
        }
        throw err;
      }
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(await this.dataSource.query(sql, params));
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }
}
