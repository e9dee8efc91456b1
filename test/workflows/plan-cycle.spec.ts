/**
 * The yearly plan-filing cycle under time skipping: reminders before 30 September for the departments
 * that have not filed, none for those that have, escalation after it, and the cycle closes once all filed.
 */
import { randomUUID } from 'node:crypto';
import { DepartmentEntity, IncidentEntity, NotificationEntity, PlanFilingEntity } from '../../db/entities';
import { shanghaiDateOf, WorkingCalendar, yearOf } from '../../domain';
import { planFilingCycle } from '../../workflows';
import { planCycleQuery, planFiledSignal, retryIncidentUpdate } from '../../workflows/messages';
import { admin, departmentUnder, finished, isolate, today, useTimeSkippingServers, worker } from './harness';
import { checkNotifications } from './notification-rules';
import { play } from './steps';

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);
const calendar = WorkingCalendar.standard();

const kindsOf = (rows: NotificationEntity[], dept: string) =>
  rows
    .filter((n) => n.departmentId === dept)
    .map((n) => `${n.kind}${(n.payload as { count: number | null }).count ?? ''}`);

it('reminds the departments that have not filed, escalates after 30 September, and closes when all filed', async () => {
  const early = await departmentUnder(servers.dataSource, 'jinhu');
  const late = await departmentUnder(servers.dataSource, 'jinhu');
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
      // five working days overdue: the department's head is told too
      'escalation-head5',
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

it('a cycle whose step cannot succeed opens an incident instead of retrying forever; a retry runs the step again', async () => {
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    // Wuhan has no plan-filing rule: a cycle started for it is a configuration mistake.
    const handle = await servers.env.client.workflow.start(planFilingCycle, {
      taskQueue: isolation.taskQueue(),
      workflowId: `plan-cycle-wuhan-${randomUUID().slice(0, 4)}`,
      args: [{ policyId: 'wuhan', planYear: 2030 }],
    });
    const openIncident = async () => {
      for (let i = 0; i < 100; i++) {
        const { incident } = await handle.query(planCycleQuery);
        if (incident) return incident;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no incident opened');
    };
    const first = await openIncident();
    expect(first).toMatchObject({ step: 'plan-cycle', errorType: 'NoPlanFilingRule', attempts: 1 });
    expect(first.subject).toContain('2030 年度计划申报周期');
    await handle.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin, incidentId: first.id }] });
    // The cause is not fixed: the step fails again, and a new incident says so.
    let second = await openIncident();
    for (let i = 0; i < 100 && second.id === first.id; i++) second = await openIncident();
    expect(second.id).not.toBe(first.id);
    // The query shows an incident as soon as it opens; its row follows once the activity has written it.
    let rows: IncidentEntity[] = [];
    for (let i = 0; i < 100 && rows.length < 2; i++) {
      rows = await servers.dataSource.getRepository(IncidentEntity).findBy({ workflowId: handle.workflowId });
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    await handle.terminate('test finished');
  });
});
