import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { VERIFY_SQL, toVerifyResult } from '../../src/audit/audit.service';
import { dryRun } from '../../src/imports/dry-run';
import { createImport, runImport } from '../../src/imports/importer';
import { importConnections, moreImportClients } from './import-lanes';
import { writeInventory } from './inventory';

export interface ImportSeedOptions {
  units: number;
  seed?: number;
  /** two-digit year of the DINs (default 25) */
  year?: number;
  /** where the CSV files are written (default: a temporary directory, removed at the end) */
  dir?: string;
  /** rows per chunk of the real run (default: the importer's) */
  chunkRows?: number;
  /** the import's connections (default: `IMPORT_CONNECTIONS`, else the service's default) */
  connections?: number;
  log?: (line: string) => void;
}

export interface ImportSeedReport {
  units: number;
  /** wall time of each part and of the whole, s */
  generateSeconds: number;
  dryRunSeconds: number;
  importSeconds: number;
  seconds: number;
  unitsPerSecond: number;
  auditEntries: number;
  byStatus: Record<string, number>;
  /** the process's peak RSS, MB (sampled every second, and the kernel's max RSS at the end) */
  rssPeakMb: number;
  sampleVerified: { chains: number; valid: number };
  importId: string;
}

/**
 * The seed through the import path (issue 19): writes a bank's inventory as the README's import CSV
 * files (streamed, `writeInventory` with the `bank` mix), dry-runs it and runs the import job on it,
 * exactly as `npm run import -- <dir>` does — the same COPY, set-based statements, triggers and audit.
 * What the import can not give (releases, reservations, shipments: see README "Bulk import") the bank
 * seeded this way does not have; imported available units land in quarantine.
 */
export async function seedViaImport(url: string, o: ImportSeedOptions): Promise<ImportSeedReport> {
  const log = o.log ?? (() => undefined);
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'cbb-seed-'));
  let rssPeak = 0;
  const sample = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 1000);
  const mb = (b: number) => Math.round(b / 2 ** 20);
  const client = new Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  const lanes = await moreImportClients(url, o.connections ?? importConnections()).catch(async (err: unknown) => {
    await client.end();
    throw err;
  });
  const t0 = Date.now();
  try {
    // DINs of year 25 and donor refs `seed-<n>`: a second seed into the same database is refused by
    // its dry run (units already there), so `bench:seed` resets the database for the import path
    const year = o.year ?? 25;
    await writeInventory(dir, {
      units: o.units,
      tag: 'seed',
      year,
      mix: 'bank',
      seed: o.seed ?? 7,
      onProgress: (n) => {
        if (n % 100_000 === 0) log(`  generated ${n.toLocaleString('en')} units (${((Date.now() - t0) / 1000).toFixed(0)} s, RSS ${mb(process.memoryUsage.rss())} MB)`);
      },
    });
    const generateSeconds = (Date.now() - t0) / 1000;
    log(`CSV files written in ${generateSeconds.toFixed(1)} s to ${dir}`);
    const t1 = Date.now();
    const report = await dryRun(client, dir);
    const dryRunSeconds = (Date.now() - t1) / 1000;
    if (!report.ok) throw new Error(`the dry run refused ${report.refusedRows} rows: ${JSON.stringify(report.refusals.slice(0, 5))}`);
    log(`dry run clean in ${dryRunSeconds.toFixed(1)} s (${report.units.toLocaleString('en')} units, RSS ${mb(process.memoryUsage.rss())} MB)`);
    // run here, not queued: a service on the same database must not take the job from the benchmark
    const id = await createImport(client, report, { id: 'bench-seed', name: 'bench:seed' }, { enqueue: false });
    const entriesBefore = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_entries`)).rows[0].n);
    const t2 = Date.now();
    let lastLog = 0;
    await runImport(
      client,
      id,
      (p) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        log(`  ${p.phase.padEnd(18)} ${p.done.toLocaleString('en')}/${p.rows.toLocaleString('en')} (${((Date.now() - t2) / 1000).toFixed(0)} s into the import, RSS ${mb(process.memoryUsage.rss())} MB)`);
      },
      { chunkRows: o.chunkRows, moreClients: lanes.clients },
    );
    const importSeconds = (Date.now() - t2) / 1000;
    const seconds = (Date.now() - t0) / 1000;
    const entries = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_entries`)).rows[0].n) - entriesBefore;
    const counts = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM cord_blood_units GROUP BY status ORDER BY status`);
    const dins = await client.query<{ din: string }>(`SELECT din FROM import_units WHERE import_id = $1 ORDER BY random() LIMIT 200`, [id]);
    let valid = 0;
    for (const r of dins.rows) if (toVerifyResult((await client.query(VERIFY_SQL, [r.din])).rows[0]).valid) valid++;
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
    return {
      units: report.units,
      generateSeconds,
      dryRunSeconds,
      importSeconds,
      seconds,
      unitsPerSecond: report.units / seconds,
      auditEntries: entries,
      byStatus: Object.fromEntries(counts.rows.map((r) => [r.status, Number(r.n)])),
      rssPeakMb: mb(rssPeak),
      sampleVerified: { chains: dins.rows.length, valid },
      importId: id,
    };
  } finally {
    clearInterval(sample);
    await client.end();
    await lanes.end();
    if (!o.dir) rmSync(dir, { recursive: true, force: true });
  }
}
