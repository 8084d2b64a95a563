import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain heads keep room on their pages for their own next versions (issue 19, the append).
 *
 * Every audit append locks its chain's head (`audit_chain_heads`: the last seq and hash) and updates it.
 * The head's columns are not indexed, so the update can be a heap-only tuple (HOT) update, which writes
 * no index entry, but only when the new version fits on the head's own page. At the default fillfactor
 * of 100 it seldom did: a 20,000-unit import (`bench:import`, 280,094 head updates) made 6,300–7,450 HOT
 * updates, and every other update wrote a new version on another page and a new entry in the primary
 * key. The table grew to about 4,780 pages for 40,047 chains (8 rows a page) and its key to about 510 pages.
 *
 * Filled to 25 % on insert, a page keeps three quarters of itself for the next versions of its heads,
 * and PostgreSQL prunes the versions no transaction can see any more when the page fills. In the same
 * import all 280,094 head updates were HOT, and the table ended at about 2,720 pages, its key at about 350.
 * Three alternating pairs (PostgreSQL 15, a noisy machine; README "The chain heads' fillfactor"): the
 * backends spent 1,452 / 1,584 / 1,576 µs of CPU a unit against 1,712 / 1,631 / 1,594, and
 * `audit_append_set` 12.7 / 16.0 / 14.7 s against 19.4 / 16.7 / 16.4 s. A fillfactor of 50 left a fifth
 * of the updates non-HOT.
 *
 * The cost is space when the heads do not churn: a table rewritten at 25 % holds about 15 heads a page
 * (2,719 pages for 40,047 chains here, against about 600 pages if packed full), so about 470 MB for
 * a million chains. The churned table at 100 % was larger still.
 *
 * The existing heads are rewritten at the new fillfactor (CLUSTER, which takes the table's ACCESS
 * EXCLUSIVE lock for the rewrite: 205 ms for 40,047 chains here), so an existing bank gains at once
 * rather than as its pages turn over. CLUSTER's mark on the key is taken off again: nothing re-clusters.
 */
export class ChainHeadsFillfactor1763763200000 implements MigrationInterface {
  name = 'ChainHeadsFillfactor1763763200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_chain_heads SET (fillfactor = 25)`);
    await q.query(`CLUSTER audit_chain_heads USING audit_chain_heads_pkey`);
    await q.query(`ALTER TABLE audit_chain_heads SET WITHOUT CLUSTER`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_chain_heads RESET (fillfactor)`);
    await q.query(`CLUSTER audit_chain_heads USING audit_chain_heads_pkey`);
    await q.query(`ALTER TABLE audit_chain_heads SET WITHOUT CLUSTER`);
  }
}
