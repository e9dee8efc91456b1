import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 催办: the bureau urges a department on an overdue obligation and expects an answer (反馈) by a date. */
@Entity({ name: 'urgings' })
export class UrgingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'project_id', type: 'varchar', length: 64 })
  projectId!: string;

  @Column({ name: 'obligation_key', type: 'varchar', length: 64 })
  obligationKey!: string;

  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  /** The due date the obligation was overdue against when urged. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'answer_by', type: 'date' })
  answerBy!: string;

  @Column({ name: 'urged_by', type: 'varchar', length: 64 })
  urgedBy!: string;

  @Column({ name: 'urged_at', type: 'timestamptz', default: () => 'now()' })
  urgedAt!: Date;

  /** The 【催办】 notice that carries it to the department's inbox and channels. */
  @Column({ name: 'notification_id', type: 'bigint', nullable: true })
  notificationId!: string | null;

  @Column({ name: 'answer_reason', type: 'text', nullable: true })
  answerReason!: string | null;

  @Column({ name: 'answer_expected_on', type: 'date', nullable: true })
  answerExpectedOn!: string | null;

  @Column({ name: 'answered_by', type: 'varchar', length: 64, nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}
