/**
 * 钉钉群机器人：markdown 消息，加签（timestamp 毫秒 + sign），@ 负责人手机号。
 * https://open.dingtalk.com/document/robots/custom-robot-access
 */
import { createHmac } from 'node:crypto';
import type { NotificationEntity } from '../../db/entities';
import type { AllowList } from '../../net/address-policy';
import { guardedExchange } from '../../net/guarded-request';
import { idempotencyKeyOf } from './message';
import { markdownOf, parseAnswer, RateLimitedError, VendorRefusedError, vendorMessage } from './robot';

/** base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)), before URL-encoding. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The robot's URL with `&timestamp=<ms>&sign=<urlencoded signature>` appended. */
export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const sign = encodeURIComponent(dingtalkSign(secret, timestampMs));
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${sign}`;
}

export interface DingtalkTarget {
  url: string;
  secret: string;
  atMobiles: string[];
  allow: AllowList;
  timeoutMs: number;
}

export function dingtalkBody(n: NotificationEntity, atMobiles: string[], now: number): string {
  const { title, text } = markdownOf(n, now);
  // DingTalk only notifies an @'d mobile that the text itself names.
  const mentions = atMobiles.map((m) => `@${m}`).join(' ');
  return JSON.stringify({
    msgtype: 'markdown',
    markdown: { title, text: mentions ? `${text}\n\n${mentions}` : text },
    at: { atMobiles, isAtAll: false },
  });
}

/** Sends one notice; `signedAt` is the wall clock the robot checks the signature's timestamp against. */
export async function sendDingtalk(
  n: NotificationEntity,
  target: DingtalkTarget,
  now: number,
  signedAt: number,
): Promise<void> {
  const { body: answer } = await guardedExchange({
    url: signedDingtalkUrl(target.url, target.secret, signedAt),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': idempotencyKeyOf(n),
    },
    body: dingtalkBody(n, target.atMobiles, now),
    allow: target.allow,
    timeoutMs: target.timeoutMs,
  });
  const { errcode, errmsg } = parseAnswer(answer, '钉钉机器人');
  if (errcode === 0) return;
  const said = vendorMessage(errmsg, [target.secret]);
  if (errcode === 130101) throw new RateLimitedError(`钉钉机器人限流（errcode 130101 ${said}），稍后重发`);
  if (errcode === 310000)
    throw new VendorRefusedError(
      `钉钉机器人拒收（errcode 310000 ${said}）：请核对加签密钥、关键词或 IP 白名单`,
    );
  throw new VendorRefusedError(`钉钉机器人拒收（errcode ${String(errcode)} ${said}）`);
}
