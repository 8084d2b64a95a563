import 'reflect-metadata';
import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

export interface DatabaseSettings {
  url: string;
  /** When set, the pool runs every session as this role (least privilege) instead of the login role. */
  appRole?: string;
  poolSize: number;
  /** opening one connection */
  connectTimeoutMs: number;
  /** waiting for a free pooled connection (default: connectTimeoutMs) */
  poolWaitMs?: number;
  statementTimeoutMs: number;
  applicationName?: string;
}

/**
 * The one options object for the app, the migration scripts and the tests. `synchronize` is off:
 * the schema comes from the reviewed migrations only.
 */
export function dataSourceOptions(s: DatabaseSettings, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: s.poolSize,
    connectTimeoutMS: s.connectTimeoutMs,
    applicationName: s.applicationName ?? 'cord-blood-bank',
    extra: {
      max: s.poolSize,
      // pg-pool has one timeout for both the wait for a free client and the opening of a new one; the
      // pool's is the wait, and each connection bounds its own opening (pg.Client's timer). The pool
      // also cuts a connection still opening at its timeout, so the wait is never below the opening
      connectionTimeoutMillis: Math.max(s.poolWaitMs ?? s.connectTimeoutMs, s.connectTimeoutMs),
      Client: connectingWithin(s.connectTimeoutMs),
      statement_timeout: s.statementTimeoutMs,
      query_timeout: s.statementTimeoutMs + 2000,
      idle_in_transaction_session_timeout: Math.max(s.statementTimeoutMs * 2, 10000),
      idleTimeoutMillis: 30000,
      keepAlive: true,
      options: s.appRole ? `-c role=${s.appRole} -c TimeZone=UTC` : '-c TimeZone=UTC',
    },
  };
}

/** A pg.Client class whose connections give up opening after `ms` (whatever the pool's wait is). */
function connectingWithin(ms: number): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(typeof config === 'string' ? { connectionString: config, connectionTimeoutMillis: ms } : { ...config, connectionTimeoutMillis: ms });
    }
  };
}

/** Runs the pending migrations as the owning (login) role; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ url, poolSize: 1, connectTimeoutMs: 10000, statementTimeoutMs: 600000, applicationName: 'cord-blood-bank-migrations' }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** For the TypeORM CLI (`migration:generate`): DATABASE_URL must be set. */
export default new DataSource(
  dataSourceOptions(
    { url: process.env.DATABASE_URL ?? 'postgres://localhost/cbb', poolSize: 1, connectTimeoutMs: 10000, statementTimeoutMs: 600000 },
    ['dist/src/**/*.entity.js'],
  ),
);
