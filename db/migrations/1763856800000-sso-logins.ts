import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A single sign-on in progress, between sending the browser to the provider and its return: the PKCE
 * verifier and nonce stay on the server, keyed by a hash of `state` and bound to the browser that
 * started it. A row is deleted when its callback arrives, so a state works once.
 */
export class SsoLogins1763856800000 implements MigrationInterface {
  name = 'SsoLogins1763856800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_logins (
        state_hash char(64) PRIMARY KEY,
        browser_hash char(64) NOT NULL,
        code_verifier varchar(128) NOT NULL,
        nonce varchar(128) NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sso_logins_expires_at ON sso_logins (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_logins`);
  }
}
