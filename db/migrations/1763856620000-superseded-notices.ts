import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice the facts contradicted before it went out (its obligation met, waived or moved meanwhile) is
 * kept, marked superseded with the reason, and its deliveries are not sent.
 */
export class SupersededNotices1763856620000 implements MigrationInterface {
  name = 'SupersededNotices1763856620000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notifications ADD COLUMN superseded_at timestamptz, ADD COLUMN superseded_reason text`,
    );
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'superseded'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE deliveries SET status = 'cancelled' WHERE status = 'superseded'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled'))`);
    await q.query(`ALTER TABLE notifications DROP COLUMN superseded_at, DROP COLUMN superseded_reason`);
  }
}
