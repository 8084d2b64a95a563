import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkAnchor, writeAnchor } from '../src/audit/anchor';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { auth, availableUnit, createFreezer } from './setup/fixtures';
import { TestApp, startTestApp } from './setup/test-app';

let t: TestApp;
let client: Client;
let dir: string;
const dins: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const freezer = await createFreezer(t);
  for (let i = 0; i < 2; i++) dins.push((await availableUnit(t, { freezerId: freezer.id })).din);
  client = new Client({ connectionString: t.databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  dir = mkdtempSync(join(tmpdir(), 'cbb-anchor-'));
});
afterAll(async () => {
  await client.end();
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** What a superuser can do without leaving a broken chain: edit an entry and recompute every later hash and the head. */
async function rewriteConsistently(chain: string, seq: number): Promise<void> {
  const c = await t.owner.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SET LOCAL session_replication_role = replica`);
    await c.query(`UPDATE audit_entries SET reason = 'nothing happened here' WHERE chain = $1 AND seq = $2`, [chain, seq]);
    const later = (await c.query<{ seq: number }>(`SELECT seq FROM audit_entries WHERE chain = $1 AND seq >= $2 ORDER BY seq`, [chain, seq])).rows;
    for (const r of later) {
      await c.query(`UPDATE audit_entries e SET prev_hash = p.hash FROM audit_entries p WHERE e.chain = $1 AND e.seq = $2 AND p.chain = $1 AND p.seq = $2 - 1`, [chain, r.seq]);
      await c.query(
        `UPDATE audit_entries SET hash = audit_entry_hash(chain, din, donor_id, seq, at, actor_type, actor_id, actor_name, action, reason, before, after, request_id, signature, prev_hash)
          WHERE chain = $1 AND seq = $2`,
        [chain, r.seq],
      );
    }
    await c.query(`UPDATE audit_chain_heads h SET last_hash = e.hash FROM audit_entries e WHERE h.chain = $1 AND e.chain = $1 AND e.seq = h.last_seq`, [chain]);
    await c.query('COMMIT');
  } finally {
    c.release();
  }
}

describe('audit anchors outside the database (21 CFR Part 11.10(e))', () => {
  it('Part 11.10(e): a chain rewritten consistently by a superuser verifies on its own, and is caught against an anchor taken before', async () => {
    const file = join(dir, 'anchor.jsonl');
    const written = await writeAnchor(client, file);
    const chains = (await t.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_chain_heads`)).rows[0].n;
    expect(written.header).toMatchObject({ kind: 'cbb-audit-anchor', version: 1, chains });
    expect(chains).toBeGreaterThan(4);

    // nothing changed yet: every anchored entry is there; new entries after the anchor are fine
    expect(await checkAnchor(client, file)).toMatchObject({ checked: chains, mismatches: [], sha256: written.sha256 });
    const moved = await t.http().post(`/api/v1/units/${dins[0]}/status`).set(await auth(t, 'quality_assurance')).send({ to: 'on_hold', reason: 'after the anchor' });
    expect(moved.status).toBe(200);
    expect((await checkAnchor(client, file)).mismatches).toEqual([]);

    // the superuser's consistent rewrite of an entry before the anchor
    const anchoredSeq = (await t.owner.query<{ last_seq: number }>(`SELECT last_seq FROM audit_chain_heads WHERE chain = $1`, [dins[1]])).rows[0].last_seq;
    await rewriteConsistently(dins[1], 2);
    const broken = (await t.owner.query(VERIFY_ALL_SQL)).rows.filter((r) => r.first_invalid !== null);
    expect(broken).toEqual([]); // the limitation the anchor exists for
    const verify = await t.http().get(`/api/v1/units/${dins[1]}/audit/verify`).set(await auth(t, 'auditor'));
    expect(verify.body.valid).toBe(true);

    const check = await checkAnchor(client, file);
    expect(check.mismatches).toEqual([{ chain: dins[1], seq: anchoredSeq, problem: 'changed' }]);
  });

  it('Part 11.10(e): an altered anchor file shows in its SHA-256, and a truncated one is refused', async () => {
    const file = join(dir, 'second.jsonl');
    const written = await writeAnchor(client, file);
    const text = readFileSync(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    const altered = join(dir, 'altered.jsonl');
    const [chain, seq, hash] = JSON.parse(lines[1]) as [string, number, string];
    writeFileSync(altered, [lines[0], JSON.stringify([chain, seq, hash.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a'))]), ...lines.slice(2)].join('\n') + '\n');
    const check = await checkAnchor(client, altered);
    expect(check.sha256).not.toBe(written.sha256);
    expect(check.mismatches).toContainEqual({ chain, seq, problem: 'changed' });
    const truncated = join(dir, 'truncated.jsonl');
    writeFileSync(truncated, lines.slice(0, -1).join('\n') + '\n');
    await expect(checkAnchor(client, truncated)).rejects.toThrow(/incomplete or altered/);
    await expect(writeAnchor(client, file)).rejects.toThrow(/EEXIST/);
  });
});
