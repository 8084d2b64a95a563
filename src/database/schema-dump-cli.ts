import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { runMigrations } from './data-source';
import { embeddedForTool } from './embedded-postgres';
import { dumpSchema } from './schema-dump';
import { runTool } from './tool-client';

/**
 * `npm run schema:dump [-- --out <file>]`: migrates a new, empty database (on DATABASE_URL's server
 * or the project's embedded PostgreSQL; dropped afterwards) and writes its schema, normalised, to
 * `schema.sql` at the repository root (see src/database/schema-dump.ts). Never reads the dev database.
 */
runTool(async () => {
  const i = process.argv.indexOf('--out');
  const file = i > 0 ? process.argv[i + 1] : join(__dirname, '..', '..', '..', 'schema.sql');
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? undefined : await embeddedForTool(config.DATA_DIR, { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined });
  const server = config.DATABASE_URL ?? embedded!.url;
  const name = `cbb_schema_dump_${randomBytes(4).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      await runMigrations(url.toString());
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      try {
        writeFileSync(file, await dumpSchema(c));
      } finally {
        await c.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
    await embedded?.stop();
  }
  process.stdout.write(`wrote ${file}\n`);
});
