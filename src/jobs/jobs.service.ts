import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger as WorkerLogger, parseCronItems, run, type CronItem, type Runner, type Task, type TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import { RuntimeSettings } from '../config/runtime';

/** What a feature may enqueue with: the caller's transaction (or the pool) runs graphile_worker.add_job. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface AddJobOptions {
  runAt?: Date;
  jobKey?: string;
  /** graphile-worker's job key modes: `replace` (default) moves a waiting job; `preserve_run_at` keeps its time. */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  maxAttempts?: number;
}

/**
 * Adds a job in the caller's transaction: it is enqueued if and only if the transaction commits
 * (the queue's table is the outbox).
 */
export async function addJob(db: Queryable, task: string, payload: Record<string, unknown>, opts: AddJobOptions = {}): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, $2::json, run_at => $3::timestamptz, job_key => $4, job_key_mode => $5, max_attempts => $6) IS NOT NULL AS added`,
    [task, JSON.stringify(payload), opts.runAt ?? null, opts.jobKey ?? null, opts.jobKeyMode ?? 'replace', opts.maxAttempts ?? 25],
  );
}

/**
 * The PostgreSQL job queue (graphile-worker) of this instance. Features register their tasks and cron
 * items before the application starts; every instance runs the same worker against the same
 * database, and graphile-worker hands each job to exactly one of them (row locks, SKIP LOCKED), retries
 * a failed job with exponential backoff, keeps waiting jobs across restarts, and runs each cron
 * tick once across all instances (its known_crontabs table). New jobs are announced by NOTIFY, so an
 * idle worker starts them at once; due scheduled jobs are found by polling every JOBS_POLL_INTERVAL_MS.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly tasks: TaskList = {};
  private readonly cron: CronItem[] = [];
  private readonly startHooks: (() => Promise<void>)[] = [];
  private runner?: Runner;
  private pool?: Pool;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  /** Names this instance in the attempt log (two instances may share a process in tests). */
  readonly workerName = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(private readonly settings: RuntimeSettings) {}

  /** Registers a task (before start). */
  task(name: string, fn: Task): void {
    this.tasks[name] = fn;
  }

  /** A cron item (graphile-worker crontab semantics; UTC). */
  schedule(item: CronItem): void {
    this.cron.push(item);
  }

  /** Runs once the worker is up (e.g. to make sure a self-rescheduling job exists). */
  onStart(fn: () => Promise<void>): void {
    this.startHooks.push(fn);
  }

  get running(): boolean {
    return !!this.runner;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.config.JOBS_CONCURRENCY === 0) {
      this.log.log('JOBS_CONCURRENCY=0: this instance runs no jobs');
      return;
    }
    // the service starts even while the database is down; the worker follows when it is back
    await this.start().catch((err: unknown) => this.retryLater(err));
  }

  private retryLater(err: unknown): void {
    if (this.stopped) return;
    this.log.warn(`job worker not started (${(err as Error).message}); retrying in 5 s`);
    this.retryTimer = setTimeout(() => void this.start().catch((e: unknown) => this.retryLater(e)), 5000);
    this.retryTimer.unref();
  }

  private async start(): Promise<void> {
    const c = this.settings.config;
    this.pool ??= new Pool({
      connectionString: this.settings.appDatabaseUrl,
      // a job holds one connection, an import job IMPORT_CONNECTIONS; one more for the worker's LISTEN
      max: c.JOBS_CONCURRENCY + 1 + c.IMPORT_CONNECTIONS,
      // the worker serves no request: under load it had rather wait for a connection than fail a job's bookkeeping
      connectionTimeoutMillis: Math.max(10_000, c.DATABASE_CONNECT_TIMEOUT_MS),
      statement_timeout: c.DATABASE_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: Math.max(c.DATABASE_STATEMENT_TIMEOUT_MS * 2, 10000),
      keepAlive: true,
      application_name: 'cord-blood-bank-jobs',
      options: this.settings.appRole ? `-c role=${this.settings.appRole} -c TimeZone=UTC` : '-c TimeZone=UTC',
    });
    if (this.pool.listenerCount('error') === 0) {
      this.pool.on('error', (err) => this.log.warn(`job pool: ${err.message}`));
      this.pool.on('connect', (client) => client.on('error', (err) => this.log.warn(`job connection: ${err.message}`)));
    }
    const log = this.log;
    const runner = await run({
      pgPool: this.pool,
      concurrency: c.JOBS_CONCURRENCY,
      pollInterval: c.JOBS_POLL_INTERVAL_MS,
      noHandleSignals: true,
      taskList: this.tasks,
      parsedCronItems: parseCronItems(this.cron),
      // batched completion/failure (delay 0): a database error while recording a job's outcome goes to
      // graphile-worker's handler (the pool shuts down and is restarted below) instead of an unhandled
      // rejection, which its unbatched path (0.17.3) leaves. Every task here is idempotent, so a job
      // whose outcome was not recorded and runs again does no harm.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      logger: new WorkerLogger(() => (level, message) => {
        if (level === 'error') log.error(message);
        else if (level === 'warning') log.warn(message);
        else log.debug?.(message);
      }),
    });
    if (this.stopped) {
      await runner.stop();
      return;
    }
    this.runner = runner;
    // a worker pool that stopped by itself (e.g. the database went away mid-bookkeeping) is started again
    const ended = (err?: unknown) => {
      if (this.stopped || this.runner !== runner) return;
      this.runner = undefined;
      this.retryLater(err ?? new Error('the job worker stopped'));
    };
    runner.promise.then(() => ended(), (err: unknown) => ended(err));
    for (const hook of this.startHooks) await hook().catch((err: unknown) => this.log.warn(`job start hook: ${(err as Error).message}`));
  }

  /** Graceful: running jobs finish (or are released for another instance), then the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop().catch((err: unknown) => this.log.warn(`job worker stop: ${(err as Error).message}`));
    await this.pool?.end().catch(() => undefined);
    this.pool = undefined;
  }
}
