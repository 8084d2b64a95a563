import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPool } from '../setup/pools';
import { VERIFY_ALL_SQL } from '../../src/audit/audit.service';
import { TestApp, startTestApp } from '../setup/test-app';
import { auth, availableUnit, createFreezer } from '../setup/fixtures';

let t: TestApp;
let dins: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const freezer = await createFreezer(t);
  for (let i = 0; i < 3; i++) dins.push((await availableUnit(t, { freezerId: freezer.id })).din);
});
afterAll(async () => {
  await t.close();
});

function verifyCli(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(process.cwd(), 'dist/src/audit/verify-cli.js'), ...args], { env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

describe('audit anchors from the command line (21 CFR Part 11.10(e))', () => {
  it('Part 11.10(e): npm run audit:anchor writes a new anchor file and prints its SHA-256; audit:verify --anchor checks history against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbb-anchors-'));
    try {
      const env = { ...process.env, NODE_OPTIONS: '', DATABASE_URL: t.databaseUrl };
      const made = spawnSync(process.execPath, [join(process.cwd(), 'dist/src/audit/anchor-cli.js'), '--out', dir], { env, encoding: 'utf8' });
      expect(made.status).toBe(0);
      const [file, , shaLine] = made.stdout.trim().split('\n');
      expect(file.startsWith(dir)).toBe(true);
      const sha = shaLine.replace('sha256 ', '');
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      const ok = verifyCli(t.databaseUrl, '--anchor', file);
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain(`anchor ${file} (sha256 ${sha}`);
      expect(ok.stdout).toMatch(/chains, history intact/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tamper evidence end to end (21 CFR Part 11.10(e))', () => {
  it('Part 11.10(e): a superuser edits one audit row; verify names it over HTTP and npm run audit:verify exits 1 naming the chain', async () => {
    const clean = verifyCli(t.databaseUrl);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/all valid/);
    const c = await t.owner.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE audit_entries SET reason = 'nothing to see' WHERE chain = $1 AND seq = 3`, [dins[1]]);
      await c.query(`SET session_replication_role = origin`);
    } finally {
      c.release();
    }
    const v = await t.http().get(`/api/v1/units/${dins[1]}/audit/verify`).set(await auth(t, 'auditor'));
    expect(v.body).toMatchObject({ valid: false, firstInvalidSeq: 3 });
    const other = await t.http().get(`/api/v1/units/${dins[0]}/audit/verify`).set(await auth(t, 'auditor'));
    expect(other.body.valid).toBe(true);
    const cli = verifyCli(t.databaseUrl);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`BROKEN ${dins[1]}: first invalid entry seq 3`);
    expect(cli.stdout).not.toContain(`BROKEN ${dins[0]}`);
  });
});

describe('backup and restore (pg_dump / pg_restore)', () => {
  it('a dump restored into a new database serves every unit, position and audit chain intact', async () => {
    const server = (await t.owner.query(`SHOW server_version_num`)).rows[0].server_version_num as string;
    const dumpVersion = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).match(/(\d+)\.\d+/)?.[1];
    if (!dumpVersion || Number(dumpVersion) < Math.floor(Number(server) / 10000)) {
      process.stdout.write(`backup test: pg_dump ${dumpVersion} can not dump a PostgreSQL ${server} server; it runs in the pass against the machine's PostgreSQL\n`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'cbb-backup-'));
    const file = join(dir, 'bank.dump');
    const restoredName = `${new URL(t.databaseUrl).pathname.slice(1)}_restored`;
    const restoredUrl = (() => {
      const u = new URL(t.databaseUrl);
      u.pathname = `/${restoredName}`;
      return u.toString();
    })();
    const admin = testPool({ connectionString: process.env.CBB_TEST_SERVER_URL, max: 1 });
    try {
      execFileSync('pg_dump', ['--format=custom', '--file', file, t.databaseUrl]);
      await admin.query(`CREATE DATABASE ${restoredName}`);
      execFileSync('pg_restore', ['--exit-on-error', '--dbname', restoredUrl, file]);
      const restored = await startTestApp({ MIGRATIONS_RUN: 'false' }, { ...t, databaseUrl: restoredUrl } as TestApp);
      try {
        const original = (await t.owner.query(`SELECT din, status, position_id FROM cord_blood_units ORDER BY din`)).rows;
        const copy = (await restored.owner.query(`SELECT din, status, position_id FROM cord_blood_units ORDER BY din`)).rows;
        expect(copy).toEqual(original);
        for (const din of dins) {
          const u = await restored.http().get(`/api/v1/units/${din}`).set(await auth(t, 'auditor'));
          expect(u.body).toMatchObject({ din, status: 'available', position: { id: expect.any(String) } });
        }
        const counts = await Promise.all([t.owner, restored.owner].map((p) => p.query(`SELECT count(*)::int AS n FROM audit_entries`)));
        expect(counts[1].rows[0].n).toBe(counts[0].rows[0].n);
        const broken = (await restored.owner.query(VERIFY_ALL_SQL)).rows.filter((r) => r.first_invalid !== null).map((r) => r.chain);
        // the tampered chain of the previous test stays broken in the copy; every other chain verifies
        expect(broken).toEqual([dins[1]]);
        // the copy is a working bank: the app role's privileges and the audit triggers came along
        const ready = await restored.http().get('/api/v1/health/ready');
        expect(ready.status).toBe(200);
        await expect(restored.appRolePool.query(`DELETE FROM audit_entries`)).rejects.toThrow(/permission denied/);
      } finally {
        await restored.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
