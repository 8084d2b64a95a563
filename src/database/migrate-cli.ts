import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { embeddedForTool } from './embedded-postgres';

/**
 * `npm run migration:run` / `migration:revert`: the same migrations the app runs on start, as the
 * owner, against DATABASE_URL or (without it) the project's embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'run' && command !== 'revert' && command !== 'show') {
    process.stderr.write('usage: migrate-cli run|revert|show\n');
    process.exit(2);
  }
  const config = loadConfig();
  const log = { info: (m: string) => process.stdout.write(`${m}\n`), warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined };
  const embedded = config.DATABASE_URL ? undefined : await embeddedForTool(config.DATA_DIR, log);
  const url = config.DATABASE_URL ?? embedded!.url;
  const ds = new DataSource(dataSourceOptions({ url, poolSize: 1, connectTimeoutMs: 10000, statementTimeoutMs: 3600_000, applicationName: 'cord-blood-bank-migrations' }));
  await ds.initialize();
  try {
    if (command === 'run') {
      const applied = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'schema up to date\n');
    } else if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    } else {
      const pending = await ds.showMigrations();
      process.stdout.write(pending ? 'there are pending migrations\n' : 'no pending migrations\n');
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
