import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: DingTalk, WeCom and Feishu group robots and SMS per department. Robot and SMS sends are
 * rate-limited across every dispatcher by `channel_sends` (one row per call, counted per robot in a
 * sliding minute), and `sms_sends` holds at most one SMS per person per obligation per Shanghai day
 * by its primary key, so two dispatchers cannot both send it.
 */
export class VendorChannels1763857400000 implements MigrationInterface {
  name = 'VendorChannels1763857400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE department_channels
      ADD COLUMN dingtalk_url varchar(500), ADD COLUMN dingtalk_secret varchar(200),
      ADD COLUMN dingtalk_at_mobiles text[] NOT NULL DEFAULT '{}',
      ADD COLUMN dingtalk_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN wecom_url varchar(500), ADD COLUMN wecom_mentioned_mobiles text[] NOT NULL DEFAULT '{}',
      ADD COLUMN wecom_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN feishu_url varchar(500), ADD COLUMN feishu_secret varchar(200),
      ADD COLUMN feishu_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN sms_provider varchar(16) CHECK (sms_provider IN ('aliyun', 'tencent')),
      ADD COLUMN sms_recipients text[] NOT NULL DEFAULT '{}',
      ADD COLUMN sms_enabled boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check
      CHECK (channel IN ('email', 'webhook', 'digest', 'dingtalk', 'wecom', 'feishu', 'sms'))`);
    await q.query(`CREATE TABLE channel_sends (
        receiver varchar(80) NOT NULL,
        sent_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX channel_sends_receiver ON channel_sends (receiver, sent_at)`);
    await q.query(`CREATE TABLE sms_sends (
        phone varchar(20) NOT NULL,
        project_id varchar(64) NOT NULL,
        obligation_key varchar(100) NOT NULL,
        day date NOT NULL,
        delivery_id bigint NOT NULL REFERENCES deliveries (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (phone, project_id, obligation_key, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_sends`);
    await q.query(`DROP TABLE channel_sends`);
    await q.query(`DELETE FROM deliveries WHERE channel IN ('dingtalk', 'wecom', 'feishu', 'sms')`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check
      CHECK (channel IN ('email', 'webhook', 'digest'))`);
    await q.query(`ALTER TABLE department_channels
      DROP COLUMN dingtalk_url, DROP COLUMN dingtalk_secret, DROP COLUMN dingtalk_at_mobiles,
      DROP COLUMN dingtalk_enabled, DROP COLUMN wecom_url, DROP COLUMN wecom_mentioned_mobiles, DROP COLUMN wecom_enabled,
      DROP COLUMN feishu_url, DROP COLUMN feishu_secret, DROP COLUMN feishu_enabled,
      DROP COLUMN sms_provider, DROP COLUMN sms_recipients, DROP COLUMN sms_enabled`);
  }
}
