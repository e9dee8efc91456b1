import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of facts recorded wrong (issue 10): a department asks, the bureau approves or refuses, an
 * administrator may correct at once. The fact is named by its idempotency key, since its index shifts
 * when an earlier fact is withdrawn; `before` and `after` are the fact as it was and as corrected.
 */
export class FactCorrections1763856810000 implements MigrationInterface {
  name = 'FactCorrections1763856810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fact_corrections (
        id uuid PRIMARY KEY,
        project_id varchar(64) NOT NULL,
        department_id varchar(64) NOT NULL,
        fact_key varchar(200) NOT NULL,
        fact_index int NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('date', 'withdraw')),
        corrected_on date,
        reason text NOT NULL,
        before jsonb NOT NULL,
        after jsonb,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'applied', 'refused')),
        requested_by varchar(64) NOT NULL,
        requested_role varchar(16) NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by varchar(64),
        decided_at timestamptz,
        decision_reason text,
        CHECK ((kind = 'date') = (corrected_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX fact_corrections_project ON fact_corrections (project_id, requested_at)`);
    await q.query(
      `CREATE INDEX fact_corrections_pending ON fact_corrections (requested_at) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fact_corrections`);
  }
}
