import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1763856100000 implements MigrationInterface {
  name = 'Accounts1763856100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        id varchar(64) PRIMARY KEY,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id varchar(64) PRIMARY KEY,
        username varchar(64) NOT NULL UNIQUE,
        display_name varchar(200) NOT NULL,
        password_hash varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('department', 'operator', 'admin')),
        department_id varchar(64) REFERENCES departments (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'department') = (department_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE feed_tokens (
        token varchar(64) PRIMARY KEY,
        department_id varchar(64) NOT NULL REFERENCES departments (id),
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feed_tokens`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE departments`);
  }
}
