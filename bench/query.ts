import 'reflect-metadata';
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion } from './lib/db';
import { patientTypings } from './lib/plan';
import { staffToken, startService } from './lib/service';
import type { RunningService } from './lib/service';
import { ms, summarize, table } from './lib/stats';

/**
 * `npm run bench:query -- [--requests 200] [--warmup 20]` on the seeded bench database: the service
 * (node dist/src/main.js) answers each listed request N times, one after the other, with random
 * units, boxes and patients; every answer is checked (status, and the verify result). Prints
 * p50/p95/p99 per endpoint against the targets of issue 7.
 */

interface Endpoint {
  name: string;
  targetP95: number;
  request: (k: number) => { method?: string; path: string; body?: unknown; token?: string };
  check?: (body: unknown, status: number) => string | null;
}

async function call(service: RunningService, r: { method?: string; path: string; body?: unknown; token?: string }): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${service.baseUrl}/api/v1${r.path}`, {
    method: r.method ?? 'GET',
    headers: { authorization: `Bearer ${r.token ?? service.token}`, ...(r.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { requests: 'number', warmup: 'number' });
  const n = (a.requests as number | undefined) ?? 200;
  const warmup = (a.warmup as number | undefined) ?? 20;
  const db = await openBenchDatabase();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let service: RunningService | undefined;
  try {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const total = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM cord_blood_units`)).rows[0].n);
    if (total === 0) throw new Error('the bench database holds no units: run npm run bench:seed first');
    const available = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM unit_search`)).rows[0].n);
    const entries = Number((await c.query<{ n: string }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'audit_entries'`)).rows[0].n);
    const count = n + warmup;
    const dins = (await c.query<{ din: string }>(`SELECT din FROM cord_blood_units ORDER BY random() LIMIT $1`, [count])).rows.map((r) => r.din);
    const boxes = (await c.query<{ id: string }>(`SELECT id FROM storage_boxes ORDER BY random() LIMIT $1`, [count])).rows.map((r) => r.id);
    const day = (await c.query<{ from: string; to: string }>(
      `SELECT to_char(date_trunc('day', max(at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"00:00:00"Z"') AS from,
              to_char(date_trunc('day', max(at) AT TIME ZONE 'UTC') + interval '1 day', 'YYYY-MM-DD"T"00:00:00"Z"') AS to
         FROM audit_entries WHERE actor_id = 'bench-seed'`,
    )).rows[0];
    // an actor with few entries: the integration of the last bench:ingest run (its entries of its last day)
    const integration = (await c.query<{ id: string; from: string; to: string }>(
      `SELECT integration_id AS id, to_char(date_trunc('day', received_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"00:00:00"Z"') AS from,
              to_char(date_trunc('day', received_at AT TIME ZONE 'UTC') + interval '1 day', 'YYYY-MM-DD"T"00:00:00"Z"') AS to
         FROM lab_events ORDER BY received_at DESC LIMIT 1`,
    )).rows[0];
    await c.end();
    const patients = patientTypings(Date.now() % 100000, count);
    const version = await serverVersion(db.url);
    out(`bench:query on ${db.where} (${version}, ${total.toLocaleString('en')} units, ${available.toLocaleString('en')} available, ~${entries.toLocaleString('en')} audit entries); ` +
      `${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    service = await startService(db.url);
    // search is a product act (coordinator, medical director): admin, the IT role, may not
    const searcher = await staffToken(service, ['medical_director']);

    const ok200 = (_b: unknown, s: number) => (s === 200 ? null : `status ${s}`);
    const endpoints: Endpoint[] = [
      { name: 'GET /units/:din', targetP95: 10, request: (k) => ({ path: `/units/${dins[k % dins.length]}` }), check: ok200 },
      { name: 'GET /units/:din/audit (trail)', targetP95: 10, request: (k) => ({ path: `/units/${dins[k % dins.length]}/audit` }), check: ok200 },
      {
        name: 'GET /units/:din/audit/verify', targetP95: 10, request: (k) => ({ path: `/units/${dins[k % dins.length]}/audit/verify` }),
        check: (b, s) => (s !== 200 ? `status ${s}` : (b as { valid: boolean }).valid ? null : `chain invalid: ${JSON.stringify(b)}`),
      },
      {
        name: 'GET /storage/freezers (200, occupancy)', targetP95: 50, request: () => ({ path: `/storage/freezers?pageSize=200` }),
        check: (b, s) => (s !== 200 ? `status ${s}` : (b as { items: unknown[] }).items.length > 0 ? null : 'no freezers'),
      },
      { name: 'GET /storage/boxes/:id (grid)', targetP95: 10, request: (k) => ({ path: `/storage/boxes/${boxes[k % boxes.length]}` }), check: ok200 },
      {
        name: 'GET /storage/free-positions?limit=1', targetP95: 10, request: () => ({ path: `/storage/free-positions?limit=1` }),
        check: (b, s) => (s !== 200 ? `status ${s}` : (b as { items: unknown[] }).items.length === 1 ? null : 'no free position'),
      },
      {
        name: 'GET /audit?actor=&from=&to= (bench-seed)', targetP95: 50, request: () => ({ path: `/audit?actor=bench-seed&from=${day.from}&to=${day.to}` }),
        check: (b, s) => (s !== 200 ? `status ${s}` : (b as { items: unknown[] }).items.length > 0 ? null : 'empty page'),
      },
      ...(integration
        ? [{
            name: 'GET /audit?actor=&from=&to= (integration)', targetP95: 50,
            request: () => ({ path: `/audit?actor=${integration.id}&from=${integration.from}&to=${integration.to}` }),
            check: (b: unknown, s: number) => (s !== 200 ? `status ${s}` : (b as { items: unknown[] }).items.length > 0 ? null : 'empty page'),
          }]
        : []),
      {
        name: 'POST /search/units (random patient)', targetP95: 100,
        request: (k) => ({ method: 'POST', path: '/search/units', body: { hla: patients[k % patients.length], weightKg: 5 + (k % 60) }, token: searcher }), check: ok200,
      },
    ];

    const rows: (string | number)[][] = [];
    const summary: { name: string; p95: number; target: number }[] = [];
    for (const e of endpoints) {
      for (let k = 0; k < warmup; k++) await call(service, e.request(n + k));
      const lat: number[] = [];
      const problems: string[] = [];
      let hits = 0;
      for (let k = 0; k < n; k++) {
        const r = e.request(k);
        const t0 = performance.now();
        const res = await call(service, r);
        lat.push(performance.now() - t0);
        const p = e.check?.(res.body, res.status) ?? null;
        if (p) problems.push(p);
        if (e.name.startsWith('POST /search')) hits += ((res.body as { items?: unknown[] }).items ?? []).length;
      }
      const s = summarize(lat);
      summary.push({ name: e.name, p95: s.p95, target: e.targetP95 });
      rows.push([e.name, n, ms(s.p50), ms(s.p95), ms(s.p99), `< ${e.targetP95}`, s.p95 < e.targetP95 ? 'met' : 'MISSED', problems.length ? `${problems.length} bad: ${problems[0]}` : e.name.startsWith('POST /search') ? `ok; ${(hits / n).toFixed(1)} hits per search` : 'ok']);
    }
    out('');
    out(table(['endpoint', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'target p95', '', 'answers'], rows));
    out(`(sequential requests over HTTP on 127.0.0.1, after ${warmup} warm-up requests each; audit: a day of actor bench-seed (${day.from.slice(0, 10)}, every generated entry) and of the last ingest integration; load average after ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    if (rows.some((r) => String(r[7]).includes('bad'))) process.exitCode = 1;
  } finally {
    await service?.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:query failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
