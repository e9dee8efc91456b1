/** Registration when the workflow service cannot be reached: 503, and nothing is left behind. */
import { randomUUID } from 'node:crypto';
import { AuditEntryEntity, ProjectEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem({ namespace: `no-such-namespace-${randomUUID().slice(0, 8)}` });

it('answers 503 and leaves no project row', async () => {
  const name = `不可用登记项目-${randomUUID().slice(0, 6)}`;
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set({ Authorization: `Bearer ${await system.token('dept-a')}`, 'Idempotency-Key': `k-${randomUUID()}` })
    .send({ name, policy: 'wuhan', planYear: 2027, investment: 900_000 });
  expect(res.status).toBe(503);
  expect(res.body.detail).toContain('工作流服务暂不可用');
  expect(await system.dataSource.getRepository(ProjectEntity).countBy({ name })).toBe(0);
  const actions = (
    await system.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { actorId: 'user-dept-a' }, order: { id: 'DESC' }, take: 2 })
  ).map((e) => e.action);
  expect(actions).toEqual(['project.registration-abandoned', 'project.registered']);
});
