/**
 * 飞书自定义机器人：消息卡片，签名校验（timestamp 秒 + sign 放在请求体中）。
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 */
import { createHmac } from 'node:crypto';
import type { NotificationEntity } from '../../db/entities';
import type { AllowList } from '../../net/address-policy';
import { guardedExchange } from '../../net/guarded-request';
import { compose, idempotencyKeyOf } from './message';
import { parseAnswer, RateLimitedError, VendorRefusedError, vendorMessage } from './robot';

/** base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")): the key is the string to sign. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export interface FeishuTarget {
  url: string;
  secret: string;
  allow: AllowList;
  timeoutMs: number;
}

const TEMPLATE: Record<string, string> = {
  'overdue-notice': 'red',
  escalation: 'red',
  'due-today': 'orange',
  reminder: 'blue',
  correction: 'yellow',
};

export function feishuBody(n: NotificationEntity, secret: string, now: number, signedAt: number): string {
  const { subject, text } = compose(n, now);
  const timestamp = Math.floor(signedAt / 1000);
  return JSON.stringify({
    timestamp: String(timestamp),
    sign: feishuSign(secret, timestamp),
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: subject }, template: TEMPLATE[n.kind] ?? 'blue' },
      elements: [{ tag: 'div', text: { tag: 'lark_md', content: text } }],
    },
  });
}

export async function sendFeishu(
  n: NotificationEntity,
  target: FeishuTarget,
  now: number,
  signedAt: number,
): Promise<void> {
  const { body: answer } = await guardedExchange({
    url: target.url,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': idempotencyKeyOf(n),
    },
    body: feishuBody(n, target.secret, now, signedAt),
    allow: target.allow,
    timeoutMs: target.timeoutMs,
  });
  const { code, msg } = parseAnswer(answer, '飞书机器人');
  if (code === 0) return;
  const said = vendorMessage(msg, [target.secret]);
  if (code === 9499 || code === 11232)
    throw new RateLimitedError(`飞书机器人限流（code ${String(code)} ${said}），稍后重发`);
  if (code === 19021)
    throw new VendorRefusedError(`飞书机器人拒收（code 19021 ${said}）：签名校验失败，请核对密钥`);
  throw new VendorRefusedError(`飞书机器人拒收（code ${String(code)} ${said}）`);
}
