/**
 * A local stand-in for Tencent Cloud SMS SendSms (API 3.0, 2021-01-11), verifying each call as the
 * documentation describes, recomputed here independently of the sender:
 * https://cloud.tencent.com/document/api/382/52072 (TC3-HMAC-SHA256: canonical request with the
 * lower-cased content-type and host headers, credential scope date/service/tc3_request, a key derived
 * from "TC3" + SecretKey, at most 5 minutes between X-TC-Timestamp and the server's clock) and
 * https://cloud.tencent.com/document/api/382/55981 (the parameters, the answer and the error codes).
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TencentAccount {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** TemplateId → how many variables the approved template has. */
  templates: Record<string, number>;
}

export interface TencentState {
  calls: number;
  accepted: {
    PhoneNumberSet: string[];
    TemplateId: string;
    TemplateParamSet: string[];
    [k: string]: unknown;
  }[];
  refused: string[];
  /** Set by a test: the next calls are answered with this error code (a limit, say). */
  failWith: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
const header = (req: IncomingMessage, name: string) => String(req.headers[name] ?? '').trim();

function expectedSignature(req: IncomingMessage, body: string, secretKey: string, date: string, ts: string) {
  const signedHeaders = 'content-type;host';
  const canonicalHeaders = `content-type:${header(req, 'content-type').toLowerCase()}\nhost:${header(req, 'host').toLowerCase()}\n`;
  const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', ts, `${date}/sms/tc3_request`, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), 'sms'), 'tc3_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** Checks one call; answers the error code that Tencent Cloud documents for what is wrong, or null. */
function verify(req: IncomingMessage, body: string, account: TencentAccount, now: number): string | null {
  const auth =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header(req, 'authorization'),
    );
  if (!auth) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, date, signedHeaders, signature] = auth as unknown as string[];
  if (secretId !== account.secretId) return 'AuthFailure.SecretIdNotFound';
  const ts = header(req, 'x-tc-timestamp');
  if (!/^\d+$/.test(ts) || Math.abs(now / 1000 - Number(ts)) > 300) return 'AuthFailure.SignatureExpire';
  if (new Date(Number(ts) * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.SignatureFailure';
  if (signedHeaders !== 'content-type;host') return 'AuthFailure.SignatureFailure';
  if (signature !== expectedSignature(req, body, account.secretKey, date as string, ts))
    return 'AuthFailure.SignatureFailure';
  if (header(req, 'x-tc-action') !== 'SendSms') return 'InvalidAction';
  if (header(req, 'x-tc-version') !== '2021-01-11') return 'NoSuchVersion';
  if (!header(req, 'x-tc-region')) return 'InvalidParameter';
  return null;
}

function checkParams(p: Record<string, unknown>, account: TencentAccount): string | null {
  const phones = p.PhoneNumberSet;
  if (!Array.isArray(phones) || phones.length === 0 || phones.length > 200)
    return 'InvalidParameterValue.IncorrectPhoneNumber';
  if (!phones.every((n) => typeof n === 'string' && /^\+861[3-9]\d{9}$/.test(n)))
    return 'InvalidParameterValue.IncorrectPhoneNumber';
  if (p.SmsSdkAppId !== account.sdkAppId) return 'FailedOperation.SmsSdkAppIdVerifyFail';
  if (p.SignName !== account.signName) return 'FailedOperation.SignatureIncorrectOrUnapproved';
  const variables = account.templates[String(p.TemplateId)];
  if (variables === undefined) return 'FailedOperation.TemplateIncorrectOrUnapproved';
  const params = p.TemplateParamSet;
  if (!Array.isArray(params) || !params.every((v) => typeof v === 'string'))
    return 'InvalidParameterValue.TemplateParameterFormatError';
  if (params.length !== variables) return 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate';
  return null;
}

export async function tencentSms(account: TencentAccount, now: () => number) {
  const state: TencentState = { calls: 0, accepted: [], refused: [], failWith: null };
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    state.calls += 1;
    const answer = (response: Record<string, unknown>) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ Response: { ...response, RequestId: `req-${state.calls}` } }));
    let params: Record<string, unknown> = {};
    try {
      params = JSON.parse(body) as Record<string, unknown>;
    } catch {
      state.refused.push('InvalidParameter');
      return answer({ Error: { Code: 'InvalidParameter', Message: 'body is not JSON' } });
    }
    const code = verify(req, body, account, now()) ?? checkParams(params, account) ?? state.failWith;
    // A number's own frequency limit is answered per number in SendStatusSet, not as the call's Error.
    if (code?.startsWith('LimitExceeded.')) {
      state.refused.push(code);
      return answer({
        SendStatusSet: (params.PhoneNumberSet as string[]).map((phone) => ({
          PhoneNumber: phone,
          Code: code,
          Message: 'frequency limit',
          IsoCode: 'CN',
        })),
      });
    }
    if (code) {
      state.refused.push(code);
      return answer({ Error: { Code: code, Message: `refused: ${code}` } });
    }
    state.accepted.push(params as TencentState['accepted'][number]);
    answer({
      SendStatusSet: (params.PhoneNumberSet as string[]).map((phone, i) => ({
        SerialNo: `serial-${state.calls}-${i}`,
        PhoneNumber: phone,
        Fee: 1,
        SessionContext: params.SessionContext ?? '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
