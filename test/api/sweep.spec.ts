/**
 * The sweep repairs what a crash or an operator behind the API's back left: a registration row with no
 * workflow goes, a project whose workflow was terminated runs again with every fact it had, and an
 * imported one stays imported (its restart announces nothing overdue again).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { sweepProjects } from '../../apps/worker/sweeper';
import { AuditEntryEntity, NotificationEntity, ProjectEntity } from '../../db/entities';
import { statusQuery } from '../../workflows/messages';
import { useSystem } from './api-harness';
import { generatedProject, workbook } from './import-workbooks';

const system = useSystem();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

/** Visibility follows the server's state a moment later: wait until the list agrees. */
async function untilNotRunning(workflowId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    let running = false;
    for await (const w of system.env.client.workflow.list({
      query: `WorkflowId = '${workflowId}' AND ExecutionStatus = 'Running'`,
    }))
      running = running || w.workflowId === workflowId;
    if (!running) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${workflowId} still listed as running`);
}

it('removes a half-done registration and restarts a project whose workflow is gone', async () => {
  const dept = await as('dept-a');
  const project = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({
      name: `清扫测试项目-${randomUUID().slice(0, 6)}`,
      policy: 'shandong',
      planYear: 2026,
      investment: 3_500_000,
      events: [{ type: 'contract.signed', on: '2026-08-03' }],
    })
    .expect(201);
  const id = project.body.id as string;
  await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'contract.filed', on: '2026-08-07' })
    .expect(200);
  const workflowId = `project-${id}`;
  await system.env.client.workflow.getHandle(workflowId).terminate('behind the API');
  await untilNotRunning(workflowId);
  const orphan = randomUUID();
  await system.dataSource.getRepository(ProjectEntity).insert({
    id: orphan,
    name: '半途登记',
    departmentId: 'dept-a',
    policyId: 'wuhan',
    policyVersion: '1',
    attributes: { planYear: 2027, investment: 1 },
    status: 'registering',
    flags: [],
    workflowId: `project-${orphan}`,
  });

  // Young rows are left alone: their workflow may be on its way.
  const early = await sweepProjects({
    client: system.env.client,
    dataSource: system.dataSource,
    taskQueue: 'unused',
    graceMs: 60_000,
  });
  expect(early.removed).not.toContain(orphan);
  expect(early.restarted).not.toContain(id);

  const taskQueue = (await system.env.client.workflow.getHandle(workflowId).describe()).taskQueue;
  const swept = await sweepProjects({
    client: system.env.client,
    dataSource: system.dataSource,
    taskQueue,
    graceMs: 0,
  });
  expect(swept.removed).toContain(orphan);
  expect(swept.restarted).toContain(id);
  expect(await system.dataSource.getRepository(ProjectEntity).existsBy({ id: orphan })).toBe(false);

  // The project runs again with both facts: a new fact is recorded on top of them.
  const description = await system.env.client.workflow.getHandle(workflowId).describe();
  expect(description.status.name).toBe('RUNNING');
  const after = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'change.requested', on: '2026-11-20', amount: 1, newTotal: 3_500_000 })
    .expect(200);
  expect(after.body.factIndex).toBe(2);
  const filing = after.body.obligations.find((o: { key: string }) => o.key === 'contract.filing');
  expect(filing).toMatchObject({ status: 'met', metOn: '2026-08-07' });
  const actions = (
    await system.dataSource.getRepository(AuditEntryEntity).find({ where: { actorId: 'system:sweeper' } })
  ).map((e) => `${e.action}:${e.projectId}`);
  expect(actions).toEqual(
    expect.arrayContaining([`project.registration-removed:${orphan}`, `project.workflow-restarted:${id}`]),
  );
});

it('restarts an imported project as imported: what it finds overdue is not announced again', async () => {
  const prefix = `SWP${randomBytes(3).toString('hex')}`;
  // Every fourth project of a generated set never filed its contract; several are overdue since 2025.
  const rows = Array.from({ length: 8 }, (_, i) => generatedProject(prefix, i));
  const imported = await system
    .http()
    .post('/api/v1/imports')
    .set(await as('admin'))
    .attach('file', await workbook(rows), 'projects.xlsx')
    .expect(200);
  expect(imported.body).toMatchObject({ created: 8, refused: 0 });
  const all = await system.dataSource
    .getRepository(ProjectEntity)
    .findBy({ code: In(rows.map((r) => String(r.项目编号))) });
  const source = { kind: 'import', batchId: imported.body.batchId };
  expect(all.map((p) => p.source)).toEqual(all.map(() => source));
  const projects = all.filter((p) => p.overdueCount > 0);
  expect(projects.length).toBeGreaterThanOrEqual(2);
  const ids = projects.map((p) => p.id);
  const notices = () => system.dataSource.getRepository(NotificationEntity).findBy({ projectId: In(ids) });
  const before = await notices();

  for (const p of projects) {
    await system.env.client.workflow.getHandle(p.workflowId).terminate('lost with the Temporal database');
    await untilNotRunning(p.workflowId);
  }
  const taskQueue = (await system.env.client.workflow.getHandle(projects[0]!.workflowId).describe())
    .taskQueue;
  const swept = await sweepProjects({
    client: system.env.client,
    dataSource: system.dataSource,
    taskQueue,
    graceMs: 0,
  });
  expect(swept.restarted).toEqual(expect.arrayContaining(ids));

  // Each restarted workflow has made its first evaluation (and written whatever it would announce).
  for (const p of projects) {
    const handle = system.env.client.workflow.getHandle(p.workflowId);
    let view = await handle.query(statusQuery);
    for (let i = 0; i < 100 && !view.evaluation; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await handle.query(statusQuery);
    }
    expect(view.evaluation?.obligations.some((o) => o.status === 'overdue')).toBe(true);
  }
  expect(await notices()).toEqual(before);
  const restarts = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findBy({ action: 'project.workflow-restarted', projectId: In(ids) });
  expect(restarts.map((r) => (r.details as { source?: unknown }).source)).toEqual(projects.map(() => source));
});
