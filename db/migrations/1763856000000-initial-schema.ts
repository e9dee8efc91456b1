import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763856000000 implements MigrationInterface {
  name = 'InitialSchema1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projects (
        id varchar(64) PRIMARY KEY,
        name varchar(200) NOT NULL,
        department_id varchar(64) NOT NULL,
        policy_id varchar(32) NOT NULL,
        policy_version varchar(16) NOT NULL,
        attributes jsonb NOT NULL,
        status varchar(16) NOT NULL,
        flags jsonb NOT NULL DEFAULT '[]',
        workflow_id varchar(80) NOT NULL,
        next_due_on date,
        overdue_count int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX projects_department ON projects (department_id)`);
    await q.query(`
      CREATE TABLE facts (
        id bigserial PRIMARY KEY,
        project_id varchar(64) NOT NULL REFERENCES projects (id),
        idempotency_key varchar(200) NOT NULL,
        event_index int NOT NULL,
        type varchar(64) NOT NULL,
        occurred_on date NOT NULL,
        payload jsonb NOT NULL,
        actor_id varchar(64) NOT NULL,
        actor_role varchar(16) NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX facts_project_key ON facts (project_id, idempotency_key)`);
    await q.query(`
      CREATE TABLE obligations (
        project_id varchar(64) NOT NULL REFERENCES projects (id),
        key varchar(64) NOT NULL,
        title varchar(100) NOT NULL,
        opens_on date,
        due_on date,
        status varchar(16) NOT NULL,
        provisional boolean NOT NULL,
        basis varchar(64) NOT NULL,
        met_on date,
        extended jsonb,
        suspended jsonb,
        explanation jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, key)
      )`);
    await q.query(`CREATE INDEX obligations_status_due ON obligations (status, due_on)`);
    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        dedupe_key varchar(300) NOT NULL UNIQUE,
        project_id varchar(64) NOT NULL REFERENCES projects (id),
        department_id varchar(64) NOT NULL,
        obligation_key varchar(64),
        kind varchar(32) NOT NULL,
        audience varchar(32) NOT NULL,
        due_on date,
        scheduled_for timestamptz NOT NULL,
        written_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_project ON notifications (project_id, written_at)`);
    await q.query(`
      CREATE TABLE calendar_years (
        year int PRIMARY KEY,
        notice jsonb NOT NULL,
        source varchar(200) NOT NULL,
        loaded_by varchar(64) NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id varchar(64) NOT NULL,
        actor_role varchar(16) NOT NULL,
        action varchar(64) NOT NULL,
        project_id varchar(64),
        details jsonb NOT NULL,
        prev_hash varchar(64) NOT NULL,
        hash varchar(64) NOT NULL
      )`);
    // Append-only: the log can be added to, never rewritten.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP TABLE calendar_years`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE obligations`);
    await q.query(`DROP TABLE facts`);
    await q.query(`DROP TABLE projects`);
  }
}
