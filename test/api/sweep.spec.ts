/**
 * The sweep repairs what a crash or an operator behind the API's back left: a registration row with no
 * workflow goes, a project whose workflow was terminated runs again with every fact it had.
 */
import { randomUUID } from 'node:crypto';
import { sweepProjects } from '../../apps/worker/sweeper';
import { AuditEntryEntity, ProjectEntity } from '../../db/entities';
import { useSystem } from './api-harness';

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
