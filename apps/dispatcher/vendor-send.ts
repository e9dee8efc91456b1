/**
 * Sends one delivery to a group robot or by SMS: the robot's 20-a-minute window is shared by every
 * dispatcher through the database, an SMS goes out at most once per person, obligation and Shanghai day
 * (the primary key of sms_sends decides), and a vendor's "too fast" answer defers instead of failing.
 */
import type { DataSource } from 'typeorm';
import type { DeliveryEntity, DepartmentChannelEntity, NotificationEntity } from '../../db/entities';
import { shanghaiDateOf } from '../../domain';
import type { AllowList } from '../../net/address-policy';
import { sendAliyunSms } from './aliyun-sms.channel';
import { sendDingtalk } from './dingtalk.channel';
import { sendFeishu } from './feishu.channel';
import { RateLimitedError, ROBOT_PER_MINUTE, robotRecipient, VendorRefusedError } from './robot';
import type { SmsProviders } from './sms.config';
import { sendTencentSms } from './tencent-sms.channel';
import { sendWecom } from './wecom.channel';

export const VENDOR_CHANNELS = ['dingtalk', 'wecom', 'feishu', 'sms'] as const;

export type VendorOutcome = { sent: true } | { deferUntil: number; reason: string } | { cancel: string };

export interface VendorContext {
  dataSource: DataSource;
  allow: AllowList;
  timeoutMs: number;
  sms: SmsProviders;
  /** Business time (what the notice says). */
  now: number;
  /** The wall clock vendors check signatures and rate limits against. */
  vendorNow: number;
}

/** A robot or SMS delivery is sent only while that channel is on and still points where it was planned. */
export function vendorStillWanted(d: DeliveryEntity, c: DepartmentChannelEntity | null): boolean {
  if (!c) return false;
  if (d.channel === 'dingtalk')
    return c.dingtalkEnabled && !!c.dingtalkUrl && robotRecipient(c.dingtalkUrl) === d.recipient;
  if (d.channel === 'wecom')
    return c.wecomEnabled && !!c.wecomUrl && robotRecipient(c.wecomUrl) === d.recipient;
  if (d.channel === 'feishu')
    return c.feishuEnabled && !!c.feishuUrl && robotRecipient(c.feishuUrl) === d.recipient;
  return c.smsEnabled && !!c.smsProvider;
}

/** Takes a slot in the receiver's sliding minute, or answers when the next one frees up. */
async function reserve(ds: DataSource, receiver: string, at: number, limit: number): Promise<number | null> {
  return ds.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [receiver]);
    const since = new Date(at - 60_000);
    await tx.query('DELETE FROM channel_sends WHERE receiver = $1 AND sent_at <= $2', [receiver, since]);
    const [row] = (await tx.query(
      'SELECT count(*)::int AS n, min(sent_at) AS first FROM channel_sends WHERE receiver = $1 AND sent_at > $2',
      [receiver, since],
    )) as { n: number; first: Date | null }[];
    if ((row?.n ?? 0) >= limit) return new Date(row?.first ?? at).getTime() + 60_001;
    await tx.query('INSERT INTO channel_sends (receiver, sent_at) VALUES ($1, $2)', [receiver, new Date(at)]);
    return null;
  });
}

/** Claims today's SMS for this person and obligation; false when another delivery already has it. */
async function claimSmsDay(ds: DataSource, d: DeliveryEntity, n: NotificationEntity, now: number) {
  const rows = (await ds.query(
    `INSERT INTO sms_sends (phone, project_id, obligation_key, day, delivery_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (phone, project_id, obligation_key, day) DO UPDATE SET phone = sms_sends.phone
     RETURNING delivery_id`,
    [d.recipient, n.projectId, n.obligationKey ?? n.kind, shanghaiDateOf(now), d.id],
  )) as { delivery_id: string }[];
  return String(rows[0]?.delivery_id) === String(d.id);
}

export async function sendVendor(
  d: DeliveryEntity,
  n: NotificationEntity,
  c: DepartmentChannelEntity,
  ctx: VendorContext,
): Promise<VendorOutcome> {
  const net = { allow: ctx.allow, timeoutMs: ctx.timeoutMs };
  if (d.channel === 'sms' && !(await claimSmsDay(ctx.dataSource, d, n, ctx.now)))
    return { cancel: '今天已就该事项给该号码发过短信（每人每事项每天至多一条），未重复发送' };
  const wait = await reserve(
    ctx.dataSource,
    `${d.channel}:${d.recipient}`.slice(0, 80),
    ctx.vendorNow,
    ROBOT_PER_MINUTE,
  );
  if (wait !== null)
    return { deferUntil: wait, reason: `该机器人每分钟至多 ${ROBOT_PER_MINUTE} 条，排队稍后发送` };
  try {
    if (d.channel === 'dingtalk')
      await sendDingtalk(
        n,
        {
          url: c.dingtalkUrl as string,
          secret: c.dingtalkSecret ?? '',
          atMobiles: c.dingtalkAtMobiles,
          ...net,
        },
        ctx.now,
        ctx.vendorNow,
      );
    else if (d.channel === 'wecom')
      await sendWecom(
        n,
        { url: c.wecomUrl as string, mentionedMobiles: c.wecomMentionedMobiles, ...net },
        ctx.now,
      );
    else if (d.channel === 'feishu')
      await sendFeishu(
        n,
        { url: c.feishuUrl as string, secret: c.feishuSecret ?? '', ...net },
        ctx.now,
        ctx.vendorNow,
      );
    else if (c.smsProvider === 'aliyun' && ctx.sms.aliyun)
      await sendAliyunSms(n, d.recipient, ctx.sms.aliyun, net, ctx.now, ctx.vendorNow);
    else if (c.smsProvider === 'tencent' && ctx.sms.tencent)
      await sendTencentSms(n, d.recipient, ctx.sms.tencent, net, ctx.now, ctx.vendorNow);
    else
      throw new VendorRefusedError(
        `未配置短信服务商「${c.smsProvider ?? ''}」的密钥（见 README 的短信环境变量）`,
      );
  } catch (error) {
    if (error instanceof RateLimitedError)
      return { deferUntil: ctx.vendorNow + error.retryAfterMs, reason: error.message };
    throw error;
  }
  return { sent: true };
}
