import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Client } from 'pg';

/**
 * Anchors of the audit trail outside the database.
 *
 * The hash chains show any edit of an entry, and the chain heads any entry cut from the end; but a
 * superuser who rewrites a chain *consistently* (edits an entry and recomputes every later hash and
 * the head) leaves chains that verify. An anchor closes that gap: a file with every chain's head
 * (chain, seq, hash) at one moment, taken from one snapshot, kept outside the database (WORM storage,
 * a QA record) together with the SHA-256 of the file that `audit:anchor` prints. `audit:verify
 * --anchor <file>` then checks that each anchored entry is still there with the same hash: history
 * before the anchor can not have been rewritten, consistently or not.
 *
 * The file: a JSON header line, then one JSON array `[chain, seq, hash]` per chain, in chain order.
 */
export const ANCHOR_KIND = 'cbb-audit-anchor';

export interface AnchorHeader {
  kind: typeof ANCHOR_KIND;
  version: 1;
  /** Database clock at the snapshot. */
  at: string;
  database: string;
  chains: number;
}

export interface AnchorWritten {
  file: string;
  header: AnchorHeader;
  /** SHA-256 of the whole file, hex: record it where the file can not be changed with it. */
  sha256: string;
}

const PAGE = 10_000;

/** Writes the anchor of every chain, from one REPEATABLE READ snapshot, reading the heads page by page. */
export async function writeAnchor(client: Client, file: string): Promise<AnchorWritten> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const meta = (
      await client.query<{ at: Date; database: string; chains: number }>(
        `SELECT now() AS at, current_database() AS database, (SELECT count(*)::int FROM audit_chain_heads) AS chains`,
      )
    ).rows[0];
    const header: AnchorHeader = { kind: ANCHOR_KIND, version: 1, at: meta.at.toISOString(), database: meta.database, chains: meta.chains };
    // 'wx': an anchor is never overwritten
    const out = await open(file, 'wx');
    const hash = createHash('sha256');
    try {
      const write = async (text: string): Promise<void> => {
        hash.update(text);
        await out.write(text);
      };
      await write(`${JSON.stringify(header)}\n`);
      let after = '';
      for (;;) {
        const { rows } = await client.query<{ chain: string; last_seq: number; last_hash: string }>(
          `SELECT chain, last_seq, last_hash FROM audit_chain_heads WHERE chain > $1 ORDER BY chain LIMIT $2`,
          [after, PAGE],
        );
        if (rows.length === 0) break;
        await write(rows.map((r) => `${JSON.stringify([r.chain, r.last_seq, r.last_hash])}\n`).join(''));
        after = rows[rows.length - 1].chain;
      }
      await out.sync();
      await out.close();
    } catch (err) {
      // no half-written anchor is left behind
      await out.close().catch(() => undefined);
      await unlink(file).catch(() => undefined);
      throw err;
    }
    await client.query('COMMIT');
    return { file, header, sha256: hash.digest('hex') };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export interface AnchorCheck {
  header: AnchorHeader;
  sha256: string;
  checked: number;
  /** Anchored entries that are gone or differ now, in file order. */
  mismatches: { chain: string; seq: number; problem: 'missing' | 'changed' }[];
}

/** Checks every anchored (chain, seq, hash) against the entries now in the database. */
export async function checkAnchor(client: Client, file: string): Promise<AnchorCheck> {
  const hash = createHash('sha256');
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: AnchorHeader | undefined;
  let batch: [string, number, string][] = [];
  let checked = 0;
  const mismatches: AnchorCheck['mismatches'] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const { rows } = await client.query<{ chain: string; seq: number; hash: string; current: string | null }>(
      `SELECT a.chain, a.seq, a.hash, e.hash AS current
         FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS a(chain, seq, hash, n)
         LEFT JOIN audit_entries e ON e.chain = a.chain AND e.seq = a.seq
        ORDER BY a.n`,
      [batch.map((b) => b[0]), batch.map((b) => b[1]), batch.map((b) => b[2])],
    );
    for (const r of rows) if (r.current !== r.hash) mismatches.push({ chain: r.chain, seq: r.seq, problem: r.current === null ? 'missing' : 'changed' });
    checked += batch.length;
    batch = [];
  };
  for await (const line of lines) {
    hash.update(`${line}\n`);
    if (!header) {
      const h = JSON.parse(line) as AnchorHeader;
      if (h.kind !== ANCHOR_KIND || h.version !== 1) throw new Error(`${file} is not an audit anchor (version 1)`);
      header = h;
      continue;
    }
    if (line === '') continue;
    const entry = JSON.parse(line) as unknown;
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'string' || !Number.isInteger(entry[1]) || typeof entry[2] !== 'string') {
      throw new Error(`${file}: not an anchor line: ${line.slice(0, 80)}`);
    }
    batch.push(entry as [string, number, string]);
    if (batch.length >= PAGE) await flush();
  }
  await flush();
  if (!header) throw new Error(`${file} is empty`);
  if (checked !== header.chains) throw new Error(`${file} holds ${checked} chains, its header says ${header.chains}: the file is incomplete or altered`);
  return { header, sha256: hash.digest('hex'), checked, mismatches };
}
