/**
 * 企业微信群机器人：markdown（≤4096 字节），需要 @ 时用 text + mentioned_mobile_list。
 * URL 中的 key 即密钥，不显示、不记录。https://developer.work.weixin.qq.com/document/path/91770
 */
import type { NotificationEntity } from '../../db/entities';
import type { AllowList } from '../../net/address-policy';
import { guardedExchange } from '../../net/guarded-request';
import { compose, idempotencyKeyOf } from './message';
import {
  markdownOf,
  parseAnswer,
  RateLimitedError,
  truncateUtf8,
  VendorRefusedError,
  vendorMessage,
} from './robot';

export const WECOM_MAX_BYTES = 4096;
export const WECOM_TRUNCATED_NOTE = '\n…（内容过长已截断，详见期限监管）';

export interface WecomTarget {
  url: string;
  mentionedMobiles: string[];
  allow: AllowList;
  timeoutMs: number;
}

export function wecomBody(n: NotificationEntity, mentionedMobiles: string[], now: number): string {
  if (mentionedMobiles.length) {
    const { subject, text } = compose(n, now);
    return JSON.stringify({
      msgtype: 'text',
      text: {
        content: truncateUtf8(`${subject}\n${text}`, 2048, WECOM_TRUNCATED_NOTE),
        mentioned_mobile_list: mentionedMobiles,
      },
    });
  }
  const { text } = markdownOf(n, now);
  return JSON.stringify({
    msgtype: 'markdown',
    markdown: { content: truncateUtf8(text, WECOM_MAX_BYTES, WECOM_TRUNCATED_NOTE) },
  });
}

export async function sendWecom(n: NotificationEntity, target: WecomTarget, now: number): Promise<void> {
  const key = URL.canParse(target.url) ? new URL(target.url).searchParams.get('key') : null;
  const { body: answer } = await guardedExchange({
    url: target.url,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': idempotencyKeyOf(n),
    },
    body: wecomBody(n, target.mentionedMobiles, now),
    allow: target.allow,
    timeoutMs: target.timeoutMs,
  });
  const { errcode, errmsg } = parseAnswer(answer, '企业微信机器人');
  if (errcode === 0) return;
  const said = vendorMessage(errmsg, [key, target.url]);
  if (errcode === 45009) throw new RateLimitedError(`企业微信机器人限流（errcode 45009 ${said}），稍后重发`);
  if (errcode === 93000)
    throw new VendorRefusedError(`企业微信机器人拒收（errcode 93000 ${said}）：机器人地址的 key 无效`);
  throw new VendorRefusedError(`企业微信机器人拒收（errcode ${String(errcode)} ${said}）`);
}
