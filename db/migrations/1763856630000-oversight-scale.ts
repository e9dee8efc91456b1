import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Oversight at a province's scale (issue 9). The overdue list and the summary used to join every
 * obligation to its project and sort or group the lot: 500 ms and an 800 MB scan at 100k projects.
 *
 * - obligations carry their project's department, policy and name (written by the projection), so the
 *   overdue list is read from one narrow partial index in its sort order, without the join;
 * - obligation_counts holds the summary, kept by the projection in the same transaction as the rows.
 *
 * The backfill rewrites every obligation once; on a large read model run it in a quiet hour.
 */
export class OversightScale1763856630000 implements MigrationInterface {
  name = 'OversightScale1763856630000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE obligations
      ADD COLUMN department_id varchar(64), ADD COLUMN policy_id varchar(32), ADD COLUMN project_name varchar(200)`);
    await q.query(`UPDATE obligations o
      SET department_id = p.department_id, policy_id = p.policy_id, project_name = p.name
      FROM projects p WHERE p.id = o.project_id`);
    await q.query(`ALTER TABLE obligations
      ALTER COLUMN department_id SET NOT NULL, ALTER COLUMN policy_id SET NOT NULL,
      ALTER COLUMN project_name SET NOT NULL`);
    // Keyed in the list's order, so a page (and the page after a cursor) is a range of one index. The
    // INCLUDE columns make it index-only: the wide explanation and jsonb columns are never read.
    const covering = 'INCLUDE (department_id, policy_id, title, basis)';
    const order = 'due_on, project_name, project_id, key';
    await q.query(`CREATE INDEX obligations_overdue_order ON obligations (${order})
      ${covering} WHERE status = 'overdue'`);
    await q.query(`CREATE INDEX obligations_overdue_department ON obligations (department_id, ${order})
      ${covering} WHERE status = 'overdue'`);
    await q.query(`CREATE INDEX obligations_overdue_policy ON obligations (policy_id, ${order})
      ${covering} WHERE status = 'overdue'`);
    await q.query(`
      CREATE TABLE obligation_counts (
        department_id varchar(64) NOT NULL,
        policy_id varchar(32) NOT NULL,
        status varchar(16) NOT NULL,
        -- No CHECK (count >= 0): PostgreSQL checks the row an upsert proposes, which for a
        -- decrement is the negative delta itself, before it finds the row the delta is for.
        count int NOT NULL,
        PRIMARY KEY (department_id, policy_id, status)
      )`);
    await q.query(`INSERT INTO obligation_counts (department_id, policy_id, status, count)
      SELECT department_id, policy_id, status, count(*) FROM obligations GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE obligation_counts`);
    await q.query(
      `DROP INDEX obligations_overdue_order, obligations_overdue_department, obligations_overdue_policy`,
    );
    await q.query(
      `ALTER TABLE obligations DROP COLUMN department_id, DROP COLUMN policy_id, DROP COLUMN project_name`,
    );
  }
}
