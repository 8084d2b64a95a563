import 'reflect-metadata';
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';
import { runMigrations } from '../src/database/data-source';
import { embeddedForTool } from '../src/database/embedded-postgres';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';
import { parseArgs } from './lib/args';
import { serverVersion, withDatabase } from './lib/db';
import { staffToken, startService } from './lib/service';
import type { RunningService } from './lib/service';

/**
 * `npm run bench:lookback -- [--units 100000] [--lot-units 5000] [--lots 3]`: the look-back target of
 * issue 15 (at 500k units, a look-back over a lot used by 5,000 units in ≤ 5 s).
 *
 * Builds its own database (`cbb_bench_lookback`, dropped and rebuilt each run, since a look-back
 * changes what it measures) with SQL: `--units` units (default 100,000; the 500k bank of bench:seed
 * takes ~40 min here), each with an audit chain of 4 entries (so the holds append to existing
 * chains in a table of realistic size), and `--lots` supply lots each used by `--lot-units` distinct
 * units (90 % in the bank, 10 % infused under a completed release request to one of 25 facilities,
 * i.e. consignees to list). The seed writes with triggers off (session_replication_role = replica):
 * it is bulk data, not acts; the measured look-backs run through the service with every trigger.
 *
 * Then, through the running service (node dist/src/main.js) as a QA user: `POST /lookbacks` over
 * each lot (one transaction: find, hold, record, list consignees), `GET /supplies/lots/:id/units`
 * and the CSV report; prints each time and checks the result (every in-bank unit on hold).
 */
const DATABASE = process.env.BENCH_LOOKBACK_DATABASE ?? 'cbb_bench_lookback';
const out = (line: string) => process.stdout.write(`${line}\n`);

async function openDatabase(): Promise<{ url: string; where: string; close(): Promise<void> }> {
  let embedded: EmbeddedDatabase | undefined;
  let base = process.env.DATABASE_URL;
  if (!base) {
    embedded = await embeddedForTool(process.env.DATA_DIR ?? '.data', { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`), debug: () => undefined });
    base = embedded.url;
  }
  const admin = new Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(DATABASE)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(DATABASE)}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(base, DATABASE);
  await runMigrations(url);
  const u = new URL(url);
  return { url, where: `${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ${u.hostname}:${u.port}/${DATABASE}`, close: async () => void (await embedded?.stop()) };
}

async function seed(url: string, units: number, lots: number, lotUnits: number): Promise<string[]> {
  if (lots * lotUnits > units) throw new Error(`--lots × --lot-units (${lots * lotUnits}) exceeds --units (${units})`);
  const c = new Client({ connectionString: url });
  await c.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await c.query(sql, params);
    process.stderr.write(`  seed: ${label} (${Math.round(performance.now() - t0)} ms)\n`);
  };
  try {
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SELECT set_config('app.actor_type', 'system', false), set_config('app.actor_id', 'bench-lookback', false)`);
    await step('donors', `INSERT INTO donors (first_name, last_name, date_of_birth, banking_type) SELECT 'Bench', 'Donor ' || g, '1990-01-01', 'public' FROM generate_series(1, $1) g`, [Math.ceil(units / 2)]);
    await step('units', `
      INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type, status, received_at, processed_at, volume_ml, tnc_count, cd34_count, viability_pct,
                                    sterility_aerobic, sterility_anaerobic, sterility_resulted_at, receipt_flags, created_at, updated_at)
      SELECT 'W9998' || '26' || lpad(g::text, 6, '0'), '0', d.id, 'public', CASE WHEN g % 10 = 0 THEN 'processed' ELSE 'quarantine' END,
             now() - interval '400 days', now() - interval '399 days', 25, 1.5e9, 5e6, 95, 'negative', 'negative', now() - interval '390 days', '{}', now() - interval '400 days', now()
        FROM generate_series(1, $1) g
        JOIN (SELECT id, row_number() OVER () AS k FROM donors) d ON d.k = (g + 1) / 2`, [units]);
    await step('audit chains (4 entries per unit)', `
      INSERT INTO audit_entries (chain, din, seq, at, actor_type, actor_id, action, after, prev_hash, hash)
      SELECT u.din, u.din, s, now() - interval '400 days' + s * interval '1 day', 'system', 'bench-lookback', 'unit.seeded', jsonb_build_object('seq', s), repeat('0', 64), md5(u.din || s) || md5(u.din)
        FROM cord_blood_units u CROSS JOIN generate_series(1, 4) s`);
    await step('audit chain heads', `INSERT INTO audit_chain_heads (chain, last_seq, last_hash) SELECT din, 4, md5(din || 4) || md5(din) FROM cord_blood_units`);
    const lotIds: string[] = [];
    for (let l = 0; l < lots; l++) {
      const lot = await c.query<{ id: string }>(
        `INSERT INTO supply_lots (type, manufacturer, lot_number, expires_on, received_on, qc_status, qc_decided_by, qc_decided_by_name, qc_decided_at, recorded_by)
         VALUES ('cryoprotectant', 'Bench Pharma', $1, current_date + 300, current_date - 400, 'accepted', 'bench', 'Bench QA', now() - interval '400 days', 'bench') RETURNING id`,
        [`DMSO-BENCH-${l + 1}`],
      );
      lotIds.push(lot.rows[0].id);
      // units l, l + lots, l + 2·lots … : spread over the whole bank, distinct per lot
      await step(`lot ${l + 1}: ${lotUnits} units`, `
        INSERT INTO unit_supply_lots (din, supply_lot_id, stage, used_at)
        SELECT 'W9998' || '26' || lpad((1 + $2 + k * $3)::text, 6, '0'), $1, 'processing', now() - interval '399 days'
          FROM generate_series(0, $4 - 1) k`, [lot.rows[0].id, l, Math.floor(units / lotUnits / lots) * lots || lots, lotUnits]);
      // every 10th of them went to a patient: a completed release request to one of 25 facilities
      await step(`lot ${l + 1}: distributed units and their release requests`, `
        WITH gone AS (
          SELECT s.din, row_number() OVER (ORDER BY s.din) AS k FROM unit_supply_lots s WHERE s.supply_lot_id = $1
        ), picked AS (SELECT din, k FROM gone WHERE k % 10 = 0),
        upd AS (UPDATE cord_blood_units u SET status = 'infused' FROM picked p WHERE u.din = p.din RETURNING u.din)
        INSERT INTO release_requests (requesting_facility, physician, patient_identifier, patient_weight_kg, patient_diagnosis, intended_use, needed_by, submitted_by, status,
                                      din, reserved_at, reserved_by, approved_at, approved_by, courier, dispatched_at, shipper_id, temperature_logger_id,
                                      received_at, received_by, delivery_temperature_ok, infused_at)
        SELECT 'Transplant Centre ' || ((p.k / 10) % 25), 'Dr. ' || ((p.k / 10) % 25), 'MRN-' || p.din, 20, 'ALL', 'allogeneic_transplant', now() - interval '200 days', 'bench', 'completed',
               p.din, now() - interval '210 days', 'bench', now() - interval '209 days', 'bench', 'Courier', now() - interval '208 days', 'DS-1', 'TL-1',
               now() - interval '207 days', 'bench', true, now() - interval '206 days'
          FROM picked p`, [lot.rows[0].id]);
    }
    await c.query(`SET session_replication_role = origin`);
    await step('analyze', `ANALYZE`);
    return lotIds;
  } finally {
    await c.end();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), { units: 'number', 'lot-units': 'number', lots: 'number' });
  const units = (a.units as number | undefined) ?? 100_000;
  const lotUnits = (a['lot-units'] as number | undefined) ?? 5_000;
  const lots = (a.lots as number | undefined) ?? 3;
  const db = await openDatabase();
  let service: RunningService | undefined;
  try {
    const t0 = performance.now();
    const lotIds = await seed(db.url, units, lots, lotUnits);
    const version = await serverVersion(db.url);
    out(`bench:lookback on ${db.where} (${version}); ${units.toLocaleString('en')} units, ${lots} lots × ${lotUnits.toLocaleString('en')} units (seeded in ${Math.round((performance.now() - t0) / 1000)} s); ` +
      `${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    service = await startService(db.url);
    const qa = await staffToken(service, ['quality_assurance']);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${service!.baseUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${qa}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return text;
    };
    const check = new Client({ connectionString: db.url });
    await check.connect();
    const times: number[] = [];
    for (const [i, lotId] of lotIds.entries()) {
      const q = await timed(() => call('GET', `/supplies/lots/${lotId}/units?pageSize=200`));
      const lb = await timed(async () => JSON.parse(await call('POST', '/lookbacks', { trigger: { type: 'supply_lot', supplyLotId: lotId }, reason: `bench recall of lot ${i + 1}` })) as Record<string, any>);
      times.push(lb.ms);
      const notHeld = (await check.query<{ n: string }>(
        `SELECT count(*) AS n FROM unit_supply_lots s JOIN cord_blood_units u ON u.din = s.din WHERE s.supply_lot_id = $1 AND u.status NOT IN ('on_hold', 'infused')`,
        [lotId],
      )).rows[0].n;
      if (Number(notHeld) !== 0) throw new Error(`lot ${i + 1}: ${notHeld} in-bank units not on hold after the look-back`);
      const csv = await timed(() => call('GET', `/lookbacks/${lb.value.id}/report.csv`));
      out(`lot ${i + 1}: POST /lookbacks ${Math.round(lb.ms)} ms — ${lb.value.unitCount} units found, ${lb.value.heldCount} put on hold, ${lb.value.units.byAction.distributed ?? 0} distributed to ${lb.value.consignees.length} consignees` +
        ` (target ≤ 5000 ms: ${lb.ms <= 5000 ? 'met' : 'NOT met'}); GET /supplies/lots/:id/units ${Math.round(q.ms)} ms; CSV report ${Math.round(csv.ms)} ms (${csv.value.length.toLocaleString('en')} bytes)`);
    }
    // where the time goes: the same hold on 4,500 other in-bank units, EXPLAIN ANALYZE in a rolled-back transaction
    const others = (await check.query<{ din: string }>(
      `SELECT din FROM cord_blood_units u WHERE status = 'quarantine' AND NOT EXISTS (SELECT 1 FROM unit_supply_lots s WHERE s.din = u.din) ORDER BY md5(din) LIMIT $1`,
      [Math.round(lotUnits * 0.9)],
    )).rows.map((r) => r.din);
    await check.query('BEGIN');
    await check.query(`SELECT set_config('app.actor_type', 'system', true), set_config('app.actor_id', 'bench-lookback', true), set_config('app.action', 'unit.held', true)`);
    const plan = (await check.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) UPDATE cord_blood_units SET status = 'on_hold', updated_at = now() WHERE din = ANY($1::text[])`, [others])).rows.map((r) => r['QUERY PLAN']);
    await check.query('ROLLBACK');
    await check.end();
    const total = plan.find((l) => l.startsWith('Execution Time'));
    const triggers = plan.filter((l) => l.startsWith('Trigger')).map((l) => l.replace(/^Trigger /, '').replace(/: time=([\d.]+) calls=(\d+)/, (_, ms: string, n: string) => ` ${Math.round(Number(ms))} ms (${n} calls)`));
    out(`the hold's one UPDATE of ${others.length.toLocaleString('en')} units, EXPLAIN ANALYZE (rolled back): ${total}; row triggers: ${triggers.join(', ')}`);
    const sorted = [...times].sort((x, y) => x - y);
    out(`POST /lookbacks over ${lotUnits.toLocaleString('en')} units at ${units.toLocaleString('en')} units in the bank: min ${Math.round(sorted[0])} ms, median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms, max ${Math.round(sorted[sorted.length - 1])} ms`);
  } finally {
    await service?.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
