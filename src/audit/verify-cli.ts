import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { embeddedForTool } from '../database/embedded-postgres';
import { VERIFY_ALL_SQL } from './audit.service';

/**
 * `npm run audit:verify`: recomputes every audit chain in the database (each unit's and each
 * donor's) and exits non-zero naming the broken ones (21 CFR Part 11.10(e) tamper evidence).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined };
  const embedded = config.DATABASE_URL ? undefined : await embeddedForTool(config.DATA_DIR, log);
  const client = new Client({ connectionString: config.DATABASE_URL ?? embedded!.url });
  await client.connect();
  try {
    const started = Date.now();
    const { rows } = await client.query<{ chain: string; entries: number; first_invalid: number | null }>(VERIFY_ALL_SQL);
    const broken = rows.filter((r) => r.first_invalid !== null);
    const entries = rows.reduce((n, r) => n + r.entries, 0);
    for (const b of broken) process.stdout.write(`BROKEN ${b.chain}: first invalid entry seq ${b.first_invalid} (${b.entries} entries)\n`);
    process.stdout.write(`${rows.length} chains, ${entries} entries checked in ${Date.now() - started} ms: ${broken.length ? `${broken.length} broken` : 'all valid'}\n`);
    process.exitCode = broken.length ? 1 : 0;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
