import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each delivery is leased on its own to the dispatcher that claimed it (`claimed_by`), so a dispatcher
 * renews, hands back or finishes only its own claims. The partial index keeps claiming cheap however
 * many sent deliveries pile up: it holds only the rows that can still be claimed, in claiming order.
 */
export class DeliveryLeases1763856640000 implements MigrationInterface {
  name = 'DeliveryLeases1763856640000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN claimed_by uuid`);
    await q.query(`CREATE INDEX deliveries_claimable ON deliveries (next_attempt_at, id)
      WHERE status IN ('pending', 'failed', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliveries_claimable`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN claimed_by`);
  }
}
