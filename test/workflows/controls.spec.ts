/** Pause, resume, terminate, idempotent updates and refusals, on a time-skipping server. */
import { FactEntity, ObligationEntity } from '../../db/entities';
import { addMonths, WorkingCalendar } from '../../domain';
import {
  grantExtensionUpdate,
  pauseUpdate,
  recordEventUpdate,
  resumeUpdate,
  statusQuery,
  terminateUpdate,
} from '../../workflows/messages';
import {
  admin,
  department,
  finished,
  isolate,
  newProject,
  notifications,
  operator,
  useTimeSkippingServers,
  today,
  worker,
} from './harness';

const calendar = WorkingCalendar.standard();
const servers = useTimeSkippingServers();

const isolation = isolate(() => servers.env);
const started = (project: ReturnType<typeof newProject>) => isolation.start(project);

const dueOf = async (projectId: string, key: string) =>
  (await servers.dataSource.getRepository(ObligationEntity).findOneByOrFail({ projectId, key })).dueOn;

it('pause for 10 days, then resume: the filing gets its working days back and nobody is reminded meanwhile', async () => {
  const project = newProject('shandong');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await started(project);
    const signedOn = await today(servers.env);
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on: signedOn }, actor: department }],
    });
    const originalDue = await dueOf(project.id, 'contract.filing');
    expect(originalDue).toBe(calendar.addWorkingDays(signedOn, 5));

    await expect(
      handle.executeUpdate(pauseUpdate, { args: [{ actor: department, reason: '监督检查' }] }),
    ).rejects.toThrow();
    const paused = await handle.executeUpdate(pauseUpdate, { args: [{ actor: admin, reason: '监督检查' }] });
    expect(paused.status).toBe('paused');
    const pausedOn = await today(servers.env);
    const writtenBefore = (await notifications(servers.dataSource, project.id)).length;
    await servers.env.sleep('10 days');
    expect(await notifications(servers.dataSource, project.id)).toHaveLength(writtenBefore);

    const resumed = await handle.executeUpdate(resumeUpdate, {
      args: [{ actor: admin, reason: '检查结束' }],
    });
    const resumedOn = await today(servers.env);
    const remaining = calendar.workingDaysBetween(pausedOn, originalDue as string);
    const expectedDue =
      remaining > 0 ? calendar.addWorkingDays(resumedOn, remaining) : calendar.rollForward(resumedOn);
    expect(resumed.status).toBe('active');
    expect(resumed.obligations.find((o) => o.key === 'contract.filing')?.dueOn).toBe(expectedDue);
    expect(await dueOf(project.id, 'contract.filing')).toBe(expectedDue);

    await servers.env.sleep('20 days');
    const after = (await notifications(servers.dataSource, project.id)).filter(
      (n) => n.obligationKey === 'contract.filing',
    );
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((n) => n.dueOn === expectedDue)).toBe(true);
  });
});

it('terminate: open obligations are waived, the workflow ends, later facts are refused', async () => {
  const project = newProject('wuhan');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await started(project);
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'construction.completed', on: await today(servers.env) }, actor: department }],
    });
    await expect(
      handle.executeUpdate(terminateUpdate, { args: [{ actor: department, reason: '职能调整' }] }),
    ).rejects.toThrow();
    const result = await handle.executeUpdate(terminateUpdate, {
      args: [{ actor: admin, reason: '职能调整' }],
    });
    expect(result.status).toBe('terminated');
    expect(result.obligations.map((o) => [o.key, o.status])).toEqual(
      expect.arrayContaining([['acceptance.completion', 'waived']]),
    );
    expect(await finished(servers.env, handle.workflowId)).toBe('terminated');
    const stored = await servers.dataSource
      .getRepository(FactEntity)
      .findOneByOrFail({ projectId: project.id, type: 'termination.requested' });
    expect(stored).toMatchObject({ actorId: admin.id, actorRole: 'admin' });
    expect(stored.payload).toMatchObject({ reason: '职能调整' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    await expect(
      handle.executeUpdate(recordEventUpdate, {
        args: [{ event: { type: 'acceptance.passed', on: await today(servers.env) }, actor: admin }],
      }),
    ).rejects.toThrow();
  });
});

it('jinhu: a termination needs a month of notice, then takes effect on its day', async () => {
  const project = newProject('jinhu', { category: 'general', planYear: 2099 });
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await started(project);
    const on = await today(servers.env);
    await expect(
      handle.executeUpdate(terminateUpdate, {
        args: [{ actor: admin, reason: '合并建设', effectiveOn: on }],
      }),
    ).rejects.toThrow();
    const effectiveOn = addMonths(on, 1).date;
    const accepted = await handle.executeUpdate(terminateUpdate, {
      args: [{ actor: admin, reason: '合并建设', effectiveOn }],
    });
    expect(accepted.status).toBe('active');
    await servers.env.sleep('35 days');
    expect(await finished(servers.env, handle.workflowId)).toBe('terminated');
  });
});

it('one update id twice records one fact; an invalid fact is refused with its reason and leaves no trace', async () => {
  const project = newProject('shandong');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await started(project);
    const on = await today(servers.env);
    const update = {
      args: [{ event: { type: 'contract.signed', on }, actor: department }] as const,
      updateId: 'same-key',
    };
    const first = await handle.executeUpdate(recordEventUpdate, { ...update, args: [...update.args] });
    const second = await handle.executeUpdate(recordEventUpdate, { ...update, args: [...update.args] });
    expect(second).toEqual(first);

    const refused = handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'acceptance.passed', on }, actor: admin }],
      updateId: 'refused-1',
    });
    await expect(refused).rejects.toMatchObject({
      cause: expect.objectContaining({
        message: expect.stringContaining('尚未登记“完成建设任务”，不能登记“竣工验收通过”'),
        details: [
          expect.objectContaining({
            code: 'requires',
            params: expect.objectContaining({ required: 'construction.completed' }),
          }),
        ],
      }),
    });
    const view = await handle.query(statusQuery);
    expect(view.facts.map((f) => f.event.type)).toEqual(['contract.signed']);
    expect(await servers.dataSource.getRepository(FactEntity).countBy({ projectId: project.id })).toBe(1);
    const history = await handle.fetchHistory();
    const mentions = JSON.stringify(history.events ?? []).includes('refused-1');
    expect(mentions).toBe(false);
  });
});

it('grantExtension: the bureau moves a due date; a department may not', async () => {
  const project = newProject('shandong');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await started(project);
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'construction.completed', on: await today(servers.env) }, actor: department }],
    });
    const original = await dueOf(project.id, 'acceptance.application');
    const until = calendar.addWorkingDays(original as string, 20);
    await expect(
      handle.executeUpdate(grantExtensionUpdate, {
        args: [{ actor: department, obligation: 'acceptance.application', until }],
      }),
    ).rejects.toThrow();
    const result = await handle.executeUpdate(grantExtensionUpdate, {
      args: [{ actor: operator, obligation: 'acceptance.application', until, reason: '申请延期验收' }],
    });
    expect(result.obligations.find((o) => o.key === 'acceptance.application')).toMatchObject({
      dueOn: until,
      extended: { originalDueOn: original, until },
    });
    expect(await dueOf(project.id, 'acceptance.application')).toBe(until);
  });
});
