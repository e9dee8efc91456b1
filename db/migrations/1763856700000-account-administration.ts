import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administrators create departments and accounts through the API: a department can be deactivated
 * and carries its contacts; an account can be disabled, carries a phone, and after a password set by
 * someone else (a new account, a reset) must change it before anything else.
 */
export class AccountAdministration1763856700000 implements MigrationInterface {
  name = 'AccountAdministration1763856700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE departments
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      ALTER TABLE users
        ADD COLUMN phone varchar(32),
        ADD COLUMN disabled boolean NOT NULL DEFAULT false,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        DROP COLUMN phone, DROP COLUMN disabled, DROP COLUMN must_change_password, DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE departments DROP COLUMN active, DROP COLUMN contacts, DROP COLUMN updated_at`);
  }
}
