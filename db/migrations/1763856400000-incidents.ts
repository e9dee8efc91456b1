import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents, as Camunda Operate shows them: a workflow step whose activity failed past its retries waits
 * here for an administrator. Not tied to `projects` by a key: a project's very first step may be the one
 * that failed, before its row exists.
 */
export class Incidents1763856400000 implements MigrationInterface {
  name = 'Incidents1763856400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        workflow_id varchar(200) NOT NULL,
        project_id varchar(64),
        department_id varchar(64),
        subject varchar(300) NOT NULL,
        step varchar(32) NOT NULL,
        error_type varchar(100) NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolved_by varchar(64)
      )`);
    await q.query(`CREATE INDEX incidents_open ON incidents (opened_at) WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incidents`);
  }
}
