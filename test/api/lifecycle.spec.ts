/**
 * A notice's life cycle on the real stack: an overdue notice reaches the department's inbox and its
 * DingTalk robot (signature verified locally), the bureau sees on the overdue row whether the department
 * has read it, an urging (催办) goes out on the same channels, the department's answer (反馈) reaches
 * the urging operator and the bureau's inbox only, an unanswered urging past its date is late, and once
 * the fact is recorded the notices are resolved and sort after the live ones. Role checks for the urging
 * routes live here too (the route matrix is extended elsewhere).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { createEmailChannel } from '../../apps/dispatcher/email.channel';
import { idempotencyKeyOf } from '../../apps/dispatcher/message';
import { AuditEntryEntity, DepartmentEntity, NotificationEntity, UserEntity } from '../../db/entities';
import { hashPassword } from '../../db/password';
import { addDays, shanghaiDateOf, WorkingCalendar } from '../../domain';
import { dingtalkRobot } from '../delivery/vendor-receivers/robots';
import { PASSWORD, useSystem } from './api-harness';

const system = useSystem({ webhookAllow: ['127.0.0.1'] });
const cal = WorkingCalendar.standard();
const tag = randomUUID().slice(0, 6);
const dept = `dept-lc-${tag}`;
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let robot: Awaited<ReturnType<typeof dingtalkRobot>>;

interface InboxItem {
  id: string;
  kind: string;
  projectId: string;
  live: boolean;
  resolved: boolean;
  resolution: string | null;
  resolvedReason: string | null;
  message: string;
}

const inbox = async (who: string): Promise<InboxItem[]> =>
  (
    await system
      .http()
      .get('/api/v1/inbox?pageSize=200')
      .set(await as(who))
      .expect(200)
  ).body.items;

const dispatch = () =>
  new Dispatcher(system.dataSource, {
    allow: ['127.0.0.1'],
    settleMs: 0,
    email: createEmailChannel(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`),
  }).runOnce();

const mailsOf = async (notificationId: string) => {
  const n = await system.dataSource.getRepository(NotificationEntity).findOneByOrFail({ id: notificationId });
  return mails.filter((m) => m.raw.includes(idempotencyKeyOf(n))).flatMap((m) => m.to);
};

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  robot = await dingtalkRobot('SEClifecycle-secret-01', `tok-${tag}`, Date.now);
  await system.dataSource.getRepository(DepartmentEntity).insert({ id: dept, name: `生命周期测试局${tag}` });
  const passwordHash = await hashPassword(PASSWORD);
  const users = system.dataSource.getRepository(UserEntity);
  await users.insert([
    {
      id: `user-lc-dept-${tag}`,
      username: `lc-dept-${tag}`,
      displayName: '部门经办人',
      role: 'department',
      departmentId: dept,
      passwordHash,
    },
    {
      id: `user-lc-op-${tag}`,
      username: `lc-op-${tag}`,
      displayName: '督办员',
      role: 'operator',
      departmentId: null,
      email: `op-${tag}@bureau.example.gov.cn`,
      passwordHash,
    },
  ]);
  await system
    .http()
    .put(`/api/v1/departments/${dept}/channels`)
    .set(await as(`lc-dept-${tag}`))
    .send({
      emails: [`staff-${tag}@dept.example.gov.cn`],
      emailEnabled: true,
      dingtalkUrl: `${robot.base}/robot/send?access_token=tok-${tag}`,
      dingtalkSecret: 'SEClifecycle-secret-01',
      dingtalkEnabled: true,
    })
    .expect(200);
});

// Later files share the database: an operator with an e-mail would get every bureau notice they send.
// (afterEach: by afterAll the harness has closed the database.)
afterEach(async () => {
  await system.dataSource.getRepository(UserEntity).update({ id: `user-lc-op-${tag}` }, { email: null });
});

afterAll(async () => {
  await robot.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

it('follows an overdue notice through read receipts, 催办, 反馈, lateness and resolution', async () => {
  const staff = await as(`lc-dept-${tag}`);
  const op = await as(`lc-op-${tag}`);
  const today = shanghaiDateOf(Date.now());
  const project = (
    await system
      .http()
      .post('/api/v1/projects')
      .set(staff)
      .send({ name: `生命周期项目${tag}`, policy: 'shandong', planYear: 2027, investment: 1 })
      .expect(201)
  ).body.id as string;
  await system
    .http()
    .post(`/api/v1/projects/${project}/events`)
    .set(staff)
    .send({ type: 'contract.signed', on: cal.subtractWorkingDays(today, 9) })
    .expect(200);
  await dispatch();

  // The overdue notice: in the department's inbox, on its robot (the robot verified the signature).
  const overdue = (await inbox(`lc-dept-${tag}`)).find(
    (i) => i.projectId === project && i.kind === 'overdue-notice',
  );
  expect(overdue).toMatchObject({ live: true, resolved: false });
  const onRobot = () =>
    robot.state.accepted.map((a) => JSON.stringify(a)).filter((a) => a.includes(`生命周期项目${tag}`));
  expect(onRobot().filter((a) => a.includes('【已逾期】'))).toHaveLength(1);
  expect(robot.state.refused).toEqual([]);

  // The bureau's overdue row says whether the department has opened its notices.
  const row = async () =>
    (
      await system.http().get(`/api/v1/oversight/overdue?department=${dept}`).set(op).expect(200)
    ).body.items.find(
      (i: { projectId: string; obligation: string }) =>
        i.projectId === project && i.obligation === 'contract.filing',
    );
  expect(await row()).toMatchObject({ read: false, notices: { notices: 1, read: 0, firstReadAt: null } });
  const opened = await system.http().get(`/api/v1/notifications/${overdue?.id}`).set(staff).expect(200);
  expect(opened.body.readBy).toEqual([
    expect.objectContaining({ username: `lc-dept-${tag}`, role: 'department' }),
  ]);
  expect(await row()).toMatchObject({ read: true, notices: { notices: 1, read: 1 } });

  // Role checks on the urging routes: only bureau staff urge; only the urged department answers.
  const urgePath = `/api/v1/projects/${project}/obligations/contract.filing/urgings`;
  await system.http().post(urgePath).set(staff).send({ message: '自己催自己', answerBy: today }).expect(403);
  const notOverdue = await system
    .http()
    .post(`/api/v1/projects/${project}/obligations/plan.filing/urgings`)
    .set(op)
    .send({ message: '请办理', answerBy: today });
  expect([404, 409]).toContain(notOverdue.status);
  const bad = await system
    .http()
    .post(urgePath)
    .set(op)
    .send({ message: ' ', answerBy: addDays(today, -1) })
    .expect(400);
  expect(bad.body.detail).toContain('「message」');

  // 催办: to the department's inbox, its robot and its e-mail.
  const urged = await system
    .http()
    .post(urgePath)
    .set(op)
    .send({ message: '请本周内完成合同备案并说明原因', answerBy: today })
    .expect(201);
  expect(urged.body).toMatchObject({ state: 'open', late: false, answer: null });
  await dispatch();
  const urgingNotice = (await inbox(`lc-dept-${tag}`)).find((i) => i.id === urged.body.notificationId);
  expect(urgingNotice).toMatchObject({ kind: 'urging', live: true });
  expect(urgingNotice?.message).toContain('请本周内完成合同备案并说明原因');
  expect(onRobot().filter((a) => a.includes('【催办】'))).toHaveLength(1);
  expect(await mailsOf(urged.body.notificationId)).toEqual([`staff-${tag}@dept.example.gov.cn`]);

  const answerPath = `/api/v1/urgings/${urged.body.id}/answers`;
  const answer = { reason: '合同原件在法务审核中', expectedOn: addDays(today, 3) };
  await system
    .http()
    .post(answerPath)
    .set(await as('dept-a'))
    .send(answer)
    .expect(404);
  await system.http().post(answerPath).set(op).send(answer).expect(403);
  const refusals = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findBy({ action: 'urging.refused', projectId: project });
  expect(refusals.map((r) => r.details)).toEqual(
    expect.arrayContaining([expect.objectContaining({ why: 'only the department answers' })]),
  );
  await system
    .http()
    .get(`/api/v1/oversight/urgings?department=${dept}`)
    .set(await as('dept-a'))
    .expect(404);

  // 反馈: recorded, and the bureau told: the urging operator by e-mail, the bureau's inbox, not the department's.
  const answered = await system.http().post(answerPath).set(staff).send(answer).expect(201);
  expect(answered.body).toMatchObject({
    state: 'answered',
    answer: { reason: answer.reason, expectedOn: answer.expectedOn, late: false },
  });
  await system.http().post(answerPath).set(staff).send(answer).expect(409);
  await dispatch();
  const told = (await inbox(`lc-op-${tag}`)).find(
    (i) => i.projectId === project && i.kind === 'urging-answer',
  );
  expect(told?.message).toContain('合同原件在法务审核中');
  expect(told?.message).toContain(answer.expectedOn);
  expect((await inbox(`lc-dept-${tag}`)).some((i) => i.kind === 'urging-answer')).toBe(false);
  expect(await mailsOf(told?.id as string)).toEqual([`op-${tag}@bureau.example.gov.cn`]);
  expect(onRobot().filter((a) => a.includes('【催办反馈】'))).toEqual([]);
  const audited = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findBy({ action: 'urging.answered', projectId: project });
  expect(audited).toHaveLength(1);

  // An urging whose answer date has passed unanswered is late (the date moved back, as if days had gone by).
  const second = await system
    .http()
    .post(urgePath)
    .set(op)
    .send({ message: '请尽快反馈', answerBy: today })
    .expect(201);
  await system.dataSource.query(`UPDATE urgings SET answer_by = $2 WHERE id = $1`, [
    second.body.id,
    addDays(today, -2),
  ]);
  const list = async (state: string) =>
    (
      await system
        .http()
        .get(`/api/v1/oversight/urgings?department=${dept}&state=${state}`)
        .set(op)
        .expect(200)
    ).body.items.map((u: { id: string }) => u.id);
  expect(await list('late')).toEqual([second.body.id]);
  expect(await list('open')).toEqual([]);
  expect(await list('answered')).toEqual([urged.body.id]);
  const own = await system.http().get('/api/v1/oversight/urgings?state=late').set(staff).expect(200);
  expect(own.body.items).toEqual([
    expect.objectContaining({ id: second.body.id, state: 'late', late: true }),
  ]);

  // The fact is recorded: the notices about it are resolved, and sort after every live one.
  await system
    .http()
    .post(`/api/v1/projects/${project}/events`)
    .set(staff)
    .send({ type: 'contract.filed', on: today })
    .expect(200);
  const after = await inbox(`lc-dept-${tag}`);
  const resolved = after.filter(
    (i) => i.projectId === project && ['overdue-notice', 'urging'].includes(i.kind),
  );
  expect(resolved.length).toBeGreaterThanOrEqual(3);
  for (const n of resolved) {
    expect(n).toMatchObject({ resolved: true, live: false, resolution: 'met' });
    expect(n.resolvedReason).toContain(`${today} 办结`);
  }
  const firstResolved = after.findIndex((i) => !i.live);
  expect(after.slice(firstResolved).every((i) => !i.live)).toBe(true);
  expect(await row()).toBeUndefined();
});
