import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedViaImport } from '../bench/lib/import-seed';
import type { ImportSeedReport } from '../bench/lib/import-seed';
import { seedBank, verifyAll } from '../bench/lib/seeder';
import type { SeedReport } from '../bench/lib/seeder';
import { startTestApp } from './setup/test-app';
import type { TestApp } from './setup/test-app';

/**
 * The benchmark generator (bench/lib/seeder.ts) on a small bank, so it can not rot silently: it
 * must keep writing through the same tables and triggers as the service, so that the state machine
 * accepts every step and every hash chain verifies.
 */
let t: TestApp;
let report: SeedReport;

beforeAll(async () => {
  t = await startTestApp();
  report = await seedBank(t.databaseUrl, { units: 200, workers: 2, batch: 50, facility: 'W1234', seed: 11 });
});
afterAll(async () => {
  await t.close();
});

describe('bench:seed generator', () => {
  it('21 CFR Part 11.10(e): every audit chain of the generated bank verifies (units, donors, freezers, release requests)', async () => {
    const r = await verifyAll(t.databaseUrl);
    expect(r.chains).toBeGreaterThan(400);
    expect(r.broken).toBe(0);
    const { rows } = await t.owner.query<{ n: string }>(`SELECT count(*) AS n FROM audit_entries WHERE din IS NOT NULL`);
    expect(Number(rows[0].n) / 200).toBeGreaterThan(10);
  });

  it('makes units in every status, about 60 % of them available, each stored available unit in its own position', async () => {
    expect(report.units).toBe(200);
    const available = report.byStatus.available ?? 0;
    expect(available / 200).toBeGreaterThan(0.45);
    expect(available / 200).toBeLessThan(0.75);
    expect(Object.keys(report.byStatus).length).toBeGreaterThanOrEqual(8);
    const { rows } = await t.owner.query<{ units: string; positions: string; counted: string }>(
      `SELECT count(*) AS units, count(DISTINCT position_id) AS positions,
              (SELECT sum(used_count) FROM storage_boxes) AS counted
         FROM cord_blood_units WHERE position_id IS NOT NULL`,
    );
    expect(rows[0].positions).toBe(rows[0].units);
    expect(Number(rows[0].counted)).toBe(Number(rows[0].units));
  });

  it('FACT-NetCord: a generated available unit meets its release criteria as the service sees them, and search finds it', async () => {
    const admin = await t.token('admin');
    const { rows } = await t.owner.query<{ din: string; hla: Record<string, string[]> }>(
      `SELECT din, hla FROM cord_blood_units WHERE status = 'available' AND banking_type = 'public' ORDER BY din LIMIT 1`,
    );
    const { din, hla } = rows[0];
    const unit = await t.http().get(`/api/v1/units/${din}`).set('authorization', `Bearer ${admin}`);
    expect(unit.status).toBe(200);
    expect(unit.body.status).toBe('available');
    expect(unit.body.position).not.toBeNull();
    expect(unit.body.eligibility.status).toBe('eligible');
    const verify = await t.http().get(`/api/v1/units/${din}/audit/verify`).set('authorization', `Bearer ${admin}`);
    expect(verify.body.valid).toBe(true);
    const search = await t.http().post('/api/v1/search/units').set('authorization', `Bearer ${await t.token('medical_director')}`).send({ hla, weightKg: 10, minMatch: 6, limit: 100 });
    expect(search.status).toBe(200);
    expect(search.body.items.map((h: { din: string }) => h.din)).toContain(din);
  });
});

describe('bench:seed --via import (issue 19: the seed through the import path)', () => {
  let r: ImportSeedReport;
  beforeAll(async () => {
    r = await seedViaImport(t.databaseUrl, { units: 300, seed: 5, year: 5, chunkRows: 64 });
  });

  it('21 CFR Part 11.10(e): the bank is written by the import job, every record audited by system:import, and every chain verifies', async () => {
    expect(r.units).toBe(300);
    const { rows } = await t.owner.query<{ status: string }>(`SELECT status FROM imports WHERE id = $1`, [r.importId]);
    expect(rows[0].status).toBe('completed');
    const imported = await t.owner.query<{ n: string; actors: string[] }>(
      `SELECT count(*) AS n, array_agg(DISTINCT e.actor_id) AS actors FROM audit_entries e JOIN import_units iu ON iu.din = e.din WHERE iu.import_id = $1`,
      [r.importId],
    );
    expect(imported.rows[0].actors).toEqual(['system:import']);
    expect(Number(imported.rows[0].n)).toBeGreaterThan(300 * 5);
    expect(r.sampleVerified.valid).toBe(r.sampleVerified.chains);
    const all = await verifyAll(t.databaseUrl);
    expect(all.broken).toBe(0);
    expect(r.rssPeakMb).toBeGreaterThan(0);
  });

  it("carries a bank's mix: every importable status, family and public units, typed HLA of several alleles; none is made available by the import", async () => {
    const { rows } = await t.owner.query<{ target: string; status: string; banking: string; n: string }>(
      `SELECT iu.target_status AS target, u.status, u.banking_type AS banking, count(*) AS n
         FROM import_units iu JOIN cord_blood_units u ON u.din = iu.din WHERE iu.import_id = $1 GROUP BY 1, 2, 3`,
      [r.importId],
    );
    const targets = new Set(rows.map((x) => x.target));
    for (const s of ['collected', 'received', 'processed', 'quarantine', 'available']) expect(targets).toContain(s);
    expect(new Set(rows.map((x) => x.banking))).toEqual(new Set(['public', 'family']));
    // a unit the files call available lands in quarantine (21 CFR 1271.50(a): the determination is this bank's)
    expect(rows.filter((x) => x.target === 'available').every((x) => x.status === 'quarantine')).toBe(true);
    expect(rows.filter((x) => x.target !== 'available').every((x) => x.status === x.target)).toBe(true);
    const hla = await t.owner.query<{ n: string }>(
      `SELECT count(DISTINCT u.hla -> 'A' ->> 0) AS n FROM import_units iu JOIN cord_blood_units u ON u.din = iu.din WHERE iu.import_id = $1 AND u.hla IS NOT NULL`,
      [r.importId],
    );
    expect(Number(hla.rows[0].n)).toBeGreaterThan(3);
  });
});
