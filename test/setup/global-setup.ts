import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * Once per test run: a PostgreSQL server (DATABASE_URL's, or a fresh embedded one), and a template
 * database migrated once. Each spec file clones its own database from the template.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const dir = join(process.cwd(), '.data', `test-pg-${runId}`);
    const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`[embedded-postgres] ${m}\n`), debug: () => undefined };
    const db = await startEmbeddedPostgres(dir, quiet, { database: 'postgres', persistent: false });
    (globalThis as Record<string, unknown>).__CBB_EMBEDDED__ = { stop: db.stop, dir };
    serverUrl = db.url;
  }
  const template = `cbb_test_tpl_${runId}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(serverUrl, template);
  await runMigrations(templateUrl);
  process.env.CBB_TEST_SERVER_URL = serverUrl;
  process.env.CBB_TEST_TEMPLATE = template;
  (globalThis as Record<string, unknown>).__CBB_TEMPLATE__ = { serverUrl, template };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
