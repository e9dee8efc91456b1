/**
 * A DingTalk-style group robot for the demo (and the tests' local DingTalk): it checks each call as
 * DingTalk documents for a robot with 加签 (https://open.dingtalk.com/document/robots/customize-robot-security-settings):
 * the access_token in the URL, a `timestamp` (ms) within an hour of its own clock, and
 * `sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret)))`, recomputed here
 * independently of the sender; then the markdown message shape and that each @'d mobile is named in
 * the text. It answers DingTalk's own codes, and the demo prints every verified message.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DingtalkMarkdown {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
  at: { atMobiles?: string[]; isAtAll: boolean };
}

export type DingtalkCheck =
  { ok: true; message: DingtalkMarkdown } | { ok: false; answer: { errcode: number; errmsg: string } };

/** DingTalk allows the signature's timestamp at most an hour from its clock. */
const WINDOW_MS = 3_600_000;

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Verifies one call to `/robot/send?access_token=…&timestamp=…&sign=…` with its JSON body. */
export function checkDingtalkCall(
  url: URL,
  body: string,
  robot: { token: string; secret: string },
  now: number,
): DingtalkCheck {
  const refuse = (errcode: number, errmsg: string): DingtalkCheck => ({
    ok: false,
    answer: { errcode, errmsg },
  });
  if (url.searchParams.get('access_token') !== robot.token) return refuse(300001, 'token is not exist');
  const timestamp = url.searchParams.get('timestamp') ?? '';
  // URLSearchParams has already undone the sender's urlencode, so this compares the base64 itself.
  const sign = url.searchParams.get('sign') ?? '';
  const expected = createHmac('sha256', robot.secret)
    .update(`${timestamp}\n${robot.secret}`)
    .digest('base64');
  if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > WINDOW_MS)
    return refuse(310000, 'sign not match, timestamp is out of the one-hour window');
  if (!same(sign, expected)) return refuse(310000, 'sign not match');
  let parsed: Partial<DingtalkMarkdown>;
  try {
    parsed = JSON.parse(body) as Partial<DingtalkMarkdown>;
  } catch {
    return refuse(40035, 'param error: body is not JSON');
  }
  const { msgtype, markdown, at } = parsed;
  if (msgtype !== 'markdown' || !markdown?.title || !markdown.text || at?.isAtAll !== false)
    return refuse(40035, 'param error');
  for (const mobile of at.atMobiles ?? [])
    if (!markdown.text.includes(`@${mobile}`)) return refuse(40035, 'at missing in text');
  return { ok: true, message: parsed as DingtalkMarkdown };
}

/** The demo's robot: prints each verified markdown message, answers DingTalk's codes. */
export function startDingtalkDemoReceiver(
  port: number,
  robot: { token: string; secret: string },
  print: (line: string) => void = console.log,
): Promise<{ url: string; received: () => number; stop(): Promise<void> }> {
  let received = 0;
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const check = checkDingtalkCall(new URL(req.url ?? '/', 'http://demo'), body, robot, Date.now());
    if (check.ok) {
      received += 1;
      const quoted = check.message.markdown.text
        .split('\n')
        .map((line) => `    │ ${line}`.trimEnd())
        .join('\n');
      print(`  [钉钉群机器人 · 签名已验证] ${check.message.markdown.title}\n${quoted}`);
    } else print(`  [钉钉群机器人] 拒收：errcode ${check.answer.errcode} ${check.answer.errmsg}`);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(check.ok ? { errcode: 0, errmsg: 'ok' } : check.answer));
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=${robot.token}`,
        received: () => received,
        stop: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}
