import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { dataSourceOptions } from '../src/database/data-source';
import { Db } from '../src/database/db.service';
import { TestApp, startTestApp } from './setup/test-app';

/**
 * Issue 19 (reads at 32 connections): a request that waits for a free pooled connection is not a
 * database that does not answer. The wait (DATABASE_POOL_WAIT_MS) and the opening of one connection
 * (DATABASE_CONNECT_TIMEOUT_MS) are bounded separately: with one timeout for both (pg-pool's), a
 * burst beyond the pool, or a cold pool opening its connections, answered 503 after the connect
 * timeout although the database was up.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DATABASE_POOL_SIZE: '2', DATABASE_CONNECT_TIMEOUT_MS: '300', DATABASE_POOL_WAIT_MS: '10000' });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('pool wait and connect timeout (issue 19)', () => {
  it('a request waits for a busy pool longer than the connect timeout, and is answered', async () => {
    const db = t.app.get(Db);
    // both pooled connections busy for 1.5 s (five times the connect timeout)
    const busy = [db.query(`SELECT pg_sleep(1.5)`), db.query(`SELECT pg_sleep(1.5)`)];
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const ready = await t.http().get('/api/v1/health/ready');
    const waited = Date.now() - started;
    await Promise.all(busy);
    expect(ready.status).toBe(200);
    expect(waited).toBeGreaterThan(1000);
  });

  it('opening a connection still gives up after the connect timeout, not after the pool wait', async () => {
    // a "database" that accepts the connection and never answers
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const extra = dataSourceOptions({ url: '', poolSize: 2, connectTimeoutMs: 300, poolWaitMs: 10_000, statementTimeoutMs: 1000 }).extra as pg.PoolConfig;
    const pool = new pg.Pool({ ...extra, connectionString: `postgres://nobody@127.0.0.1:${port}/none` });
    try {
      const started = Date.now();
      await expect(pool.query('SELECT 1')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await pool.end().catch(() => undefined);
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
