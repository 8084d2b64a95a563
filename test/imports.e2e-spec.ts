import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeInventory } from '../bench/lib/inventory';
import { VERIFY_ALL_SQL } from '../src/audit/audit.service';
import { mod37_2 } from '../src/common/din';
import { dryRun } from '../src/imports/dry-run';
import { createImport, runImport } from '../src/imports/importer';
import { FILES } from '../src/imports/spec';
import { auth } from './setup/fixtures';
import { TestApp, expectProblem, startTestApp } from './setup/test-app';

const API = '/api/v1';
let t: TestApp;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cbb-import-test-'));
  t = await startTestApp({ IMPORT_DIR: root, JOBS_POLL_INTERVAL_MS: '100' });
});
afterAll(async () => {
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => Number((await t.owner.query<{ n: string }>(sql, params)).rows[0].n);

async function waitFor(id: string): Promise<Record<string, unknown>> {
  const admin = await auth(t, 'admin');
  for (let i = 0; i < 600; i++) {
    const res = await t.http().get(`${API}/imports/${id}`).set(admin);
    expect(res.status).toBe(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

/** A DIN of facility X9999 with a check character that is not its own. */
function wrongCheck(din13: string): string {
  const right = mod37_2(din13);
  return din13 + (right === '0' ? '1' : '0');
}

describe('dry run (issue 19)', () => {
  it('21 CFR 1271.290: the dry run reports every row that would be refused, with file, line and why, and writes nothing', async () => {
    const dir = join(root, 'bad');
    const { dins } = await writeInventory(dir, { units: 6, tag: 'bad', year: 21 });
    // an unknown column: the whole file is refused at its header
    const consents = readFileSync(join(dir, 'consents.csv'), 'utf8').split('\n');
    consents[0] += ',notes';
    writeFileSync(join(dir, 'consents.csv'), consents.map((l, i) => (i > 0 && l ? `${l},x` : l)).join('\n'));
    // a bad DIN check character, a unit in two positions, a date out of order, an unknown donor reference
    appendFileSync(join(dir, 'units.csv'), `${wrongCheck('X999921000001')},bad-0,available,2021-01-02T00:00:00Z,true\n`);
    appendFileSync(join(dir, 'units.csv'), `${'A987621777777' + mod37_2('A987621777777')},nobody-42,collected,,\n`);
    appendFileSync(join(dir, 'positions.csv'), `${dins[1]}${mod37_2(dins[1])},Import bad tank 1,9,9,9,9,\n`);
    const collections = readFileSync(join(dir, 'collections.csv'), 'utf8').split('\n');
    // line 3 = the second unit: collected a day before its birth
    const f = collections[2].split(',');
    f[4] = new Date(Date.parse(f[3]) - 86_400_000).toISOString();
    collections[2] = f.join(',');
    writeFileSync(join(dir, 'collections.csv'), collections.join('\n'));

    const entriesBefore = await count(`SELECT count(*) AS n FROM audit_entries`);
    const res = await t.http().post(`${API}/imports/dry-run`).set(await auth(t, 'admin')).send({ directory: 'bad' });
    expect(res.status).toBe(200);
    const r = res.body as { ok: boolean; refusals: { file: string; line: number; column?: string; message: string }[]; files: { name: string; sha256: string; refused: number }[] };
    expect(r.ok).toBe(false);
    const find = (file: string, re: RegExp) => r.refusals.find((x) => x.file === file && re.test(x.message));
    expect(find('consents.csv', /unknown column "notes"/)).toMatchObject({ line: 1, column: 'notes' });
    expect(find('units.csv', /check character . does not match the DIN X999921000001/)).toMatchObject({ line: 8, column: 'din' });
    expect(find('units.csv', /unknown donor reference "nobody-42"/)).toMatchObject({ line: 9, column: 'donor_ref' });
    expect(find('positions.csv', new RegExp(`unit ${dins[1]} is in two positions`))).toMatchObject({ line: 8 });
    expect(find('collections.csv', /collected_at is before birth_at: dates out of order/)).toMatchObject({ line: 3 });
    // the refused unit's collection and custody are missing, so it is named too
    expect(find('units.csv', /unit A987621777777 has no row in collections.csv/)).toBeDefined();
    // the files are named with their SHA-256 (what a real run will check again)
    expect(r.files.find((x) => x.name === 'units.csv')!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // nothing was written
    expect(await count(`SELECT count(*) AS n FROM audit_entries`)).toBe(entriesBefore);
    expect(await count(`SELECT count(*) AS n FROM donors WHERE donor_number LIKE 'bad-%'`)).toBe(0);

    // the real run repeats the dry run and refuses to start
    const run = await t.http().post(`${API}/imports`).set(await auth(t, 'admin')).send({ directory: 'bad' });
    expectProblem(run, 422);
    expect(run.body.report.refusedRows).toBeGreaterThanOrEqual(5);
    expect(await count(`SELECT count(*) AS n FROM imports`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_entries`)).toBe(entriesBefore);
  });

  it('a directory outside IMPORT_DIR, or none, is refused (422), and only admin may import (403)', async () => {
    expectProblem(await t.http().post(`${API}/imports/dry-run`).set(await auth(t, 'admin')).send({ directory: '../etc' }), 422);
    expectProblem(await t.http().post(`${API}/imports/dry-run`).set(await auth(t, 'admin')).send({ directory: 'missing' }), 422);
    expectProblem(await t.http().post(`${API}/imports`).set(await auth(t, 'quality_assurance')).send({ directory: 'bad' }), 403);
  });

  it('the README documents every file and column the import accepts', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Bulk import'));
    for (const f of FILES) {
      expect(section).toContain(`\`${f.file}\``);
      for (const c of f.columns) expect(section).toContain(`| \`${c.name}\` |`);
    }
  });
});

describe('the import job (issue 19)', () => {
  const UNITS = 24;
  let id: string;
  let dins: string[];

  beforeAll(async () => {
    ({ dins } = await writeInventory(join(root, 'good'), { units: UNITS, tag: 'good', year: 22 }));
    const res = await t.http().post(`${API}/imports`).set(await auth(t, 'admin')).send({ directory: 'good' });
    expect(res.status).toBe(202);
    id = res.body.id;
    const done = await waitFor(id);
    expect(done).toMatchObject({ status: 'completed', phase: 'done', units: UNITS });
  });

  it('21 CFR 1271.290: imported units keep their DINs as issued (any facility), are verified like any other, their custody chain is complete and their positions are taken', async () => {
    const staff = await auth(t, 'lab_technician');
    expect(new Set(dins.map((d) => d.slice(0, 5))).size).toBeGreaterThan(1);
    for (const din of dins) {
      const verify = await t.http().get(`${API}/units/${din}/audit/verify`).set(staff);
      expect(verify.status).toBe(200);
      expect(verify.body.valid).toBe(true);
      const custody = await t.http().get(`${API}/units/${din}/custody`).set(staff);
      expect(custody.status).toBe(200);
      expect(custody.body.complete).toBe(true);
      expect(custody.body.events.map((e: { kind: string }) => e.kind)).toEqual(['collection', 'receipt', 'storage']);
      const unit = await t.http().get(`${API}/units/${din}`).set(staff);
      expect(unit.status).toBe(200);
      expect(unit.body.din).toBe(din);
    }
    const stored = await t.owner.query<{ din: string; status: string; label: string | null }>(
      `SELECT u.din, u.status, p.label FROM cord_blood_units u LEFT JOIN storage_positions p ON p.id = u.position_id WHERE u.din = ANY($1)`,
      [dins],
    );
    expect(stored.rows).toHaveLength(UNITS);
    for (const r of stored.rows) {
      expect(r.label).not.toBeNull();
      // 21 CFR 1271.50(a): released in the source system or not, an imported unit waits in quarantine for this bank's determination and QA's e-signed release
      expect(r.status).toBe('quarantine');
    }
    // the storage counters follow (the trigger, not the import, keeps them)
    expect(await count(`SELECT sum(used_count) AS n FROM freezer_occupancy o JOIN freezers f ON f.id = o.freezer_id WHERE f.name LIKE 'Import good%'`)).toBe(UNITS);
  });

  it('21 CFR Part 11.10(e): every imported record carries its audit entry by system:import with the operator, the first entry of every chain names the source file\'s SHA-256, and every chain verifies', async () => {
    const view = (await t.http().get(`${API}/imports/${id}`).set(await auth(t, 'admin'))).body as { files: { name: string; sha256: string; rows: number; done: number }[] };
    const sha = Object.fromEntries(view.files.map((f) => [f.name, f.sha256]));
    for (const f of view.files) expect(f.done).toBe(f.rows);
    const firsts = await t.owner.query<{ chain: string; actor_id: string; actor_type: string; actor_name: string; reason: string; action: string }>(
      `SELECT chain, actor_id, actor_type, actor_name, reason, action FROM audit_entries WHERE seq = 1 AND (chain = ANY($1) OR chain IN (SELECT 'donor:' || id FROM donors WHERE donor_number LIKE 'good-%'))`,
      [dins],
    );
    expect(firsts.rows).toHaveLength(UNITS * 2);
    for (const e of firsts.rows) {
      expect(e).toMatchObject({ actor_type: 'system', actor_id: 'system:import' });
      expect(e.actor_name).toContain('operator Administrator');
      const file = e.chain.startsWith('donor:') ? 'donors.csv' : 'units.csv';
      expect(e.reason).toContain(`${file} sha256 ${sha[file]}`);
    }
    // nothing of the imported units was written by anyone else, and every row has its entry
    expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE din = ANY($1) AND actor_id <> 'system:import'`, [dins])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE din = ANY($1) AND action = 'import.custody' AND before IS NULL`, [dins])).toBe(UNITS * 3);
    expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE din = ANY($1) AND action = 'import.results' AND before IS NULL`, [dins])).toBe(UNITS * 4);
    // the import's own chain: created, running, … completed
    const own = await t.owner.query<{ action: string }>(`SELECT action FROM audit_entries WHERE chain = $1 ORDER BY seq`, [`import:${id}`]);
    expect(own.rows[0].action).toBe('import.created');
    expect(own.rows.at(-1)!.action).toBe('import.completed');
    const all = await t.owner.query<{ chain: string; first_invalid: number | null }>(VERIFY_ALL_SQL);
    expect(all.rows.filter((r) => r.first_invalid !== null)).toEqual([]);
  });

  it('21 CFR 1271.290: an import that dies after some chunks resumes from its checkpoint without a duplicate, and ends with the same records and trail as one run', async () => {
    const dir = join(root, 'crash');
    const inv = await writeInventory(dir, { units: 20, tag: 'crash', year: 23 });
    const client = await t.owner.connect();
    try {
      const report = await dryRun(client, dir);
      expect(report.ok).toBe(true);
      const crashId = await createImport(client, report, { id: 'test', name: 'Test operator' }, { enqueue: false });
      let chunks = 0;
      await expect(
        runImport(client, crashId, (p) => {
          if (p.phase === 'custody' && ++chunks === 2) throw new Error('simulated crash');
        }, { chunkRows: 7 }),
      ).rejects.toThrow('simulated crash');
      const mid = (await client.query(`SELECT status, files FROM imports WHERE id = $1`, [crashId])).rows[0] as { status: string; files: { name: string; done: number; rows: number }[] };
      expect(mid.status).toBe('failed');
      // two chunks of 7 rows, each ending where a unit's rows end (3 custody rows a unit): 9 + 9
      expect(mid.files.find((f) => f.name === 'custody.csv')!.done).toBe(18);
      const done = await runImport(client, crashId, undefined, { chunkRows: 7 });
      expect(done.status).toBe('completed');
      expect(done.files.every((f) => f.done === f.rows && f.skipped === 0)).toBe(true);
    } finally {
      client.release();
    }
    const d = inv.dins;
    expect(await count(`SELECT count(*) AS n FROM cord_blood_units WHERE din = ANY($1)`, [d])).toBe(20);
    expect(await count(`SELECT count(*) AS n FROM custody_events WHERE din = ANY($1)`, [d])).toBe(60);
    expect(await count(`SELECT count(*) AS n FROM unit_results WHERE din = ANY($1)`, [d])).toBe(80);
    expect(await count(`SELECT count(*) AS n FROM consents c JOIN donors o ON o.id = c.donor_id WHERE o.donor_number LIKE 'crash-%'`)).toBe(20);
    // the same record entries per unit as the uninterrupted import above (one per row written; the
    // chunking only changes how many custodian/result UPDATEs a unit gets)
    const perUnit = async (list: string[]) =>
      (await t.owner.query<{ n: string }>(`SELECT count(*) AS n FROM audit_entries WHERE din = ANY($1) AND before IS NULL GROUP BY din`, [list])).rows.map((r) => Number(r.n));
    expect(new Set([...(await perUnit(d)), ...(await perUnit(dins))])).toEqual(new Set([1 + 2 + 4 + 3]));
    const all = await t.owner.query<{ first_invalid: number | null }>(VERIFY_ALL_SQL);
    expect(all.rows.filter((r) => r.first_invalid !== null)).toEqual([]);
  });
  it('21 CFR 1271.290 and Part 11.10(e): an import on three connections, its rows interleaved so that chunks side by side meet on the same units, ends with the records and, unit by unit, the trail of an import on one', async () => {
    // in each group of four units: each unit's first result (custody event), then each one's second,
    // …: a unit's rows are spread over 2–3 chunks of 6, so the chunks running at once append to the
    // same chains (and deadlock on them)
    const interleave = (dir: string, file: string) => {
      const [head, ...rows] = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
      const col = head.split(',').indexOf('din');
      const byUnit = new Map<string, string[]>();
      for (const r of rows) byUnit.set(r.split(',')[col], [...(byUnit.get(r.split(',')[col]) ?? []), r]);
      const units = [...byUnit.values()];
      const out: string[] = [];
      for (let g = 0; g < units.length; g += 4) {
        const group = units.slice(g, g + 4);
        for (let i = 0; group.some((list) => list[i]); i++) for (const list of group) if (list[i]) out.push(list[i]);
      }
      expect(out).toHaveLength(rows.length);
      writeFileSync(join(dir, file), `${[head, ...out].join('\n')}\n`);
    };
    const dirA = join(root, 'lanes-one');
    const dirB = join(root, 'lanes-three');
    const a = await writeInventory(dirA, { units: 24, tag: 'lanea', year: 15 });
    const b = await writeInventory(dirB, { units: 24, tag: 'laneb', year: 14 });
    for (const dir of [dirA, dirB]) for (const file of ['results.csv', 'custody.csv']) interleave(dir, file);
    const clients = [await t.owner.connect(), await t.owner.connect(), await t.owner.connect()];
    try {
      const ra = await dryRun(clients[0], dirA);
      const rb = await dryRun(clients[0], dirB);
      expect(ra.ok && rb.ok).toBe(true);
      const one = await createImport(clients[0], ra, { id: 'test', name: 'Test operator' }, { enqueue: false });
      expect((await runImport(clients[0], one, undefined, { chunkRows: 6 })).status).toBe('completed');
      const three = await createImport(clients[0], rb, { id: 'test', name: 'Test operator' }, { enqueue: false });
      const done = await runImport(clients[0], three, undefined, { chunkRows: 6, moreClients: clients.slice(1) });
      expect(done.status).toBe('completed');
      expect(done.files.every((f) => f.done === f.rows && f.skipped === 0)).toBe(true);
    } finally {
      for (const c of clients) c.release();
    }
    for (const table of ['unit_results', 'custody_events', 'unit_storage_history']) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE din = ANY($1)`, [b.dins])).toBe(await count(`SELECT count(*) AS n FROM ${table} WHERE din = ANY($1)`, [a.dins]));
    }
    // unit i of one import and unit i of the other: the same entries (action and the fields it
    // wrote) in the same order on their chains
    const trail = async (dins: string[]) =>
      (await t.owner.query<{ entries: string[] }>(
        `SELECT array_agg(e.action || ' ' || coalesce((SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(e.after) k), '') ORDER BY e.seq) AS entries
           FROM audit_entries e WHERE e.din = ANY($1) GROUP BY e.din ORDER BY e.din`, [dins],
      )).rows.map((r) => r.entries.join(' | '));
    const [ta, tb] = [await trail(a.dins), await trail(b.dins)];
    expect(ta).toHaveLength(24);
    expect(tb).toEqual(ta);
    const all = await t.owner.query<{ first_invalid: number | null }>(VERIFY_ALL_SQL);
    expect(all.rows.filter((r) => r.first_invalid !== null)).toEqual([]);
  });
  it('21 CFR 1271.290: an import that dies in the status steps resumes them without a second step for any unit, and its chains are those of an uninterrupted run', async () => {
    const dirA = join(root, 'steps-crash');
    const dirB = join(root, 'steps-whole');
    const a = await writeInventory(dirA, { units: 12, tag: 'stepa', year: 17 });
    const b = await writeInventory(dirB, { units: 12, tag: 'stepb', year: 16 });
    const client = await t.owner.connect();
    try {
      const ra = await dryRun(client, dirA);
      const rb = await dryRun(client, dirB);
      expect(ra.ok && rb.ok).toBe(true);
      const crashId = await createImport(client, ra, { id: 'test', name: 'Test operator' }, { enqueue: false });
      let batches = 0;
      await expect(
        runImport(client, crashId, (p) => {
          if (p.phase === 'status:processed' && ++batches === 1) throw new Error('simulated crash');
        }, { chunkRows: 5 }),
      ).rejects.toThrow('simulated crash');
      // the first batch of 5 committed its step, the other 7 units are still received
      expect(await count(`SELECT count(*) AS n FROM cord_blood_units WHERE din = ANY($1) AND status = 'processed'`, [a.dins])).toBe(5);
      expect((await runImport(client, crashId, undefined, { chunkRows: 5 })).status).toBe('completed');
      const wholeId = await createImport(client, rb, { id: 'test', name: 'Test operator' }, { enqueue: false });
      expect((await runImport(client, wholeId, undefined, { chunkRows: 5 })).status).toBe('completed');
    } finally {
      client.release();
    }
    // unit i of one import and unit i of the other: the same actions in the same order on their chains
    const actions = async (dins: string[]) =>
      (await t.owner.query<{ din: string; actions: string[] }>(
        `SELECT din, array_agg(action ORDER BY seq) AS actions FROM audit_entries WHERE din = ANY($1) GROUP BY din ORDER BY din`, [dins],
      )).rows.map((r) => r.actions.join(' '));
    const [ca, cb] = [await actions(a.dins), await actions(b.dins)];
    expect(ca).toHaveLength(12);
    expect(ca).toEqual(cb);
    for (const chain of ca) for (const step of ['import.status.received', 'import.status.processed', 'import.status.quarantine']) expect(chain.split(' ').filter((x) => x === step)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM cord_blood_units WHERE din = ANY($1) AND status <> 'quarantine'`, [a.dins])).toBe(0);
  });
});
