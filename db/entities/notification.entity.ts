import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox: every reminder, escalation and date change a workflow decided to send. `dedupe_key` is
 * unique, so a retried or replayed activity can never write the same notification twice.
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 300, unique: true })
  dedupeKey!: string;

  /** null for a department's yearly plan-filing reminders. */
  @Column({ name: 'project_id', type: 'varchar', length: 64, nullable: true })
  projectId!: string | null;

  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ name: 'obligation_key', type: 'varchar', length: 64, nullable: true })
  obligationKey!: string | null;

  /** reminder | due-today | escalation | escalation-head | escalation-leadership | urging | opens | date-changed | … */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** department | department-and-bureau */
  @Column({ type: 'varchar', length: 32 })
  audience!: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  /** The instant the workflow planned it for. */
  @Column({ name: 'scheduled_for', type: 'timestamptz' })
  scheduledFor!: Date;

  /** The workflow's clock when it wrote the row (the skipped clock under time-skipping tests). */
  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set when the facts contradicted the notice before it went out; its deliveries were not sent. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @Column({ name: 'superseded_reason', type: 'text', nullable: true })
  supersededReason!: string | null;

  /** Set when the obligation was met, waived, extended past the notice or corrected: no longer a live alarm. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** met | waived | extended | corrected */
  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution!: string | null;

  @Column({ name: 'resolved_reason', type: 'text', nullable: true })
  resolvedReason!: string | null;

  /** When the dispatcher created this notification's deliveries; null while it has not. */
  @Column({ name: 'fanned_out_at', type: 'timestamptz', nullable: true })
  fannedOutAt!: Date | null;
}
