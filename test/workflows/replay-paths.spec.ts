/**
 * The smallest run of each path the lifecycle histories do not take (administrators' acts, a calendar
 * change, the plan-filing cycle, continue-as-new, a step failing past its retries), checked here and, with
 * SAVE_HISTORIES=<tag>, recorded for replay.spec.ts: a non-deterministic change on one of these paths
 * would otherwise reach running workflows unnoticed.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { DepartmentEntity, NotificationEntity, PlanFilingEntity } from '../../db/entities';
import { addDays, yearOf } from '../../domain';
import { planFilingCycle, type projectLifecycle } from '../../workflows';
import {
  calendarChangedSignal,
  grantExtensionUpdate,
  pauseUpdate,
  planCycleQuery,
  planFiledSignal,
  recordEventUpdate,
  resumeUpdate,
  retryIncidentUpdate,
  statusQuery,
  terminateUpdate,
} from '../../workflows/messages';
import { eventually, injectFault } from './faults';
import {
  admin,
  department,
  departmentUnder,
  finished,
  isolate,
  newProject,
  operator,
  today,
  useTimeSkippingServers,
  worker,
} from './harness';
import { saveHistory } from './histories';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);

/**
 * Ends a project's workflow before its history is recorded: replay checks a workflow task's commands only
 * against the events after it, so a history cut off mid-run leaves its last step's commands unchecked.
 */
async function ended(handle: WorkflowHandle<typeof projectLifecycle>): Promise<void> {
  await handle.executeUpdate(terminateUpdate, { args: [{ actor: admin, reason: '记录回放历史' }] });
  expect(await finished(servers.env, handle.workflowId)).toBe('terminated');
}

/** Runs `scenario` with a worker on this test's own task queue. */
async function withWorker(scenario: () => Promise<void>): Promise<void> {
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(scenario);
}

it('shandong: pause, resume, an extension and a termination, each an administrator act', async () => {
  await withWorker(async () => {
    const handle = await isolation.start(newProject('shandong'));
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on: await today(servers.env) }, actor: department }],
    });
    expect(
      (await handle.executeUpdate(pauseUpdate, { args: [{ actor: admin, reason: '监督检查' }] })).status,
    ).toBe('paused');
    await servers.env.sleep('3 days');
    await handle.executeUpdate(resumeUpdate, { args: [{ actor: admin, reason: '检查结束' }] });
    const until = addDays(await today(servers.env), 60);
    const extended = await handle.executeUpdate(grantExtensionUpdate, {
      args: [{ actor: operator, obligation: 'contract.filing', until, reason: '补充材料' }],
    });
    expect(extended.obligations.find((o) => o.key === 'contract.filing')?.dueOn).toBe(until);
    await handle.executeUpdate(terminateUpdate, { args: [{ actor: admin, reason: '职能调整' }] });
    expect(await finished(servers.env, handle.workflowId)).toBe('terminated');
    await saveHistory('shandong-controls', handle);
  });
});

it('jilin: a calendarChanged signal re-evaluates the project and tells it what moved', async () => {
  await withWorker(async () => {
    const handle = await isolation.start(newProject('jilin'));
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'construction.completed', on: await today(servers.env) }, actor: department }],
    });
    const before = (await handle.fetchHistory()).events?.length ?? 0;
    await handle.signal(calendarChangedSignal, { year: yearOf(await today(servers.env)), reason: 'test' });
    // The re-evaluation is an activity after the signal: wait for it to have completed.
    await eventually(async () => {
      const events = (await handle.fetchHistory()).events?.slice(before) ?? [];
      return events.some((e) => e.activityTaskCompletedEventAttributes);
    }, 'the re-evaluation after the signal');
    expect((await handle.query(statusQuery)).status).toBe('active');
    await ended(handle);
    await saveHistory('jilin-calendar-changed', handle);
  });
});

it('jinhu: a plan-filing cycle opens, reminds, and closes once every department has filed', async () => {
  const dept = await departmentUnder(servers.dataSource, 'jinhu');
  // Due 30 September of the year before the plan year: the year after next leaves a reminder ahead.
  const planYear = yearOf(await today(servers.env)) + 2;
  await withWorker(async () => {
    const handle = await servers.env.client.workflow.start(planFilingCycle, {
      taskQueue: isolation.taskQueue(),
      workflowId: `plan-cycle-jinhu-${planYear}-${randomUUID().slice(0, 4)}`,
      args: [{ policyId: 'jinhu', planYear }],
    });
    const view = await eventually(async () => {
      const v = await handle.query(planCycleQuery);
      return v.nextWakeupAt ? v : null;
    }, 'the cycle to plan its first reminder');
    await servers.env.sleep((view.nextWakeupAt as number) - (await servers.env.currentTimeMs()) + 60_000);
    await eventually(
      () =>
        servers.dataSource
          .getRepository(NotificationEntity)
          .findOneBy({ departmentId: dept, obligationKey: 'plan.filing', kind: 'reminder' }),
      'a reminder to the department that has not filed',
    );
    // Every department counted files, other tests' ones too when they share this database.
    const filedOn = await today(servers.env);
    for (const d of (await handle.query(planCycleQuery)).departments.filter((d) => !d.filedOn)) {
      // Workflow tests write projects straight into the read model, some under departments never created.
      await servers.dataSource
        .createQueryBuilder()
        .insert()
        .into(DepartmentEntity)
        .values({ id: d.id, name: `测试部门 ${d.id}` })
        .orIgnore()
        .execute();
      await servers.dataSource
        .getRepository(PlanFilingEntity)
        .insert({ departmentId: d.id, policyId: 'jinhu', planYear, filedOn, filedBy: 'test' });
    }
    await handle.signal(planFiledSignal, { departmentId: dept });
    expect(await finished(servers.env, handle.workflowId)).toBe('closed');
    await saveHistory('jinhu-plan-filing-cycle', handle);
  });
});

it('wuhan: facts past the history limit continue as new, twice, with the facts carried', async () => {
  const project = newProject('wuhan');
  await withWorker(async () => {
    // A small limit stands in for Temporal's suggestion, so each run's history stays small.
    const handle = await isolation.start(project, { historyLimit: 40 });
    const on = await today(servers.env);
    const change = { type: 'change.requested', on, amount: 1, newTotal: 1_000_000 } as const;
    const FACTS = 7;
    for (let i = 0; i < FACTS; i++) {
      await handle.executeUpdate(recordEventUpdate, {
        args: [{ event: change, actor: department }],
        updateId: `change-${i}`,
      });
    }
    const chain = async (): Promise<WorkflowHandle[]> => {
      const found: WorkflowHandle[] = [];
      let runId: string | null | undefined = handle.firstExecutionRunId;
      while (runId) {
        const run: WorkflowHandle = servers.env.client.workflow.getHandle(handle.workflowId, runId);
        const events: HistoryEvent[] = (await run.fetchHistory()).events ?? [];
        found.push(run);
        runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
      }
      return found;
    };
    // A run continues as new after its last update has answered, once its handlers are done: the walk
    // can get there before the last one has (it did, once, on a loaded machine).
    const runs = await eventually(async () => {
      const found = await chain();
      return found.length >= 3 ? found : null;
    }, 'the third run').catch(chain);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect((await handle.query(statusQuery)).facts).toHaveLength(FACTS);
    // The first run, and a later one that both starts from carried state and continues as new.
    await saveHistory('wuhan-continued-as-new', runs[0] as WorkflowHandle);
    await saveHistory('wuhan-continued-as-new-run2', runs[1] as WorkflowHandle);
  });
});

it('yunfu: a fact whose step fails past its retries is refused, the projection becomes an incident, an admin retry carries on', async () => {
  const project = newProject('yunfu', {
    planYear: yearOf(await today(servers.env)) + 2,
    investment: 2_500_000,
  });
  await withWorker(async () => {
    const handle = await isolation.start(project);
    await eventually(async () => (await handle.query(statusQuery)).evaluation, 'the first evaluation');
    // Serialization failures: a retry might fix them, so Temporal retries each step before giving up.
    const fault = await injectFault(servers.dataSource, project.id, '40001');
    try {
      const fact = {
        event: { type: 'plan.filed' as const, on: await today(servers.env) },
        actor: department,
      };
      await expect(handle.executeUpdate(recordEventUpdate, { args: [fact] })).rejects.toMatchObject({
        cause: { type: 'FactNotRecorded' },
      });
      await servers.env.sleep('15 minutes');
      const incident = await eventually(
        async () => (await handle.query(statusQuery)).incident,
        'an incident',
      );
      expect(incident).toMatchObject({ step: 'projection', errorType: 'DatabaseError', attempts: 8 });
      await fault.remove();
      await handle.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin, incidentId: incident.id }] });
      await eventually(async () => !(await handle.query(statusQuery)).incident, 'the retried step');
      expect((await handle.executeUpdate(recordEventUpdate, { args: [fact] })).factIndex).toBe(0);
      await ended(handle);
      await saveHistory('yunfu-activity-retried', handle);
    } finally {
      await fault.remove();
    }
  });
});
