import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 项目编号: the number a department already uses for a project, kept so an import can be repeated. Unique
 * within a department only, because each department numbers its own projects, and because a global
 * uniqueness would let one department learn from a refusal that another uses a number.
 */
export class ProjectCodes1763856710000 implements MigrationInterface {
  name = 'ProjectCodes1763856710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN code varchar(64)`);
    await q.query(
      `CREATE UNIQUE INDEX projects_department_code ON projects (department_id, code) WHERE code IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX projects_department_code`);
    await q.query(`ALTER TABLE projects DROP COLUMN code`);
  }
}
