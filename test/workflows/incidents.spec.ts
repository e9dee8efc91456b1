/**
 * A step that cannot succeed neither spins forever nor freezes the project: an impossible date is refused
 * up front, a failing activity stops after bounded retries, the step becomes an incident (a row and the
 * `status` query), facts are still answered meanwhile, and an administrator's retry after the fix carries on.
 * Faults are real PostgreSQL errors, raised by a trigger on the read model's `projects` table.
 */
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { IncidentInput } from '../../activities/types';
import { FactEntity, IncidentEntity, ProjectEntity } from '../../db/entities';
import { addDays } from '../../domain';
import type { projectLifecycle } from '../../workflows';
import { recordEventUpdate, retryIncidentUpdate, statusQuery } from '../../workflows/messages';
import { eventually, injectFault } from './faults';
import { admin, department, isolate, newProject, today, useTimeSkippingServers, worker } from './harness';
import { saveHistory } from './histories';

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);

const openIncident = (handle: WorkflowHandle<typeof projectLifecycle>) =>
  eventually(async () => (await handle.query(statusQuery)).incident, 'an open incident');

it('an impossible date sent straight to the workflow is refused with the field named, and the project records the next fact', async () => {
  const project = newProject('wuhan');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await isolation.start(project);
    const bad = { type: 'construction.completed', on: '2026-09-31' } as const;
    await expect(
      handle.executeUpdate(recordEventUpdate, { args: [{ event: bad, actor: department }] }),
    ).rejects.toMatchObject({
      cause: { message: '「on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2026-09-31' },
    });
    const on = await today(servers.env);
    const result = await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'construction.completed', on }, actor: department }],
    });
    expect(result.factIndex).toBe(0);
  });
});

it('a step failing for good opens an incident at once; facts are refused with the reason meanwhile; an admin retry after the fix carries on', async () => {
  const project = newProject('wuhan');
  const fault = await injectFault(servers.dataSource, project.id, '22023');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  try {
    await w.runUntil(async () => {
      const handle = await isolation.start(project);
      const incident: IncidentInput = await openIncident(handle);
      expect(incident).toMatchObject({
        step: 'registration',
        errorType: 'DatabaseDataError',
        attempts: 1,
        projectId: project.id,
        departmentId: project.departmentId,
      });
      expect(incident.error).toContain('22023');
      const row = await eventually(
        () => servers.dataSource.getRepository(IncidentEntity).findOneBy({ id: incident.id }),
        'the incident row',
      );
      expect(row).toMatchObject({ step: 'registration', resolvedAt: null, attempts: 1 });

      // The project still answers: a fact is refused at once with the reason, and nothing is recorded.
      const asked = Date.now();
      const refused = await handle
        .executeUpdate(recordEventUpdate, {
          args: [
            { event: { type: 'construction.completed', on: await today(servers.env) }, actor: department },
          ],
        })
        .catch((error: unknown) => error);
      expect(Date.now() - asked).toBeLessThan(15_000);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause?.message).toContain('未能记录该事实，项目保持原状');
      expect((await handle.query(statusQuery)).facts).toEqual([]);

      // Only an administrator, and only for the incident that waits.
      await expect(
        handle.executeUpdate(retryIncidentUpdate, { args: [{ actor: department, incidentId: incident.id }] }),
      ).rejects.toThrow();
      await expect(
        handle.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin, incidentId: randomUUID() }] }),
      ).rejects.toThrow();

      await fault.remove();
      const retried = await handle.executeUpdate(retryIncidentUpdate, {
        args: [{ actor: admin, incidentId: incident.id }],
      });
      expect(retried).toEqual({ step: 'registration' });
      await eventually(async () => {
        const view = await handle.query(statusQuery);
        return !view.incident && view.evaluation;
      }, 'the step to succeed');
      await eventually(
        () => servers.dataSource.getRepository(ProjectEntity).findOneBy({ id: project.id }),
        'the read model',
      );
      const recorded = await handle.executeUpdate(recordEventUpdate, {
        args: [
          { event: { type: 'construction.completed', on: await today(servers.env) }, actor: department },
        ],
      });
      expect(recorded.factIndex).toBe(0);
      await saveHistory('wuhan-incident', handle);
    });
  } finally {
    await fault.remove();
  }
});

it('a step failing with an error a retry might fix is retried a bounded number of times, then becomes an incident', async () => {
  const project = newProject('shandong');
  const fault = await injectFault(servers.dataSource, project.id, '40001');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  try {
    await w.runUntil(async () => {
      const handle = await isolation.start(project);
      await servers.env.sleep('15 minutes');
      const incident = await openIncident(handle);
      expect(incident).toMatchObject({ step: 'registration', errorType: 'DatabaseError', attempts: 8 });
      expect(incident.error).toContain('40001');
    });
  } finally {
    await fault.remove();
  }
});

it('a fact whose later step fails after the read model took it is refused, and the read model forgets it', async () => {
  const project = newProject('shandong');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await isolation.start(project);
    await eventually(async () => (await handle.query(statusQuery)).evaluation, 'the first evaluation');
    // A contract signed a month ago: its filing is overdue at once, and that notice cannot be written.
    const fault = await injectFault(servers.dataSource, project.id, '23514', 'notifications');
    try {
      const on = addDays(await today(servers.env), -30);
      await expect(
        handle.executeUpdate(recordEventUpdate, {
          args: [{ event: { type: 'contract.signed', on }, actor: department }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FactNotRecorded' } });
      expect((await handle.query(statusQuery)).facts).toEqual([]);
      await eventually(
        async () =>
          (await servers.dataSource.getRepository(FactEntity).countBy({ projectId: project.id })) === 0,
        'the refused fact to leave the read model',
      );
    } finally {
      await fault.remove();
    }
    const on = addDays(await today(servers.env), -30);
    const recorded = await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on }, actor: department }],
    });
    expect(recorded.factIndex).toBe(0);
    expect(await servers.dataSource.getRepository(FactEntity).countBy({ projectId: project.id })).toBe(1);
  });
});
