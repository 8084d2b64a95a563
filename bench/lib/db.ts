import { Client } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { embeddedForTool } from '../../src/database/embedded-postgres';
import type { EmbeddedDatabase } from '../../src/database/embedded-postgres';

/** The benchmarks' own database: never the dev database (`cbb`), never a test database. */
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'cbb_bench';

export interface BenchDatabase {
  /** Owner URL of the bench database (migrations, the generator, the raw-pg comparison). */
  url: string;
  /** Owner URL of the server's maintenance database (CREATE/DROP DATABASE). */
  serverUrl: string;
  /** Where it runs, for the report. */
  where: string;
  close(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const quiet = { info: (m: string) => process.stderr.write(`${m}\n`), warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined };

/**
 * DATABASE_URL's server if set, else the project's embedded PostgreSQL (a running service's server
 * is reused; otherwise it is started for the command and stopped at its end). The bench database
 * is created when missing and migrated (`reset` drops it first).
 */
export async function openBenchDatabase(opts: { reset?: boolean } = {}): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let base = process.env.DATABASE_URL;
  if (!base) {
    embedded = await embeddedForTool(process.env.DATA_DIR ?? '.data', quiet);
    base = embedded.url;
  }
  const serverUrl = withDatabase(base, 'postgres');
  const url = withDatabase(base, BENCH_DATABASE);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (opts.reset) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(BENCH_DATABASE)} WITH (FORCE)`);
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [BENCH_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(BENCH_DATABASE)}`);
  } finally {
    await admin.end();
  }
  const applied = await runMigrations(url);
  if (applied.length) process.stderr.write(`bench database ${BENCH_DATABASE}: applied ${applied.length} migration(s)\n`);
  const u = new URL(url);
  return {
    url,
    serverUrl,
    where: `${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ${u.hostname}:${u.port}/${BENCH_DATABASE}`,
    close: async () => {
      await embedded?.stop();
    },
  };
}

/** `PostgreSQL 18.x`, for the report. */
export async function serverVersion(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return `PostgreSQL ${r.rows[0].v}`;
  } finally {
    await c.end();
  }
}
