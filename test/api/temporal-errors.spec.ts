/**
 * Temporal failures are told apart by their type, not their message: a namespace the server does
 * not know fails with NamespaceNotFoundError ("… not found"), which is the service being
 * unavailable (503), not a closed project (409) or a missing schedule (404).
 */
import { randomUUID } from 'node:crypto';
import { ProjectEntity } from '../../db/entities';
import { shanghaiDateOf } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem({ namespace: `no-such-namespace-${randomUUID().slice(0, 8)}` });
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

it('answers 503 when the workflow service cannot take a fact, and records nothing', async () => {
  const id = randomUUID();
  await system.dataSource.getRepository(ProjectEntity).insert({
    id,
    name: '服务不可用测试项目',
    departmentId: 'dept-a',
    policyId: 'shandong',
    policyVersion: '1',
    attributes: { planYear: 2027, investment: 1, registeredOn: shanghaiDateOf(Date.now()) },
    status: 'active',
    flags: [],
    workflowId: `project-${id}`,
  });
  const res = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(await as('dept-a'))
    .send({ type: 'contract.signed', on: shanghaiDateOf(Date.now()) })
    .expect(503);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.detail).toContain('工作流服务暂不可用');
  const audit = await system
    .http()
    .get(`/api/v1/projects/${id}`)
    .set(await as('dept-a'))
    .expect(200);
  expect(audit.body.audit).toEqual([]);
});

it('does not call an unreachable schedule missing', async () => {
  await system
    .http()
    .get('/api/v1/plan-filings/schedules')
    .set(await as('operator'))
    .expect(503);
});
