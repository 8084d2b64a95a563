import 'reflect-metadata';
import { runTool, withToolClient } from '../database/tool-client';
import { checkAnchor } from './anchor';
import { VERIFY_ALL_SQL } from './audit.service';

/**
 * `npm run audit:verify [-- --anchor <file> ...]`: recomputes every audit chain in the database and
 * exits 1 naming the broken ones (21 CFR Part 11.10(e) tamper evidence). With anchors (written by
 * `npm run audit:anchor`), also checks that every anchored entry is still there unchanged, which
 * catches a chain rewritten consistently; prints each anchor file's SHA-256 to compare with the one
 * recorded when it was written.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const anchors = args.flatMap((a, i) => (a === '--anchor' && args[i + 1] ? [args[i + 1]] : []));
  await withToolClient(async (client) => {
    const started = Date.now();
    const { rows } = await client.query<{ chain: string; entries: number; first_invalid: number | null }>(VERIFY_ALL_SQL);
    const broken = rows.filter((r) => r.first_invalid !== null);
    const entries = rows.reduce((n, r) => n + r.entries, 0);
    for (const b of broken) process.stdout.write(`BROKEN ${b.chain}: first invalid entry seq ${b.first_invalid} (${b.entries} entries)\n`);
    process.stdout.write(`${rows.length} chains, ${entries} entries checked in ${Date.now() - started} ms: ${broken.length ? `${broken.length} broken` : 'all valid'}\n`);
    let rewritten = 0;
    for (const file of anchors) {
      const a = await checkAnchor(client, file);
      for (const m of a.mismatches) process.stdout.write(`ANCHOR ${m.chain}: entry seq ${m.seq} ${m.problem === 'missing' ? 'is gone' : 'differs'} since the anchor of ${a.header.at}\n`);
      process.stdout.write(`anchor ${file} (sha256 ${a.sha256}, ${a.header.at}): ${a.checked} chains, ${a.mismatches.length ? `${a.mismatches.length} rewritten` : 'history intact'}\n`);
      rewritten += a.mismatches.length;
    }
    process.exitCode = broken.length || rewritten ? 1 : 0;
  });
}

runTool(main);
