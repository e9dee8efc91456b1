/**
 * The yearly plan-filing cycle under time skipping: reminders before 30 September for the departments
 * that have not filed, none for those that have, escalation after it, and the cycle closes once all filed.
 */
import { randomUUID } from 'node:crypto';
import { DepartmentEntity, NotificationEntity, PlanFilingEntity, ProjectEntity } from '../../db/entities';
import { shanghaiDateOf, WorkingCalendar, yearOf } from '../../domain';
import { planFilingCycle } from '../../workflows';
import { planCycleQuery, planFiledSignal } from '../../workflows/messages';
import { finished, isolate, today, useTimeSkippingServers, worker } from './harness';
import { checkNotifications } from './notification-rules';
import { play } from './steps';

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);
const calendar = WorkingCalendar.standard();

async function departmentUnderJinhu(): Promise<string> {
  const id = `plan-dept-${randomUUID().slice(0, 6)}`;
  await servers.dataSource.getRepository(DepartmentEntity).insert({ id, name: `计划测试${id}` });
  await servers.dataSource.getRepository(ProjectEntity).insert({
    id: `plan-proj-${randomUUID().slice(0, 8)}`,
    name: '计划测试项目',
    departmentId: id,
    policyId: 'jinhu',
    policyVersion: '1',
    attributes: {},
    status: 'active',
    flags: [],
    workflowId: 'none',
  });
  return id;
}

const kindsOf = (rows: NotificationEntity[], dept: string) =>
  rows
    .filter((n) => n.departmentId === dept)
    .map((n) => `${n.kind}${(n.payload as { count: number | null }).count ?? ''}`);

it('reminds the departments that have not filed, escalates after 30 September, and closes when all filed', async () => {
  const early = await departmentUnderJinhu();
  const late = await departmentUnderJinhu();
  const planYear = yearOf(await today(servers.env)) + 2;
  const dueOn = calendar.rollForward(`${planYear - 1}-09-30`);
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await servers.env.client.workflow.start(planFilingCycle, {
      taskQueue: isolation.taskQueue(),
      workflowId: `plan-cycle-jinhu-${planYear}-${randomUUID().slice(0, 4)}`,
      args: [{ policyId: 'jinhu', planYear }],
    });
    let view = await handle.query(planCycleQuery);
    for (let i = 0; i < 50 && !view.dueOn; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = await handle.query(planCycleQuery);
    }
    expect(view).toMatchObject({ policyId: 'jinhu', planYear, dueOn });
    expect(view.departments.map((d) => d.id)).toEqual(expect.arrayContaining([early, late]));
    await servers.env.sleep('1 day');
    await servers.dataSource.getRepository(PlanFilingEntity).insert({
      departmentId: early,
      policyId: 'jinhu',
      planYear,
      filedOn: await today(servers.env),
      filedBy: 'test',
    });
    await handle.signal(planFiledSignal, { departmentId: early });
    await play(servers.env, handle as never, [{ sleepUntil: calendar.addWorkingDays(dueOn, 7) }]);
    const rows = await servers.dataSource
      .getRepository(NotificationEntity)
      .find({ where: { obligationKey: 'plan.filing' }, order: { scheduledFor: 'ASC' } });
    const ours = rows.filter((n) => n.departmentId === early || n.departmentId === late);
    expect(kindsOf(ours, early)).toEqual(['opens']);
    expect(kindsOf(ours, late)).toEqual([
      'opens',
      'reminder7',
      'reminder3',
      'reminder1',
      'due-today',
      'escalation1',
      'escalation2',
    ]);
    expect(checkNotifications(ours.filter((n) => n.kind !== 'opens'))).toEqual([]);
    expect(
      ours
        .filter((n) => n.departmentId === late && n.kind === 'escalation')
        .every((n) => n.audience === 'department-and-bureau'),
    ).toBe(true);
    expect(ours.every((n) => n.projectId === null && n.dueOn === dueOn)).toBe(true);

    // Every department with a Jinhu project in this database files now (other tests' ones included).
    const filedOn = shanghaiDateOf(await servers.env.currentTimeMs());
    for (const d of (await handle.query(planCycleQuery)).departments.filter((d) => !d.filedOn)) {
      await servers.dataSource.getRepository(DepartmentEntity).upsert({ id: d.id, name: d.id }, ['id']);
      await servers.dataSource
        .getRepository(PlanFilingEntity)
        .insert({ departmentId: d.id, policyId: 'jinhu', planYear, filedOn, filedBy: 'test' });
    }
    await handle.signal(planFiledSignal, { departmentId: late });
    expect(await finished(servers.env, handle.workflowId)).toBe('closed');
  });
});
