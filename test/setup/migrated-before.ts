import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { withDatabase } from './global-setup';
import { testPool } from './pools';

const stamp = (m: { name: string }) => Number(/(\d{13})$/.exec(m.name)![1]);

/**
 * A database beside the test app's (`<its name>_before`) migrated up to the migration before
 * `firstAfter` (a migration's 13-digit stamp): for specs that run the same statements on the schema
 * as it was and as it is, and compare what they wrote. `drop` closes the pool and drops it.
 */
export async function databaseBefore(testDatabaseUrl: string, firstAfter: number): Promise<{ pool: Pool; drop: () => Promise<void> }> {
  const server = process.env.CBB_TEST_SERVER_URL!;
  const name = `${new URL(testDatabaseUrl).pathname.slice(1)}_before`;
  const admin = testPool({ connectionString: server, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ds = new DataSource({ type: 'postgres', url: withDatabase(server, name), migrations: MIGRATIONS.filter((m) => stamp(m) < firstAfter), migrationsTableName: 'migrations', logging: false });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  const pool = testPool({ connectionString: withDatabase(server, name), max: 1 });
  return {
    pool,
    drop: async () => {
      await pool.end();
      const a = testPool({ connectionString: server, max: 1 });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * Each statement in its own transaction with its transaction-local settings (`app.actor_id`, …), as
 * the service runs them; a failing statement is named in the error.
 */
export async function runEach(pool: Pool, statements: [sql: string, settings: Record<string, string>][]): Promise<void> {
  const c = await pool.connect();
  try {
    for (const [sql, settings] of statements) {
      await c.query('BEGIN');
      const keys = Object.keys(settings);
      if (keys.length) await c.query(`SELECT ${keys.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, keys.flatMap((k) => [k, settings[k]]));
      try {
        await c.query(sql);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n  in: ${sql}`);
      }
      await c.query('COMMIT');
    }
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
