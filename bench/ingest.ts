import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { hashApiKey } from '../src/auth/auth.service';
import { beginSql, statement } from '../src/database/db.service';
import { UNIT_DONOR_FACTS_ONE_SQL } from '../src/donors/donors.sql';
import { bodyHash } from '../src/lab-events/lab-event-parser';
import { STORE_EVENT_SQL } from '../src/lab-events/lab-events.sql';
import { EXCURSION_BLOCKERS_SQL } from '../src/units/release-blockers';
import { RECORD_RESULT_SQL } from '../src/units/units.sql';
import { parseArgs } from './lib/args';
import { openBenchDatabase, serverVersion } from './lib/db';
import { randomTyping } from './lib/hla';
import { Rng } from './lib/random';
import { processCpuMs } from './lib/seeder';
import { rssSampler, startService } from './lib/service';
import type { RunningService } from './lib/service';
import { ms, summarize, table } from './lib/stats';
import type { Summary } from './lib/stats';

/**
 * `npm run bench:ingest -- [--duration 20] [--connections 32] [--batch-connections 4] [--batches 8] [--pool 10] [--units 20000]`
 *
 * Lab-event ingestion on the seeded bench database (run bench:seed first):
 * 1. the service (node dist/src/main.js) with an integration, `processing.completed` and `hla.typed`
 *    events for existing units from 32 concurrent HTTP clients (autocannon) for a fixed time;
 * 2. the same, in batches of 500 events (a fixed number of batches, default 8 on 4 connections);
 * 3. the same database work without the service: the statements the service runs for each event
 *    (key lookup, transaction with the actor, unit lock, newest-result check, unit_results insert,
 *    unit update with its triggers, the release-criteria reads for an available unit, lab_events
 *    insert), one transaction per event, from 32 raw `pg` connections, for the same time.
 * Prints events/s and p50/p95/p99 latency of each, the ratio, and the service's largest RSS.
 */

interface Unit {
  din: string;
  status: string;
}

type Event = { eventId: string; type: 'processing.completed' | 'hla.typed'; occurredAt: string; din: string; data: Record<string, unknown> };

const RUN = randomBytes(3).toString('hex');
let counter = 0;

export function makeEvent(rng: Rng, units: Unit[]): Event {
  const u = units[Math.floor(rng.next() * units.length)];
  const now = new Date().toISOString();
  const eventId = `bench-${RUN}-${++counter}`;
  if (rng.chance(0.5)) {
    const tnc = Math.round(rng.logNormal(1.6e9, 1.3) + 9.2e8);
    const cd34 = Math.round(tnc * rng.logNormal(0.0035, 1.5));
    return {
      eventId, type: 'processing.completed', occurredAt: now, din: u.din,
      data: { processedAt: now, volumeMl: 25, tncCount: tnc, cd34Count: cd34, viabilityPct: Math.round(Math.min(99.9, rng.normal(93, 2)) * 10) / 10, cfuCount: Math.round(cd34 * 0.08), nrbcCount: Math.round(tnc * 0.06), method: 'Sepax automated volume reduction' },
    };
  }
  return { eventId, type: 'hla.typed', occurredAt: now, din: u.din, data: { loci: randomTyping(rng), resolution: 'high', method: 'NGS' } };
}

interface PhaseResult {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  latency: Summary;
  failures: number;
  statuses: string;
  /** CPU ms per applied event: the database backends, and the client side (the service process, or the raw-pg loop) */
  dbCpuMsPerEvent?: number;
  appCpuMsPerEvent?: number;
}

/** CPU time (ms) of the database backends with this application_name (server on this machine), by pid. */
async function backendCpu(admin: Client, appName: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [appName]);
  const out = new Map<number, number>();
  for (const r of rows) {
    const v = processCpuMs(r.pid);
    if (v !== null) out.set(r.pid, v);
  }
  return out;
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, v] of after) sum += v - (before.get(pid) ?? v);
  return sum;
}

/** Runs a phase and charges it the CPU of the database backends and of the client process. */
async function measured(admin: Client, appName: string, appPid: number, phase: () => Promise<PhaseResult>): Promise<PhaseResult> {
  const db0 = await backendCpu(admin, appName);
  const app0 = processCpuMs(appPid);
  const r = await phase();
  const db1 = await backendCpu(admin, appName);
  const app1 = processCpuMs(appPid);
  return {
    ...r,
    dbCpuMsPerEvent: db0.size ? cpuDelta(db0, db1) / Math.max(1, r.events) : undefined,
    appCpuMsPerEvent: app0 !== null && app1 !== null ? (app1 - app0) / Math.max(1, r.events) : undefined,
  };
}

async function cannon(name: string, service: RunningService, apiKey: string, opts: { connections: number; duration?: number; amount?: number; body: () => string; eventsPerRequest: number }): Promise<PhaseResult> {
  const latencies: number[] = [];
  let applied = 0;
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: service.baseUrl,
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
        timeout: 30,
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        requests: [
          {
            method: 'POST',
            path: '/api/v1/lab/events',
            setupRequest: (req) => ({ ...req, body: opts.body() }),
            onResponse: (status, body) => {
              if (opts.eventsPerRequest === 1) {
                if (status === 201) applied++;
                else failed++;
                return;
              }
              if (status !== 200) {
                failed += opts.eventsPerRequest;
                return;
              }
              let results: { status: string }[] = [];
              try {
                results = (JSON.parse(body) as { results: { status: string }[] }).results;
              } catch {
                failed += opts.eventsPerRequest;
              }
              for (const r of results) {
                if (r.status === 'applied') applied++;
                else failed++;
              }
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  const statuses = Object.entries(result.statusCodeStats).map(([k, v]) => `${k}×${v.count}`).join(' ') + (result.errors ? ` errors×${result.errors}` : '');
  return { name, events: applied, seconds: result.duration, eventsPerSecond: applied / result.duration, latency: summarize(latencies), failures: failed + result.errors, statuses };
}

/**
 * The database work of one event as the service does it (AuthGuard → LabEventsService.receive →
 * UnitsService.recordResult → store), statement for statement, on a raw connection: the key lookup;
 * BEGIN with the actor and action settings in one round trip; the unit lock; the result row; the unit
 * update; for an available unit the release-gate reads (storage, donor); the event row; COMMIT.
 */
export async function rawEvent(c: Client, e: Event, integration: { id: string; name: string; keyHash: string }): Promise<boolean> {
  await c.query(statement(`SELECT id, name FROM integrations WHERE key_hash = $1 AND revoked_at IS NULL`, [integration.keyHash]));
  const kind = e.type === 'processing.completed' ? 'processing' : 'hla';
  const settings: Record<string, string> = {
    'app.actor_type': 'integration', 'app.actor_id': integration.id, 'app.actor_name': integration.name, 'app.request_id': `raw-${e.eventId}`,
    'app.action': `lab_event.${e.type}`, 'app.reason': '', 'app.signature': '',
  };
  await c.query(beginSql(c, 'READ COMMITTED', settings));
  try {
    const unit = (await c.query<{ status: string; receipt_flags: string[] }>(statement(`SELECT * FROM cord_blood_units WHERE din = $1 FOR UPDATE`, [e.din]))).rows[0];
    const occurredAt = new Date(e.occurredAt);
    const id = randomUUID();
    const { applied } = (await c.query<{ applied: boolean }>(statement(RECORD_RESULT_SQL, [e.din, kind, occurredAt, e.data, 'lab_event', id, null]))).rows[0];
    if (applied) {
      if (kind === 'processing') {
        const d = e.data as { processedAt: string; volumeMl: number; tncCount: number; cd34Count: number; viabilityPct: number; cfuCount: number; nrbcCount: number; method: string };
        const flags = unit.receipt_flags.filter((f) => f !== 'tnc_below_minimum');
        if (d.tncCount < 9e8) flags.push('tnc_below_minimum');
        await c.query(statement(
          `UPDATE cord_blood_units SET processed_at = $2, volume_ml = $3, tnc_count = $4, cd34_count = $5, viability_pct = $6, cfu_count = $7, nrbc_count = $8, processing_method = $9, receipt_flags = $10, updated_at = now() WHERE din = $1 RETURNING *`,
          [e.din, new Date(d.processedAt), d.volumeMl, d.tncCount, d.cd34Count, d.viabilityPct, d.cfuCount, d.nrbcCount, d.method, flags],
        ));
      } else {
        await c.query(statement(`UPDATE cord_blood_units SET hla = $2, hla_resolution = $3, hla_method = $4, hla_typed_at = $5, updated_at = now() WHERE din = $1 RETURNING *`, [
          e.din, JSON.stringify(e.data.loci), 'high', 'NGS', occurredAt,
        ]));
      }
      if (unit.status === 'available') {
        // UnitsService.holdIfNoLongerReleasable → releaseBlockers: the storage and donors extensions' reads
        await c.query(statement(EXCURSION_BLOCKERS_SQL, [[e.din]]));
        await c.query(statement(UNIT_DONOR_FACTS_ONE_SQL, [e.din]));
      }
    }
    const answer = { id, eventId: e.eventId, type: e.type, status: 'applied', ...(applied ? {} : { superseded: true }) };
    const stored = await c.query(statement(STORE_EVENT_SQL, [id, integration.id, e.eventId, e.type, occurredAt, e.din, null, null, e, bodyHash(e), 'applied', null, 201, answer]));
    await c.query('COMMIT');
    return stored.rowCount === 1;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function rawPhase(admin: Client, url: string, units: Unit[], integration: { id: string; name: string; keyHash: string }, connections: number, seconds: number): Promise<PhaseResult> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url, application_name: 'bench-raw-pg', options: '-c role=cbb_app -c TimeZone=UTC' });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  let applied = 0;
  let failed = 0;
  let firstError: string | undefined;
  const db0 = await backendCpu(admin, 'bench-raw-pg');
  const app0 = processCpuMs(process.pid);
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    clients.map(async (c, k) => {
      const rng = Rng.for(99, k + 1000);
      while (performance.now() < end) {
        const e = makeEvent(rng, units);
        const t0 = performance.now();
        try {
          if (await rawEvent(c, e, integration)) applied++;
          else failed++;
          latencies.push(performance.now() - t0);
        } catch (err) {
          failed++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const db1 = await backendCpu(admin, 'bench-raw-pg');
  const app1 = processCpuMs(process.pid);
  await Promise.all(clients.map((c) => c.end()));
  return {
    name: `raw pg, ${connections} connections`, events: applied, seconds: elapsed, eventsPerSecond: applied / elapsed, latency: summarize(latencies), failures: failed, statuses: firstError ? `first error: ${firstError.slice(0, 80)}` : '-',
    dbCpuMsPerEvent: db0.size ? cpuDelta(db0, db1) / Math.max(1, applied) : undefined,
    appCpuMsPerEvent: app0 !== null && app1 !== null ? (app1 - app0) / Math.max(1, applied) : undefined,
  };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { duration: 'number', connections: 'number', 'batch-connections': 'number', batches: 'number', pool: 'number', units: 'number' });
  const duration = (a.duration as number | undefined) ?? 20;
  const connections = (a.connections as number | undefined) ?? 32;
  const batchConnections = (a['batch-connections'] as number | undefined) ?? 4;
  const batches = (a.batches as number | undefined) ?? 2 * batchConnections;
  const db = await openBenchDatabase();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let service: RunningService | undefined;
  try {
    const admin = new Client({ connectionString: db.url });
    admin.on('error', (err) => process.stderr.write(`database connection lost: ${err.message}\n`));
    await admin.connect();
    const total = Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM cord_blood_units`)).rows[0].n);
    if (total === 0) throw new Error('the bench database holds no units: run npm run bench:seed first');
    // the units events are about: stored units awaiting or past release (quarantine, available), drawn at random
    const pool = (await admin.query<Unit>(`SELECT din, status FROM cord_blood_units WHERE status IN ('quarantine', 'available') ORDER BY random() LIMIT $1`, [(a.units as number | undefined) ?? 20000])).rows;
    const version = await serverVersion(db.url);
    out(`bench:ingest on ${db.where} (${version}, ${total.toLocaleString('en')} units; events about ${pool.length.toLocaleString('en')} of them); ` +
      `${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

    const env: Record<string, string> = { LAB_EVENTS_RATE_PER_SECOND: '1000000', LAB_EVENTS_RATE_BURST: '10000000' };
    if (a.pool) env.DATABASE_POOL_SIZE = String(a.pool);
    const svc = await startService(db.url, env);
    service = svc;
    const created = await fetch(`${service.baseUrl}/api/v1/integrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
      body: JSON.stringify({ name: `bench LIMS ${RUN}` }),
    });
    if (created.status !== 201) throw new Error(`creating the integration failed: ${created.status} ${await created.text()}`);
    const integration = (await created.json()) as { id: string; name: string; apiKey: string };
    const rng = Rng.for(42, Date.now() % 100000);

    out(`warming up (3 s) …`);
    await cannon('warm-up', service, integration.apiKey, { connections: 8, duration: 3, eventsPerRequest: 1, body: () => JSON.stringify(makeEvent(rng, pool)) });

    const rss1 = rssSampler(service);
    out(`single events: ${connections} connections, ${duration} s …`);
    const single = await measured(admin, 'cord-blood-bank', svc.pid, () => cannon(`service, single events, ${connections} connections`, svc, integration.apiKey, {
      connections, duration, eventsPerRequest: 1, body: () => JSON.stringify(makeEvent(rng, pool)),
    }));
    const rssSingle = rss1.stop();

    const rss2 = rssSampler(service);
    out(`batches of 500: ${batches} batches on ${batchConnections} connections …`);
    const batch = await measured(admin, 'cord-blood-bank', svc.pid, () => cannon(`service, batches of 500, ${Math.min(batchConnections, batches)} connections`, svc, integration.apiKey, {
      connections: Math.min(batchConnections, batches), amount: batches, eventsPerRequest: 500, body: () => JSON.stringify({ events: Array.from({ length: 500 }, () => makeEvent(rng, pool)) }),
    }));
    const rssBatch = rss2.stop();
    await service.stop();
    service = undefined;

    out(`raw pg: ${connections} connections, ${duration} s …`);
    const raw = await rawPhase(admin, db.url, pool, { id: integration.id, name: integration.name, keyHash: hashApiKey(integration.apiKey) }, connections, duration);

    const verify = await admin.query<{ applied: string; chains_ok: boolean }>(
      `SELECT count(*) FILTER (WHERE status = 'applied') AS applied FROM lab_events WHERE integration_id = $1`,
      [integration.id],
    );
    await admin.end();

    out('');
    out(table(
      ['', 'events', 'seconds', 'events/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed', 'HTTP statuses', 'DB CPU ms/event', 'client CPU ms/event'],
      [single, batch, raw].map((r) => [
        r.name, r.events, r.seconds.toFixed(1), Math.round(r.eventsPerSecond), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), r.failures, r.statuses,
        r.dbCpuMsPerEvent === undefined ? '-' : r.dbCpuMsPerEvent.toFixed(2), r.appCpuMsPerEvent === undefined ? '-' : r.appCpuMsPerEvent.toFixed(2),
      ]),
    ));
    out('(client CPU: the service process for the service rows; this benchmark process, which also runs autocannon, is not counted there; for raw pg it is)');
    out('(latency: per HTTP request for the service, a batch request carries 500 events; per transaction for raw pg)');
    const ratio = single.eventsPerSecond / raw.eventsPerSecond;
    const rssMax = Math.max(rssSingle, rssBatch);
    out('');
    out(`service / raw pg          ${(100 * ratio).toFixed(0)} % of the raw-pg rate (target ≥ 50 %: ${ratio >= 0.5 ? 'met' : 'MISSED'})`);
    out(`service p99, single       ${ms(single.latency.p99)} ms (target < 100 ms: ${single.latency.p99 < 100 ? 'met' : 'MISSED'})`);
    out(`batches of 500            ${Math.round(batch.eventsPerSecond)} events/s (target ≥ 2,000: ${batch.eventsPerSecond >= 2000 ? 'met' : 'MISSED'})`);
    out(`service RSS, max          ${rssSingle.toFixed(0)} MB under single events, ${rssBatch.toFixed(0)} MB under batches (target < 300 MB: ${rssMax < 300 ? 'met' : 'MISSED'})`);
    out(`stored                    ${Number(verify.rows[0].applied).toLocaleString('en')} events applied by this run's integration (${single.events + batch.events + raw.events} counted above, plus the warm-up)`);
    out(`load average after        ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await service?.stop();
    await db.close();
  }
}

if (require.main === module) main().catch((err: unknown) => {
  process.stderr.write(`bench:ingest failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
