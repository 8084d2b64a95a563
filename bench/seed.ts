import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion } from './lib/db';
import { seedViaImport } from './lib/import-seed';
import { PROFILE, seedBank } from './lib/seeder';

/**
 * `npm run bench:seed -- --units 500000 [--via import|sql] [--seed 7]` fills the bench database
 * (BENCH_DATABASE, default cbb_bench, on DATABASE_URL's server or the embedded one) with a bank.
 *
 * `--via import` (the default; issue 19): through the bulk import — the bank's inventory is written
 * as the import's CSV files (streamed), dry-run and imported by the import job, so the seed measures
 * the import path itself; the database is always reset first. `[--chunk 5000] [--keep-files <dir>]`.
 *
 * `--via sql [--reset] [--workers 2] [--batch 2000] [--freezers 200]`: the generator of
 * bench/lib/seeder.ts, which walks units through their whole life (releases, shipments, infusions,
 * discards) with multi-row statements on the service's tables and triggers; for the benchmarks that
 * need such a bank (release requests, available units for search).
 */
async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), {
    units: 'number', reset: 'flag', workers: 'number', batch: 'number', seed: 'number', freezers: 'number', via: 'string', chunk: 'number', 'keep-files': 'string',
  });
  const units = Math.floor((a.units as number | undefined) ?? 500_000);
  if (units < 1) throw new Error('--units must be at least 1');
  const via = (a.via as string | undefined) ?? 'import';
  if (via !== 'import' && via !== 'sql') throw new Error('--via is import or sql');
  if (via === 'import') {
    // the import's memory is bounded by what it holds, but V8 lets an unbounded heap grow lazily far
    // past it (272 MB at 20,000 units without a limit): run under the limit `npm run import` uses.
    // It resets its database, so by default not the `--via sql` bank others measure on: cbb_bench_seed
    if (getHeapStatistics().heap_size_limit > 400 * 2 ** 20 || !process.env.BENCH_DATABASE) {
      const child = spawnSync(process.execPath, ['--max-old-space-size=200', ...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_DATABASE: process.env.BENCH_DATABASE ?? 'cbb_bench_seed' },
      });
      process.exitCode = child.status ?? 1;
      return;
    }
    return viaImport(units, a);
  }
  const db = await openBenchDatabase({ reset: !!a.reset });
  try {
    const version = await serverVersion(db.url);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`bench:seed on ${db.where} (${version}); ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`);
    const r = await seedBank(db.url, {
      units,
      workers: a.workers as number | undefined,
      batch: a.batch as number | undefined,
      seed: a.seed as number | undefined,
      freezers: a.freezers as number | undefined,
      facility: process.env.ISBT_FACILITY_ID ?? 'W0000',
      log: out,
    });
    const pct = (k: string) => `${(((r.byStatus[k] ?? 0) * 100) / r.units).toFixed(1)} %`;
    out('');
    out(`units                 ${r.units.toLocaleString('en')} in ${r.seconds.toFixed(1)} s (${Math.round(r.unitsPerSecond)} units/s)`);
    out(`by status             ${Object.entries(r.byStatus).map(([k, v]) => `${k} ${v.toLocaleString('en')} (${pct(k)})`).join(', ')}`);
    out(`donors                ${r.donors.toLocaleString('en')}; release requests ${r.releaseRequests.toLocaleString('en')}; custody events ${r.custodyEvents.toLocaleString('en')}`);
    out(`storage               ${r.freezers} freezers, ${r.positions.toLocaleString('en')} positions, ${r.storedUnits.toLocaleString('en')} units stored`);
    out(`audit entries         ${r.auditEntries.toLocaleString('en')} (${Math.round(r.auditEntriesPerSecond)}/s); ${r.unitChainEntriesPerUnit.toFixed(1)} per unit on the units' own chains`);
    if (r.backendCpuSeconds !== null) {
      out(`database CPU          ${r.backendCpuSeconds.toFixed(0)} s in the workers' backends: ${((1000 * r.backendCpuSeconds) / r.units).toFixed(2)} ms per unit, ` +
        `${((1e6 * r.backendCpuSeconds) / r.auditEntries).toFixed(0)} µs per audit entry (all of the unit's work included)`);
    }
    out(`chains verified       ${r.sampleVerified.valid}/${r.sampleVerified.chains} sampled unit chains valid (every chain: npm run bench:verify)`);
    out(`target                500,000 units in under 600 s: ${r.units >= 500_000 ? (r.seconds < 600 ? 'met' : `MISSED (${r.seconds.toFixed(0)} s)`) : 'n/a (fewer units)'}`);
    if (PROFILE) {
      const total = [...PROFILE.values()].reduce((x, y) => x + y.ms, 0);
      for (const [k, v] of [...PROFILE.entries()].sort((x, y) => y[1].ms - x[1].ms)) {
        out(`  ${(v.ms / 1000).toFixed(1).padStart(7)} s ${((100 * v.ms) / total).toFixed(1).padStart(5)} % ${((1000 * v.ms) / Math.max(1, v.rows)).toFixed(0).padStart(6)} µs/row  ${k}`);
      }
    }
    if (r.sampleVerified.valid !== r.sampleVerified.chains) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function viaImport(units: number, a: Record<string, unknown>): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const db = await openBenchDatabase({ reset: true });
  try {
    const version = await serverVersion(db.url);
    out(`bench:seed --via import on ${db.where} (${version}); ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`);
    const r = await seedViaImport(db.url, {
      units,
      seed: a.seed as number | undefined,
      chunkRows: a.chunk as number | undefined,
      dir: a['keep-files'] as string | undefined,
      log: out,
    });
    out('');
    out(`units                 ${r.units.toLocaleString('en')} in ${r.seconds.toFixed(1)} s (${Math.round(r.unitsPerSecond)} units/s, CSV generation, dry run and import)`);
    out(`parts                 CSV ${r.generateSeconds.toFixed(1)} s, dry run ${r.dryRunSeconds.toFixed(1)} s, import ${r.importSeconds.toFixed(1)} s (${Math.round(r.units / r.importSeconds)} units/s)`);
    out(`by status             ${Object.entries(r.byStatus).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')} (available in the files lands in quarantine)`);
    out(`audit entries         ${r.auditEntries.toLocaleString('en')} (${(r.auditEntries / r.units).toFixed(1)} per unit, ${Math.round(r.auditEntries / r.importSeconds)}/s in the import)`);
    out(`RSS peak              ${r.rssPeakMb} MB (this process: generator, dry run and import)`);
    out(`chains verified       ${r.sampleVerified.valid}/${r.sampleVerified.chains} sampled unit chains valid (every chain: npm run bench:verify)`);
    out(`target                500,000 units in under 600 s: ${r.units >= 500_000 ? (r.seconds < 600 ? 'met' : `MISSED (${r.seconds.toFixed(0)} s)`) : 'n/a (fewer units)'}; RSS ≤ 300 MB: ${r.rssPeakMb <= 300 ? 'met' : 'MISSED'}`);
    if (r.sampleVerified.valid !== r.sampleVerified.chains) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:seed failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
