import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a project came from (`{ kind: 'import', batchId }` for an import), kept on the row so a
 * workflow started again by the sweep keeps it: an imported project's first evaluation must not
 * announce what it finds overdue, or a restart would send the notice storm the import avoided.
 * Projects imported before this column existed get it back from their registration's audit entry.
 */
export class ProjectSource1763857600000 implements MigrationInterface {
  name = 'ProjectSource1763857600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN source jsonb`);
    await q.query(`UPDATE projects p SET source = a.details -> 'source'
      FROM audit_log a
      WHERE a.project_id = p.id AND a.action = 'project.registered' AND a.details ? 'source'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN source`);
  }
}
