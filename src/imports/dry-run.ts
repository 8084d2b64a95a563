import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DonorTable, PositionTable, UnitTable, type UnitState } from './compact';
import { streamCsv } from './csv-stream';
import { CONTROL, FILES, IMPORTABLE_STATUSES, STORABLE_STATUSES, checkValue, type FileKey, type FileSpec, type Row } from './spec';

/** What runs SQL: a pg Client or PoolClient. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface Refusal {
  file: string;
  /** the CSV line (1 = the header) */
  line: number;
  column?: string;
  din?: string;
  message: string;
}

export interface FileReport {
  name: string;
  sha256: string;
  rows: number;
  refused: number;
}

export interface DryRunReport {
  ok: boolean;
  directory: string;
  files: FileReport[];
  units: number;
  refusedRows: number;
  refusals: Refusal[];
  /** more refusals than listed (the list is capped at MAX_LISTED) */
  truncated: boolean;
}

export const MAX_LISTED = 10_000;
const LOOKUP_BATCH = 5000;

const rank = (s: string) => (IMPORTABLE_STATUSES as readonly string[]).indexOf(s);

/**
 * The dry run: reads every file of `dir` once, streamed, and reports every row that would be refused
 * and why, writing nothing. The real run repeats it first and refuses to start unless it is clean,
 * so what is applied is exactly what was checked (the files' SHA-256 are recorded and checked again
 * before each file is read).
 *
 * Memory: one small entry per donor, unit and position (typed arrays and number-keyed maps, about 150
 * bytes per unit), never a file.
 */
export async function dryRun(db: Sql, dir: string): Promise<DryRunReport> {
  const refusals: Refusal[] = [];
  let refusedCount = 0;
  let truncated = false;
  const refusedLines = new Map<string, Set<number>>();
  const refuse = (r: Refusal) => {
    const lines = refusedLines.get(r.file) ?? new Set<number>();
    refusedLines.set(r.file, lines);
    if (!lines.has(r.line)) {
      lines.add(r.line);
      refusedCount++;
    }
    if (refusals.length < MAX_LISTED) refusals.push(r);
    else truncated = true;
  };

  // compact tables (src/imports/compact.ts): 500,000 units must fit in the import's memory
  const donors = new DonorTable(); // ref → banking type (donors.csv or the database)
  const freezers = new Map<string, { racks: number; boxes: number; rows: number; cols: number }>();
  const units = new UnitTable();
  const positions = new PositionTable(); // freezer/rack/box/row/col → din
  const files: FileReport[] = [];

  /** Batched lookups against the database, with the line each key came from. */
  type Pending = { key: string; line: number; din?: string };
  const pending: Pending[] = [];
  let flushPending: ((batch: Pending[]) => Promise<void>) | undefined;
  const later = async (p: Pending) => {
    pending.push(p);
    if (pending.length >= LOOKUP_BATCH) await flushPending?.(pending.splice(0));
  };

  for (const spec of FILES) {
    const path = join(dir, spec.file);
    if (!existsSync(path)) continue;
    const file = spec.file;
    let cols: string[] = [];
    let headerOk = true;
    const handlers = rowHandlers(spec.key);
    flushPending = handlers.flush;
    const { sha256, rows } = await streamCsv(
      path,
      (header) => {
        cols = header;
        const known = new Set(spec.columns.map((c) => c.name));
        for (const h of header) if (!known.has(h)) refuse({ file, line: 1, column: h, message: `unknown column "${h}" (the columns of ${file} are ${spec.columns.map((c) => c.name).join(', ')})` });
        for (const c of spec.columns) if (c.required && !header.includes(c.name)) refuse({ file, line: 1, column: c.name, message: `required column "${c.name}" is missing` });
        if (new Set(header).size !== header.length) refuse({ file, line: 1, message: 'a column is named twice' });
        headerOk = !refusedLines.get(file)?.has(1);
      },
      async ({ line, values }) => {
        if (!headerOk) return;
        if (values.length !== cols.length) return refuse({ file, line, message: `has ${values.length} fields, the header ${cols.length}` });
        const row: Row = {};
        let bad = false;
        for (let i = 0; i < cols.length; i++) row[cols[i]] = values[i];
        for (const c of spec.columns) {
          const v = row[c.name] ?? '';
          if (CONTROL.test(v)) {
            refuse({ file, line, column: c.name, din: row.din, message: `${c.name} contains a control character` });
            bad = true;
            continue;
          }
          const m = checkValue(c, v);
          if (m) {
            refuse({ file, line, column: c.name, din: row.din, message: `${c.name} ${m}` });
            bad = true;
          }
        }
        if (!bad) await handlers.row(row, line);
      },
    );
    if (pending.length) await handlers.flush?.(pending.splice(0));
    await handlers.end?.();
    files.push({ name: file, sha256, rows, refused: refusedLines.get(file)?.size ?? 0 });
  }

  // every unit must come with its collection and custody, and reach its status with what makes it so
  for (const [din, u] of units) {
    const file = 'units.csv';
    const r = (message: string) => refuse({ file, line: u.line, din, message });
    if (u.collectedAt === undefined) r(`unit ${din} has no row in collections.csv`);
    if (!u.custodyLast) r(`unit ${din} has no custody history in custody.csv (21 CFR 1271.290: the chain must be complete)`);
    const s = rank(u.status);
    if (s >= rank('processed') && !u.processed) r(`unit ${din} is ${u.status} but has no processing result in results.csv`);
    if (u.status === 'available') {
      if (!u.positioned) r(`unit ${din} is available but has no storage position in positions.csv`);
      if (!u.sterility?.ok) r(`unit ${din} is available but its newest sterility result is not negative (aerobic and anaerobic)`);
      if (u.banking === 'public' && !u.hla) r(`unit ${din} is public and available but has no HLA typing`);
    }
  }

  const fileReports = files.map((f) => ({ ...f, refused: refusedLines.get(f.name)?.size ?? 0 }));
  return { ok: refusedCount === 0, directory: dir, files: fileReports, units: units.size, refusedRows: refusedCount, refusals, truncated };

  function rowHandlers(key: FileKey): { row: (r: Row, line: number) => Promise<void> | void; flush?: (b: Pending[]) => Promise<void>; end?: () => Promise<void> } {
    const spec = FILES.find((f) => f.key === key) as FileSpec;
    const file = spec.file;
    const time = (v: string) => Date.parse(v);
    const unknownDonors: Pending[] = [];
    const donorRef = (ref: string, line: number, din?: string) => {
      if (!donors.has(ref)) unknownDonors.push({ key: ref, line, din });
    };
    /** Donor references not in donors.csv: they may be donors already in the database. */
    const resolveDonors = async () => {
      for (let i = 0; i < unknownDonors.length; i += LOOKUP_BATCH) {
        const batch = unknownDonors.slice(i, i + LOOKUP_BATCH);
        const { rows } = await db.query<{ donor_number: string; banking_type: string }>(
          `SELECT donor_number, banking_type FROM donors WHERE donor_number = ANY($1::text[])`,
          [batch.map((b) => b.key)],
        );
        for (const r of rows) donors.set(r.donor_number, r.banking_type);
        for (const b of batch) if (!donors.has(b.key)) refuse({ file, line: b.line, column: 'donor_ref', din: b.din, message: `unknown donor reference "${b.key}": not in donors.csv nor in the database` });
      }
    };
    const unit = (din: string, line: number): UnitState | undefined => {
      const u = units.get(din);
      if (!u) refuse({ file, line, column: 'din', din, message: `unknown unit ${din}: not in units.csv` });
      return u;
    };
    switch (key) {
      case 'donors':
        return {
          row: async (r, line) => {
            if (/^D[0-9]{7}$/.test(r.donor_ref)) return refuse({ file, line, column: 'donor_ref', message: `donor_ref ${r.donor_ref} has the form of the donor numbers this bank issues (D + 7 digits): it would collide with them` });
            if (donors.has(r.donor_ref)) return refuse({ file, line, column: 'donor_ref', message: `donor ${r.donor_ref} appears twice` });
            donors.set(r.donor_ref, r.banking_type);
            await later({ key: r.donor_ref, line });
          },
          flush: async (batch) => {
            const { rows } = await db.query<{ donor_number: string }>(`SELECT donor_number FROM donors WHERE donor_number = ANY($1::text[])`, [batch.map((b) => b.key)]);
            const there = new Set(rows.map((r) => r.donor_number));
            for (const b of batch) if (there.has(b.key)) refuse({ file, line: b.line, column: 'donor_ref', message: `donor ${b.key} is already in the database` });
          },
        };
      case 'consents':
        return { row: (r, line) => donorRef(r.donor_ref, line), end: resolveDonors };
      case 'idm_results':
        return {
          row: (r, line) => {
            if (r.tested_at && time(r.tested_at) < time(r.sample_drawn_at)) refuse({ file, line, column: 'tested_at', message: 'tested_at is before sample_drawn_at: dates out of order' });
            if (r.transfused_before_sample === 'true' && !r.dilution_acceptable) refuse({ file, line, column: 'dilution_acceptable', message: 'required when the donor was transfused before the sample (21 CFR 1271.80(d)(2))' });
            donorRef(r.donor_ref, line);
          },
          end: resolveDonors,
        };
      case 'freezers':
        return {
          row: async (r, line) => {
            const name = r.name.trim().toLowerCase();
            if (/^F[0-9]+$/i.test(r.name.trim())) return refuse({ file, line, column: 'name', message: 'a freezer name can not look like a freezer code (F + digits)' });
            if (freezers.has(name)) return refuse({ file, line, column: 'name', message: `freezer "${r.name}" appears twice` });
            const l = { racks: +r.racks, boxes: +r.boxes_per_rack, rows: +r.rows_per_box, cols: +r.columns_per_box };
            if ([l.racks, l.boxes, l.rows, l.cols].some((n) => !Number.isInteger(n))) return refuse({ file, line, message: 'the layout numbers must be whole numbers' });
            if (l.racks * l.boxes * l.rows * l.cols > 100_000) return refuse({ file, line, message: 'a freezer holds at most 100,000 positions' });
            freezers.set(name, l);
            await later({ key: name, line });
          },
          flush: async (batch) => {
            const { rows } = await db.query<{ name: string }>(`SELECT lower(name) AS name FROM freezers WHERE lower(name) = ANY($1::text[])`, [batch.map((b) => b.key)]);
            const there = new Set(rows.map((r) => r.name));
            for (const b of batch) if (there.has(b.key)) refuse({ file, line: b.line, column: 'name', message: `freezer "${b.key}" is already in the database` });
          },
        };
      case 'units': {
        const later2: { din: string; ref: string; line: number }[] = [];
        return {
          row: async (r, line) => {
            const din = r.din.slice(0, 13);
            if (units.has(din)) return refuse({ file, line, column: 'din', din, message: `unit ${din} appears twice` });
            if (rank(r.status) >= rank('received') && !r.received_at) return refuse({ file, line, column: 'received_at', din, message: `a ${r.status} unit needs received_at` });
            units.set(din, { status: r.status, banking: donors.get(r.donor_ref) ?? '', line, receivedAt: r.received_at ? time(r.received_at) : undefined });
            if (!donors.has(r.donor_ref)) later2.push({ din, ref: r.donor_ref, line });
            await later({ key: din, line, din });
          },
          flush: async (batch) => {
            const { rows } = await db.query<{ din: string }>(`SELECT din FROM cord_blood_units WHERE din = ANY($1::text[])`, [batch.map((b) => b.key)]);
            const there = new Set(rows.map((r) => r.din));
            for (const b of batch) if (there.has(b.key)) refuse({ file, line: b.line, column: 'din', din: b.key, message: `unit ${b.key} is already in the database` });
          },
          end: async () => {
            unknownDonors.push(...later2.map((l) => ({ key: l.ref, line: l.line, din: l.din })));
            await resolveDonors();
            for (const l of later2) {
              const u = units.get(l.din);
              if (u && donors.has(l.ref)) u.banking = donors.get(l.ref)!;
            }
          },
        };
      }
      case 'collections':
        return {
          row: (r, line) => {
            const din = r.din.slice(0, 13);
            const u = unit(din, line);
            if (!u) return;
            if (u.collectedAt !== undefined) return refuse({ file, line, column: 'din', din, message: `unit ${din} has two collections` });
            const birth = time(r.birth_at);
            const at = time(r.collected_at);
            if (at < birth) return refuse({ file, line, column: 'collected_at', din, message: 'collected_at is before birth_at: dates out of order' });
            if (u.receivedAt !== undefined && u.receivedAt < at) return refuse({ file, line, column: 'collected_at', din, message: 'the unit\'s received_at (units.csv) is before its collection: dates out of order' });
            u.collectedAt = at;
          },
        };
      case 'results':
        return {
          row: (r, line) => {
            const din = r.din.slice(0, 13);
            const u = unit(din, line);
            if (!u) return;
            const need: Record<string, string[]> = {
              processing: ['volume_ml', 'tnc_count', 'cd34_count', 'viability_pct'],
              hla: ['hla', 'hla_resolution'],
              abo: ['abo', 'rh'],
              sterility: ['sterility_aerobic', 'sterility_anaerobic'],
            };
            const missing = need[r.kind].filter((c) => !r[c]);
            if (missing.length) return refuse({ file, line, column: missing[0], din, message: `a ${r.kind} result needs ${missing.join(', ')}` });
            const at = time(r.occurred_at);
            if (u.collectedAt !== undefined && at < u.collectedAt) return refuse({ file, line, column: 'occurred_at', din, message: `the ${r.kind} result is dated before the collection: dates out of order` });
            if (r.kind === 'processing') u.processed = true;
            if (r.kind === 'hla') u.hla = true;
            if (r.kind === 'sterility' && (!u.sterility || at >= u.sterility.at)) u.sterility = { at, ok: r.sterility_aerobic === 'negative' && r.sterility_anaerobic === 'negative' };
          },
        };
      case 'custody':
        return {
          row: (r, line) => {
            const din = r.din.slice(0, 13);
            const u = unit(din, line);
            if (!u) return;
            const at = time(r.handed_over_at);
            const from = r.from_party || null;
            if (!u.custodyLast) {
              if (from !== null) return refuse({ file, line, column: 'from_party', din, message: 'the first custody event of a unit has no from_party' });
              if (u.collectedAt !== undefined && at < u.collectedAt) return refuse({ file, line, column: 'handed_over_at', din, message: 'the first custody event is before the collection: dates out of order' });
            } else {
              if (at < u.custodyLast.at) return refuse({ file, line, column: 'handed_over_at', din, message: 'custody events of a unit must be in time order: this one is before the previous one' });
              if (from !== u.custodyLast.to) return refuse({ file, line, column: 'from_party', din, message: `the chain of custody breaks: from_party "${from ?? ''}" is not the previous to_party "${u.custodyLast.to}"` });
            }
            u.custodyLast = { to: r.to_party, at };
          },
        };
      case 'positions': {
        const unknownFreezers: { name: string; line: number; din: string; coords: number[] }[] = [];
        const inLayout = (l: { racks: number; boxes: number; rows: number; cols: number }, c: number[]) => c[0] <= l.racks && c[1] <= l.boxes && c[2] <= l.rows && c[3] <= l.cols;
        return {
          row: async (r, line) => {
            const din = r.din.slice(0, 13);
            const u = unit(din, line);
            if (!u) return;
            if (!STORABLE_STATUSES.includes(u.status)) return refuse({ file, line, column: 'din', din, message: `unit ${din} is ${u.status}: only a unit in quarantine or available is stored` });
            if (u.positioned) return refuse({ file, line, column: 'din', din, message: `unit ${din} is in two positions` });
            const coords = [r.rack, r.box, r.row, r.column].map(Number);
            if (coords.some((n) => !Number.isInteger(n))) return refuse({ file, line, message: 'rack, box, row and column are whole numbers' });
            const name = r.freezer.trim().toLowerCase();
            const other = positions.get(name, coords);
            if (other) return refuse({ file, line, din, message: `position ${r.freezer} rack ${coords[0]} box ${coords[1]} row ${coords[2]} column ${coords[3]} is already given to unit ${other}: two units in one position` });
            const l = freezers.get(name);
            if (l && !inLayout(l, coords)) return refuse({ file, line, din, message: `the position is outside freezer "${r.freezer}" (${l.racks} racks × ${l.boxes} boxes × ${l.rows} rows × ${l.cols} columns)` });
            if (!l) unknownFreezers.push({ name, line, din, coords });
            positions.set(name, coords, din);
            u.positioned = true;
            if (r.stored_at && u.collectedAt !== undefined && Date.parse(r.stored_at) < u.collectedAt) refuse({ file, line, column: 'stored_at', din, message: 'stored_at is before the collection: dates out of order' });
          },
          end: async () => {
            // freezers already in the database: the layout and whether the position is free
            for (let i = 0; i < unknownFreezers.length; i += LOOKUP_BATCH) {
              const batch = unknownFreezers.slice(i, i + LOOKUP_BATCH);
              const { rows } = await db.query<{ i: number; freezer: boolean; taken: string | null; exists: boolean }>(
                `SELECT x.i, f.id IS NOT NULL AS freezer, p.id IS NOT NULL AS exists, u.din AS taken
                   FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[]) WITH ORDINALITY AS x(name, rack, box, r, c, i)
                   LEFT JOIN freezers f ON lower(f.name) = x.name
                   LEFT JOIN storage_boxes b ON b.freezer_id = f.id AND b.rack_no = x.rack AND b.box_no = x.box
                   LEFT JOIN storage_positions p ON p.box_id = b.id AND p.row_no = x.r AND p.col_no = x.c
                   LEFT JOIN cord_blood_units u ON u.position_id = p.id`,
                [batch.map((b) => b.name), ...[0, 1, 2, 3].map((k) => batch.map((b) => b.coords[k]))],
              );
              for (const row of rows) {
                const b = batch[Number(row.i) - 1];
                if (!row.freezer) refuse({ file, line: b.line, column: 'freezer', din: b.din, message: `unknown freezer "${b.name}": not in freezers.csv nor in the database` });
                else if (!row.exists) refuse({ file, line: b.line, din: b.din, message: `freezer "${b.name}" has no such position` });
                else if (row.taken) refuse({ file, line: b.line, din: b.din, message: `the position is taken by unit ${row.taken}` });
              }
            }
          },
        };
      }
    }
  }
}
