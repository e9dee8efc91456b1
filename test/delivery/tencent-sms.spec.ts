/**
 * tencent-sms.channel.ts against a local Tencent Cloud SMS that verifies TC3-HMAC-SHA256 as documented:
 * a signed SendSms with the template's parameters goes out once; a wrong key, a stale timestamp or a
 * parameter list that does not fit the approved template is refused and fails the delivery without
 * echoing the key; a frequency-limit answer defers the delivery instead of failing it.
 */
import type { DataSource } from 'typeorm';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import type { TencentSmsConfig } from '../../apps/dispatcher/sms.config';
import { sendTencentSms } from '../../apps/dispatcher/tencent-sms.channel';
import { RateLimitedError, VendorRefusedError } from '../../apps/dispatcher/robot';
import { AllowList } from '../../net/address-policy';
import { openDatabase } from '../../db/data-source';
import { DeliveryEntity } from '../../db/entities';
import { shanghaiInstant } from '../../domain';
import { departmentWithProject } from './delivery-fixtures';
import { tencentSms } from './vendor-receivers/tencent-sms';

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
});
afterAll(() => dataSource.destroy());

const account = {
  secretId: 'AKIDtencent-id-01',
  secretKey: 'tencent-secret-key-01',
  sdkAppId: '1400000001',
  signName: '期限监管',
  templates: { '1001': 4, '1002': 3 },
};
const businessNow = shanghaiInstant('2026-12-01', 9);
const net = { allow: new AllowList(['127.0.0.1']), timeoutMs: 5_000 };

const configFor = (endpoint: string, over: Partial<TencentSmsConfig> = {}): TencentSmsConfig => ({
  endpoint,
  secretId: account.secretId,
  secretKey: account.secretKey,
  sdkAppId: account.sdkAppId,
  signName: account.signName,
  region: 'ap-guangzhou',
  templates: { 'overdue-notice': '1001' },
  ...over,
});

it('sends a signed SendSms with the template parameters, once per person per obligation per day', async () => {
  const wall = Date.now();
  const sms = await tencentSms(account, () => wall);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      smsProvider: 'tencent',
      smsRecipients: ['13900139222'],
      smsEnabled: true,
    });
    const first = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    const second = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    const options = {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: () => businessNow,
      vendorNow: () => wall,
      sms: { tencent: configFor(sms.base) },
    };
    await new Dispatcher(dataSource, options).runOnce();
    expect(sms.state.refused).toEqual([]);
    expect(sms.state.accepted).toHaveLength(1);
    expect(sms.state.accepted[0]).toMatchObject({
      PhoneNumberSet: ['+8613900139222'],
      SmsSdkAppId: '1400000001',
      SignName: '期限监管',
      TemplateId: '1001',
      // project, item, due date, status: the approved template's four variables, in order.
      TemplateParamSet: ['投递测试项目', '合同备案', '2026-11-30', '已逾期1天'],
    });
    const statuses = (
      await dataSource.getRepository(DeliveryEntity).find({
        where: [{ notificationId: first.id }, { notificationId: second.id }],
      })
    )
      .map((d) => d.status)
      .sort();
    expect(statuses).toEqual(['cancelled', 'sent']);
  } finally {
    await sms.close();
  }
});

it('is refused for a wrong key, a stale timestamp or parameters that do not fit the template', async () => {
  const wall = Date.now();
  const sms = await tencentSms(account, () => wall);
  try {
    const fixture = await departmentWithProject(dataSource, {});
    const n = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    const refusal = async (config: TencentSmsConfig, signedAt = wall) => {
      const error = await sendTencentSms(n, '13900139333', config, net, businessNow, signedAt).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(VendorRefusedError);
      return (error as Error).message;
    };
    const wrongKey = await refusal(configFor(sms.base, { secretKey: 'not-the-key-000' }));
    expect(wrongKey).toContain('AuthFailure.SignatureFailure');
    expect(wrongKey).not.toContain('not-the-key');
    expect(await refusal(configFor(sms.base), wall - 6 * 60_000)).toContain('AuthFailure.SignatureExpire');
    expect(await refusal(configFor(sms.base, { secretId: 'AKIDother' }))).toContain(
      'AuthFailure.SecretIdNotFound',
    );
    // Template 1002 has three variables; the sender fills four.
    expect(await refusal(configFor(sms.base, { templates: { 'overdue-notice': '1002' } }))).toContain(
      'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
    );
    expect(await refusal(configFor(sms.base, { templates: {} }))).toContain('TENCENT_SMS_TEMPLATES');
    expect(sms.state.accepted).toEqual([]);
    // The right key, at the right time, goes through: the refusals above were for their reasons alone.
    await sendTencentSms(n, '13900139333', configFor(sms.base), net, businessNow, wall);
    expect(sms.state.accepted).toHaveLength(1);
  } finally {
    await sms.close();
  }
});

it('defers on a frequency limit (per number or per call) and sends once the limit has passed', async () => {
  const wall = { t: Date.now() };
  const biz = { t: businessNow };
  const sms = await tencentSms(account, () => wall.t);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      smsProvider: 'tencent',
      smsRecipients: ['13900139444'],
      smsEnabled: true,
    });
    const n = await fixture.notify({ kind: 'overdue-notice', dueOn: '2026-11-30' });
    // Unlimited first: the same call goes through, so the limit below is the only reason it waits.
    await sendTencentSms(n, '13900139444', configFor(sms.base), net, businessNow, wall.t);
    sms.state.accepted.length = 0;

    sms.state.failWith = 'RequestLimitExceeded';
    const perCall = await sendTencentSms(
      n,
      '13900139444',
      configFor(sms.base),
      net,
      businessNow,
      wall.t,
    ).catch((e: unknown) => e);
    expect(perCall).toBeInstanceOf(RateLimitedError);

    sms.state.failWith = 'LimitExceeded.PhoneNumberOneHourLimit';
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: () => biz.t,
      vendorNow: () => wall.t,
      sms: { tencent: configFor(sms.base) },
    });
    await dispatcher.runOnce();
    const [waiting] = await dataSource
      .getRepository(DeliveryEntity)
      .findBy({ notificationId: n.id, channel: 'sms' });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(waiting?.lastError).toContain('LimitExceeded.PhoneNumberOneHourLimit');
    // An hour later on the dispatcher's clock: the limit is per hour for this code.
    expect(waiting?.nextAttemptAt.getTime()).toBe(businessNow + 3_600_000);

    sms.state.failWith = null;
    wall.t += 3_600_001;
    biz.t += 3_600_001;
    await dispatcher.runOnce();
    const [sent] = await dataSource
      .getRepository(DeliveryEntity)
      .findBy({ notificationId: n.id, channel: 'sms' });
    expect(sent?.status).toBe('sent');
    expect(sms.state.accepted).toHaveLength(1);
  } finally {
    await sms.close();
  }
});
