import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion, withDatabase } from './lib/db';
import { processCpuMs } from './lib/seeder';
import { rssSampler, startService } from './lib/service';
import type { RunningService } from './lib/service';
import { ms, summarize, table } from './lib/stats';

const run = promisify(execFile);

/**
 * `npm run bench:reads -- [--duration 15] [--connections 8,32] [--scale 10]` on a seeded bench
 * database (bench:seed, or any bank of the service's schema; `BENCH_DATABASE` names it).
 *
 * In one run, against the same PostgreSQL server:
 * 1. pgbench TPC-B (built-in script, `--scale`, in its own database `<bench>_pgbench`, initialised
 *    once) at each connection count, for the same duration: the server's pace on this machine now;
 * 2. the service (node dist/src/main.js) answering `GET /api/v1/health` and `GET /api/v1/units/:din`
 *    (random DINs of the bank, every answer checked for 200) from autocannon at each connection count.
 * For each service phase: requests/s and its ratio to pgbench's tps, p50/p99 latency, and per request
 * the statements the database ran (the bench database's committed transactions in pg_stat_database:
 * every statement outside BEGIN…COMMIT is one, as on the read path), the CPU of the service's
 * database backends (/proc of the backends with application_name cord-blood-bank on the bench
 * database) and of the service process, and the service's largest RSS.
 */

const TARGETS = { queries: 2, pgCpuMs: 0.5, serviceCpuMs: 0.6, tpsRatio: 1.0, p99Ms: 50 };

function pgbenchBin(): string {
  for (const p of ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/18/bin/pgbench']) if (existsSync(p)) return p;
  return 'pgbench';
}

function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres'), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: u.pathname.slice(1) };
}

/** TPC-B (pgbench's built-in script) for `seconds` at `clients`: tps without connection time, latency average. */
async function pgbench(url: string, clients: number, seconds: number): Promise<{ tps: number; latencyMs: number }> {
  const { stdout } = await run(pgbenchBin(), ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds)], { env: pgEnv(url), maxBuffer: 1 << 20 });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  const lat = /latency average = ([\d.]+) ms/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return { tps: Number(tps[1]), latencyMs: lat ? Number(lat[1]) : NaN };
}

/** CPU ms of the service's backends on the bench database, by pid (server on this machine). */
async function backendCpu(admin: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'cord-blood-bank'`, [database]);
  const out = new Map<number, number>();
  for (const r of rows) {
    const v = processCpuMs(r.pid);
    if (v !== null) out.set(r.pid, v);
  }
  return out;
}

/** Committed + rolled back transactions of the bench database so far (backends flush them within ~1 s of going idle). */
async function xacts(admin: Client, database: string): Promise<number> {
  await new Promise((r) => setTimeout(r, 1500));
  await admin.query(`SELECT pg_stat_clear_snapshot()`);
  const { rows } = await admin.query<{ n: string }>(`SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1`, [database]);
  return Number(rows[0].n);
}

interface Phase {
  endpoint: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  queries: number;
  pgCpuMs: number;
  serviceCpuMs: number;
  rssMb: number;
}

async function phase(admin: Client, database: string, service: RunningService, endpoint: string, paths: string[], connections: number, seconds: number): Promise<Phase> {
  const latencies: number[] = [];
  let ok = 0;
  let bad = 0;
  let k = 0;
  const x0 = await xacts(admin, database);
  const db0 = await backendCpu(admin, database);
  const svc0 = processCpuMs(service.pid) ?? NaN;
  const rss = rssSampler(service);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: service.baseUrl,
        connections,
        duration: seconds,
        timeout: 30,
        headers: { authorization: `Bearer ${service.token}` },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }), onResponse: (status) => (status === 200 ? ok++ : bad++) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_c: unknown, _s: number, _b: number, responseTime: number) => latencies.push(responseTime));
  });
  const svc1 = processCpuMs(service.pid) ?? NaN;
  const db1 = await backendCpu(admin, database);
  const x1 = await xacts(admin, database);
  let dbCpu = 0;
  // a backend opened during the phase (the pool closes idle ones after 30 s) is charged all its CPU
  for (const [pid, v] of db1) dbCpu += v - (db0.get(pid) ?? 0);
  const n = Math.max(1, ok + bad);
  const s = summarize(latencies);
  // (the admin connection is on the server's maintenance database: its statements are not counted)
  return {
    endpoint, connections, requests: ok + bad, rps: (ok + bad) / result.duration, p50: s.p50, p99: s.p99, bad: bad + result.errors,
    queries: (x1 - x0) / n, pgCpuMs: dbCpu / n, serviceCpuMs: (svc1 - svc0) / n, rssMb: rss.stop(),
  };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { duration: 'number', connections: 'string', scale: 'number' });
  const seconds = (a.duration as number | undefined) ?? 15;
  const conns = String((a.connections as string | undefined) ?? '8,32').split(',').map(Number).filter((c) => c > 0);
  const scale = (a.scale as number | undefined) ?? 10;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const db = await openBenchDatabase();
  const database = new URL(db.url).pathname.slice(1);
  const admin = new Client({ connectionString: db.serverUrl, application_name: 'bench-reads' });
  await admin.connect();
  let service: RunningService | undefined;
  try {
    const c = new Client({ connectionString: db.url, application_name: 'bench-reads' });
    await c.connect();
    const total = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM cord_blood_units`)).rows[0].n);
    if (total === 0) throw new Error('the bench database holds no units: run npm run bench:seed first');
    const dins = (await c.query<{ din: string }>(`SELECT din FROM cord_blood_units TABLESAMPLE SYSTEM (5) LIMIT 5000`)).rows.map((r) => r.din);
    await c.end();

    // pgbench's own database on the same server, initialised once
    const pgbenchDb = `${database}_pgbench`;
    const pgbenchUrl = withDatabase(db.url, pgbenchDb);
    if ((await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [pgbenchDb])).rowCount === 0) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(pgbenchDb)}`);
      await run(pgbenchBin(), ['-i', '-q', '-s', String(scale)], { env: pgEnv(pgbenchUrl), maxBuffer: 1 << 22 });
    }

    const version = await serverVersion(db.url);
    out(`bench:reads on ${db.where} (${version}, ${total.toLocaleString('en')} units); ${cpus().length} CPUs, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    service = await startService(db.url);
    const unitPaths = dins.map((d) => `/api/v1/units/${d}`);
    // warm-up: the plans are prepared on each pooled connection and the pages are in cache
    await phase(admin, database, service, 'warm-up', unitPaths, 32, 3);

    const rows: (string | number)[][] = [];
    const verdicts: string[] = [];
    for (const cc of conns) {
      const tpcb = await pgbench(pgbenchUrl, cc, seconds);
      rows.push([`pgbench TPC-B (scale ${scale})`, cc, tpcb.tps.toFixed(0), '', ms(tpcb.latencyMs) + ' avg', '', '', '', '', '', '']);
      for (const [name, paths] of [['GET /health', ['/api/v1/health']], ['GET /units/:din', unitPaths]] as const) {
        const p = await phase(admin, database, service, name, [...paths], cc, seconds);
        rows.push([name, cc, p.rps.toFixed(0), (p.rps / tpcb.tps).toFixed(2), ms(p.p50), ms(p.p99), p.queries.toFixed(2), p.pgCpuMs.toFixed(2), p.serviceCpuMs.toFixed(2), Math.round(p.rssMb), p.bad ? `${p.bad} bad` : 'ok']);
        if (name === 'GET /units/:din') {
          const miss = [
            p.queries > TARGETS.queries + 0.05 ? `queries ${p.queries.toFixed(2)} > ${TARGETS.queries}` : '',
            p.pgCpuMs > TARGETS.pgCpuMs ? `PG CPU ${p.pgCpuMs.toFixed(2)} > ${TARGETS.pgCpuMs} ms` : '',
            p.serviceCpuMs > TARGETS.serviceCpuMs ? `service CPU ${p.serviceCpuMs.toFixed(2)} > ${TARGETS.serviceCpuMs} ms` : '',
            cc === 32 && p.rps / tpcb.tps < TARGETS.tpsRatio ? `${(p.rps / tpcb.tps).toFixed(2)}× pgbench < ${TARGETS.tpsRatio}×` : '',
            cc === 32 && p.p99 > TARGETS.p99Ms ? `p99 ${ms(p.p99)} > ${TARGETS.p99Ms} ms` : '',
          ].filter(Boolean);
          verdicts.push(`${cc} connections: ${miss.length ? 'MISSED ' + miss.join('; ') : 'all targets met'}`);
        }
        if (p.bad) process.exitCode = 1;
      }
    }
    out('');
    out(table(['', 'conn', 'req/s', '× pgbench', 'p50 ms', 'p99 ms', 'queries/req', 'PG CPU ms/req', 'service CPU ms/req', 'RSS MB', 'answers'], rows));
    out('');
    out(`targets for GET /units/:din: ≤ ${TARGETS.queries} queries, ≤ ${TARGETS.pgCpuMs} ms PG CPU, ≤ ${TARGETS.serviceCpuMs} ms service CPU per request; at 32 connections ≥ ${TARGETS.tpsRatio}× pgbench and p99 ≤ ${TARGETS.p99Ms} ms`);
    for (const v of verdicts) out(`  ${v}`);
    out(`(${seconds} s per phase; autocannon runs in this process, which is not counted as service CPU; load average after ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  } finally {
    await service?.stop();
    await admin.end();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:reads failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
