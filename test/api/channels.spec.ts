/**
 * A department's DingTalk, WeCom, Feishu and SMS settings over HTTP: secrets (and the robots' URLs,
 * whose token is one) are write-only, a mistake names its field in Chinese and changes nothing, the
 * allow-list applies to every robot address, and each change and refusal is audited without a secret.
 */
import { randomUUID } from 'node:crypto';
import { AuditEntryEntity, DepartmentChannelEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem({ webhookAllow: [] });
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const code = `dept-ch-${randomUUID().slice(0, 6)}`;
const path = `/api/v1/departments/${code}/channels`;
const put = async (body: unknown, lang = 'zh-CN') =>
  system
    .http()
    .put(path)
    .set(await as('admin'))
    .set('Accept-Language', lang)
    .send(body as object);
const saved200 = async (body: unknown) => {
  const res = await put(body);
  expect([res.status, res.body.detail]).toEqual([200, undefined]);
  return res;
};
const audits = (action: string) =>
  system.dataSource
    .getRepository(AuditEntryEntity)
    .createQueryBuilder('a')
    .where('a.action = :action', { action })
    .andWhere(`a.details->>'departmentId' = :code`, { code })
    .orderBy('a.id', 'ASC')
    .getMany();

const DING = 'https://8.8.8.8/robot/send?access_token=ding-token-secret-1';
const WECOM = 'https://8.8.4.4/cgi-bin/webhook/send?key=wecom-key-secret-2';
const FEISHU = 'https://1.1.1.1/open-apis/bot/v2/hook/feishu-hook-secret-3';

beforeAll(async () => {
  await system
    .http()
    .post('/api/v1/departments')
    .set(await as('admin'))
    .send({ code, name: '市渠道测试局', contacts: [] })
    .expect(201);
});

it('saves robot and SMS settings, answering secrets only as set and robot URLs masked', async () => {
  const saved = await saved200({
    dingtalkUrl: DING,
    dingtalkSecret: 'SECding-secret-0001',
    dingtalkAtMobiles: ['13800138000'],
    dingtalkEnabled: true,
    wecomUrl: WECOM,
    wecomEnabled: true,
    feishuUrl: FEISHU,
    feishuSecret: 'feishu-secret-0002',
    feishuEnabled: true,
    smsProvider: 'tencent',
    smsRecipients: ['13900139000'],
    smsEnabled: true,
  });
  expect(saved.body).toMatchObject({
    dingtalkUrl: 'https://8.8.8.8/robot/send?access_token=***',
    dingtalkSecretSet: true,
    dingtalkAtMobiles: ['13800138000'],
    dingtalkEnabled: true,
    wecomUrl: 'https://8.8.4.4/cgi-bin/webhook/send?key=***',
    wecomEnabled: true,
    feishuUrl: 'https://1.1.1.1/open-apis/bot/v2/hook/***',
    feishuSecretSet: true,
    smsProvider: 'tencent',
    smsRecipients: ['13900139000'],
    smsEnabled: true,
  });
  const got = await system
    .http()
    .get(path)
    .set(await as('operator'))
    .expect(200);
  for (const answer of [JSON.stringify(saved.body), JSON.stringify(got.body)])
    for (const secret of [
      'ding-token-secret',
      'SECding',
      'wecom-key-secret',
      'feishu-hook-secret',
      'feishu-secret-0002',
    ])
      expect(answer).not.toContain(secret);
  const stored = await system.dataSource
    .getRepository(DepartmentChannelEntity)
    .findOneByOrFail({ departmentId: code });
  expect(stored).toMatchObject({ dingtalkUrl: DING, dingtalkSecret: 'SECding-secret-0001', wecomUrl: WECOM });

  const [audit] = await audits('channels.updated');
  expect(audit?.details).toMatchObject({
    dingtalkSecretChanged: true,
    feishuSecretChanged: true,
    dingtalkUrl: 'https://8.8.8.8/robot/send?access_token=***',
    smsProvider: 'tencent',
  });
  expect(JSON.stringify(audit?.details)).not.toMatch(/secret-000|token-secret|key-secret|hook-secret/);

  // Leaving a field out keeps it: switching one robot off touches nothing else.
  const off = await saved200({ wecomEnabled: false });
  expect(off.body).toMatchObject({ wecomEnabled: false, dingtalkEnabled: true, dingtalkSecretSet: true });
});

it.each([
  [{ dingtalkUrl: 'http://127.0.0.1:9/robot/send?access_token=x' }, 422, '「dingtalkUrl」', '内网或保留地址'],
  [{ feishuUrl: 'http://169.254.169.254/open-apis/bot/v2/hook/x' }, 422, '「feishuUrl」', '内网或保留地址'],
  [{ wecomUrl: 'http://10.0.0.8/cgi-bin/webhook/send?key=k' }, 422, '「wecomUrl」', '内网或保留地址'],
  [{ dingtalkUrl: 'https://8.8.8.8/robot/send?access_token=***' }, 422, '「dingtalkUrl」', '打码'],
  [{ dingtalkSecret: null, dingtalkEnabled: true }, 422, '「dingtalkEnabled」', '「dingtalkSecret」'],
  [{ smsProvider: null, smsEnabled: true }, 422, '「smsEnabled」', 'smsProvider'],
  [{ smsRecipients: [], smsEnabled: true, smsProvider: 'aliyun' }, 422, '「smsRecipients」', '联系人'],
  [{ dingtalkAtMobiles: ['12345'] }, 400, '「dingtalkAtMobiles」', '手机号'],
  [{ smsProvider: 'sms-cheap' }, 400, '「smsProvider」', 'aliyun'],
  [{ feishuUrl: 'not a url' }, 400, '「feishuUrl」', ''],
  [{ emails: null }, 400, '「emails」', ''],
  [{ dingtalkEnabled: 'yes' }, 400, '「dingtalkEnabled」', 'true 或 false'],
])('refuses %j naming the field, changing nothing', async (body, status, field, words) => {
  const before = await system.dataSource
    .getRepository(DepartmentChannelEntity)
    .findOneBy({ departmentId: code });
  const refusedBefore = (await audits('channels.refused')).length;
  const res = await put(body);
  expect(res.status).toBe(status);
  expect(res.body.detail).toContain(field);
  expect(res.body.detail).toContain(words);
  const after = await system.dataSource
    .getRepository(DepartmentChannelEntity)
    .findOneBy({ departmentId: code });
  expect(after).toEqual(before);
  if (status === 400) {
    const [entry] = await system.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'request.refused' AND details->>'route' = $1
        ORDER BY id DESC LIMIT 1`,
      ['/api/v1/departments/:id/channels'],
    );
    expect(entry?.details).toMatchObject({ method: 'PUT', status: 400 });
    expect(entry?.details.detail).toContain(field);
  }
  if (status === 422) {
    const refused = await audits('channels.refused');
    expect(refused).toHaveLength(refusedBefore + 1);
    expect(JSON.stringify(refused.at(-1)?.details)).not.toMatch(/access_token=x|key=k/);
  }
});

it('answers in English when asked, and an SMS may reach the contacts alone', async () => {
  const en = await put({ smsProvider: null, smsEnabled: true }, 'en');
  expect(en.status).toBe(422);
  expect(en.body.detail).toContain('smsProvider');
  expect(en.body.detail).not.toMatch(/[\u4e00-\u9fff]/);
  const robotEn = await put({ feishuSecret: null, feishuEnabled: true }, 'en');
  expect(robotEn.status).toBe(422);
  expect(robotEn.body.detail).toContain('feishuSecret');
  expect(robotEn.body.detail).not.toMatch(/[\u4e00-\u9fff]/);

  await system
    .http()
    .patch(`/api/v1/departments/${code}`)
    .set(await as('admin'))
    .send({
      contacts: [
        { name: '王科长', phone: '13700137000' },
        { name: '李主任', phone: '010-12345678' },
        { name: '赵局长', phone: '13600136000', role: 'head' },
      ],
    })
    .expect(200);
  const res = await saved200({ smsRecipients: [], smsProvider: 'aliyun', smsEnabled: true });
  // A landline cannot take an SMS; the head is reached once a notice escalates to the head.
  expect(res.body).toMatchObject({
    smsRecipients: [],
    smsContacts: ['13700137000'],
    smsHeads: ['13600136000'],
  });
});

it("keeps another department's settings out of reach and bureau operators read-only", async () => {
  await system
    .http()
    .get(path)
    .set(await as('dept-a'))
    .expect(404);
  await system
    .http()
    .put(path)
    .set(await as('dept-a'))
    .send({ dingtalkEnabled: false })
    .expect(404);
  await system
    .http()
    .put(path)
    .set(await as('operator'))
    .send({ dingtalkEnabled: false })
    .expect(403);
  const own = await system
    .http()
    .get('/api/v1/departments/dept-a/channels')
    .set(await as('dept-a'))
    .expect(200);
  expect(own.body).toHaveProperty('dingtalkSecretSet');
});
