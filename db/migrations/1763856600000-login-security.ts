import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-account lockout after repeated failed sign-ins, and a token version that revokes every token issued
 * before it moves (logout, password change).
 */
export class LoginSecurity1763856600000 implements MigrationInterface {
  name = 'LoginSecurity1763856600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN failed_logins int NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN token_version int NOT NULL DEFAULT 0,
        ADD COLUMN password_changed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        DROP COLUMN failed_logins, DROP COLUMN locked_until, DROP COLUMN token_version,
        DROP COLUMN password_changed_at`);
  }
}
