import { Pool, type PoolConfig } from 'pg';

/**
 * A pg Pool for test code. pg-pool's `end()` resolves once its clients are *told* to close, not once
 * their sockets are gone; a `DROP DATABASE ... WITH (FORCE)` right after it can terminate a backend that
 * is still closing, and the client's 57P01 then reaches the pool as an 'error' event. With no listener
 * Node throws it as an unhandled error and fails whatever test is running (seen on PostgreSQL 15 in CI).
 * Errors of idle clients are expected in tests that kill connections on purpose; queries still reject.
 */
export function testPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', () => undefined);
  return pool;
}
