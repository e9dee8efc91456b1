import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices with a life cycle: a notice is resolved (why, when) once its obligation is met, waived,
 * extended past it or corrected; the bureau urges (催办) a late department, which answers (反馈); and an
 * account may be the one escalations reach as a department's head or as the bureau's leadership.
 */
export class NoticeLifecycle1763857500000 implements MigrationInterface {
  name = 'NoticeLifecycle1763857500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications
      ADD COLUMN resolved_at timestamptz,
      ADD COLUMN resolution varchar(16) CHECK (resolution IN ('met', 'waived', 'extended', 'corrected')),
      ADD COLUMN resolved_reason text`);
    // The projection resolves a project's live notices in the transaction that writes its obligations.
    await q.query(`CREATE INDEX notifications_live ON notifications (project_id, obligation_key)
      WHERE resolved_at IS NULL AND obligation_key IS NOT NULL`);
    await q.query(`CREATE INDEX inbox_reads_notification ON inbox_reads (notification_id, read_at)`);
    await q.query(`ALTER TABLE users ADD COLUMN escalation_role varchar(16)
      CHECK (escalation_role IN ('head', 'leadership'))`);
    await q.query(`
      CREATE TABLE urgings (
        id uuid PRIMARY KEY,
        project_id varchar(64) NOT NULL REFERENCES projects (id),
        obligation_key varchar(64) NOT NULL,
        department_id varchar(64) NOT NULL,
        due_on date NOT NULL,
        message text NOT NULL,
        answer_by date NOT NULL,
        urged_by varchar(64) NOT NULL,
        urged_at timestamptz NOT NULL DEFAULT now(),
        notification_id bigint REFERENCES notifications (id),
        answer_reason text,
        answer_expected_on date,
        answered_by varchar(64),
        answered_at timestamptz
      )`);
    await q.query(`CREATE INDEX urgings_department ON urgings (department_id, answer_by)`);
    await q.query(`CREATE INDEX urgings_obligation ON urgings (project_id, obligation_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE urgings`);
    await q.query(`ALTER TABLE users DROP COLUMN escalation_role`);
    await q.query(`DROP INDEX inbox_reads_notification`);
    await q.query(`DROP INDEX notifications_live`);
    await q.query(
      `ALTER TABLE notifications DROP COLUMN resolved_at, DROP COLUMN resolution, DROP COLUMN resolved_reason`,
    );
  }
}
