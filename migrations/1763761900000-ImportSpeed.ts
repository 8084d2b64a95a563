import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import at scale (issue 19): the status steps take the import's units in DIN order, a batch at
 * a time, each batch after the last DIN moved. With only (import_id, target_status) to go by, every
 * batch read all of the import's units and sorted them (for 500,000 units: 100 batches × 3 steps,
 * each over 500,000 rows); (import_id, din) lets a batch start where the previous one stopped.
 */
export class ImportSpeed1763761900000 implements MigrationInterface {
  name = 'ImportSpeed1763761900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX import_units_import_din_idx ON import_units (import_id, din)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS import_units_import_din_idx`);
  }
}
