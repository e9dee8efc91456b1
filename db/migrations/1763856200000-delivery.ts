import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Delivery1763856200000 implements MigrationInterface {
  name = 'Delivery1763856200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email varchar(200)`);
    await q.query(`ALTER TABLE users ADD COLUMN daily_digest boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE department_channels (
        department_id varchar(64) PRIMARY KEY REFERENCES departments (id),
        emails text[] NOT NULL DEFAULT '{}',
        email_enabled boolean NOT NULL DEFAULT true,
        webhook_url varchar(500),
        webhook_secret varchar(200),
        webhook_enabled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE deliveries (
        id bigserial PRIMARY KEY,
        notification_id bigint NOT NULL REFERENCES notifications (id),
        channel varchar(16) NOT NULL CHECK (channel IN ('email', 'webhook', 'digest')),
        recipient varchar(500) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel, recipient)
      )`);
    await q.query(`CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at)`);
    await q.query(`ALTER TABLE notifications ADD COLUMN fanned_out_at timestamptz`);
    await q.query(`CREATE INDEX notifications_unfanned ON notifications (id) WHERE fanned_out_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox_reads (
        notification_id bigint NOT NULL REFERENCES notifications (id),
        user_id varchar(64) NOT NULL REFERENCES users (id),
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_reads`);
    await q.query(`DROP INDEX notifications_unfanned`);
    await q.query(`ALTER TABLE notifications DROP COLUMN fanned_out_at`);
    await q.query(`DROP TABLE deliveries`);
    await q.query(`DROP TABLE department_channels`);
    await q.query(`ALTER TABLE users DROP COLUMN daily_digest`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
