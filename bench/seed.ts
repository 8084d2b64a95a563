import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion } from './lib/db';
import { PROFILE, seedBank } from './lib/seeder';

/**
 * `npm run bench:seed -- --units 500000 [--reset] [--workers 2] [--batch 2000] [--seed 7] [--freezers 200]`
 * fills the bench database (BENCH_DATABASE, default cbb_bench, on DATABASE_URL's server or the
 * embedded one) with a realistic bank, through the same tables and triggers as the service.
 */
async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { units: 'number', reset: 'flag', workers: 'number', batch: 'number', seed: 'number', freezers: 'number' });
  const units = Math.floor((a.units as number | undefined) ?? 500_000);
  if (units < 1) throw new Error('--units must be at least 1');
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

main().catch((err: unknown) => {
  process.stderr.write(`bench:seed failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
