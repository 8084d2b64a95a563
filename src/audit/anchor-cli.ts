import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTool, withToolClient } from '../database/tool-client';
import { writeAnchor } from './anchor';

/**
 * `npm run audit:anchor [-- --out <dir>]`: writes every audit chain's head to a new file (default
 * directory `anchors/`) and prints the file's SHA-256. Keep both outside the database server
 * (WORM storage, the QA record): `npm run audit:verify -- --anchor <file>` proves later that no
 * history before the anchor was rewritten (21 CFR Part 11.10(e), 11.10(c)).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const dir = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1] : 'anchors');
  await withToolClient(async (client) => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `audit-anchor-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    const a = await writeAnchor(client, file);
    process.stdout.write(`${a.file}\n${a.header.chains} chains of ${a.header.database} anchored at ${a.header.at}\nsha256 ${a.sha256}\n`);
  });
}

runTool(main);
