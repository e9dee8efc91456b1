/**
 * Graduated escalation on a time-skipping server: a contract left unfiled is escalated to the
 * department (and the bureau's operators) on its first overdue working day, also to the department's
 * head N = 5 working days overdue, and also to the bureau's leadership M = 10 working days overdue;
 * the dispatcher sends the tier notices to the head contact and the leadership account.
 */
import { randomUUID } from 'node:crypto';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { DeliveryEntity, DepartmentEntity, UserEntity } from '../../db/entities';
import { insertAccount } from '../../db/repositories/accounts.repository';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { projectLifecycle } from '../../workflows';
import { TASK_QUEUE } from '../../workflows/messages';
import { newProject, notifications, today, useTimeSkippingServers, worker, workflowIdOf } from './harness';
import { checkNotifications } from './notification-rules';
import { play } from './steps';

const servers = useTimeSkippingServers();
const calendar = WorkingCalendar.standard();

it('reaches the head of department at N and the leadership at M working days overdue', async () => {
  const tag = randomUUID().slice(0, 6);
  const departmentId = `dept-esc-${tag}`;
  const headEmail = `head-${tag}@dept.example.gov.cn`;
  const leaderEmail = `leader-${tag}@bureau.example.gov.cn`;
  await servers.dataSource.getRepository(DepartmentEntity).insert({
    id: departmentId,
    name: `督办测试局${tag}`,
    contacts: [
      { name: '联络员', email: `staff-${tag}@dept.example.gov.cn` },
      { name: '王主任', email: headEmail, role: 'head' },
    ],
  });
  const leader = await insertAccount(servers.dataSource.manager, {
    username: `leader-${tag}`,
    displayName: '局领导',
    // Not an operator: operators get every escalation anyway, so only the tier can reach this account.
    role: 'admin',
    departmentId: null,
    email: leaderEmail,
    passwordHash: 'scrypt$unused',
  });
  await servers.dataSource
    .getRepository(UserEntity)
    .update({ id: leader.id }, { escalationRole: 'leadership' });
  const project = { ...newProject('shandong', { planYear: 2027 }), departmentId };
  const actor = { id: 'dept-user-esc', role: 'department' as const, departmentId };

  const w = await worker(servers.env, servers.dataSource);
  const rows = await w.runUntil(async () => {
    const handle = await servers.env.client.workflow.start(projectLifecycle, {
      taskQueue: TASK_QUEUE,
      workflowId: workflowIdOf(project),
      args: [{ project }],
    });
    await play(servers.env, handle, [{ record: 'contract.signed', as: actor }]);
    const signed = await today(servers.env);
    const dueOn = calendar.addWorkingDays(signed, 5);
    await play(servers.env, handle, [{ sleepUntil: calendar.addWorkingDays(dueOn, 11) }]);
    const found = await notifications(servers.dataSource, project.id);
    await handle.terminate('test finished');
    return found.filter((n) => n.obligationKey === 'contract.filing');
  });

  expect(checkNotifications(rows)).toEqual([]);
  const dueOn = rows[0]?.dueOn as string;
  const escalations = rows
    .filter((n) => n.kind.startsWith('escalation'))
    .map((n) => [
      n.kind,
      calendar.workingDaysBetween(dueOn, shanghaiDateOf(n.scheduledFor.getTime())),
      (n.payload as { reach?: string }).reach,
    ]);
  expect(escalations).toEqual([
    ['escalation', 1, 'department'],
    ['escalation-head', 5, 'head'],
    ['escalation', 6, 'head'],
    ['escalation-leadership', 10, 'leadership'],
    ['escalation', 11, 'leadership'],
  ]);
  const head = rows.find((n) => n.kind === 'escalation-head');
  expect((head?.payload as { message: string }).message).toMatch(
    /^【逾期督办·部门负责人】.*已逾期 5 个工作日/,
  );

  // The dispatcher fans each notice out: the tier notices also to the head, then to the leadership.
  await new Dispatcher(servers.dataSource, { email: null }).fanOut();
  const deliveries = await servers.dataSource
    .getRepository(DeliveryEntity)
    .createQueryBuilder('d')
    .where('d.notification_id IN (:...ids)', { ids: rows.map((n) => n.id) })
    .getMany();
  const to = (kind: string, round?: number) =>
    deliveries
      .filter((d) =>
        rows.some(
          (n) =>
            n.id === d.notificationId &&
            n.kind === kind &&
            (round === undefined ||
              calendar.workingDaysBetween(dueOn, shanghaiDateOf(n.scheduledFor.getTime())) === round),
        ),
      )
      .map((d) => d.recipient);
  expect(to('escalation', 1)).not.toContain(headEmail);
  expect(to('escalation-head')).toContain(headEmail);
  expect(to('escalation-head')).not.toContain(leaderEmail);
  expect(to('escalation-leadership')).toEqual(expect.arrayContaining([headEmail, leaderEmail]));
  expect(to('escalation', 11)).toEqual(expect.arrayContaining([headEmail, leaderEmail]));
});
