import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The summary's yellow light (issue 10): open obligations of a department due within N working days.
 * A partial index on the open rows by (department_id, due_on) makes that a range count per department,
 * never a walk over projects or over met obligations.
 */
export class OpenDueIndex1763856820000 implements MigrationInterface {
  name = 'OpenDueIndex1763856820000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX obligations_open_department_due ON obligations (department_id, due_on)
      INCLUDE (policy_id) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX obligations_open_department_due');
  }
}
