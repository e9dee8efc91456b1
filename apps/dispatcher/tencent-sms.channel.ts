/**
 * 腾讯云短信 SendSms（API 3.0，版本 2021-01-11，TC3-HMAC-SHA256 签名）。
 * https://cloud.tencent.com/document/api/382/55981 与 https://cloud.tencent.com/document/api/382/52072
 */
import { createHash, createHmac } from 'node:crypto';
import type { NotificationEntity } from '../../db/entities';
import type { AllowList } from '../../net/address-policy';
import { guardedExchange } from '../../net/guarded-request';
import { parseAnswer, RateLimitedError, VendorRefusedError, vendorMessage } from './robot';
import type { TencentSmsConfig } from './sms.config';
import { smsParams } from './sms.config';

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  payload: string;
  timestampSeconds: number;
}

/** The Authorization header: canonical request → string to sign → derived key → signature. */
export function tc3Authorization(r: Tc3Request): string {
  const date = new Date(r.timestampSeconds * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${r.contentType}\nhost:${r.host}\n`,
    signedHeaders,
    sha256hex(r.payload),
  ].join('\n');
  const scope = `${date}/${r.service}/tc3_request`;
  const stringToSign = [
    'TC3-HMAC-SHA256',
    String(r.timestampSeconds),
    scope,
    sha256hex(canonicalRequest),
  ].join('\n');
  const signing = hmac(hmac(hmac(`TC3${r.secretKey}`, date), r.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${r.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export async function sendTencentSms(
  n: NotificationEntity,
  phone: string,
  config: TencentSmsConfig,
  net: { allow: AllowList; timeoutMs: number },
  now: number,
  signedAt: number,
): Promise<void> {
  const template = config.templates[n.kind];
  if (!template)
    throw new VendorRefusedError(`未配置「${n.kind}」类通知的腾讯云短信模板（TENCENT_SMS_TEMPLATES）`);
  const p = smsParams(n, now);
  const payload = JSON.stringify({
    PhoneNumberSet: [`+86${phone}`],
    SmsSdkAppId: config.sdkAppId,
    SignName: config.signName,
    TemplateId: template,
    TemplateParamSet: [p.project, p.item, p.due, p.status],
    SessionContext: String(n.id),
  });
  const contentType = 'application/json; charset=utf-8';
  const host = new URL(config.endpoint).host;
  const timestampSeconds = Math.floor(signedAt / 1000);
  const { body: answer } = await guardedExchange({
    url: config.endpoint,
    headers: {
      'content-type': contentType,
      host,
      authorization: tc3Authorization({
        secretId: config.secretId,
        secretKey: config.secretKey,
        service: 'sms',
        host,
        contentType,
        payload,
        timestampSeconds,
      }),
      'x-tc-action': 'SendSms',
      'x-tc-timestamp': String(timestampSeconds),
      'x-tc-version': '2021-01-11',
      'x-tc-region': config.region,
    },
    body: payload,
    allow: net.allow,
    timeoutMs: net.timeoutMs,
  });
  const response = parseAnswer(answer, '腾讯云短信').Response as
    | { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string; Message?: string }[] }
    | undefined;
  const error = response?.Error ?? response?.SendStatusSet?.find((s) => s.Code !== 'Ok');
  if (response && !error && response.SendStatusSet?.length) return;
  const code = vendorMessage(error?.Code ?? '无答复', []);
  const said = vendorMessage(error?.Message, [config.secretKey]);
  if (code === 'RequestLimitExceeded' || code.startsWith('LimitExceeded.'))
    throw new RateLimitedError(`腾讯云短信限流（${code} ${said}），稍后重发`, 3_600_000);
  throw new VendorRefusedError(`腾讯云短信拒收（${code} ${said}）`);
}
