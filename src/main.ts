import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { APP_ROLE, RuntimeSettings, resolveJwtSecret } from './config/runtime';
import { runMigrations } from './database/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const log = pino({ level: config.LOG_LEVEL, base: { context: 'Bootstrap' } });

  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, {
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      debug: (m) => log.debug(m),
    });
    url = embedded.url;
  }
  if (config.MIGRATIONS_RUN) {
    const applied = await runMigrations(url);
    log.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema up to date');
  }
  const settings = new RuntimeSettings(
    config,
    url,
    config.DATABASE_APP_URL ?? url,
    config.DATABASE_APP_URL ? undefined : APP_ROLE,
    resolveJwtSecret(config),
  );
  const app = await createApp(settings);
  const stop = async (signal: string) => {
    log.info(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  log.info(`Cord blood bank API listening on http://${shown}:${config.PORT}/api/v1 — API docs at http://${shown}:${config.PORT}/docs`);
  process.stdout.write(`\nAPI docs: http://${shown}:${config.PORT}/docs\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
