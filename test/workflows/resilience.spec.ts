/** Worker restarts, continue-as-new and calendar changes: the workflow keeps its word across all of them. */
import { CalendarYearEntity, FactEntity, ObligationEntity } from '../../db/entities';
import { addDays, WorkingCalendar, yearOf } from '../../domain';
import { calendarChangedSignal, recordEventUpdate, statusQuery } from '../../workflows/messages';
import { checkNotifications, kinds, remindedThenEscalated } from './notification-rules';
import {
  department,
  isolate,
  newProject,
  notifications,
  useTimeSkippingServers,
  today,
  worker,
} from './harness';

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);

it('a worker stopped in the middle of a months-long timer: the next one delivers each reminder exactly once', async () => {
  const project = newProject('wuhan');
  // No workflow cache: its tasks stay on the shared queue rather than this worker's sticky one, as after
  // a crash once the server gives up on the sticky queue (the test server never does).
  const first = await worker(servers.env, servers.dataSource, isolation.taskQueue(), {
    maxCachedWorkflows: 0,
  });
  const handle = await first.runUntil(async () => {
    const h = await isolation.start(project);
    await h.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'construction.completed', on: await today(servers.env) }, actor: department }],
    });
    await servers.env.sleep('30 days');
    return h;
  });
  // The first worker is gone while the workflow waits on a timer months long.
  expect((await handle.describe()).status.name).toBe('RUNNING');
  expect(await notifications(servers.dataSource, project.id)).toEqual([]);
  const dueOn = (
    await servers.dataSource
      .getRepository(ObligationEntity)
      .findOneByOrFail({ projectId: project.id, key: 'acceptance.completion' })
  ).dueOn;

  // A new worker with nothing cached replays the history and carries on.
  const second = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await second.runUntil(() => servers.env.sleep('170 days'));
  const all = await notifications(servers.dataSource, project.id);
  const rows = all.filter((n) => n.obligationKey === 'acceptance.completion');
  remindedThenEscalated(kinds(all, 'acceptance.completion'));
  expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
  expect(rows.every((r) => r.dueOn === dueOn)).toBe(true);
  expect(checkNotifications(rows)).toEqual([]);
});

it('continue-as-new forced by a low history limit keeps every fact, date and idempotency key', async () => {
  const project = newProject('shandong');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await isolation.start(project, { historyLimit: 20 });
    const firstRun = (await handle.describe()).runId;
    const on = await today(servers.env);
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on }, actor: department }],
      updateId: 'contract',
    });
    await servers.env.sleep('3 days');
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.filed', on: await today(servers.env) }, actor: department }],
      updateId: 'filed',
    });
    await servers.env.sleep('20 days');
    const before = await handle.query(statusQuery);
    expect((await handle.describe()).runId).not.toBe(firstRun);
    // The same key after continue-as-new still records nothing new.
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.filed', on: await today(servers.env) }, actor: department }],
      updateId: 'filed',
    });
    const after = await handle.query(statusQuery);
    expect(after.facts.map((f) => [f.event.type, f.idempotencyKey])).toEqual([
      ['contract.signed', 'contract'],
      ['contract.filed', 'filed'],
    ]);
    expect(after.evaluation?.obligations.map((o) => [o.key, o.dueOn, o.status])).toEqual(
      before.evaluation?.obligations.map((o) => [o.key, o.dueOn, o.status]),
    );
    expect(await servers.dataSource.getRepository(FactEntity).countBy({ projectId: project.id })).toBe(2);
  });
});

it('calendarChanged: a newly loaded notice moves a provisional due date and the department is told both dates', async () => {
  const calendar = WorkingCalendar.standard();
  const project = newProject('wuhan');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  const year = { value: 0 };
  try {
    await w.runUntil(async () => {
      const handle = await isolation.start(project);
      await handle.executeUpdate(recordEventUpdate, {
        args: [{ event: { type: 'operation.started', on: await today(servers.env) }, actor: department }],
      });
      const before = (await handle.query(statusQuery)).evaluation?.obligations.find(
        (o) => o.key === 'self-evaluation',
      );
      const oldDue = before?.dueOn as string;
      expect(before?.provisional).toBe(true);
      year.value = yearOf(oldDue);
      // A notice for that year that makes the due day a rest day (a test notice, not a published one).
      const notice = { year: year.value, days: [{ name: '测试假日', date: oldDue, isOffDay: true }] };
      await servers.dataSource
        .getRepository(CalendarYearEntity)
        .save({ year: year.value, notice, source: 'test notice', loadedBy: 'admin-1' });
      await handle.signal(calendarChangedSignal, { year: year.value, reason: 'test notice loaded' });
      await servers.env.sleep('1 hour');
      const expectedDue = calendar.withNotice(notice).rollForward(addDays(oldDue, 1));
      const moved = await servers.dataSource
        .getRepository(ObligationEntity)
        .findOneByOrFail({ projectId: project.id, key: 'self-evaluation' });
      expect(moved.dueOn).toBe(expectedDue);
      expect((moved.explanation as { due: { calendar: unknown[] } }).due.calendar).toContainEqual({
        year: year.value,
        official: true,
        source: 'test notice',
      });
      const told = (await notifications(servers.dataSource, project.id)).filter(
        (n) => n.kind === 'date-changed',
      );
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({
        obligationKey: 'self-evaluation',
        dueOn: expectedDue,
        audience: 'department',
      });
      expect(told[0]?.payload).toMatchObject({ previousDueOn: oldDue });
    });
  } finally {
    await servers.dataSource.getRepository(CalendarYearEntity).delete({ year: year.value });
  }
});
