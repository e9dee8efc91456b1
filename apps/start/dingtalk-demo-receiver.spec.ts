import type { NotificationEntity } from '../../db/entities';
import { AllowList } from '../../net/address-policy';
import { sendDingtalk, signedDingtalkUrl } from '../dispatcher/dingtalk.channel';
import { VendorRefusedError } from '../dispatcher/robot';
import { checkDingtalkCall, startDingtalkDemoReceiver } from './dingtalk-demo-receiver';

const robot = { token: 'tok-demo', secret: 'SECdemo-secret-0001' };
const notice = {
  id: '1',
  dedupeKey: 'p|contract.filing|overdue|2026-11-30',
  projectId: 'p',
  departmentId: 'dept-a',
  obligationKey: 'contract.filing',
  kind: 'overdue-notice',
  audience: 'department',
  dueOn: '2026-11-30',
  payload: {
    projectName: '一网通办平台升级',
    departmentName: '市数据局',
    title: '合同备案',
    basis: '第十三条',
    message: '',
  },
} as unknown as NotificationEntity;
const target = (url: string, secret = robot.secret) => ({
  url,
  secret,
  atMobiles: ['13800138000'],
  allow: new AllowList(['127.0.0.1']),
  timeoutMs: 5_000,
});

it('prints the verified markdown of a signed call, and refuses a wrong secret or a stale timestamp', async () => {
  const printed: string[] = [];
  const receiver = await startDingtalkDemoReceiver(0, robot, (line) => printed.push(line));
  try {
    await sendDingtalk(notice, target(receiver.url), Date.parse('2026-12-01T01:00:00Z'), Date.now());
    expect(receiver.received()).toBe(1);
    expect(printed[0]).toContain('[钉钉群机器人 · 签名已验证] 【已逾期】一网通办平台升级 · 合同备案');
    expect(printed[0]).toContain('事项：合同备案');
    expect(printed[0]).toContain('@13800138000');

    const wrong = sendDingtalk(notice, target(receiver.url, 'SECnot-the-secret'), Date.now(), Date.now());
    await expect(wrong).rejects.toThrow(VendorRefusedError);
    await expect(wrong).rejects.toThrow('310000');
    const stale = sendDingtalk(notice, target(receiver.url), Date.now(), Date.now() - 3_700_000);
    await expect(stale).rejects.toThrow('310000');
    expect(receiver.received()).toBe(1);
    expect(printed.slice(1).every((l) => l.includes('拒收'))).toBe(true);
  } finally {
    await receiver.stop();
  }
});

it('checks the token, the message shape and that each @ is named in the text', () => {
  const now = Date.now();
  const url = (token: string) =>
    new URL(signedDingtalkUrl(`http://x/robot/send?access_token=${token}`, robot.secret, now));
  const body = (over: object) =>
    JSON.stringify({
      msgtype: 'markdown',
      markdown: { title: 't', text: 'x' },
      at: { isAtAll: false },
      ...over,
    });
  expect(checkDingtalkCall(url('other'), body({}), robot, now)).toMatchObject({
    ok: false,
    answer: { errcode: 300001 },
  });
  expect(checkDingtalkCall(url(robot.token), body({ msgtype: 'text' }), robot, now)).toMatchObject({
    answer: { errcode: 40035 },
  });
  expect(
    checkDingtalkCall(
      url(robot.token),
      body({ at: { atMobiles: ['13800138000'], isAtAll: false } }),
      robot,
      now,
    ),
  ).toMatchObject({ answer: { errcode: 40035, errmsg: 'at missing in text' } });
  expect(checkDingtalkCall(url(robot.token), body({}), robot, now)).toMatchObject({ ok: true });
});
