import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { dryRun } from '../src/imports/dry-run';
import { IMPORT_PROFILE, IMPORT_TRIGGERS, createImport, runImport } from '../src/imports/importer';
import { parseArgs } from './lib/args';
import { openBenchDatabase } from './lib/db';
import { importConnections, moreImportClients } from './lib/import-lanes';
import { writeInventory } from './lib/inventory';

/**
 * `npm run bench:import -- [--units 20000] [--connections 2] [--keep]`: generates an inventory of N units (README
 * "Bulk import" files; default 20,000) into a temporary directory, then dry-runs and imports it into
 * the bench database (`BENCH_DATABASE`, `cbb_bench_import` from the npm script; recreated), as `npm run import` does, and prints units/s,
 * audit entries/s, the time PostgreSQL spent in the audit trigger function (pg_stat_user_functions),
 * the audit verification, and the process's max RSS.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { units: 'number', keep: 'flag', connections: 'number' });
  const units = Number(args.units ?? 20_000);
  const connections = Number(args.connections ?? importConnections());
  const db = await openBenchDatabase({ reset: true });
  const dir = mkdtempSync(join(tmpdir(), 'cbb-import-'));
  const client = new Client({ connectionString: db.url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    let t = Date.now();
    await writeInventory(dir, { units, tag: 'bench', year: 24 });
    const genS = (Date.now() - t) / 1000;
    t = Date.now();
    const report = await dryRun(client, dir);
    const dryS = (Date.now() - t) / 1000;
    if (!report.ok) throw new Error(`dry run refused ${report.refusedRows} rows: ${JSON.stringify(report.refusals.slice(0, 5))}`);
    const id = await createImport(client, report, { id: 'bench', name: 'bench:import' });
    const lanes = await moreImportClients(db.url, connections);
    const more = lanes.clients;
    for (const c of [client, ...more]) await c.query(`SET track_functions = 'all'`);
    const before = await client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_entries`);
    // CPU seconds of the import's backend (/proc, when the server runs on this machine) and of this
    // process: on a machine shared with other runs they compare better than the wall time
    const pids: number[] = [];
    for (const c of [client, ...more]) pids.push((await c.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid);
    const pgCpu0 = backendsCpu(pids);
    const nodeCpu0 = process.cpuUsage();
    t = Date.now();
    await runImport(client, id, undefined, { moreClients: more });
    const runS = (Date.now() - t) / 1000;
    const pgCpu1 = backendsCpu(pids);
    await lanes.end();
    const nodeCpu = process.cpuUsage(nodeCpu0);
    const after = await client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_entries`);
    const entries = Number(after.rows[0].n) - Number(before.rows[0].n);
    await new Promise((r) => setTimeout(r, 1500)); // function statistics are flushed at most once a second
    const fn = await client.query<{ funcname: string; calls: string; total_time: number; self_time: number }>(
      `SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions WHERE funcname IN ('audit_append', 'audit_append_set', 'audit_unit_row', 'audit_unit_statement', 'audit_donor_row', 'audit_donor_statement', 'audit_unit_donor_records_statement', 'audit_unit_donor_records_of') ORDER BY total_time DESC`,
    );
    t = Date.now();
    const verify = await client.query<{ first_invalid: number | null }>(VERIFY_ALL_SQL);
    const verifyS = (Date.now() - t) / 1000;
    const broken = verify.rows.filter((r) => r.first_invalid !== null).length;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(34)} ${v}\n`);
    process.stdout.write(`bench:import on ${db.where}\n`);
    line('units', String(units));
    line('connections (IMPORT_CONNECTIONS)', String(connections));
    line('generate CSV', `${genS.toFixed(1)} s`);
    line('dry run', `${dryS.toFixed(1)} s (${(units / dryS).toFixed(0)} units/s)`);
    line('import (real run)', `${runS.toFixed(1)} s`);
    line('units/s (real run)', (units / runS).toFixed(0));
    line('units/s (dry run + real run)', (units / (runS + dryS)).toFixed(0));
    line('CPU of the real run', `PostgreSQL backend${pids.length > 1 ? 's' : ''} ${pgCpu0 === null || pgCpu1 === null ? 'n/a (server not on this machine)' : `${(pgCpu1 - pgCpu0).toFixed(1)} s (${((1e6 * (pgCpu1 - pgCpu0)) / units).toFixed(0)} µs a unit)`}, this process ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s`);
    line('audit entries written', `${entries} (${(entries / units).toFixed(1)} per unit, ${(entries / runS).toFixed(0)}/s)`);
    for (const f of fn.rows) line(`PG time in ${f.funcname}()`, `${(f.total_time / 1000).toFixed(1)} s total, ${(f.self_time / 1000).toFixed(1)} s self, ${f.calls} calls (${((f.total_time / 1000 / runS) * 100).toFixed(0)}% of the run)`);
    line('audit verify', `${verify.rows.length} chains in ${verifyS.toFixed(1)} s: ${broken ? `${broken} BROKEN` : 'all valid'}`);
    line('max RSS (this process)', `${rssMb.toFixed(0)} MB`);
    if (IMPORT_TRIGGERS.size) {
      process.stdout.write('triggers per statement (IMPORT_EXPLAIN=1: EXPLAIN ANALYZE of each statement):\n');
      for (const [k, v] of [...IMPORT_TRIGGERS.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
        process.stdout.write(`  ${(v.ms / 1000).toFixed(2).padStart(7)} s ${String(v.calls).padStart(8)} calls ${((1000 * v.ms) / Math.max(1, v.calls)).toFixed(0).padStart(6)} µs/call  ${k}\n`);
      }
    }
    if (IMPORT_PROFILE) {
      process.stdout.write('per statement (IMPORT_PROFILE=1; file:statement number in applySql, wall time):\n');
      for (const [k, v] of [...IMPORT_PROFILE.entries()].sort((x, y) => y[1].ms - x[1].ms)) {
        process.stdout.write(`  ${(v.ms / 1000).toFixed(2).padStart(7)} s ${((100 * v.ms) / (runS * 1000)).toFixed(1).padStart(5)} % ${String(v.rows).padStart(8)} rows ${((1000 * v.ms) / Math.max(1, v.rows)).toFixed(0).padStart(6)} µs/row  ${k}\n`);
      }
    }
    if (broken) process.exitCode = 1;
  } finally {
    await client.end();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`inventory kept in ${dir}\n`);
    await db.close();
  }
}

/** The CPU seconds of several backends, or null when one is not readable. */
function backendsCpu(pids: number[]): number | null {
  let sum = 0;
  for (const pid of pids) {
    const s = backendCpu(pid);
    if (s === null) return null;
    sum += s;
  }
  return sum;
}

/** utime + stime of a process in seconds (/proc/<pid>/stat, 100 ticks a second), or null when not readable. */
function backendCpu(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
