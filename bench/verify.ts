import 'reflect-metadata';
import { openBenchDatabase } from './lib/db';
import { verifyAll } from './lib/seeder';

/** `npm run bench:verify`: recomputes every hash chain of the bench database (as `npm run audit:verify` does for the service's). */
async function main(): Promise<void> {
  const db = await openBenchDatabase();
  try {
    const started = performance.now();
    const r = await verifyAll(db.url);
    process.stdout.write(`${db.where}: ${r.chains.toLocaleString('en')} chains checked in ${((performance.now() - started) / 1000).toFixed(1)} s: ${r.broken ? `${r.broken} BROKEN` : 'all valid'}\n`);
    process.exitCode = r.broken ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:verify failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
