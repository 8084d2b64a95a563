import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { embeddedForTool } from './embedded-postgres';

/**
 * For the command-line tools: a pg client on DATABASE_URL or, without it, on the project's embedded
 * PostgreSQL (a running service's server is reused; otherwise it is started for the command and
 * stopped at its end), as the owner.
 */
export async function withToolClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined };
  const embedded = config.DATABASE_URL ? undefined : await embeddedForTool(config.DATA_DIR, log);
  const client = new Client({ connectionString: config.DATABASE_URL ?? embedded!.url });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
    await embedded?.stop();
  }
}

/** Runs a tool's main: an error is one line on stderr and exit code 2 (1 is kept for "found a problem"). */
export function runTool(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
