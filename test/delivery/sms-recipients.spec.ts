/**
 * Who gets an SMS: the department's contacts with a mobile and its listed mobiles for a department
 * notice, its head too once the notice reaches the head's tier, the bureau's leadership at the last
 * tier; no landline; and only notice kinds with an approved template (SMS carries no free text).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { openDatabase } from '../../db/data-source';
import { DeliveryEntity, DepartmentEntity, UserEntity } from '../../db/entities';
import { insertAccount } from '../../db/repositories/accounts.repository';
import { smsPeopleOf, smsRecipientsFor } from '../../db/sms-recipients';
import { shanghaiInstant } from '../../domain';
import { departmentWithProject } from './delivery-fixtures';
import { aliyunSms } from './vendor-receivers/robots';

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
});
afterAll(() => dataSource.destroy());

it('picks mobiles by tier: staff, then the head, then the leadership; landlines and repeats left out', () => {
  const people = smsPeopleOf(
    [
      { name: '联络员', phone: '137 0013 7000' },
      { name: '办公室', phone: '010-12345678' },
      { name: '主任', phone: '13600136000', role: 'head' },
    ],
    ['13900139000', '13700137000'],
    ['13500135000', null],
  );
  expect(people).toEqual({ staff: ['13900139000', '13700137000'], heads: ['13600136000', '13500135000'] });
  expect(smsRecipientsFor('department', people, ['13300133000'])).toEqual(['13900139000', '13700137000']);
  expect(smsRecipientsFor('head', people, ['13300133000'])).toEqual([
    '13900139000',
    '13700137000',
    '13600136000',
    '13500135000',
  ]);
  expect(smsRecipientsFor('leadership', people, ['13300133000', '0431-8888888'])).toEqual([
    '13900139000',
    '13700137000',
    '13600136000',
    '13500135000',
    '13300133000',
  ]);
});

it('sends each tier its SMS through the provider, and none for a kind without a template', async () => {
  const wall = Date.now();
  const sms = await aliyunSms('ak-tier', 'ak-tier-secret', () => wall);
  const tag = randomUUID().slice(0, 6);
  try {
    const fixture = await departmentWithProject(dataSource, {
      emailEnabled: false,
      smsProvider: 'aliyun',
      smsRecipients: ['13900139111'],
      smsEnabled: true,
    });
    await dataSource.getRepository(DepartmentEntity).update(
      { id: fixture.departmentId },
      {
        contacts: [
          { name: '联络员', phone: '13700137111' },
          { name: '办公室', phone: '010-12345678' },
          { name: '王主任', phone: '13600136111', role: 'head' },
        ],
      },
    );
    const leader = await insertAccount(dataSource.manager, {
      username: `sms-leader-${tag}`,
      displayName: '局领导',
      role: 'admin',
      departmentId: null,
      email: null,
      passwordHash: 'scrypt$unused',
    });
    const leaderPhone = `133${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await dataSource
      .getRepository(UserEntity)
      .update({ id: leader.id }, { escalationRole: 'leadership', phone: leaderPhone });
    const notice = (kind: string, obligationKey: string) =>
      fixture.notify({
        kind,
        obligationKey,
        dueOn: '2026-11-20',
        audience: 'department-and-bureau',
      } as never);
    const reminder = await fixture.notify({ kind: 'reminder', obligationKey: 'plan.filing' });
    const overdue = await notice('overdue-notice', 'contract.filing');
    const head = await notice('escalation-head', 'acceptance.filing');
    const top = await notice('escalation-leadership', 'audit.filing');
    // The fixture files tier notices' obligations as open; these are overdue, so the notices still hold.
    await dataSource.query(
      `UPDATE obligations SET status = 'overdue' WHERE project_id = $1 AND key <> 'plan.filing'`,
      [fixture.projectId],
    );
    try {
      await new Dispatcher(dataSource, {
        allow: ['127.0.0.1'],
        settleMs: 0,
        email: null,
        now: () => shanghaiInstant('2026-12-01', 9),
        vendorNow: () => wall,
        sms: {
          aliyun: {
            endpoint: `${sms.base}/`,
            accessKeyId: 'ak-tier',
            accessKeySecret: 'ak-tier-secret',
            signName: '期限监管',
            templates: {
              'overdue-notice': 'SMS_1',
              'escalation-head': 'SMS_2',
              'escalation-leadership': 'SMS_3',
            },
          },
        },
      }).runOnce();
      const phones = async (id: string) =>
        (await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: id, channel: 'sms' }))
          .map((d) => `${d.recipient}:${d.status}`)
          .sort();
      expect(await phones(reminder.id)).toEqual([]);
      expect(await phones(overdue.id)).toEqual(['13700137111:sent', '13900139111:sent']);
      expect(await phones(head.id)).toEqual(['13600136111:sent', '13700137111:sent', '13900139111:sent']);
      // Other test files may flag leadership accounts of their own; this one's is among them.
      expect(await phones(top.id)).toEqual(
        expect.arrayContaining([
          '13600136111:sent',
          '13700137111:sent',
          '13900139111:sent',
          `${leaderPhone}:sent`,
        ]),
      );
      expect(sms.state.refused).toEqual([]);
      const templates = sms.state.accepted
        .filter((a) => ['13600136111', leaderPhone].includes(String(a.PhoneNumbers)))
        .map((a) => `${String(a.PhoneNumbers)}:${String(a.TemplateCode)}`)
        .sort();
      expect(templates).toEqual([`13600136111:SMS_2`, `13600136111:SMS_3`, `${leaderPhone}:SMS_3`].sort());
    } finally {
      await dataSource.getRepository(UserEntity).update({ id: leader.id }, { escalationRole: null });
    }
  } finally {
    await sms.close();
  }
});
