/**
 * Local stand-ins for the DingTalk, WeCom and Feishu robots and Alibaba Cloud SMS, each verifying a
 * call as the vendor documents it (signature recomputed here independently, timestamp window, JSON
 * shape and size, rate limit) and answering the vendor's codes.
 */
import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkDingtalkCall } from '../../../apps/start/dingtalk-demo-receiver';

export interface Received {
  calls: number;
  refused: { code: unknown; why: string }[];
  accepted: Record<string, unknown>[];
  keys: string[];
}

async function serve(
  handle: (req: IncomingMessage, body: string, url: URL) => { answer: unknown; accepted?: unknown },
) {
  const state: Received = { calls: 0, refused: [], accepted: [], keys: [] };
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    state.calls += 1;
    const { answer, accepted } = handle(req, body, new URL(req.url ?? '/', 'http://local'));
    if (accepted) {
      state.accepted.push(accepted as Record<string, unknown>);
      state.keys.push(String(req.headers['idempotency-key']));
    } else state.refused.push({ code: answer, why: '' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Sliding-minute limiter against the shared clock. */
function limiter(perMinute: number, now: () => number) {
  const sent: number[] = [];
  return () => {
    const t = now();
    while (sent.length && (sent[0] as number) <= t - 60_000) sent.shift();
    if (sent.length >= perMinute) return false;
    sent.push(t);
    return true;
  };
}

/** DingTalk's verification is the demo receiver's (apps/start), shared so both check the same rules. */
export function dingtalkRobot(secret: string, token: string, now: () => number, perMinute = 20) {
  const allow = limiter(perMinute, now);
  return serve((req, raw, url) => {
    const check = checkDingtalkCall(url, raw, { token, secret }, now());
    if (!check.ok) return { answer: check.answer };
    if (!allow()) return { answer: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } };
    return { answer: { errcode: 0, errmsg: 'ok' }, accepted: check.message };
  });
}

export function wecomRobot(key: string, now: () => number, perMinute = 20) {
  const allow = limiter(perMinute, now);
  return serve((req, raw, url) => {
    if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== key)
      return { answer: { errcode: 93000, errmsg: 'invalid webhook url' } };
    const body = JSON.parse(raw) as {
      msgtype?: string;
      markdown?: { content?: string };
      text?: { content?: string };
    };
    const content = body.msgtype === 'markdown' ? body.markdown?.content : body.text?.content;
    if (!content || !['markdown', 'text'].includes(body.msgtype ?? ''))
      return { answer: { errcode: 40008, errmsg: 'invalid message type' } };
    if (Buffer.byteLength(content) > (body.msgtype === 'markdown' ? 4096 : 2048))
      return { answer: { errcode: 40058, errmsg: 'content exceed max length' } };
    if (!allow()) return { answer: { errcode: 45009, errmsg: 'api freq out of limit' } };
    return { answer: { errcode: 0, errmsg: 'ok' }, accepted: body };
  });
}

export function feishuBot(secret: string, now: () => number) {
  return serve((req, raw) => {
    const body = JSON.parse(raw) as {
      timestamp?: string;
      sign?: string;
      msg_type?: string;
      card?: { header?: unknown; elements?: unknown[] };
    };
    const ts = Number(body.timestamp);
    const expected = createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
    if (!/^\d+$/.test(body.timestamp ?? '') || Math.abs(now() / 1000 - ts) > 3600 || body.sign !== expected)
      return {
        answer: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' },
      };
    if (body.msg_type !== 'interactive' || !body.card?.header || !body.card.elements?.length)
      return { answer: { code: 9499, msg: 'Bad Request' } };
    return { answer: { code: 0, msg: 'success' }, accepted: body };
  });
}

const enc = (v: string) =>
  encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function aliyunSms(accessKeyId: string, secret: string, now: () => number) {
  return serve((req, raw) => {
    const params = Object.fromEntries(new URLSearchParams(raw));
    const { Signature, ...rest } = params;
    const query = Object.keys(rest)
      .sort()
      .map((k) => `${enc(k)}=${enc(rest[k] as string)}`)
      .join('&');
    const expected = createHmac('sha1', `${secret}&`)
      .update(`POST&%2F&${enc(query)}`)
      .digest('base64');
    if (rest.AccessKeyId !== accessKeyId) return { answer: { Code: 'InvalidAccessKeyId.NotFound' } };
    if (Signature !== expected)
      return { answer: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' } };
    if (Math.abs(now() - Date.parse(rest.Timestamp ?? '')) > 15 * 60_000)
      return { answer: { Code: 'InvalidTimeStamp.Expired' } };
    if (
      rest.Action !== 'SendSms' ||
      rest.Version !== '2017-05-25' ||
      rest.SignatureMethod !== 'HMAC-SHA1' ||
      rest.SignatureVersion !== '1.0'
    )
      return { answer: { Code: 'MissingParameter' } };
    if (!/^1\d{10}$/.test(rest.PhoneNumbers ?? '') || !rest.SignName || !rest.TemplateCode)
      return { answer: { Code: 'isv.MOBILE_NUMBER_ILLEGAL' } };
    JSON.parse(rest.TemplateParam ?? 'x');
    return { answer: { Code: 'OK', Message: 'OK', BizId: '1', RequestId: 'r' }, accepted: rest };
  });
}
