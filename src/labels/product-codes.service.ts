import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { DomainError, notFound } from '../common/domain-error';
import { Db } from '../database/db.service';
import { parseProductCodeCsv } from '../isbt128/product-code-csv';

export interface ProductCodeTableView {
  version: number;
  example: boolean;
  sourceSha256: string;
  codeCount: number;
  note: string | null;
  loadedAt: string;
}

const tableView = (r: { version: number; example: boolean; source_sha256: string; code_count: number; note: string | null; loaded_at: Date }): ProductCodeTableView => ({
  version: r.version, example: r.example, sourceSha256: r.source_sha256, codeCount: r.code_count, note: r.note, loadedAt: r.loaded_at.toISOString(),
});

/**
 * The bank's table of ISBT 128 Product Description Codes (ICCBBA licenses it; the bank loads its
 * own). Each upload is a new, immutable version; units keep the version their code came from. Each
 * version is recorded with all its codes on the `reference:product-codes` audit chain, by the
 * database at commit.
 */
@Injectable()
export class ProductCodesService {
  constructor(private readonly db: Db) {}

  /** Validates the whole CSV (nothing is loaded unless every row is right) and loads it as the next version. */
  async load(actor: Actor, csv: string, note: string | null): Promise<ProductCodeTableView> {
    const { rows, problems } = parseProductCodeCsv(csv);
    if (problems.length) {
      throw new DomainError('VALIDATION_FAILED', `The product code table was not loaded: ${problems.length} problem(s), first: ${problems[0].field}: ${problems[0].message}`, { errors: problems });
    }
    const sha = createHash('sha256').update(csv, 'utf8').digest('hex');
    return this.db.tx(actor, async (tx) => {
      // uploads are serialised, so versions are 1, 2, 3 … with no gap
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('product_code_tables'))`);
      await tx.audit({ action: 'product_codes.loaded', reason: note });
      const row = await tx.one<{ version: number; example: boolean; source_sha256: string; code_count: number; note: string | null; loaded_at: Date }>(
        `INSERT INTO product_code_tables (version, example, source_sha256, code_count, note)
         SELECT coalesce(max(version), 0) + 1, false, $1, $2, $3 FROM product_code_tables
         RETURNING version, example, source_sha256, code_count, note, loaded_at`,
        [sha, rows.length, note],
      );
      await tx.query(
        `INSERT INTO product_codes (version, code, description, class, modifiers, attributes)
         SELECT $1, r.code, r.description, r.class, r.modifiers, r.attributes
           FROM jsonb_to_recordset($2::jsonb) AS r(code text, description text, class text, modifiers text, attributes text)`,
        [row!.version, JSON.stringify(rows)],
      );
      return tableView(row!);
    });
  }

  /** A version of the table (default: the current one) with its codes, and the list of every version. */
  async get(version?: number): Promise<ProductCodeTableView & { items: Record<string, string>[]; versions: ProductCodeTableView[] }> {
    const versions = await this.db.query<{ version: number; example: boolean; source_sha256: string; code_count: number; note: string | null; loaded_at: Date }>(
      `SELECT version, example, source_sha256, code_count, note, loaded_at FROM product_code_tables ORDER BY version DESC`,
    );
    const chosen = version === undefined ? versions[0] : versions.find((v) => v.version === version);
    if (!chosen) throw notFound('Product code table version', String(version ?? 'current'));
    const items = await this.db.query<Record<string, string>>(
      `SELECT code, description, class, modifiers, attributes FROM product_codes WHERE version = $1 ORDER BY code`,
      [chosen.version],
    );
    return { ...tableView(chosen), items, versions: versions.map(tableView) };
  }
}
