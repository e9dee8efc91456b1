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

  @Column({ name: 'dingtalk_url', type: 'varchar', length: 500, nullable: true })
  dingtalkUrl!: string | null;

  @Column({ name: 'dingtalk_secret', type: 'varchar', length: 200, nullable: true })
  dingtalkSecret!: string | null;

  @Column({ name: 'dingtalk_at_mobiles', type: 'text', array: true, default: () => "'{}'" })
  dingtalkAtMobiles!: string[];

  @Column({ name: 'dingtalk_enabled', type: 'boolean', default: false })
  dingtalkEnabled!: boolean;

  /** Holds the robot's key, which is its secret: never shown or logged. */
  @Column({ name: 'wecom_url', type: 'varchar', length: 500, nullable: true })
  wecomUrl!: string | null;

  /** Set: sent as text with mentioned_mobile_list (WeCom's markdown cannot @ by mobile). */
  @Column({ name: 'wecom_mentioned_mobiles', type: 'text', array: true, default: () => "'{}'" })
  wecomMentionedMobiles!: string[];

  @Column({ name: 'wecom_enabled', type: 'boolean', default: false })
  wecomEnabled!: boolean;

  @Column({ name: 'feishu_url', type: 'varchar', length: 500, nullable: true })
  feishuUrl!: string | null;

  @Column({ name: 'feishu_secret', type: 'varchar', length: 200, nullable: true })
  feishuSecret!: string | null;

  @Column({ name: 'feishu_enabled', type: 'boolean', default: false })
  feishuEnabled!: boolean;

  /** aliyun | tencent */
  @Column({ name: 'sms_provider', type: 'varchar', length: 16, nullable: true })
  smsProvider!: string | null;

  @Column({ name: 'sms_recipients', type: 'text', array: true, default: () => "'{}'" })
  smsRecipients!: string[];

  @Column({ name: 'sms_enabled', type: 'boolean', default: false })
  smsEnabled!: boolean;

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

  /** email | webhook | digest | dingtalk | wecom | feishu | sms */
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
