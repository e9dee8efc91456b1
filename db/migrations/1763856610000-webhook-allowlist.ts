import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Internal hosts and networks an administrator allows departments' webhooks to reach (an intranet OA),
 * and a delivery state for one not sent because its channel was switched off or moved.
 */
export class WebhookAllowlist1763856610000 implements MigrationInterface {
  name = 'WebhookAllowlist1763856610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_allowlist (
        entry varchar(300) PRIMARY KEY,
        added_by varchar(64) NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE deliveries SET status = 'dead' WHERE status = 'cancelled'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead'))`);
    await q.query('DROP TABLE webhook_allowlist');
  }
}
