import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Where a department's reminders go besides its in-app inbox. */
@Entity({ name: 'department_channels' })
export class DepartmentChannelEntity {
  @PrimaryColumn({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails!: string[];

  @Column({ name: 'email_enabled', type: 'boolean', default: true })
  emailEnabled!: boolean;

  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true })
  webhookUrl!: string | null;

  @Column({ name: 'webhook_secret', type: 'varchar', length: 200, nullable: true })
  webhookSecret!: string | null;

  @Column({ name: 'webhook_enabled', type: 'boolean', default: false })
  webhookEnabled!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** One notification on one channel to one recipient, with its delivery state. */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId!: string;

  /** email | webhook | digest */
  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 500 })
  recipient!: string;

  /** pending | sending | sent | failed | dead | cancelled | superseded */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** The dispatcher holding the lease while `sending`; internal, so not loaded unless asked for. */
  @Column({ name: 'claimed_by', type: 'uuid', nullable: true, select: false })
  claimedBy!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
