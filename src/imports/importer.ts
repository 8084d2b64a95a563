import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase, QueryResult } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { beginSql } from '../database/db.service';
import { sha256File, streamCsv } from './csv-stream';
import { FILES, parseHla, type FileKey, type FileSpec } from './spec';

/** Rows per chunk: one transaction (COPY into staging, set-based INSERT … SELECT, checkpoint). */
export const CHUNK_ROWS = 5000;
/** The actor of every imported record; the operator is named beside it. */
export const IMPORT_ACTOR = 'system:import';

export interface ManifestFile {
  name: string;
  sha256: string;
  rows: number;
  done: number;
  refused: number;
  skipped: number;
}

export interface ImportRow {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  phase: string;
  directory: string;
  operator_id: string;
  operator_name: string;
  files: ManifestFile[];
  units_total: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/**
 * `IMPORT_PROFILE=1`: wall time and rows per statement of the real run (file:statement), printed by
 * `bench:import` so the cost of each set-based step is visible.
 */
export const IMPORT_PROFILE: Map<string, { ms: number; rows: number; calls: number }> | undefined = process.env.IMPORT_PROFILE ? new Map() : undefined;

async function timed<T extends { rowCount: number | null }>(label: string, run: () => Promise<T>, rows: (out: T) => number = (out) => out.rowCount ?? 0): Promise<T> {
  if (!IMPORT_PROFILE) return run();
  const t0 = performance.now();
  const out = await run();
  const p = IMPORT_PROFILE.get(label) ?? { ms: 0, rows: 0, calls: 0 };
  p.ms += performance.now() - t0;
  p.rows += rows(out);
  p.calls++;
  IMPORT_PROFILE.set(label, p);
  return out;
}

/**
 * `IMPORT_EXPLAIN=1` (profiling only): each set-based statement runs under EXPLAIN (ANALYZE, BUFFERS)
 * and the time of every trigger it fired is added up per statement (`bench:import` prints it).
 */
const IMPORT_EXPLAIN = !!process.env.IMPORT_EXPLAIN;
export const IMPORT_TRIGGERS = new Map<string, { ms: number; calls: number }>();

async function explained(client: ClientBase, label: string, sql: string, params: unknown[]): Promise<QueryResult> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: unknown; Triggers?: { 'Trigger Name': string; Relation: string; Time: number; Calls: number }[]; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const plan = rows[0]['QUERY PLAN'][0];
  // the rows written: the ModifyTable's input rows, less the ON CONFLICT DO NOTHING ones
  const top = plan.Plan as { Plans?: { 'Actual Rows': number; 'Actual Loops': number }[]; 'Conflicting Tuples'?: number };
  const written = top.Plans?.[0] ? top.Plans[0]['Actual Rows'] * top.Plans[0]['Actual Loops'] - (top['Conflicting Tuples'] ?? 0) : 0;
  for (const t of plan.Triggers ?? []) {
    const k = `${label} ${t['Trigger Name']} on ${t.Relation}`;
    const p = IMPORT_TRIGGERS.get(k) ?? { ms: 0, calls: 0 };
    p.ms += t.Time;
    p.calls += t.Calls;
    IMPORT_TRIGGERS.set(k, p);
  }
  const k = `${label} (statement, triggers included)`;
  const p = IMPORT_TRIGGERS.get(k) ?? { ms: 0, calls: 0 };
  p.ms += plan['Execution Time'];
  p.calls++;
  IMPORT_TRIGGERS.set(k, p);
  return { rowCount: written, rows: [], command: '', oid: 0, fields: [] };
}

export type Progress = (p: { phase: string; file?: string; done: number; rows: number }) => void;

/** The status steps after the results and custody are in; positions come between quarantine and available. */
const STATUS_STEPS: { to: string; from: string; targets: string[] }[] = [
  { to: 'received', from: 'collected', targets: ['received', 'processed', 'quarantine', 'available'] },
  { to: 'processed', from: 'received', targets: ['processed', 'quarantine', 'available'] },
  { to: 'quarantine', from: 'processed', targets: ['quarantine', 'available'] },
];

/**
 * The real run of one import (the `import.run` job; the CLI runs the same job). Every file is applied
 * in chunks: COPY of the chunk's rows into a temporary staging table, then set-based SQL into the
 * real tables, whose audit triggers append each row's entry to its chain; the chunk's checkpoint in
 * `imports.files` commits with it. A run that dies resumes after the last committed chunk; natural
 * keys (donor number, DIN, one collection per unit, (donor, type, signed_at) of a consent, (donor,
 * marker, sample) of an IDM result, (unit, kind, time) of a result, (unit, kind, time, to_party) of a
 * custody event) decide that a row already there is skipped, never doubled.
 *
 * Audit: actor `system:import` (type system) with the operator in the actor's name; the action names
 * the file; the reason carries the import id, the file and its SHA-256, so the first entry of every
 * chain the import starts (a unit's, a donor's, a freezer's) says which file, byte for byte, it came from.
 */
export async function runImport(
  client: ClientBase,
  id: string,
  onProgress: Progress = () => undefined,
  opts: { chunkRows?: number; moreClients?: ClientBase[] } = {},
): Promise<ImportRow> {
  const chunkRows = opts.chunkRows ?? CHUNK_ROWS;
  const conns = [client, ...(opts.moreClients ?? [])];
  const { rows: locked } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('import:' || $1)) AS ok`, [id]);
  if (!locked[0].ok) throw new Error(`import ${id} is being run by another worker`);
  try {
    const imp = await load(client, id);
    if (imp.status === 'completed') return imp;
    const actor = { type: 'system', id: IMPORT_ACTOR, name: `${IMPORT_ACTOR} (operator ${imp.operator_name}, ${imp.operator_id})` };
    const txOn = (conn: ClientBase): Tx => async <T>(action: string, reason: string, fn: () => Promise<T>): Promise<T> => {
      await conn.query(
        beginSql(conn as unknown as { escapeLiteral(v: string): string }, 'READ COMMITTED', {
          'app.actor_type': actor.type,
          'app.actor_id': actor.id,
          'app.actor_name': actor.name,
          'app.request_id': `import:${id}`,
          'app.action': action,
          'app.reason': reason,
          'app.signature': '',
          // a chunk's set-based statements do thousands of rows' work: more than a request's timeout
          statement_timeout: '5min',
        }),
      );
      try {
        const out = await fn();
        await conn.query('COMMIT');
        return out;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    };
    const tx = txOn(client);
    const lanes = conns.map((conn) => ({ conn, tx: txOn(conn) }));
    const setState = (status: string, phase: string, error: string | null = null) =>
      tx(`import.${status}`, `import ${id}`, () =>
        client.query(
          `UPDATE imports SET status = $2, phase = $3, error = $4, attempts = attempts + CASE WHEN $2 = 'running' AND status <> 'running' THEN 1 ELSE 0 END,
                  started_at = coalesce(started_at, CASE WHEN $2 = 'running' THEN now() END),
                  finished_at = CASE WHEN $2 IN ('completed', 'failed') THEN now() END, updated_at = now()
            WHERE id = $1`,
          [id, status, phase, error],
        ),
      );

    try {
      await setState('running', imp.phase === 'queued' ? 'starting' : imp.phase);
      for (const spec of FILES) {
        const m = imp.files.find((f) => f.name === spec.file);
        if (!m) continue;
        if (spec.key === 'positions') await statusSteps(lanes, id, 'quarantine', onProgress, chunkRows);
        // the files whose chunks touch shared rows (a freezer's racks, a box's occupancy) go one lane
        await applyFile(SERIAL_FILES.has(spec.key) ? lanes.slice(0, 1) : lanes, imp, spec, m, onProgress, chunkRows);
      }
      // A unit the source system had released stays in quarantine here: `available` needs this bank's
      // eligibility determination by its responsible person (21 CFR 1271.50(a)) and QA's e-signed
      // release (DESIGN.md 2), acts an import can not sign on their behalf. The status the source gave
      // is kept on the import's record of the unit (import_units) for the medical director and QA.
      await setState('completed', 'done');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await setState('failed', (await load(client, id)).phase, message.slice(0, 2000)).catch(() => undefined);
      throw err;
    }
    return await load(client, id);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('import:' || $1))`, [id]).catch(() => undefined);
  }
}

export async function load(client: { query: ClientBase['query'] } | import('./dry-run').Sql, id: string): Promise<ImportRow> {
  const { rows } = await (client as import('./dry-run').Sql).query<ImportRow>(`SELECT * FROM imports WHERE id = $1`, [id]);
  if (!rows[0]) throw new Error(`no import ${id}`);
  return rows[0];
}

type Tx = <T>(action: string, reason: string, fn: () => Promise<T>) => Promise<T>;

type Lane = { conn: ClientBase; tx: Tx };

/**
 * The files applied on one connection: their chunks write shared rows (a freezer's racks and boxes,
 * a box's and a freezer's occupancy counts), so two chunks at once would only wait on each other.
 */
const SERIAL_FILES = new Set<FileKey>(['freezers', 'positions']);

/** PostgreSQL's deadlock_detected: a chunk that met its neighbour's row locks is run again. */
const DEADLOCK = '40P01';

/**
 * One file, chunk by chunk, on the lanes (connections) given: chunk k runs while chunk k-1 is still
 * at work, and commits only after it. Each chunk's transaction holds an advisory lock on its own
 * number from its first statement; before its checkpoint it takes the lock of the chunk before, so it
 * waits inside PostgreSQL for that chunk to end (the deadlock detector sees that wait), then checks
 * the checkpoint is where that chunk left it. Commits, checkpoints and every chain's entries are
 * therefore in file order, as with one connection.
 *
 * Two chunks of one file touch different chains unless a unit's (or a donor's) rows straddle the
 * chunk boundary. Then the later chunk either waits for the earlier one's chain head, or takes it
 * first and the two deadlock. A chunk that failed while its predecessor was still running is run
 * again once that predecessor has committed (its error, if real, comes back then); a chunk that
 * failed in line is run again only for a deadlock. A real failure stops the file after the chunks
 * already running have ended, and the import resumes after the last committed checkpoint.
 */
async function applyFile(lanes: Lane[], imp: ImportRow, spec: FileSpec, m: ManifestFile, onProgress: Progress, chunkRows: number): Promise<void> {
  if (m.done >= m.rows) return;
  const path = join(imp.directory, spec.file);
  if (!existsSync(path)) throw new Error(`${spec.file} is gone from ${imp.directory}`);
  // the file applied is the file checked: its SHA-256 before reading it (and again after, below)
  const before = await sha256File(path);
  if (before !== m.sha256) throw new Error(`${spec.file} changed since the dry run (sha256 ${before}, recorded ${m.sha256}): start a new import`);
  const reason = `import ${imp.id}: ${spec.file} sha256 ${m.sha256}`;
  const cols = spec.columns.map((c) => c.name);
  const orderKey = `import-chunk:${imp.id}:${spec.file}`;
  let header: string[] = [];
  let seen = 0;
  let chunk: string[] = [];
  let lastKey = '';
  const resumeAt = m.done; // rows committed before this run (a resumed import skips them)
  let queued = m.done; // rows handed to chunks so far
  let next = 0; // the next chunk's number
  let settled = -1; // the last chunk committed
  let failure: unknown;
  let serial = false; // after a deadlock: the rest of the file one chunk at a time
  const firstTries = new Map<number, Promise<unknown>>();
  let previous: Promise<void> = Promise.resolve();
  const busy: Promise<void>[] = lanes.map(() => Promise.resolve());

  const attempt = (lane: Lane, k: number, lines: string[], from: number, waitFor: number | null, began: () => void) =>
    lane.tx(`import.${spec.key}`, reason, async () => {
      const { conn } = lane;
      await conn.query(`SELECT pg_advisory_xact_lock(hashtext($1), $2)`, [orderKey, k]);
      began();
      await conn.query(`CREATE TEMP TABLE import_stage (line integer, ${cols.map((c) => `"${c}" text`).join(', ')}, hla_json text) ON COMMIT DROP`);
      const t0 = IMPORT_PROFILE ? performance.now() : 0;
      await pipeline(
        Readable.from([lines.join('')]),
        conn.query(copyFrom(`COPY import_stage (line, ${cols.map((c) => `"${c}"`).join(', ')}, hla_json) FROM STDIN (FORMAT csv)`)),
      );
      if (IMPORT_PROFILE) {
        const p = IMPORT_PROFILE.get(`${spec.key}:copy`) ?? { ms: 0, rows: 0, calls: 0 };
        p.ms += performance.now() - t0;
        p.rows += lines.length;
        p.calls++;
        IMPORT_PROFILE.set(`${spec.key}:copy`, p);
      }
      // a temporary table is never analysed by autovacuum: without its row count the planner may
      // hash the whole target table for a chunk (a seq scan of 500,000 units per chunk)
      await conn.query(`ANALYZE import_stage`);
      const applied = await applySql(conn, spec.key, imp.id);
      const skippedHere = lines.length - applied;
      if (spec.key === 'positions' && skippedHere) throw new Error(`positions.csv: ${skippedHere} of ${lines.length} units could not take their position (a position taken or a unit not in quarantine since the dry run)`);
      // in line: the chunk before has ended (committed, or this chunk's checkpoint check fails)
      if (waitFor !== null) await conn.query(`SELECT pg_advisory_xact_lock(hashtext($1), $2)`, [orderKey, waitFor]);
      // the checkpoint under the import's row lock: a second runner can not apply the same chunk.
      // NO KEY UPDATE: the chunk beside this one holds a key-share lock on the row (the foreign key
      // of import_units); FOR UPDATE would wait for it while it waits for this chunk: a deadlock
      const { rows } = await conn.query<{ done: number }>(
        `SELECT (f ->> 'done')::int AS done FROM imports, jsonb_array_elements(files) f WHERE id = $1 AND f ->> 'name' = $2 FOR NO KEY UPDATE OF imports`,
        [imp.id, spec.file],
      );
      if (rows[0].done !== from) throw new Error(`${spec.file}: checkpoint moved (${rows[0].done}, expected ${from}): another run applied it`);
      await conn.query(
        `UPDATE imports SET phase = $3, updated_at = now(),
                files = (SELECT jsonb_agg(CASE WHEN f ->> 'name' = $2
                                               THEN f || jsonb_build_object('done', $4::int, 'skipped', coalesce((f ->> 'skipped')::int, 0) + $5::int)
                                               ELSE f END ORDER BY o)
                           FROM jsonb_array_elements(files) WITH ORDINALITY AS x(f, o))
          WHERE id = $1`,
        [imp.id, spec.file, spec.key, from + lines.length, skippedHere],
      );
      return skippedHere;
    });

  const flush = async () => {
    if (!chunk.length) return;
    const lines = chunk;
    chunk = [];
    const k = next++;
    const lane = lanes[k % lanes.length];
    await busy[k % lanes.length]; // the lane's last chunk has ended
    if (serial) await previous.catch(() => undefined);
    if (failure) throw failure;
    const from = queued;
    queued += lines.length;
    const before = previous;
    let began!: () => void;
    const holding = new Promise<void>((r) => (began = r));
    const run = (async () => {
      const inLine = settled === k - 1;
      let skipped: number;
      try {
        const first = attempt(lane, k, lines, from, inLine ? null : k - 1, began);
        firstTries.set(k, first.catch(() => undefined));
        skipped = await first;
      } catch (err) {
        began();
        await before; // the chunk before failed: its error is the file's
        let tries = 1;
        for (;;) {
          const deadlock = (err as { code?: string }).code === DEADLOCK;
          if ((inLine || tries > 1) && (!deadlock || tries >= 3)) throw err;
          if (deadlock) {
            // rows of one chain in both chunks: no more overlap in this file, and the chunk after
            // this one (if it started) ends its try first, so the next try meets no lock of it
            serial = true;
            await firstTries.get(k + 1);
          }
          try {
            skipped = await attempt(lane, k, lines, from, null, () => undefined);
            break;
          } catch (again) {
            err = again;
            tries++;
          }
        }
      }
      await before;
      firstTries.delete(k);
      settled = k;
      m.done = from + lines.length;
      m.skipped += skipped;
      onProgress({ phase: spec.key, file: spec.file, done: m.done, rows: m.rows });
    })();
    run.catch((err: unknown) => {
      failure ??= err;
    });
    previous = run;
    busy[k % lanes.length] = run.catch(() => undefined);
    await holding; // chunk k holds its lock before chunk k+1 can wait for it
  };
  let after: { sha256: string };
  try {
    after = await streamCsv(
      path,
      (h) => {
        header = h;
      },
      async ({ line, values }) => {
        seen++;
        if (seen <= resumeAt) return; // applied before the crash
        const row: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) row[header[i]] = values[i] ?? '';
        if (row.din) row.din = row.din.trim().toUpperCase();
        const hla = row.hla ? JSON.stringify(parseHla(row.hla)) : '';
        // a full chunk ends where the next row's unit (or donor) begins: a unit's rows, which are
        // next to each other in an export, stay in one chunk, so chunks side by side share no chain
        const key = row.din ? row.din.slice(0, 13) : (row.donor_ref ?? '');
        if (chunk.length >= chunkRows && key !== lastKey) await flush();
        lastKey = key;
        chunk.push(`${[String(line), ...cols.map((c) => row[c] ?? ''), hla].map(csvField).join(',')}\n`);
      },
    );
    await flush();
  } finally {
    // no lane is left inside a transaction, whatever happened
    await Promise.all(busy);
  }
  if (failure) throw failure;
  if (after.sha256 !== m.sha256) throw new Error(`${spec.file} changed while it was being imported (sha256 ${after.sha256}, recorded ${m.sha256})`);
}

/** A field for COPY (FORMAT csv): empty is NULL, anything else quoted. */
function csvField(v: string): string {
  return v === '' ? '' : `"${v.replace(/"/g, '""')}"`;
}

/** The set-based SQL of one chunk; returns the rows applied (the rest were already there). */
async function applySql(client: ClientBase, key: FileKey, importId: string): Promise<number> {
  let stmt = 0;
  const q = (sql: string, params: unknown[] = []) => {
    const label = `${key}:${++stmt}`;
    return timed(label, () => (IMPORT_EXPLAIN ? explained(client, label, sql, params) : client.query(sql, params)));
  };
  const n = async (sql: string, params: unknown[] = []) => (await q(sql, params)).rowCount ?? 0;
  const DIN = `left(s.din, 13)`;
  switch (key) {
    case 'donors':
      return n(`INSERT INTO donors (donor_number, first_name, last_name, date_of_birth, email, phone, banking_type, ethnicity)
                SELECT s.donor_ref, s.first_name, s.last_name, s.date_of_birth::date, s.email, s.phone, s.banking_type, s.ethnicity
                  FROM import_stage s ORDER BY s.line
                ON CONFLICT (donor_number) DO NOTHING`);
    case 'consents':
      return n(`INSERT INTO consents (donor_id, type, form_version, signed_at)
                SELECT d.id, s.type, s.form_version, s.signed_at::timestamptz
                  FROM import_stage s JOIN donors d ON d.donor_number = s.donor_ref
                 WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.donor_id = d.id AND c.type = s.type AND c.signed_at = s.signed_at::timestamptz)
                 ORDER BY s.line`);
    case 'idm_results':
      return n(`INSERT INTO idm_tests (donor_id, marker, result, sample_drawn_at, tested_at, test_kit, method, lab, lab_clia_number, transfused_before_sample, dilution_acceptable, source)
                SELECT d.id, s.marker, s.result, s.sample_drawn_at::timestamptz, s.tested_at::timestamptz, btrim(s.test_kit), s.method, btrim(s.lab), btrim(s.lab_clia_number),
                       s.transfused_before_sample::boolean, s.dilution_acceptable::boolean, 'import'
                  FROM import_stage s JOIN donors d ON d.donor_number = s.donor_ref
                 WHERE NOT EXISTS (SELECT 1 FROM idm_tests t WHERE t.donor_id = d.id AND t.marker = s.marker AND t.sample_drawn_at = s.sample_drawn_at::timestamptz)
                 ORDER BY s.line`);
    case 'freezers': {
      const count = await n(`
        INSERT INTO freezers (seq, name, type, max_temperature_c, racks, boxes_per_rack, rows_per_box, columns_per_box)
        SELECT (SELECT coalesce(max(seq), 0) FROM freezers) + row_number() OVER (ORDER BY s.line), btrim(s.name), s.type,
               coalesce(s.max_temperature_c::numeric, -150), s.racks::int, s.boxes_per_rack::int, s.rows_per_box::int, s.columns_per_box::int
          FROM import_stage s
         WHERE NOT EXISTS (SELECT 1 FROM freezers f WHERE lower(f.name) = lower(btrim(s.name)))
         ORDER BY s.line`);
      const mine = `SELECT f.id FROM freezers f JOIN import_stage s ON lower(f.name) = lower(btrim(s.name))`;
      await q(`INSERT INTO storage_racks (freezer_id, rack_no, label)
        SELECT f.id, r, f.code || '-R' || storage_num(r) FROM freezers f, generate_series(1, f.racks) r
         WHERE f.id IN (${mine}) AND NOT EXISTS (SELECT 1 FROM storage_racks x WHERE x.freezer_id = f.id)`);
      await q(`INSERT INTO storage_boxes (freezer_id, rack_id, freezer_seq, rack_no, box_no, label, capacity)
        SELECT f.id, rk.id, f.seq, rk.rack_no, b, rk.label || '-B' || storage_num(b), f.rows_per_box * f.columns_per_box
          FROM freezers f JOIN storage_racks rk ON rk.freezer_id = f.id, generate_series(1, f.boxes_per_rack) b
         WHERE f.id IN (${mine}) AND NOT EXISTS (SELECT 1 FROM storage_boxes x WHERE x.freezer_id = f.id)`);
      await q(`INSERT INTO storage_positions (box_id, freezer_id, row_no, col_no, label)
        SELECT bx.id, f.id, r, c, bx.label || '-' || chr(64 + r) || c
          FROM freezers f JOIN storage_boxes bx ON bx.freezer_id = f.id,
               generate_series(1, f.rows_per_box) r, generate_series(1, f.columns_per_box) c
         WHERE f.id IN (${mine}) AND NOT EXISTS (SELECT 1 FROM storage_positions x WHERE x.freezer_id = f.id)`);
      return count;
    }
    case 'units': {
      const count = await n(`INSERT INTO cord_blood_units (din, din_check, donor_id, banking_type)
                SELECT ${DIN}, right(s.din, 1), d.id, d.banking_type
                  FROM import_stage s JOIN donors d ON d.donor_number = s.donor_ref ORDER BY s.line
                ON CONFLICT (din) DO NOTHING`);
      await q(
        `INSERT INTO import_units (import_id, din, target_status, received_at, receipt_temperature_ok)
         SELECT $1, ${DIN}, s.status, s.received_at::timestamptz, s.receipt_temperature_ok::boolean FROM import_stage s
         ON CONFLICT (din) DO NOTHING`,
        [importId],
      );
      return count;
    }
    case 'collections':
      return n(`INSERT INTO collections (din, donor_id, hospital, collected_by, birth_at, collected_at, delivery_type, gestational_age_weeks, method, bag_lot, gross_volume_ml)
                SELECT u.din, u.donor_id, s.hospital, s.collected_by, s.birth_at::timestamptz, s.collected_at::timestamptz, s.delivery_type,
                       s.gestational_age_weeks::numeric, s.method, s.bag_lot, s.gross_volume_ml::numeric
                  FROM import_stage s JOIN cord_blood_units u ON u.din = ${DIN} ORDER BY s.line
                ON CONFLICT (din) DO NOTHING`);
    case 'results': {
      const count = await n(`INSERT INTO unit_results (din, kind, occurred_at, data, applied, source)
        SELECT ${DIN}, s.kind, s.occurred_at::timestamptz,
               jsonb_strip_nulls(CASE s.kind
                 WHEN 'processing' THEN jsonb_build_object('processedAt', s.occurred_at::timestamptz, 'volumeMl', s.volume_ml::numeric, 'tncCount', s.tnc_count::numeric,
                                        'cd34Count', s.cd34_count::numeric, 'viabilityPct', s.viability_pct::numeric, 'method', s.processing_method)
                 WHEN 'hla' THEN jsonb_build_object('loci', s.hla_json::jsonb, 'resolution', s.hla_resolution)
                 WHEN 'abo' THEN jsonb_build_object('abo', s.abo, 'rh', s.rh)
                 ELSE jsonb_build_object('aerobic', s.sterility_aerobic, 'anaerobic', s.sterility_anaerobic, 'organism', s.sterility_organism) END),
               true, 'import'
          FROM import_stage s
         WHERE NOT EXISTS (SELECT 1 FROM unit_results r WHERE r.din = ${DIN} AND r.kind = s.kind AND r.occurred_at = s.occurred_at::timestamptz)
         ORDER BY s.line`);
      // the newest result of each kind becomes the unit's current value: one UPDATE for all four kinds,
      // so a unit gets one audit entry for its results of the chunk (what changed, old and new)
      const newest = (kind: string, alias: string) =>
        `LEFT JOIN (SELECT DISTINCT ON (${DIN}) ${DIN} AS unit_din, s.*, s.occurred_at::timestamptz AS at FROM import_stage s WHERE s.kind = '${kind}'
                    ORDER BY ${DIN}, s.occurred_at::timestamptz DESC, s.line DESC) ${alias} ON ${alias}.unit_din = d.unit_din`;
      const P = `(p.at IS NOT NULL AND (u.processed_at IS NULL OR u.processed_at <= p.at))`;
      const H = `(h.at IS NOT NULL AND (u.hla_typed_at IS NULL OR u.hla_typed_at <= h.at))`;
      const A = `(a.at IS NOT NULL AND (u.abo_typed_at IS NULL OR u.abo_typed_at <= a.at))`;
      const S = `(st.at IS NOT NULL AND (u.sterility_resulted_at IS NULL OR u.sterility_resulted_at <= st.at))`;
      const pick = (cond: string, value: string, column: string) => `${column} = CASE WHEN ${cond} THEN ${value} ELSE u.${column} END`;
      await q(`UPDATE cord_blood_units u SET
          ${pick(P, 'p.at', 'processed_at')}, ${pick(P, 'p.volume_ml::numeric', 'volume_ml')}, ${pick(P, 'p.tnc_count::numeric', 'tnc_count')},
          ${pick(P, 'p.cd34_count::numeric', 'cd34_count')}, ${pick(P, 'p.viability_pct::numeric', 'viability_pct')}, ${pick(P, 'p.processing_method', 'processing_method')},
          ${pick(H, 'h.hla_json::jsonb', 'hla')}, ${pick(H, 'h.hla_resolution', 'hla_resolution')}, ${pick(H, 'h.at', 'hla_typed_at')},
          ${pick(A, 'a.abo', 'abo')}, ${pick(A, 'a.rh', 'rh')}, ${pick(A, 'a.at', 'abo_typed_at')},
          ${pick(S, 'st.sterility_aerobic', 'sterility_aerobic')}, ${pick(S, 'st.sterility_anaerobic', 'sterility_anaerobic')},
          ${pick(S, 'st.sterility_organism', 'sterility_organism')}, ${pick(S, 'st.at', 'sterility_resulted_at')},
          updated_at = now()
        FROM (SELECT DISTINCT ${DIN} AS unit_din FROM import_stage s) d
          ${newest('processing', 'p')} ${newest('hla', 'h')} ${newest('abo', 'a')} ${newest('sterility', 'st')}
       WHERE u.din = d.unit_din AND (${P} OR ${H} OR ${A} OR ${S})`);
      return count;
    }
    case 'custody': {
      const count = await n(`INSERT INTO custody_events (din, seq, kind, from_party, to_party, location, handed_over_at, condition)
        SELECT x.din, coalesce((SELECT max(c.seq) FROM custody_events c WHERE c.din = x.din), 0) + row_number() OVER (PARTITION BY x.din ORDER BY x.line),
               x.kind, x.from_party, x.to_party, x.location, x.at, x.condition
          FROM (SELECT ${DIN} AS din, s.line, s.kind, s.from_party, s.to_party, s.location, s.handed_over_at::timestamptz AS at, s.condition
                  FROM import_stage s
                 WHERE NOT EXISTS (SELECT 1 FROM custody_events c WHERE c.din = ${DIN} AND c.kind = s.kind AND c.handed_over_at = s.handed_over_at::timestamptz AND c.to_party = s.to_party)) x
         ORDER BY x.din, x.line`);
      await q(`UPDATE cord_blood_units u SET custodian = x.to_party, custodian_since = x.at, updated_at = now()
        FROM (SELECT DISTINCT ON (${DIN}) ${DIN} AS din, s.to_party, s.handed_over_at::timestamptz AS at FROM import_stage s ORDER BY ${DIN}, s.line DESC) x
       WHERE u.din = x.din AND (u.custodian_since IS NULL OR u.custodian_since <= x.at)`);
      return count;
    }
    case 'positions':
      return n(`UPDATE cord_blood_units u SET position_id = p.id, stored_at = coalesce(s.stored_at::timestamptz, now()), updated_at = now()
                  FROM import_stage s
                  JOIN freezers f ON lower(f.name) = lower(btrim(s.freezer))
                  JOIN storage_boxes b ON b.freezer_id = f.id AND b.rack_no = s.rack::int AND b.box_no = s.box::int
                  JOIN storage_positions p ON p.box_id = b.id AND p.row_no = s.row::int AND p.col_no = s.column::int
                 WHERE u.din = ${DIN} AND u.position_id IS NULL`);
  }
}

/**
 * The set-based status steps up to `upTo`, in batches of DIN ranges; each batch is idempotent (it
 * moves only units still short of their target), so a run that resumes does each step once per unit.
 * The ranges are cut before the step from the import's own units (every `chunkRows`-th DIN bound
 * for the step), so they are disjoint and the lanes move them at once: a unit, and so its chain, is
 * in one range.
 */
async function statusSteps(lanes: Lane[], id: string, upTo: 'quarantine' | 'available', onProgress: Progress, chunkRows: number): Promise<void> {
  const steps = upTo === 'quarantine' ? STATUS_STEPS : [{ to: 'available', from: 'quarantine', targets: ['available'] }];
  const size = Math.max(1, Math.floor(chunkRows));
  for (const step of steps) {
    await lanes[0].tx(`import.status.${step.to}`, `import ${id}: status ${step.from} → ${step.to} as in units.csv`, () =>
      lanes[0].conn.query(`UPDATE imports SET phase = $2, updated_at = now() WHERE id = $1`, [id, `status:${step.to}`]),
    );
    const { rows: cuts } = await lanes[0].conn.query<{ din: string }>(
      `SELECT din FROM (SELECT din, row_number() OVER (ORDER BY din) AS n FROM import_units WHERE import_id = $1 AND target_status = ANY($2::text[])) x
        WHERE n % $3 = 0 ORDER BY din`,
      [id, step.targets, size],
    );
    // (lo, hi]: '' below every DIN, null above
    const ranges = [...cuts.map((c, i) => [i === 0 ? '' : cuts[i - 1].din, c.din] as const), [cuts.at(-1)?.din ?? '', null] as const];
    let moved = 0;
    let nextRange = 0;
    let failure: unknown;
    const lane = async ({ conn, tx }: Lane) => {
      while (!failure && nextRange < ranges.length) {
        const [lo, hi] = ranges[nextRange++];
        try {
          const n = await tx(`import.status.${step.to}`, `import ${id}: status ${step.from} → ${step.to} as in units.csv`, async () => {
            // the range on both sides of the join lets each index scan start at its first DIN
            // (EXPLAIN at 500,000 units: 21 ms for a batch halfway, 1.36 s when the units side was
            // scanned from its start)
            const batch = await timed(`status:${step.to}`, () =>
              conn.query<{ n: string }>(
                `WITH batch AS (
                   SELECT iu.din, iu.received_at, iu.receipt_temperature_ok FROM import_units iu JOIN cord_blood_units c ON c.din = iu.din
                    WHERE iu.import_id = $1 AND iu.target_status = ANY($4::text[]) AND c.status = $2
                      AND iu.din > $5 AND c.din > $5 AND ($6::text IS NULL OR (iu.din <= $6 AND c.din <= $6))),
                 moved AS (
                   UPDATE cord_blood_units u SET status = $3,
                          received_at = CASE WHEN $3 = 'received' THEN b.received_at ELSE u.received_at END,
                          receipt_temperature_ok = CASE WHEN $3 = 'received' THEN b.receipt_temperature_ok ELSE u.receipt_temperature_ok END,
                          updated_at = now()
                     FROM batch b WHERE u.din = b.din
                   RETURNING u.din)
                 SELECT count(*) AS n FROM moved`,
                [id, step.from, step.to, step.targets, lo, hi],
              ),
              (out) => Number(out.rows[0].n),
            );
            return Number(batch.rows[0].n);
          });
          if (n === 0) continue;
          moved += n;
          onProgress({ phase: `status:${step.to}`, done: moved, rows: moved });
        } catch (err) {
          failure ??= err;
        }
      }
    };
    await Promise.all(lanes.map(lane));
    if (failure) throw failure;
  }
}

/** Records a real run for a clean dry run (nothing else is written); the `import.run` job applies it. */
export async function createImport(
  client: ClientBase,
  report: { directory: string; units: number; files: { name: string; sha256: string; rows: number; refused: number }[] },
  operator: { id: string; name: string },
  opts: { enqueue?: boolean } = {},
): Promise<string> {
  const files: ManifestFile[] = report.files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows, done: 0, refused: f.refused, skipped: 0 }));
  await client.query(
    beginSql(client as unknown as { escapeLiteral(v: string): string }, 'READ COMMITTED', {
      'app.actor_type': 'system',
      'app.actor_id': IMPORT_ACTOR,
      'app.actor_name': `${IMPORT_ACTOR} (operator ${operator.name}, ${operator.id})`,
      'app.action': 'import.created',
      'app.reason': `import of ${report.directory} requested by ${operator.name}`,
    }),
  );
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO imports (directory, operator_id, operator_name, files, units_total) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id`,
      [report.directory, operator.id, operator.name, JSON.stringify(files), report.units],
    );
    if (opts.enqueue !== false) await client.query(`SELECT graphile_worker.add_job('import.run', json_build_object('id', $1::text), job_key => 'import:' || $1, max_attempts => 5)`, [rows[0].id]);
    await client.query('COMMIT');
    return rows[0].id;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** `GET /imports/:id` and the CLI's summary. */
export interface ImportView {
  id: string;
  status: ImportRow['status'];
  phase: string;
  directory: string;
  operator: { id: string; name: string };
  units: number;
  files: ManifestFile[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function importView(r: ImportRow): ImportView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    status: r.status,
    phase: r.phase,
    directory: r.directory,
    operator: { id: r.operator_id, name: r.operator_name },
    units: r.units_total,
    files: r.files,
    error: r.error,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}
