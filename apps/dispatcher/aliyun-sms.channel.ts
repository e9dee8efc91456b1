/**
 * 阿里云短信 SendSms（RPC 风格，签名版本 1.0，HMAC-SHA1）。
 * https://help.aliyun.com/document_detail/101343.html（HTTP 协议及签名）
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { NotificationEntity } from '../../db/entities';
import type { AllowList } from '../../net/address-policy';
import { guardedExchange } from '../../net/guarded-request';
import { parseAnswer, RateLimitedError, VendorRefusedError, vendorMessage } from './robot';
import type { AliyunSmsConfig } from './sms.config';
import { smsParams } from './sms.config';

/** RFC 3986 percent-encoding as Alibaba Cloud specifies it: also !'()*, and ~ left alone. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The sorted, encoded query without Signature. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] as string)}`)
    .join('&');
}

/** base64(HMAC-SHA1(key = secret + "&", METHOD + "&%2F&" + percentEncode(canonical query))). */
export function aliyunSignature(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  secret: string,
): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

export async function sendAliyunSms(
  n: NotificationEntity,
  phone: string,
  config: AliyunSmsConfig,
  net: { allow: AllowList; timeoutMs: number },
  now: number,
  signedAt: number,
): Promise<void> {
  const template = config.templates[n.kind];
  if (!template)
    throw new VendorRefusedError(`未配置「${n.kind}」类通知的阿里云短信模板（ALIYUN_SMS_TEMPLATES）`);
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    RegionId: 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    Timestamp: new Date(signedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
    PhoneNumbers: phone,
    SignName: config.signName,
    TemplateCode: template,
    TemplateParam: JSON.stringify(smsParams(n, now)),
    OutId: String(n.id),
  };
  const body = `Signature=${percentEncode(aliyunSignature('POST', params, config.accessKeySecret))}&${canonicalQuery(params)}`;
  const { body: answer } = await guardedExchange({
    url: config.endpoint,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    allow: net.allow,
    timeoutMs: net.timeoutMs,
  });
  const { Code, Message } = parseAnswer(answer, '阿里云短信');
  if (Code === 'OK') return;
  const said = vendorMessage(Message, [config.accessKeySecret]);
  if (Code === 'Throttling.User' || Code === 'isv.BUSINESS_LIMIT_CONTROL')
    throw new RateLimitedError(`阿里云短信限流（${String(Code)} ${said}），稍后重发`, 3_600_000);
  throw new VendorRefusedError(`阿里云短信拒收（${vendorMessage(Code, [])} ${said}）`);
}
