import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanFilings1763856300000 implements MigrationInterface {
  name = 'PlanFilings1763856300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_filings (
        department_id varchar(64) NOT NULL REFERENCES departments (id),
        policy_id varchar(32) NOT NULL,
        plan_year int NOT NULL,
        filed_on date NOT NULL,
        filed_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department_id, policy_id, plan_year)
      )`);
    // Plan-filing reminders belong to a department's yearly cycle, not to one project.
    await q.query(`ALTER TABLE notifications ALTER COLUMN project_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE project_id IS NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN project_id SET NOT NULL`);
    await q.query(`DROP TABLE plan_filings`);
  }
}
