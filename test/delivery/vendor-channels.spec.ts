/**
 * Robots and SMS on the real stack: each notice reaches the local vendor receiver, which verifies the
 * signature and shape as the vendor documents; exactly once by key; the 20-a-minute limit queues
 * without loss; one SMS per person per obligation per day; no secret in last_error.
 */
import type { DataSource } from 'typeorm';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { openDatabase } from '../../db/data-source';
import { DeliveryEntity } from '../../db/entities';
import { shanghaiInstant } from '../../domain';
import { departmentWithProject } from './delivery-fixtures';
import { aliyunSms, dingtalkRobot, feishuBot, wecomRobot } from './vendor-receivers/robots';

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
});
afterAll(() => dataSource.destroy());

const clock = (start: number) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

const statuses = async (ids: string[]) =>
  (
    await dataSource
      .getRepository(DeliveryEntity)
      .find({ where: ids.map((notificationId) => ({ notificationId })) })
  )
    .map((d) => d.status)
    .sort();

it('DingTalk: 25 notices to one robot go out 20 in the first minute, the rest after, none twice', async () => {
  const wall = clock(Date.now());
  const robot = await dingtalkRobot('SECtest-secret-123', 'tok-abc', wall.now);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      dingtalkUrl: `${robot.base}/robot/send?access_token=tok-abc`,
      dingtalkSecret: 'SECtest-secret-123',
      dingtalkAtMobiles: ['13800138000'],
      dingtalkEnabled: true,
    });
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1) ids.push((await fixture.notify({})).id);
    const time = clock(shanghaiInstant('2026-12-01', 9));
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: time.now,
      vendorNow: wall.now,
    });
    await dispatcher.runOnce();
    expect(robot.state.accepted).toHaveLength(20);
    expect(robot.state.refused).toEqual([]);
    expect((await statuses(ids)).filter((s) => s === 'sent')).toHaveLength(20);
    wall.advance(61_000);
    time.advance(61_000);
    await dispatcher.runOnce();
    expect(robot.state.accepted).toHaveLength(25);
    expect(new Set(robot.state.keys).size).toBe(25);
    expect(await statuses(ids)).toEqual(Array(25).fill('sent'));
    const first = robot.state.accepted[0] as { markdown: { text: string }; at: { atMobiles: string[] } };
    expect(first.markdown.text).toContain('事项：合同备案');
    expect(first.markdown.text).toContain('@13800138000');
  } finally {
    await robot.close();
  }
});

it('DingTalk: a robot answering 130101 is retried later, not dead-lettered; a wrong secret fails with 310000 and no secret in last_error', async () => {
  const wall = clock(Date.now());
  const robot = await dingtalkRobot('SECright-secret-1', 'tok', wall.now, 1);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      dingtalkUrl: `${robot.base}/robot/send?access_token=tok`,
      dingtalkSecret: 'SECright-secret-1',
      dingtalkEnabled: true,
    });
    const a = await fixture.notify({});
    const b = await fixture.notify({});
    const time = clock(shanghaiInstant('2026-12-01', 9));
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: time.now,
      vendorNow: wall.now,
    });
    await dispatcher.runOnce();
    // Our window says 20, the robot says 1: the second call is answered 130101 and waits.
    expect(robot.state.accepted).toHaveLength(1);
    const both = await dataSource.getRepository(DeliveryEntity).find({
      where: [{ notificationId: a.id }, { notificationId: b.id }],
    });
    const waiting = both.find((d) => d.status !== 'sent');
    expect(both.filter((d) => d.status === 'sent')).toHaveLength(1);
    expect(waiting?.status).toBe('pending');
    expect(waiting?.attempts).toBe(0);
    expect(waiting?.lastError).toContain('130101');
    wall.advance(61_000);
    time.advance(61_000);
    await dispatcher.runOnce();
    expect(await statuses([a.id, b.id])).toEqual(['sent', 'sent']);

    const wrong = await departmentWithProject(dataSource, {
      emailEnabled: false,
      dingtalkUrl: `${robot.base}/robot/send?access_token=tok`,
      dingtalkSecret: 'SECwrong-secret-9',
      dingtalkEnabled: true,
    });
    const c = await wrong.notify({});
    wall.advance(61_000);
    await dispatcher.runOnce();
    const [failed] = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: c.id });
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toContain('310000');
    expect(failed?.lastError).not.toContain('SECwrong');
  } finally {
    await robot.close();
  }
});

it('WeCom markdown within 4096 bytes and Feishu signed card reach their receivers once', async () => {
  const wall = clock(Date.now());
  const wecom = await wecomRobot('wecom-key-0001', wall.now);
  const feishu = await feishuBot('feishu-secret', wall.now);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      wecomUrl: `${wecom.base}/cgi-bin/webhook/send?key=wecom-key-0001`,
      wecomEnabled: true,
      feishuUrl: `${feishu.base}/open-apis/bot/v2/hook/abc`,
      feishuSecret: 'feishu-secret',
      feishuEnabled: true,
    });
    const n = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: clock(shanghaiInstant('2026-12-01', 9)).now,
      vendorNow: wall.now,
    });
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(wecom.state.accepted).toHaveLength(1);
    expect(feishu.state.accepted).toHaveLength(1);
    expect(JSON.stringify(wecom.state.accepted[0])).toContain('已逾期 1 天');
    const deliveries = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: n.id });
    expect(deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(deliveries.map((d) => d.recipient).join()).not.toContain('wecom-key-0001');
  } finally {
    await wecom.close();
    await feishu.close();
  }
});

it('Alibaba Cloud SMS: signed SendSms with a template, at most one per person per obligation per day', async () => {
  const wall = clock(Date.now());
  const sms = await aliyunSms('ak-id', 'ak-secret', wall.now);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      smsProvider: 'aliyun',
      smsRecipients: ['13900139000'],
      smsEnabled: true,
    });
    const first = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    const second = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    const options = {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: clock(shanghaiInstant('2026-12-01', 9)).now,
      vendorNow: wall.now,
      sms: {
        aliyun: {
          endpoint: `${sms.base}/`,
          accessKeyId: 'ak-id',
          accessKeySecret: 'ak-secret',
          signName: '期限监管',
          templates: { 'overdue-notice': 'SMS_1' },
        },
      },
    };
    // Two dispatchers at once: the day's row in sms_sends lets only one SMS through.
    await Promise.all([
      new Dispatcher(dataSource, options).runOnce(),
      new Dispatcher(dataSource, options).runOnce(),
    ]);
    expect(sms.state.refused).toEqual([]);
    expect(sms.state.accepted).toHaveLength(1);
    expect(sms.state.accepted[0]).toMatchObject({
      PhoneNumbers: '13900139000',
      TemplateCode: 'SMS_1',
      SignName: '期限监管',
    });
    expect(JSON.parse(String(sms.state.accepted[0]?.TemplateParam))).toMatchObject({
      item: '合同备案',
      status: '已逾期1天',
    });
    expect(await statuses([first.id, second.id])).toEqual(['cancelled', 'sent']);
  } finally {
    await sms.close();
  }
});
